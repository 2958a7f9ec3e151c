using System.Text.RegularExpressions;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// The indexes and constraints the store reads through (cypher/schema), created where missing, and the search text of
/// nodes written without it.
/// </summary>
internal sealed class Neo4jSchemaSetup(Neo4jConnection connection)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var server = await connection.ServerAsync(cancellationToken).ConfigureAwait(false);
        var schema = CypherStatements.Split(CypherStatements.Get(server.IsLegacy ? "schema/schema-3x" : "schema/schema"));
        if (server.IsLegacy)
        {
            // 3.x has no IF NOT EXISTS, and its schema statements take the schema lock even when there is nothing to do.
            var existing = (await connection.ReadAsync(CypherStatements.Get("queries/list-schema-3x"), null, cancellationToken).ConfigureAwait(false))
                .Select(r => SchemaKey(r[0].GetString()!)).ToHashSet(StringComparer.Ordinal);
            schema = [.. schema.Where(s => !existing.Contains(SchemaKey(s)))];
        }
        foreach (var statement in schema)
        {
            await connection.RunRetriedAsync(statement, null, cancellationToken).ConfigureAwait(false);
        }
        // Nodes written before search used searchText, or loaded with LOAD CSV, get it now, a slice at a time.
        while ((await connection.RunRetriedAsync(CypherStatements.Get("queries/fill-search-text"), null, cancellationToken).ConfigureAwait(false))[0][0].GetInt64() > 0) { }
    }

    /// <summary>What a 3.x index or constraint is on, from its statement or from its description in db.indexes()/db.constraints().</summary>
    static string SchemaKey(string text)
    {
        var index = Regex.Match(text, @"INDEX ON :(\w+)\((\w+)\)");
        if (index.Success) return $"index {index.Groups[1].Value}.{index.Groups[2].Value}";
        var unique = Regex.Match(text, @"CONSTRAINT ON \(\s*\w+:(\w+)\s*\) ASSERT \w+\.(\w+) IS UNIQUE");
        return unique.Success ? $"unique {unique.Groups[1].Value}.{unique.Groups[2].Value}" : text;
    }
}
