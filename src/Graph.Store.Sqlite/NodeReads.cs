using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>The reads of nodes: by id, a filtered and sorted page of them, and search by name.</summary>
internal sealed class NodeReads(SqliteConnections connections)
{
    static readonly string GetNodeSql = $"SELECT {RowReader.NodeColumns} FROM nodes n WHERE n.id = $id";
    // Each id looked up in turn, straight from json_each; IN (SELECT …) would first build a temporary index of them.
    // A repeated id gives its row again, which the dictionary takes once.
    static readonly string GetNodesSql = $"SELECT {RowReader.NodeColumns} FROM json_each($ids) j JOIN nodes n ON n.id = j.value";
    // From this many ids on, a read is one of a series that goes through much of the nodes table (an export naming a
    // whole network's organisations, an import's check): it reads unmapped (SqliteConnections.Unmapped).
    const int BulkReadIds = 1000;

    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken) =>
        connections.Read(connection =>
        {
            var command = connection.Command(GetNodeSql, null, ("$id", id));
            using var reader = command.ExecuteReader();
            return reader.Read() ? RowReader.ReadNode(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        connections.Read<IReadOnlyDictionary<string, Node>>(connection =>
        {
            var nodes = new Dictionary<string, Node>(ids.Count, StringComparer.Ordinal);
            if (ids.Count == 0) return nodes;
            using var unmapped = ids.Count >= BulkReadIds ? connections.Unmapped(connection.Connection) : default;
            var command = ids.Count == 1
                ? connection.Command(GetNodeSql, null, ("$id", ids.First()))
                : connection.Command(GetNodesSql, null, ("$ids", PropertyJson.EncodeScalars(ids)));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var node = RowReader.ReadNode(reader);
                nodes[node.Id] = node;
            }
            return nodes;
        }, cancellationToken);

    public Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Skip < 0 || query.Take < 0)
        {
            return Task.FromException<Page<Node>>(new InvalidInputException($"skip ({query.Skip}) and take ({query.Take}) cannot be negative"));
        }
        return connections.Read(connection =>
        {
            var parameters = new SqlParameters();
            var sql = new NodeFilterSql(query.Kinds, connections.Codes, parameters) { FigureYear = query.FigureYear };
            var kinds = query.Kinds.Distinct().ToList();
            var kindList = string.Join(", ", kinds.Select(k => parameters.Add(k.ToString())));
            var filter = query.Filter is null ? null : sql.Where(query.Filter);
            var orderBy = sql.OrderBy(query.Sort);
            var take = parameters.Add((long)query.Take);
            var skip = parameters.Add((long)query.Skip);
            // One snapshot for the page and its count.
            using var transaction = connection.Connection.BeginTransaction(deferred: true);
            var conditions = new List<string>();
            if (kinds.Count > 0)
            {
                // SQLite cannot tell that one kind (enterprises) is most of the graph; filtering those through the
                // kind index reads rows in random order, three times slower than a scan, so the index is waved off.
                var scan = filter is not null && IsMostOfTheGraph(connection, transaction, kinds);
                conditions.Add($"{(scan ? "+" : "")}n.kind IN ({kindList})");
            }
            if (filter is not null) conditions.Add(filter);
            var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
            var items = new List<Node>();
            if (query.Take > 0)
            {
                var command = connection.Command($"SELECT {RowReader.NodeColumns} FROM nodes n {where} ORDER BY {orderBy} LIMIT {take} OFFSET {skip}", transaction);
                parameters.ApplyTo(command);
                using var reader = command.ExecuteReader();
                while (reader.Read()) items.Add(RowReader.ReadNode(reader));
            }
            int? total = null;
            if (query.CountTotal)
            {
                var command = connection.Command($"SELECT count(*) FROM nodes n {where}", transaction);
                parameters.ApplyTo(command);
                total = (int)(long)command.ExecuteScalar()!;
            }
            transaction.Commit();
            return new Page<Node>(items, total);
        }, cancellationToken);
    }

    /// <summary>Whether the nodes of these kinds are a quarter of the graph or more (a scan reads them faster than the kind index).</summary>
    public static bool IsMostOfTheGraph(ReadConnection connection, SqliteTransaction transaction, IReadOnlyCollection<NodeKind> kinds)
    {
        var command = connection.Command(SqlStatements.IsMostOfTheGraph, transaction,
            ("$kinds", PropertyJson.EncodeScalars(kinds.Select(k => k.ToString()))));
        return (long)command.ExecuteScalar()! == 1;
    }

    public Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var folded = NameIndex.Fold(query.Text ?? "");
        if (folded.Length == 0 || query.Limit <= 0) return Task.FromResult<IReadOnlyList<Node>>([]);
        // Exact and prefix matches rank before every substring match, so when they fill the page on their own the page
        // is theirs: read first from a range of the folded names' index, instead of every name that holds the text (a
        // common 柳州 or 广西 is thousands). A page they do not fill is read again over all the matches.
        (string Sql, SqlParameters Parameters)? prefixed = NameIndex.PrefixEnd(folded) is { } end ? SearchSql(query, folded, end) : null;
        var all = SearchSql(query, folded, null);
        return connections.Read<IReadOnlyList<Node>>(connection =>
        {
            if (prefixed is { } first && Search(connection, first) is var page && page.Count == query.Limit) return page;
            return Search(connection, all);
        }, cancellationToken);
    }

    static List<Node> Search(ReadConnection connection, (string Sql, SqlParameters Parameters) search)
    {
        var command = connection.Command(search.Sql, null);
        search.Parameters.ApplyTo(command);
        using var reader = command.ExecuteReader();
        var nodes = new List<Node>();
        while (reader.Read()) nodes.Add(RowReader.ReadNode(reader));
        return nodes;
    }

    /// <summary>
    /// The search's SQL: over the names that contain the folded text, or with <paramref name="prefixEnd"/> over those
    /// that start with it (folded names from the text up to that bound, <see cref="NameIndex.PrefixEnd"/>).
    /// </summary>
    static (string Sql, SqlParameters Parameters) SearchSql(SearchQuery query, string folded, string? prefixEnd)
    {
        var parameters = new SqlParameters();
        var text = parameters.Add(folded);
        var names = prefixEnd is not null
            ? $"nm.folded >= {text} AND nm.folded < {parameters.Add(prefixEnd)} AND substr(nm.folded, 1, length({text})) = {text}"
            : (NameIndex.CandidateQuery(folded) is { } fts
                ? $"nm.id IN (SELECT rowid FROM {fts.Table} WHERE {fts.Table} MATCH {parameters.Add(fts.Match)}) AND "
                : "") + $"instr(nm.folded, {text}) > 0";
        var kinds = query.Kinds is { Count: > 0 }
            ? $"AND nm.kind IN ({string.Join(", ", query.Kinds.Distinct().Select(k => parameters.Add(k.ToString())))})"
            : "";
        var limit = parameters.Add((long)query.Limit);
        var last = parameters.Add((long)query.Limit - 1);
        // Exact before prefix before substring, then the shorter matching name, then the id. Only the hits that can
        // make the page (scores up to the limit-th) are joined to their nodes: a common 广西 has tens of thousands.
        var sql = $"""
            WITH hit AS MATERIALIZED (
                SELECT nm.n, min(CASE WHEN nm.folded = {text} THEN 0 WHEN substr(nm.folded, 1, length({text})) = {text} THEN 1 ELSE 2 END
                                 * 1000000 + length(nm.text)) AS score
                FROM node_names nm
                WHERE {names} {kinds}
                GROUP BY nm.n
            ),
            cutoff AS (SELECT score FROM hit ORDER BY score LIMIT 1 OFFSET {last})
            SELECT {RowReader.NodeColumns} FROM hit JOIN nodes n ON n.n = hit.n
            WHERE hit.score <= coalesce((SELECT score FROM cutoff), hit.score)
            ORDER BY hit.score, n.id LIMIT {limit}
            """;
        return (sql, parameters);
    }
}
