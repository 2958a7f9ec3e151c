using System.Runtime.CompilerServices;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// Every node or link in id order, read a page at a time without re-reading what came before (the projection build,
/// migrate's verification and export read the whole graph through these).
/// </summary>
internal sealed class Neo4jScans(Neo4jConnection connection)
{
    const int ScanPage = 5000;

    /// <summary>
    /// Every node in id order. Ids begin with the kind, so kinds taken in the ordinal order of "Kind:" give all nodes in
    /// id order; each kind's ids are read once through its label, then its nodes by id a page at a time.
    /// </summary>
    public async IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        NodeKind[] kinds = kind is { } only ? [only] : [.. Enum.GetValues<NodeKind>().OrderBy(k => CypherStatements.Label(k) + ":", StringComparer.Ordinal)];
        foreach (var scanned in kinds)
        {
            var ids = (await connection.ReadAsync(CypherStatements.ForKind("queries/scan-node-ids", scanned), null, cancellationToken).ConfigureAwait(false))
                .Select(r => r[0].GetString()!).Order(StringComparer.Ordinal).ToArray();
            foreach (var page in ids.Chunk(ScanPage))
            {
                var rows = await connection.ReadAsync(CypherStatements.Get("queries/get-nodes"), new { ids = page }, cancellationToken).ConfigureAwait(false);
                foreach (var node in rows.Select(r => Neo4jValues.ReadNode(r[0])).OrderBy(n => n.Id, StringComparer.Ordinal))
                    yield return node;
            }
        }
    }

    /// <summary>
    /// Every link in id order, one type at a time: ids begin with "TYPE|fromId|", so types in the ordinal order of
    /// "TYPE|" and, within a type, start nodes in the ordinal order of "fromId|" give all links in id order. Each type's
    /// start nodes are read once, then its links a page of start nodes at a time.
    /// </summary>
    public async IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        LinkType[] types = type is { } only ? [only]
            : [.. Enum.GetValues<LinkType>().OrderBy(t => CypherStatements.RelationshipType(t) + "|", StringComparer.Ordinal)];
        foreach (var linkType in types)
        {
            var starts = (await connection.ReadAsync(CypherStatements.ForType("queries/scan-link-starts", linkType), null, cancellationToken).ConfigureAwait(false))
                .Select(r => (Id: r[0].GetString()!, Links: r[1].GetInt64())).OrderBy(s => s.Id + "|", StringComparer.Ordinal).ToList();
            var statement = CypherStatements.ForType("queries/scan-links-from", linkType);
            for (var first = 0; first < starts.Count;)
            {
                // As many start nodes as make a page of links (at least one, however many links it has).
                var page = new List<string>();
                for (long links = 0; first < starts.Count && (page.Count == 0 || links + starts[first].Links <= ScanPage); first++)
                {
                    links += starts[first].Links;
                    page.Add(starts[first].Id);
                }
                var rows = await connection.ReadAsync(statement, new { ids = page }, cancellationToken).ConfigureAwait(false);
                foreach (var link in rows.Select(r => Neo4jValues.ReadLink(r[0])).OrderBy(l => l.Id, StringComparer.Ordinal))
                    yield return link;
            }
        }
    }
}
