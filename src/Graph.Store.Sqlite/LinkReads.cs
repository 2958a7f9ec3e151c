using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>The reads of links: one by id, the links at some nodes, and the ids of their neighbours.</summary>
internal sealed class LinkReads(SqliteConnections connections)
{
    public Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken)
    {
        if (!LinkIds.TryParse(id, out var type, out var fromId, out var toId, out var key)) return Task.FromResult<Link?>(null);
        return connections.Read(connection =>
        {
            var codes = connections.Codes;
            var command = connection.Command(
                $"SELECT {RowReader.LinkColumns} FROM {RowReader.LinkJoins} WHERE f.id = $from AND t.id = $to AND l.type = $type AND l.key = $key", null,
                ("$from", fromId), ("$to", toId), ("$type", codes.CodeOf(type)), ("$key", key));
            using var reader = command.ExecuteReader();
            return reader.Read() ? RowReader.ReadLink(reader, codes) : null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.NodeIds.Count == 0 || query.Types is { Count: 0 }) return Task.FromResult<IReadOnlyList<Link>>([]);
        return connections.Read<IReadOnlyList<Link>>(connection =>
        {
            var codes = connections.Codes;
            var parameters = new SqlParameters();
            string sql;
            if (query.Direction == Direction.Both)
            {
                var (ids, hits) = LinksAt(query, parameters, "from_n, type, to_n, key", "from_n, type, to_n, key", " UNION ");
                sql = $"""
                    WITH q(n) AS (SELECT nd.n FROM nodes nd WHERE nd.id IN (SELECT value FROM json_each({ids}))),
                         hit AS ({hits})
                    SELECT {RowReader.LinkColumns} FROM hit h
                        JOIN links l ON l.from_n = h.from_n AND l.type = h.type AND l.to_n = h.to_n AND l.key = h.key
                        JOIN nodes f ON f.n = l.from_n JOIN nodes t ON t.n = l.to_n
                    """;
            }
            else
            {
                // One direction: each link is found once, straight from the primary key (leaving) or links_to (arriving).
                var end = query.Direction == Direction.Out ? "l.from_n" : "l.to_n";
                var at = query.NodeIds.Count == 1
                    ? $"{end} = (SELECT nd.n FROM nodes nd WHERE nd.id = {parameters.Add(query.NodeIds.First())})"
                    : $"{end} IN (SELECT nd.n FROM nodes nd WHERE nd.id IN (SELECT value FROM json_each({parameters.Add(PropertyJson.EncodeScalars(query.NodeIds))})))";
                sql = $"SELECT {RowReader.LinkColumns} FROM {RowReader.LinkJoins} WHERE {at}{TypeCondition(query.Types, codes, "l.type")}";
            }
            var command = connection.Command(sql, null);
            parameters.ApplyTo(command);
            using var reader = command.ExecuteReader();
            var links = new List<Link>();
            while (reader.Read()) links.Add(RowReader.ReadLink(reader, codes));
            links.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            return links;
        }, cancellationToken);
    }

    /// <summary>
    /// The condition on the type <paramref name="column"/> for these types (none for all): their codes written into the
    /// SQL, which are the store's own integers, so that each set of types is one prepared statement and the index is
    /// searched type by type.
    /// </summary>
    static string TypeCondition(IReadOnlyCollection<LinkType>? types, LinkTypeCodes codes, string column) =>
        types is null ? "" : $" AND {column} IN ({string.Join(", ", types.Select(codes.CodeOf).Distinct().Order())})";

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.NodeIds.Count == 0 || query.Types is { Count: 0 })
        {
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(new Dictionary<string, IReadOnlyList<string>>());
        }
        return connections.Read<IReadOnlyDictionary<string, IReadOnlyList<string>>>(connection =>
        {
            var parameters = new SqlParameters();
            // Coming in, links_to (to_n, type) holds the primary key too, so the index alone answers; going out, the
            // primary key's range of the node does. Ends become ids once per distinct pair, never a link with its content.
            var (ids, pairs) = LinksAt(query, parameters, "from_n AS n, to_n AS m", "to_n AS n, from_n AS m", " UNION ALL ");
            var sql = $"""
                WITH q(n, id) AS (SELECT nd.n, nd.id FROM nodes nd WHERE nd.id IN (SELECT value FROM json_each({ids}))),
                     pair AS ({pairs})
                SELECT q.id, o.id FROM (SELECT DISTINCT n, m FROM pair) p JOIN q ON q.n = p.n JOIN nodes o ON o.n = p.m
                """;
            var command = connection.Command(sql, null);
            parameters.ApplyTo(command);
            using var reader = command.ExecuteReader();
            var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!neighbours.TryGetValue(id, out var list)) neighbours[id] = list = [];
                list.Add(reader.GetString(1));
            }
            return neighbours.ToDictionary(p => p.Key, p =>
            {
                p.Value.Sort(StringComparer.Ordinal);
                return (IReadOnlyList<string>)p.Value;
            }, StringComparer.Ordinal);
        }, cancellationToken);
    }

    /// <summary>
    /// The parameter of the query's node ids (for a CTE <c>q(n)</c> of their surrogates), and a select of the links at
    /// <c>q</c> in the query's direction and types, with these columns for links leaving and arriving.
    /// </summary>
    (string Ids, string Select) LinksAt(LinkQuery query, SqlParameters parameters, string outgoingColumns, string incomingColumns, string union)
    {
        var ids = parameters.Add(PropertyJson.EncodeScalars(query.NodeIds));
        var types = TypeCondition(query.Types, connections.Codes, "type");
        var outgoing = $"SELECT {outgoingColumns} FROM links WHERE from_n IN (SELECT n FROM q){types}";
        var incoming = $"SELECT {incomingColumns} FROM links WHERE to_n IN (SELECT n FROM q){types}";
        return (ids, query.Direction switch
        {
            Direction.Out => outgoing,
            Direction.In => incoming,
            _ => outgoing + union + incoming,
        });
    }
}
