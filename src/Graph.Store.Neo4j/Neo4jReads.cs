using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// The store's reads: nodes and links by id, list pages and their totals through the kind labels, search, a node's
/// links and neighbours expanded by relationship type, the counts, the journal and the data version. Each runs in a
/// transaction of its own, retried after transient failures; all but the journal's are marked as reads, so a cluster
/// may answer them from any member.
/// </summary>
internal sealed class Neo4jReads(Neo4jConnection connection)
{
    public async Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var nodes = await GetNodesAsync([id], cancellationToken).ConfigureAwait(false);
        return nodes.GetValueOrDefault(id);
    }

    public Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken) =>
        GetNodeAsync(NodeId.Of(kind, key), cancellationToken);

    public async Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return new Dictionary<string, Node>();
        var rows = await connection.ReadAsync(CypherStatements.Get("queries/get-nodes"), new { ids = ids.Distinct().ToArray() }, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => Neo4jValues.ReadNode(r[0])).ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    public async Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Skip < 0 || query.Take < 0) throw new InvalidInputException("Skip and take must not be negative.");
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        // No kinds means every kind.
        var kinds = query.Kinds.Count == 0 ? Enum.GetValues<NodeKind>() : query.Kinds;
        var filters = new Neo4jFilters(kinds, parameters) { FigureYear = query.FigureYear };
        var where = filters.Where(query.Filter);
        var order = filters.OrderBy(query.Sort);
        parameters["kinds"] = kinds.Select(k => k.ToString()).ToArray();
        parameters["skip"] = query.Skip;
        parameters["take"] = query.Take;
        // One kind is read through its label; several through the kind index on Node. When the label alone selects the
        // kinds (one kind's label, or Node for every kind), no node's kind is read.
        var label = kinds.Count == 1 ? CypherStatements.Label(kinds.First()) : "Node";
        var kindCondition = kinds.Count == 1 || kinds.Distinct().Count() == Enum.GetValues<NodeKind>().Length ? "true" : "n.kind IN $kinds";
        string Statement(string path) => CypherStatements.Get(path).Replace("$$LABEL$$", label, StringComparison.Ordinal)
            .Replace("$$KINDS$$", kindCondition, StringComparison.Ordinal)
            .Replace("$$FILTER$$", where, StringComparison.Ordinal).Replace("$$ORDER$$", order, StringComparison.Ordinal);
        var rows = await connection.ReadAsync(Statement("queries/list-nodes"), parameters, cancellationToken).ConfigureAwait(false);
        int? total = null;
        if (query.CountTotal && query.Filter is null)
        {
            // Unfiltered, the total is Neo4j's count of each kind's label: no node is read.
            total = 0;
            foreach (var kind in kinds.Distinct())
                total += (await connection.ReadAsync(CypherStatements.ForKind("queries/count-nodes-of-kind", kind), null, cancellationToken).ConfigureAwait(false))[0][0].GetInt32();
        }
        else if (query.CountTotal)
        {
            total = (await connection.ReadAsync(Statement("queries/count-nodes"), parameters, cancellationToken).ConfigureAwait(false))[0][0].GetInt32();
        }
        return new Page<Node>(rows.Select(r => Neo4jValues.ReadNode(r[0])).ToList(), total);
    }

    public async Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = (query.Text ?? "").Trim().ToLowerInvariant();
        if (text.Length == 0 || query.Limit <= 0) return [];
        var server = await connection.ServerAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["text"] = text,
            ["kinds"] = query.Kinds is { Count: > 0 } kinds ? kinds.Select(k => k.ToString()).ToArray() : null,
            ["limit"] = query.Limit,
            ["query"] = "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        };
        // The full-text index (CJK bigrams) needs two characters; shorter texts scan.
        var statement = !server.IsLegacy && text.Length >= 2 ? "queries/search-fulltext-5" : "queries/search";
        var rows = await connection.ReadAsync(CypherStatements.Get(statement), parameters, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => Neo4jValues.ReadNode(r[0])).ToList();
    }

    public async Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Neo4jValues.ParseLinkId(id) is not { } parsed) return null;
        var rows = await connection.ReadAsync(CypherStatements.ForType("queries/get-link", parsed.Type), new { id, fromId = parsed.FromId }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : Neo4jValues.ReadLink(rows[0][0]);
    }

    public async Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.NodeIds.Count == 0 || query.Types is { Count: 0 }) return [];
        var rows = await connection.ReadAsync(ForLinkQuery("queries/get-links", query), new { ids = query.NodeIds.Distinct().ToArray() }, cancellationToken).ConfigureAwait(false);
        // Sorted here rather than by Cypher's ORDER BY (the same order: both compare UTF-16 code units), which is slower.
        return [.. rows.Select(r => Neo4jValues.ReadLink(r[0])).OrderBy(l => l.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.NodeIds.Count == 0 || query.Types is { Count: 0 }) return new Dictionary<string, IReadOnlyList<string>>();
        var rows = await connection.ReadAsync(ForLinkQuery("queries/get-neighbour-ids", query), new { ids = query.NodeIds.Distinct().ToArray() }, cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(
            r => r[0].GetString()!,
            r => (IReadOnlyList<string>)r[1].EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The statement for a link query's direction, expanding only the relationships of its types: Neo4j keeps a node's
    /// relationships by type and direction, so a hub's links of one type are read without touching the others.
    /// </summary>
    static string ForLinkQuery(string path, LinkQuery query)
    {
        var direction = query.Direction switch { Direction.Out => "out", Direction.In => "in", _ => "both" };
        var types = query.Types is null ? "" : ":" + string.Join('|', query.Types.Distinct().Order().Select(CypherStatements.RelationshipType));
        return CypherStatements.Get($"{path}-{direction}").Replace("$$TYPES$$", types, StringComparison.Ordinal);
    }

    public async Task<GraphCounts> CountAsync(CancellationToken cancellationToken)
    {
        var nodeRows = await connection.ReadAsync(CypherStatements.Get("queries/count-nodes-by-kind"), null, cancellationToken).ConfigureAwait(false);
        var linkRows = await connection.ReadAsync(CypherStatements.Get("queries/count-links-by-type"), null, cancellationToken).ConfigureAwait(false);
        var nodes = Enum.GetValues<NodeKind>().ToDictionary(k => k, _ => 0L);
        foreach (var row in nodeRows)
        {
            if (Enum.TryParse<NodeKind>(row[0].GetString(), out var kind)) nodes[kind] = row[1].GetInt64();
        }
        var links = Enum.GetValues<LinkType>().ToDictionary(t => t, _ => 0L);
        foreach (var row in linkRows)
        {
            if (GraphCatalog.FindLinkType(row[0].GetString()!) is { } info) links[info.Type] = row[1].GetInt64();
        }
        return new GraphCounts(nodes, links);
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await connection.RunRetriedAsync(CypherStatements.Get("queries/get-journal"),
            new { after = query.After, first = Math.Max(0, query.First), nodeId = query.NodeId, subject = query.Subject, newestFirst = query.NewestFirst }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => JournalCodec.Decode(row[0].GetString()!))];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>> GetNewestJournalByNodeAsync(IReadOnlyCollection<string> nodeIds, int perNode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        if (nodeIds.Count == 0 || perNode <= 0) return new Dictionary<string, IReadOnlyList<JournalEntry>>();
        var rows = await connection.RunRetriedAsync(CypherStatements.Get("queries/get-newest-journal-by-node"),
            new { ids = nodeIds.Distinct(StringComparer.Ordinal).ToArray(), first = perNode }, cancellationToken).ConfigureAwait(false);
        // An entry touching several of the nodes comes once per node: decode it once.
        var decoded = new Dictionary<long, JournalEntry>();
        return rows
            .Select(row => (NodeId: row[0].GetString()!, Version: row[1].GetInt64(), Text: row[2]))
            .GroupBy(row => row.NodeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<JournalEntry>)g.OrderByDescending(row => row.Version).Select(row =>
            {
                if (!decoded.TryGetValue(row.Version, out var entry)) decoded[row.Version] = entry = JournalCodec.Decode(row.Text.GetString()!);
                return entry;
            }).ToList(), StringComparer.Ordinal);
    }

    public async Task<long> GetDataVersionAsync(CancellationToken cancellationToken)
    {
        var rows = await connection.ReadAsync(CypherStatements.Get("queries/get-data-version"), null, cancellationToken).ConfigureAwait(false);
        return rows[0][0].GetInt64();
    }
}
