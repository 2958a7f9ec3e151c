using System.Globalization;
using GraphQL;
using KnowledgeGraph.Api.Collaboration;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>
/// Network rankings in the root lists of organisations: <c>collaborationDegree</c>, <c>collaborationWeightedDegree</c> and
/// <c>collaborationPageRank</c> as conditions in <c>where</c> (of the lists and of their <c>&lt;list&gt;Aggregate</c>) and as
/// sort keys in <c>order</c>, each the score
/// <c>rankings</c> gives for the metric, computed on the whole collaboration network (every tie kind, all years) whatever
/// the list selects. The scores live in the service's projection, not in the store: a condition becomes the list of the
/// organisations it holds for (or of those it does not), which the store filters by, and a ranking sort orders the
/// store's selection in the service — both bounded by <see cref="MaxRankedOrganizations"/>.
/// </summary>
public sealed class NetworkRankings(CollaborationProjection projection)
{
    /// <summary>
    /// The most organisations a ranking condition may name either way (those it holds for, or those it does not), and
    /// the most a list sorted by a ranking may select; past it the request is refused as INVALID_INPUT.
    /// </summary>
    public const int MaxRankedOrganizations = 10_000;

    /// <summary>The ranking fields and the metric of <c>rankings</c> each one is.</summary>
    public static readonly IReadOnlyDictionary<string, RankingMetric> Metrics = new Dictionary<string, RankingMetric>
    {
        ["collaborationDegree"] = RankingMetric.Degree,
        ["collaborationWeightedDegree"] = RankingMetric.WeightedDegree,
        ["collaborationPageRank"] = RankingMetric.PageRank,
    };

