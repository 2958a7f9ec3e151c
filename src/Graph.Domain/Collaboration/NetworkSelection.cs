using KnowledgeGraph.Domain.Collaboration.Algorithms;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// A network selection made from the projection: the selected organisations, the outside partners when the boundary is
/// included, the ties, the same ties as a compact graph for the algorithms, the counts of ties leaving the selection,
/// and the data version it shows.
/// </summary>
internal sealed record NetworkSelection(
    IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkNode> Outside, IReadOnlyList<NetworkEdge> Edges, WeightedGraph Graph,
    int ExternalInRegion, int ExternalOutOfRegion, int ExternalUnknown, long DataVersion)
{
    public static NetworkSelection Select(CollaborationProjection projection, NetworkQuery query, bool withEdges = true)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var where = query.Where ?? OrganizationSelection.Everyone;
        var filter = (query.Filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
        return projection.Read((graph, dataVersion) =>
        {
            var matcher = new SelectionMatcher(graph, where);
            var members = new List<int>();
            for (var node = 0; node < graph.NodeCount; node++)
            {
                if (graph.IsOrganization(node) && matcher.Matches(node)) members.Add(node);
            }
            var rows = new Tie[members.Count][];
            var position = new int[graph.NodeCount];
            Array.Fill(position, -1);
            for (var i = 0; i < members.Count; i++) position[members[i]] = i;

            // A network as of a time keeps only the organisations active then; otherwise every selected organisation.
            var timeBound = filter.Since != ProjectedLink.UnknownStart || filter.Until != ProjectedLink.UnknownEnd;
            int externalIn = 0, externalOut = 0, externalUnknown = 0;
            var keep = new List<int>(members.Count);
            var includeBoundary = withEdges && query.Boundary == NetworkBoundary.Include;
            var crossing = new List<(int Member, Tie Tie)>();
            var outside = new SortedSet<int>();
            for (var i = 0; i < members.Count; i++)
            {
                var ties = graph.TiesOf(members[i], filter);
                var inside = new List<Tie>(ties.Length);
                var active = false;
                foreach (var tie in ties)
                {
                    if (tie.Weight < query.MinWeight) continue;
                    active = true;
                    if (position[tie.Other] >= 0)
                    {
                        inside.Add(tie);
                        continue;
                    }
                    if (includeBoundary)
                    {
                        crossing.Add((i, tie));
                        outside.Add(tie.Other);
                    }
                    switch (graph.Nodes[tie.Other].Locality)
                    {
                        case RegionLocality.InRegion: externalIn++; break;
                        case null: externalUnknown++; break;
                        default: externalOut++; break;
                    }
                }
                // Stored tie arrays are replaced, never changed, so a row with every tie inside is shared, not copied.
                rows[i] = inside.Count == ties.Length ? ties : [.. inside];
                if (active || !timeBound) keep.Add(i);
            }

            // Rows in compressed form over the kept organisations; ties are sorted by projection index, and so by position.
            var renumber = new int[members.Count];
            Array.Fill(renumber, -1);
            for (var k = 0; k < keep.Count; k++) renumber[keep[k]] = k;
            var offsets = new int[keep.Count + 1];
            for (var k = 0; k < keep.Count; k++) offsets[k + 1] = offsets[k] + rows[keep[k]].Length;
            var targets = new int[offsets[^1]];
            var weights = new double[targets.Length];
            // Each tie inside is listed once, from its end with the lower position, then the crossing ties.
            var edges = new List<SelectedEdge>(withEdges ? targets.Length / 2 + crossing.Count : 0);
            for (var k = 0; k < keep.Count; k++)
            {
                var at = offsets[k];
                foreach (var tie in rows[keep[k]])
                {
                    var other = renumber[position[tie.Other]];
                    targets[at] = other;
                    weights[at++] = tie.Weight;
                    if (withEdges && other > k) edges.Add(new SelectedEdge(k, other, tie, Crossing: false));
                }
            }
            var nodes = keep.Select(i => ToNetworkNode(graph, members[i])).ToList();
            var partners = outside.Select(node => ToNetworkNode(graph, node) with { Outside = true }).ToList();
            var partnerPosition = outside.Select((node, j) => (node, j)).ToDictionary(p => p.node, p => nodes.Count + p.j);
            foreach (var (member, tie) in crossing) edges.Add(new SelectedEdge(renumber[member], partnerPosition[tie.Other], tie, Crossing: true));
            return new NetworkSelection(nodes, partners, new SelectedEdges(nodes, partners, edges),
                WeightedGraph.FromRows(offsets, targets, weights), externalIn, externalOut, externalUnknown, dataVersion);
        });
    }

    public static NetworkNode ToNetworkNode(ProjectionGraph graph, int node)
    {
        var record = graph.Nodes[node];
        return new NetworkNode(record.Id, record.Kind, record.Region, record.Fields, record.Locality);
    }
}
