using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>
/// Which University rows of a graph folder are reference universities the store holds (<see cref="ReferenceMatching"/>):
/// such a row is written onto the reference node, its content merged in, and links naming the row's id point at the
/// reference node instead. Rows that fit several reference institutions are only reported, as likely duplicates; with
/// linking off, every fit is.
/// </summary>
internal sealed class ReferenceLinking
{
    private readonly Dictionary<string, string> _referenceIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeInput> _merged = new(StringComparer.Ordinal);

    private ReferenceLinking()
    {
    }

    /// <summary>Linking that changes nothing: for folders without University rows.</summary>
    public static ReferenceLinking None { get; } = new();

    public List<ReferenceMatch> Matches { get; } = [];

    public List<LikelyDuplicate> LikelyDuplicates { get; } = [];

    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Reads the folder's University rows and decides, against the reference nodes in the store.</summary>
    public static async Task<ReferenceLinking> FindAsync(IGraphStore store, IReadOnlyList<GraphFile> files, bool link, CancellationToken cancellationToken)
    {
        var file = files.FirstOrDefault(f => f.Kind == NodeKind.University);
        if (file is null) return None;
        var rows = new List<(long Line, NodeInput Node, ReferenceOrganization? Match, MatchBasis By, IReadOnlyList<ReferenceOrganization> Candidates)>();
        using (var csv = CsvRows.Open(file.Path))
        {
            var parser = new NodeRowParser(NodeKind.University, csv.Header, []);
            while (csv.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (csv.FieldCount != parser.Columns.Count) continue; // the check reports the row
                var node = parser.Parse(csv, []);
                var (match, by, candidates) = ReferenceMatching.Find(node);
                if (candidates.Count > 0) rows.Add((csv.Line, node, match, by, candidates));
            }
        }
        var linking = new ReferenceLinking();
        if (rows.Count == 0) return linking;

        // Only reference nodes the store holds count: a store set up without them (or whose admin removed one) keeps the row.
        var stored = await store.GetNodesAsync([.. rows.SelectMany(r => r.Candidates).Select(c => c.Id).Distinct()], cancellationToken).ConfigureAwait(false);
        var fileIds = await ReadIdsAsync(file, cancellationToken).ConfigureAwait(false);
        var claimedBy = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (line, node, match, by, candidates) in rows)
        {
            var held = candidates.Where(c => stored.ContainsKey(c.Id)).ToList();
            if (held.Count == 0) continue;
            if (match is null || !link || !stored.TryGetValue(match.Id, out var reference))
            {
                var reason = match is null
                    ? $"its name or aliases fit {held.Count} reference universities; give it the moeCode (学校标识码) of the one it is"
                    : $"it is probably {match.Name} (by {Describe(by)}); linking to reference universities was turned off";
                linking.LikelyDuplicates.Add(new(node.Id, node.Name, [.. held.Select(c => c.Id)], reason));
                continue;
            }
            if (fileIds.Contains(match.Id) || !claimedBy.TryAdd(match.Id, line))
            {
                var other = claimedBy.TryGetValue(match.Id, out var otherLine) && otherLine != line ? $"line {otherLine}" : $"the row of {match.Id}";
                linking.Problems.Add(new(file.Name, line, "name", $"'{node.Name}' is the reference university {match.Id} ({match.Name}), and so is {other}: keep one row"));
                continue;
            }
            linking._referenceIds[node.Id] = match.Id;
            linking._merged[node.Id] = ReferenceMatching.Merge(reference, node);
            linking.Matches.Add(new(node.Id, node.Name, match.Id, reference.Name, by));
        }
        return linking;
    }

    /// <summary>The node to write for a row: the merged reference node for a linked row, else the row's own.</summary>
    public NodeInput NodeFor(NodeInput row) => _merged.GetValueOrDefault(row.Id) ?? row;

    /// <summary>The link with its ends moved from linked rows to their reference nodes.</summary>
    public LinkInput LinkFor(LinkInput link) =>
        _referenceIds.Count == 0 ? link : link with
        {
            FromId = _referenceIds.GetValueOrDefault(link.FromId) ?? link.FromId,
            ToId = _referenceIds.GetValueOrDefault(link.ToId) ?? link.ToId,
        };

    private static string Describe(MatchBasis by) => by switch
    {
        MatchBasis.MoeCode => "its moeCode",
        MatchBasis.Name => "its name",
        _ => "an alias",
    };

    private static Task<HashSet<string>> ReadIdsAsync(GraphFile file, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var csv = CsvRows.Open(file.Path);
        var parser = new NodeRowParser(NodeKind.University, csv.Header, []);
        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (parser.IdOf(csv) is { } id) ids.Add(id);
        }
        return Task.FromResult(ids);
    }
}
