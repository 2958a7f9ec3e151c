using KnowledgeGraph.Domain.Collaboration.Algorithms;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>Network selections with their statistics, rankings, communities and change over time.</summary>
internal sealed class NetworkAnalysis(CollaborationProjection projection)
{
    /// <summary>The organisations of a selection and the ties among them, with summary statistics.</summary>
    public CollaborationNetwork Network(NetworkQuery query)
    {
        var selection = NetworkSelection.Select(projection, query);
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
        var selection = NetworkSelection.Select(projection, scope with { Boundary = NetworkBoundary.Exclude }, withEdges: false);
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
                scores = Bridging(selection, node => node.Fields.Count > 0 && TechnologyFields.Chain(node.Fields[0]) is { Count: > 0 } chain ? chain[^1].Code : null);
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

    static double[] Bridging(NetworkSelection selection, Func<NetworkNode, string?> groupOf)
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
        var selection = NetworkSelection.Select(projection, query, withEdges: false);
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

    static NetworkStatistics Statistics(NetworkSelection selection)
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
}
