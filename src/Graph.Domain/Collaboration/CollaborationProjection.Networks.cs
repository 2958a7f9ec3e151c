using KnowledgeGraph.Domain.Collaboration.Algorithms;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// A network selection: which organisations, which evidence, the least weight a tie needs, and whether the ties that
/// cross the selection's boundary are listed.
/// </summary>
public sealed record NetworkQuery(OrganizationSelection? Where = null, CollaborationFilter? Filter = null, double MinWeight = 0, NetworkBoundary Boundary = NetworkBoundary.Exclude)
{
    /// <summary>
    /// The selection as the API's filters state it: a year stands for the window of that year and excludes since/until;
    /// no kinds means every kind.
    /// </summary>
    public static NetworkQuery Create(
        string? region, string? field, IReadOnlyCollection<NodeKind>? organizationKinds, CollaborationKinds kinds,
        DateOnly? since, DateOnly? until, int? year, double? minWeight, NetworkBoundary boundary = NetworkBoundary.Exclude)
    {
        kinds = kinds == CollaborationKinds.None ? CollaborationKinds.All : kinds;
        if (year is not null && (since is not null || until is not null)) throw new InvalidInputException("year: give either year or since/until, not both");
        var filter = year is { } y ? CollaborationFilter.During(y, kinds) : new CollaborationFilter(kinds, since, until);
        return new NetworkQuery(new OrganizationSelection(region, field, organizationKinds is { Count: > 0 } ? organizationKinds : null), filter, minWeight ?? 0, boundary);
    }

    /// <summary>Checks the selection (codes, kinds, window, least weight): INVALID_INPUT naming what is wrong.</summary>
    public void Validate()
    {
        (Where ?? OrganizationSelection.Everyone).Validate();
        if (MinWeight < 0 || double.IsNaN(MinWeight)) throw new InvalidInputException($"minWeight must be 0 or more, not {MinWeight}");
        (Filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
    }

    /// <summary>The whole network under this selection's evidence filter and least weight: the scope rankings are computed on by default.</summary>
    public NetworkQuery WholeNetwork() => this with { Where = null, Boundary = NetworkBoundary.Exclude };
}

// Network selections, their statistics, rankings, communities and change over time.
public sealed partial class CollaborationProjection
{
    /// <summary>The organisations of a selection and the ties among them, with summary statistics.</summary>
    public CollaborationNetwork Network(NetworkQuery query)
    {
        var selection = Select(query);
        return new CollaborationNetwork(selection.Nodes, selection.Outside, selection.Edges, () => Statistics(selection)) { DataVersion = selection.DataVersion };
    }

    /// <summary>
    /// The top organisations by a metric computed on the network of <paramref name="scope"/>, listing only those
    /// <paramref name="listed"/> selects (every organisation of the scope when null): a university's degree is its
    /// degree in the scope, not among universities. Betweenness is exact up to <paramref name="exactBetweennessUpTo"/>
    /// organisations and estimated from sampled sources above, with the error bound stated in the result.
    /// </summary>
    public Ranking Rank(
        NetworkQuery scope, RankingMetric metric, int top = 20, OrganizationSelection? listed = null, int exactBetweennessUpTo = 2000, int betweennessSamples = 500)
    {
        if (top < 1) throw new InvalidInputException($"top must be positive, not {top}");
        listed?.Validate();
        var selection = Select(scope with { Boundary = NetworkBoundary.Exclude }, withEdges: false);
        var graph = selection.Graph;
        var exact = true;
        var samples = graph.NodeCount;
        double bound = 0;
        double[] scores;
        switch (metric)
        {
            case RankingMetric.Degree:
                scores = Enumerable.Range(0, graph.NodeCount).Select(i => (double)graph.Degree(i)).ToArray();
                break;
            case RankingMetric.WeightedDegree:
                scores = Enumerable.Range(0, graph.NodeCount).Select(graph.Strength).ToArray();
                break;
            case RankingMetric.PageRank:
                scores = Centrality.PageRank(graph);
                break;
            case RankingMetric.Betweenness:
                var betweenness = Centrality.Betweenness(graph, exactBetweennessUpTo, betweennessSamples);
                (scores, exact, samples, bound) = (betweenness.Scores, betweenness.Exact, betweenness.Samples, betweenness.ErrorBound);
                break;
            case RankingMetric.Constraint:
                scores = Centrality.Constraint(graph);
                break;
            case RankingMetric.RegionBridging:
                scores = Bridging(selection, node => Regions.IsDivisionCode(node.Region) ? node.Region![..4] + "00" : null);
                break;
            case RankingMetric.FieldBridging:
                scores = Bridging(selection, node => node.Fields.Count > 0 && Fields.Chain(node.Fields[0]) is { Count: > 0 } chain ? chain[^1].Code : null);
                break;
            default:
                throw new InvalidInputException($"metric {metric} is not known");
        }
        var ascending = metric == RankingMetric.Constraint;
        var listing = listed is null ? null : new SelectionMatcher(null, listed);
        var candidates = Enumerable.Range(0, graph.NodeCount)
            .Where(i => !double.IsNaN(scores[i]) && (listing?.Matches(selection.Nodes[i]) ?? true))
            .ToList();
        var ranked = candidates
            .OrderBy(i => ascending ? scores[i] : -scores[i]).ThenBy(i => selection.Nodes[i].Id, StringComparer.Ordinal)
            .Take(top)
            .Select((i, position) => new RankedOrganization(position + 1, selection.Nodes[i].Id, Math.Round(scores[i], 10)))
            .ToList();
        return new Ranking(metric, candidates.Count, ranked, exact, samples, Math.Round(bound, 6));
    }

