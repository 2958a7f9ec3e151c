using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>What discovery found out about the server: its version and which HTTP API to speak.</summary>
internal sealed record Neo4jServer(Version Version, bool QueryApi, string Database)
{
    /// <summary>Whether this is Neo4j 3.x (one database, 3.x schema syntax, no full-text index).</summary>
    public bool IsLegacy => Version.Major < 4;

    /// <summary>The path that opens an explicit transaction.</summary>
    public string BeginPath => QueryApi ? $"db/{Uri.EscapeDataString(Database)}/query/v2/tx"
        : IsLegacy ? "db/data/transaction" : $"db/{Uri.EscapeDataString(Database)}/tx";

    /// <summary>The path that runs statements in a transaction of their own.</summary>
    public string AutoCommitPath => QueryApi ? $"db/{Uri.EscapeDataString(Database)}/query/v2" : BeginPath + "/commit";

    /// <summary>Discovers the server at the current address by an unauthenticated GET /.</summary>
    public static async Task<Neo4jServer> DiscoverAsync(Neo4jHttp http, Uri at, string database, CancellationToken cancellationToken)
    {
        var root = await http.GetJsonAsync("", cancellationToken).ConfigureAwait(false);
        if (Neo4jHttp.Text(root, "neo4j_version") is { } version)
        {
            // 4.x and 5.x announce their version and, from 5.25 on, the Query API at the root.
            return new Neo4jServer(ParseVersion(version), root.TryGetProperty("query", out _), database);
        }
        // 3.x announces only the data endpoint, which tells the version.
        var data = await http.GetJsonAsync("db/data/", cancellationToken).ConfigureAwait(false);
        var legacy = Neo4jHttp.Text(data, "neo4j_version")
            ?? throw new StoreUnavailableException($"{at} does not look like a Neo4j server: its discovery document names no version.");
        return new Neo4jServer(ParseVersion(legacy), false, database);
    }

    static Version ParseVersion(string text)
    {
        var numeric = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).TrimEnd('.');
        return Version.TryParse(numeric.Contains('.', StringComparison.Ordinal) ? numeric : numeric + ".0", out var v) ? v : new Version(5, 0);
    }
}