    /// <summary>What each ranking field is, for the schema.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["collaborationDegree"] = "The number of organisations it collaborates with in the whole network (`rankings` by DEGREE). 合作度（全网）。",
        ["collaborationWeightedDegree"] = "The sum of its ties' weights in the whole network (`rankings` by WEIGHTED_DEGREE). 加权合作度（全网）。",
        ["collaborationPageRank"] = "Its PageRank in the whole network (`rankings` by PAGE_RANK). PageRank（全网）。",
    };

    /// <summary>The comparisons a ranking condition takes.</summary>
    internal static readonly string[] Operations = ["eq", "gt", "gte", "lt", "lte"];

    private readonly Dictionary<RankingMetric, IReadOnlyDictionary<string, double>> _scores = [];

    /// <summary>Whether the nodes of a scope are all organisations, and so have rankings.</summary>
    public static bool Applies(FilterScope scope) => scope.Kinds.All(GraphCatalog.OrganizationKinds.Contains);

    /// <summary>Whether a <c>where</c> or <c>order</c> argument names a ranking field anywhere, so the projection is needed.</summary>
    public static bool Mentioned(object? argument) => argument switch
    {
        IDictionary<string, object?> map => map.Any(entry => Metrics.ContainsKey(entry.Key) || Mentioned(entry.Value)),
        string => false,
        IEnumerable<object?> list => list.Any(Mentioned),
        _ => false,
    };

    /// <summary>The rankings of the current projection when the arguments name one (the projection is built only then), else null.</summary>
    public static async Task<NetworkRankings?> ForAsync(IResolveFieldContext context, object? where, object? order)
    {
        if (!Mentioned(where) && !Mentioned(order))
            return null;
        var service = context.RequestServices!.GetRequiredService<CollaborationService>();
        return new NetworkRankings(await service.ProjectionAsync(context.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A page of a list sorted by rankings: the ranking keys lead <c>order</c>; the store selects (at most
    /// <see cref="MaxRankedOrganizations"/>) in the order of the other keys, then id, and the service sorts that by the scores.
    /// </summary>
    public async Task<Connection> PageAsync(IResolveFieldContext context, FilterScope scope, NodeQuery query, PageRequest page)
    {
        var sort = query.Sort ?? [];
        var ranked = sort.TakeWhile(key => IsSortKey(scope, key)).ToList();
        if (sort.Skip(ranked.Count).FirstOrDefault(key => IsSortKey(scope, key)) is { } late)
            throw new InvalidInputException($"Argument 'order' lists the ranking '{late.Property}' after another key: ranking keys come first.");
        var selection = await context.Store().ListNodesAsync(
            query with { Sort = sort.Skip(ranked.Count).ToList(), Take = MaxRankedOrganizations + 1, CountTotal = false },
            context.CancellationToken).ConfigureAwait(false);
        if (selection.Items.Count > MaxRankedOrganizations)
        {
            throw new InvalidInputException(
                $"Argument 'order' of '{context.FieldDefinition.Name}' sorts by '{ranked[0].Property}' a selection of more than {MaxRankedOrganizations} organisations: narrow 'where' (a region, a kind, a ranking bound), or use `rankings` for the top of the whole network.");
        }
        var sorted = Sort(selection.Items, ranked);
        var (start, end) = page.Window(sorted.Count);
        var edges = sorted.Skip(start).Take(end - start).Select((node, i) => new Edge(PageRequest.Cursor(start + i), node, node.Id)).ToList();
        return new Connection(edges, PageRequest.Info(start, edges.Count, sorted.Count), sorted.Count);
    }

    /// <summary>Whether a sort key is a ranking in this scope.</summary>
    public static bool IsSortKey(FilterScope scope, SortField key) => key.CountedLinks is null && Metrics.ContainsKey(key.Property) && Applies(scope);

    /// <summary>What the ranking conditions and sort keys of a request add to its cost: each reads the whole network's scores.</summary>
    public static double Cost(object? where, object? order, double weight) => (Count(where) + Count(order)) * weight;

    private static int Count(object? argument) => argument switch
    {
        IDictionary<string, object?> map => map.Sum(entry => (Metrics.ContainsKey(entry.Key) ? 1 : 0) + Count(entry.Value)),
        string => 0,
        IEnumerable<object?> list => list.Sum(Count),
        _ => 0,
    };

    /// <summary>Each organisation's score by a metric on the whole network, computed once per request.</summary>
    public IReadOnlyDictionary<string, double> Scores(RankingMetric metric)
    {
        if (!_scores.TryGetValue(metric, out var scores))
        {
            scores = projection.Rank(new NetworkQuery(), metric, int.MaxValue).Top
                .ToDictionary(r => r.OrganizationId, r => r.Score, StringComparer.Ordinal);
            _scores.Add(metric, scores);
        }
        return scores;
    }

    /// <summary>
    /// The tests of a ranking condition's operations (validated also when no projection is at hand): a number each,
    /// compared as <c>rankings</c> reports the score.
    /// </summary>
    internal static List<Func<double, bool>> Tests(IDictionary<string, object?> operations, string path)
    {
        var tests = new List<Func<double, bool>>();
        foreach (var (operation, value) in operations)
        {
            if (value is null)
                continue;
            var at = $"{path}.{operation}";
            var bound = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (double.IsNaN(bound) || double.IsInfinity(bound))
                throw new InvalidInputException($"Argument '{at}' is not a finite number.");
            tests.Add(operation switch
            {
                "eq" => score => score == bound,
                "gt" => score => score > bound,
                "gte" => score => score >= bound,
                "lt" => score => score < bound,
                "lte" => score => score <= bound,
                _ => throw new InvalidInputException($"Argument '{at}': unknown operation '{operation}' ({string.Join(", ", Operations)})."),
            });
        }
        return tests;
    }

    /// <summary>
    /// The store condition a ranking condition amounts to: the organisations of the scope's kinds whose score passes every
    /// test, or all but those that fail one; refused when both lists are longer than <see cref="MaxRankedOrganizations"/>.
    /// </summary>
    internal NodeFilter Condition(FilterScope scope, string name, IReadOnlyList<Func<double, bool>> tests, string path)
    {
        var passing = new List<string>();
        var failing = new List<string>();
        foreach (var (id, score) in Scores(Metrics[name]))
        {
            if (NodeId.KindOf(id) is { } kind && scope.Kinds.Contains(kind))
                (tests.All(test => test(score)) ? passing : failing).Add(id);
        }
        if (passing.Count <= MaxRankedOrganizations)
            return new NodeFilter.Compare("id", FilterOp.In, passing);
        if (failing.Count <= MaxRankedOrganizations)
            return new NodeFilter.Compare("id", FilterOp.NotIn, failing);
        throw new InvalidInputException(
            $"Argument '{path}' holds for {passing.Count} organisations and fails for {failing.Count}: a ranking condition may leave at most {MaxRankedOrganizations} on one side. Narrow it (a higher or lower bound), or use `rankings` for the top of the network.");
    }

    /// <summary>
    /// Sorts the store's selection (in the order of the remaining keys, then id) by the ranking keys: a stable sort, so
    /// equal scores keep the store's order; an organisation without a score (not yet in the projection) comes last.
    /// </summary>
    public IReadOnlyList<Node> Sort(IReadOnlyList<Node> selection, IReadOnlyList<SortField> keys)
    {
        IOrderedEnumerable<Node>? sorted = null;
        foreach (var key in keys)
        {
            var scores = Scores(Metrics[key.Property]);
            double? Score(Node node) => scores.TryGetValue(node.Id, out var score) ? score : null;
            Func<Node, bool> absent = node => Score(node) is null;
            sorted = sorted is null ? selection.OrderBy(absent) : sorted.ThenBy(absent);
            sorted = key.Descending ? sorted.ThenByDescending(Score) : sorted.ThenBy(Score);
        }
        return sorted?.ToList() ?? selection;
    }
}