    static double[] Bridging(Selection selection, Func<NetworkNode, string?> groupOf)
    {
        var graph = selection.Graph;
        var scores = new double[graph.NodeCount];
        for (var i = 0; i < graph.NodeCount; i++)
        {
            var own = groupOf(selection.Nodes[i]);
            var groups = new HashSet<string>(StringComparer.Ordinal);
            for (var e = graph.Offsets[i]; e < graph.Offsets[i + 1]; e++)
            {
                if (groupOf(selection.Nodes[graph.Targets[e]]) is { } group && group != own) groups.Add(group);
            }
            scores[i] = groups.Count;
        }
        return scores;
    }

    /// <summary>The communities of a selection by Louvain modularity optimisation, largest first, with the partition's modularity.</summary>
    public CommunityPartition Communities(NetworkQuery query, string algorithm = "louvain", int seed = 42)
    {
        if (!string.Equals(algorithm, "louvain", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"algorithm '{algorithm}' is not supported; use 'louvain'");
        var selection = Select(query, withEdges: false);
        var partition = Louvain.Detect(selection.Graph, seed);
        var members = Enumerable.Range(0, partition.Count).Select(_ => new List<string>()).ToArray();
        var internalTies = new int[partition.Count];
        for (var i = 0; i < selection.Graph.NodeCount; i++)
        {
            members[partition.CommunityOf[i]].Add(selection.Nodes[i].Id);
            for (var e = selection.Graph.Offsets[i]; e < selection.Graph.Offsets[i + 1]; e++)
            {
                var j = selection.Graph.Targets[e];
                if (j > i && partition.CommunityOf[j] == partition.CommunityOf[i]) internalTies[partition.CommunityOf[i]]++;
            }
        }
        return new CommunityPartition("louvain", Math.Round(partition.Modularity, 6),
            members.Select((m, index) => new Community(index, m, internalTies[index])).ToList());
    }

    /// <summary>
    /// How a selection's network changed from one year to another: ties alive during <paramref name="toYear"/> but not
    /// <paramref name="fromYear"/> are new, the reverse lost.
    /// </summary>
    public NetworkChange Evolution(OrganizationSelection? where, int fromYear, int toYear, CollaborationKinds kinds = CollaborationKinds.All, double minWeight = 0)
    {
        if (fromYear >= toYear) throw new InvalidInputException($"fromYear ({fromYear}) must be before toYear ({toYear})");
        var before = Network(new NetworkQuery(where, CollaborationFilter.During(fromYear, kinds), minWeight));
        var after = Network(new NetworkQuery(where, CollaborationFilter.During(toYear, kinds), minWeight));
        var beforePairs = before.Edges.ToDictionary(e => (e.SourceId, e.TargetId));
        var afterPairs = after.Edges.ToDictionary(e => (e.SourceId, e.TargetId));
        return new NetworkChange(fromYear, toYear, before.Statistics, after.Statistics,
            after.Edges.Where(e => !beforePairs.ContainsKey((e.SourceId, e.TargetId))).ToList(),
            before.Edges.Where(e => !afterPairs.ContainsKey((e.SourceId, e.TargetId))).ToList(),
            after.Edges.Count(e => beforePairs.ContainsKey((e.SourceId, e.TargetId))));
    }

    sealed record Selection(
        IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkNode> Outside, IReadOnlyList<NetworkEdge> Edges, WeightedGraph Graph,
        int ExternalInRegion, int ExternalOutOfRegion, int ExternalUnknown, long DataVersion);

    Selection Select(NetworkQuery query, bool withEdges = true)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var where = query.Where ?? OrganizationSelection.Everyone;
        var filter = (query.Filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
        return Read(graph =>
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
            return new Selection(nodes, partners, new SelectedEdges(nodes, partners, edges),
                WeightedGraph.FromRows(offsets, targets, weights), externalIn, externalOut, externalUnknown, _dataVersion);
        });
    }

    static NetworkNode ToNetworkNode(ProjectionGraph graph, int node)
    {
        var record = graph.Nodes[node];
        return new NetworkNode(record.Id, record.Kind, record.Region, record.Fields, record.Locality);
    }

    static NetworkStatistics Statistics(Selection selection)
    {
        var n = selection.Nodes.Count;
        var graph = selection.Graph;
        var m = graph.EdgeCount;
        // Components by union-find over the selection's own rows, and the ties read in their compact form: a city's
        // network is asked for often, and a graph object and an edge object per tie for each ask cost more than the rest.
        var parent = new int[n];
        for (var i = 0; i < n; i++) parent[i] = i;
        int Root(int node)
        {
            while (parent[node] != node) node = parent[node] = parent[parent[node]];
            return node;
        }
        var components = n;
        var isolated = 0;
        for (var i = 0; i < n; i++)
        {
            if (graph.Degree(i) == 0) isolated++;
            for (var e = graph.Offsets[i]; e < graph.Offsets[i + 1]; e++)
            {
                if (graph.Targets[e] <= i) continue;
                var (a, b) = (Root(i), Root(graph.Targets[e]));
                if (a == b) continue;
                parent[a] = b;
                components--;
            }
        }
        var sizes = new int[n];
        var largest = 0;
        for (var i = 0; i < n; i++) largest = Math.Max(largest, ++sizes[Root(i)]);

        int inRegion = 0, outOfRegion = 0;
        double totalWeight = 0;
        foreach (var edge in ((SelectedEdges)selection.Edges).Rows)
        {
            if (edge.Crossing) continue;
            totalWeight += Math.Round(edge.Tie.Weight, 6);
            var (a, b) = (selection.Nodes[edge.Source].Locality, selection.Nodes[edge.Target].Locality);
            if (a is null || b is null) continue;
            if (a == RegionLocality.InRegion && b == RegionLocality.InRegion) inRegion++;
            else outOfRegion++;
        }
        return new NetworkStatistics(
            n, m,
            n > 1 ? Math.Round(2.0 * m / ((double)n * (n - 1)), 8) : 0,
            components, largest, isolated,
            inRegion, outOfRegion, inRegion + outOfRegion > 0 ? Math.Round((double)inRegion / (inRegion + outOfRegion), 6) : 0,
            selection.ExternalInRegion + selection.ExternalOutOfRegion + selection.ExternalUnknown,
            selection.ExternalInRegion, selection.ExternalOutOfRegion,
            Math.Round(totalWeight, 6));
    }

    // Matches projection nodes (given the graph) or the nodes of a selection already made.
    sealed class SelectionMatcher(ProjectionGraph? graph, OrganizationSelection where)
    {
        readonly Dictionary<string, bool> _fieldMatches = new(StringComparer.Ordinal);

        public bool Matches(int node)
        {
            var record = graph!.Nodes[node];
            return Matches(record.Kind, record.Region, record.Fields);
        }

        public bool Matches(NetworkNode node) => Matches(node.Kind, node.Region, node.Fields);

        bool Matches(NodeKind kind, string? organisationRegion, IReadOnlyList<string> fields)
        {
            if (where.Kinds is { Count: > 0 } kinds && !kinds.Contains(kind)) return false;
            if (where.Region is { } region && !Regions.IsWithin(organisationRegion, region)) return false;
            if (where.Field is { } field && !fields.Any(f => FieldWithin(f, field))) return false;
            return true;
        }

        bool FieldWithin(string code, string field)
        {
            if (!_fieldMatches.TryGetValue(code, out var within)) _fieldMatches[code] = within = Fields.IsWithin(code, field);
            return within;
        }
    }
}
