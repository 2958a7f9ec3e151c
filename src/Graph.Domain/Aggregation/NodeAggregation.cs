using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Aggregation;

/// <summary>What nodes can be grouped by.</summary>
public enum GroupDimension
{
    /// <summary>The region at a level (GB/T 2260 prefix: 2 digits a province, 4 a city, 6 a county).</summary>
    Region,
    /// <summary>The field at a depth of the field tree (1: the top fields); a node in several fields is in each group.</summary>
    Field,
    /// <summary>Each year of a range: the figures of that year, the links in force on its 31 December.</summary>
    Year,
    /// <summary>The node's kind.</summary>
    Kind,
    /// <summary>The node's <c>status</c>.</summary>
    Status,
    /// <summary>The policy lists an enterprise is on; one on several lists is in each group.</summary>
    List,
}

/// <summary>One group-by key: a dimension and, for regions and fields, the level.</summary>
public sealed record GroupBy(GroupDimension Dimension, RegionLevel RegionLevel = RegionLevel.Province, int FieldLevel = 1);

/// <summary>
/// How to aggregate: the group-by keys, most significant first, and the year — a single <paramref name="Year"/> (the latest
/// each enterprise has when null), or, when grouping by year, each year from <paramref name="From"/> to <paramref name="To"/>.
/// </summary>
public sealed record AggregateRequest(IReadOnlyList<GroupBy> GroupBy, int? Year = null, int? From = null, int? To = null)
{
    /// <summary>The most years one aggregation groups by.</summary>
    public const int MaxYears = 30;

    /// <summary>Whether it groups by policy list (which reads confidential figures).</summary>
    public bool ByList => GroupBy.Any(g => g.Dimension == GroupDimension.List);

    /// <summary>The years each node is counted in: each of from–to when grouping by year, else the one year asked (null: the latest).</summary>
    public IReadOnlyList<int?> Years => GroupBy.Any(g => g.Dimension == GroupDimension.Year)
        ? [.. Enumerable.Range(From!.Value, To!.Value - From.Value + 1).Select(y => (int?)y)]
        : [Year];

    /// <summary>Refuses a request that cannot be answered, with INVALID_INPUT naming the argument.</summary>
    public void Check(IReadOnlySet<NodeKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var byYear = GroupBy.Any(g => g.Dimension == GroupDimension.Year);
        foreach (var dimension in GroupBy.GroupBy(g => g.Dimension).Where(g => g.Count() > 1))
            throw new InvalidInputException($"groupBy: {dimension.Key} is named {dimension.Count()} times; name each dimension once");
        foreach (var key in GroupBy)
        {
            switch (key.Dimension)
            {
                case GroupDimension.Field when key.FieldLevel < 1 || key.FieldLevel > NodeAggregation.FieldDepth:
                    throw new InvalidInputException($"groupBy.field: level {key.FieldLevel} does not exist; the field tree has levels 1 (top) to {NodeAggregation.FieldDepth}");
                case GroupDimension.Field when !kinds.All(k => GraphCatalog.Of(k).Property("fields") is not null):
                    throw new InvalidInputException($"groupBy.field: {string.Join(", ", kinds.Where(k => GraphCatalog.Of(k).Property("fields") is null))} has no fields");
                case GroupDimension.Region when !kinds.All(k => k == NodeKind.Region || GraphCatalog.Of(k).Property("region") is not null):
                    throw new InvalidInputException($"groupBy.region: {string.Join(", ", kinds.Where(k => GraphCatalog.Of(k).Property("region") is null))} has no region");
                case GroupDimension.Status when !kinds.All(k => GraphCatalog.Of(k).Property("status") is not null):
                    throw new InvalidInputException($"groupBy.status: {string.Join(", ", kinds.Where(k => GraphCatalog.Of(k).Property("status") is null))} has no status");
                case GroupDimension.List when !kinds.SetEquals([NodeKind.Enterprise]):
                    throw new InvalidInputException("groupBy.list: only enterprises are on policy lists");
            }
        }
        if (byYear)
        {
            if (Year is not null) throw new InvalidInputException("year: give either a year or, grouping by year, from and to");
            if (From is not { } from || To is not { } to) throw new InvalidInputException("from, to: grouping by year needs the years, from and to");
            EnterpriseFigures.CheckYear(from, "from");
            EnterpriseFigures.CheckYear(to, "to");
            if (to < from) throw new InvalidInputException($"to: {to} is before from {from}");
            if (to - from + 1 > MaxYears) throw new InvalidInputException($"from–to: {to - from + 1} years; at most {MaxYears} at once");
        }
        else if (From is not null || To is not null)
        {
            throw new InvalidInputException("from, to: only with groupBy year; for one year give year");
        }
        if (Year is { } year) EnterpriseFigures.CheckYear(year, "year");
    }

}

/// <summary>A node counted in a group, in a year (null: no year asked, the latest figures and every link).</summary>
public sealed record GroupMember(Node Node, int? Year)
{
    /// <summary>The enterprise's figures of the year (its latest without one); null for other kinds or without figures.</summary>
    public YearFigures? Figures => NodeAggregation.FiguresOf(Node.Kind, Node.Properties, Year);

    /// <summary>The day links and ties are taken as they stood: 31 December of the year, or null for all of them.</summary>
    public DateOnly? AsOf => Year is { } year ? new DateOnly(year, 12, 31) : null;
}

/// <summary>One value of a group's key: the dimension and its value (a code, year, kind, status or list name; null for none).</summary>
public sealed record GroupValue(GroupDimension Dimension, string? Value);

/// <summary>A group: its key (one value per group-by key, in their order) and the nodes in it.</summary>
public sealed record AggregateGroup(IReadOnlyList<GroupValue> Key, IReadOnlyList<GroupMember> Members)
{
    /// <summary>How many enterprises the group holds (small-cell suppression counts these).</summary>
    public int Enterprises { get; } = Members.Count(m => m.Node.Kind == NodeKind.Enterprise);
}

/// <summary>
/// Groups nodes by region, field, year, kind, status or policy list, and computes measures over each group: counts, the
/// sum, average, minimum and maximum of a figure, links of a type, collaboration ties. A node is in one group per
/// combination of its values (a node in two fields is in both field groups); a group's measures count each of its nodes once.
/// </summary>
public static class NodeAggregation
{
    /// <summary>The depth of the field tree.</summary>
    public static int FieldDepth { get; } = TechnologyFields.All.Max(f => TechnologyFields.Chain(f.Code).Count);

    /// <summary>
    /// The groups of the nodes, ordered by key (absent values last). <paramref name="listsOf"/> tells the policy lists an
    /// enterprise is on in a year (needed only when grouping by list).
    /// </summary>
    public static IReadOnlyList<AggregateGroup> Group(
        IEnumerable<Node> nodes, AggregateRequest request, Func<Node, int?, IReadOnlyList<PolicyList>>? listsOf = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(request);
        if (request.ByList && listsOf is null) throw new ArgumentNullException(nameof(listsOf), "grouping by list needs the lists");
        var years = request.Years;
        var groups = new Dictionary<string, (List<GroupValue> Key, List<GroupMember> Members)>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var year in years)
            {
                var member = new GroupMember(node, year);
                foreach (var key in Keys(member, request.GroupBy, listsOf))
                {
                    var id = KeyId(key);
                    if (!groups.TryGetValue(id, out var group)) groups[id] = group = (key, []);
                    group.Members.Add(member);
                }
            }
        }
        return groups.Values
            .OrderBy(g => (IReadOnlyList<GroupValue>)g.Key, KeyOrder)
            .Select(g => new AggregateGroup(g.Key, g.Members))
            .ToList();
    }

    /// <summary>A group key as one string, the same for equal keys (a store's groups and the service's are matched by it).</summary>
    public static string KeyId(IEnumerable<GroupValue> key) => string.Join('\u001f', key.Select(v => v.Value ?? "\u0000"));

    /// <summary>The order of groups: value by value, ordinal, absent values last.</summary>
    public static IComparer<IReadOnlyList<GroupValue>> KeyOrder { get; } = new KeyComparer();

    private const int Chunk = 5000;

    /// <summary>
    /// Every node of these kinds the filter selects: a scan of each kind without a filter, else pages of the store's list,
    /// whose filter reads the figures of <paramref name="figureYear"/> (the latest when null).
    /// </summary>
    public static async Task<List<Node>> SelectAsync(IGraphStore store, IReadOnlyCollection<NodeKind> kinds, NodeFilter? filter, int? figureYear = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(kinds);
        var nodes = new List<Node>();
        if (filter is null)
        {
            foreach (var kind in kinds)
            {
                await foreach (var node in store.ScanNodesAsync(kind, cancellationToken).ConfigureAwait(false))
                    nodes.Add(node);
            }
            return nodes;
        }
        for (var skip = 0; ; skip += Chunk)
        {
            var page = await store.ListNodesAsync(new NodeQuery(kinds, filter, [new SortField("name")], skip, Chunk, CountTotal: false) { FigureYear = figureYear }, cancellationToken).ConfigureAwait(false);
            nodes.AddRange(page.Items);
            if (page.Items.Count < Chunk) return nodes;
        }
    }

    /// <summary>
    /// The links of one type in one direction of these nodes, by the node they count for: the end they are read from, or,
    /// in <see cref="Direction.Both"/>, each end among the nodes. One store call per 500 nodes.
    /// </summary>
    public static async Task<ILookup<string, Link>> LinksAsync(
        IGraphReader store, IReadOnlySet<string> nodeIds, LinkType type, Direction direction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(nodeIds);
        var links = new List<Link>();
        foreach (var chunk in nodeIds.Chunk(500))
            links.AddRange(await store.GetLinksAsync(new LinkQuery(chunk, direction, [type]), cancellationToken).ConfigureAwait(false));
        return links.DistinctBy(l => l.Id)
            .SelectMany(l => direction switch
            {
                Direction.Out => [(Node: l.FromId, Link: l)],
                Direction.In => [(Node: l.ToId, Link: l)],
                _ => new[] { (Node: l.FromId, Link: l), (Node: l.ToId, Link: l) },
            })
            .Where(end => nodeIds.Contains(end.Node))
            .ToLookup(end => end.Node, end => end.Link, StringComparer.Ordinal);
    }

    /// <summary>Whether a group is too small to show anyone but an analyst (<see cref="SmallCells"/>).</summary>
    public static bool IsDisclosive(AggregateGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return SmallCells.IsDisclosive(group.Enterprises);
    }

    /// <summary>A member's value of a numeric property: an enterprise's yearly figure from its year's figures, else the stored value.</summary>
    public static decimal? Figure(GroupMember member, string property)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Figure(member.Node.Kind, member.Node.Properties, member.Year, property);
    }

    /// <summary>
    /// A node's value of a numeric property in a year (null: the latest): an enterprise's yearly figure from its year's
    /// figures, else the stored value. Only the figure's own properties are read (a store may hand over just those).
    /// </summary>
    public static decimal? Figure(NodeKind kind, PropertyBag properties, int? year, string property)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (kind == NodeKind.Enterprise && EnterpriseFigures.YearlyProperties.Contains(property))
        {
            var figures = FiguresOf(kind, properties, year);
            return property switch
            {
                "employees" => figures?.Employees,
                "revenue" => figures?.Revenue,
                "rdExpenditure" => figures?.RdExpenditure,
                "inventionPatents" => figures?.InventionPatents,
                _ => null,
            };
        }
        return properties.Decimal(property);
    }

    /// <summary>The properties <see cref="Figure(NodeKind, PropertyBag, int?, string)"/> reads for a figure of a kind.</summary>
    public static IReadOnlyList<string> PropertiesOf(NodeKind kind, string property) =>
        kind == NodeKind.Enterprise && EnterpriseFigures.YearlyProperties.Contains(property)
            ? [EnterpriseFigures.SeriesProperty, EnterpriseFigures.DataYear, .. EnterpriseFigures.YearlyProperties]
            : [property];

    internal static YearFigures? FiguresOf(NodeKind kind, PropertyBag properties, int? year) =>
        kind == NodeKind.Enterprise ? EnterpriseFigures.For(properties, year) : null;

    /// <summary>The statistics of a figure over a group's nodes that have it; null when none has it.</summary>
    public static FigureSummary? Summarize(AggregateGroup group, string property)
    {
        ArgumentNullException.ThrowIfNull(group);
        return FigureSummary.Of(group.Members.Select(m => Figure(m, property)));
    }

    /// <summary>
    /// How many distinct links the group's nodes have among <paramref name="links"/> (the links of the nodes, by node id): a link
    /// between two nodes of the group counts once. In a year, only links in force on its 31 December.
    /// </summary>
    public static int CountLinks(AggregateGroup group, ILookup<string, Link> links)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(links);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in group.Members)
        {
            foreach (var link in links[member.Node.Id])
            {
                if (member.AsOf is not { } on || PolicyGraph.InForce(link, on)) seen.Add(link.Id);
            }
        }
        return seen.Count;
    }

    /// <summary>
    /// How many distinct collaboration ties the group's organisations have (a tie inside the group counts once). In a year,
    /// only ties whose first evidence is dated on or before its 31 December (undated ones always count).
    /// </summary>
    public static int CountTies(AggregateGroup group, IReadOnlyDictionary<string, IReadOnlyList<NetworkEdge>> ties)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(ties);
        var seen = new HashSet<(string, string)>();
        foreach (var member in group.Members)
        {
            if (!ties.TryGetValue(member.Node.Id, out var edges)) continue;
            foreach (var edge in edges)
            {
                if (member.AsOf is not { } on || edge.FirstDate is null || edge.FirstDate <= on) seen.Add((edge.SourceId, edge.TargetId));
            }
        }
        return seen.Count;
    }

    /// <summary>The region code at a level a region code lies in (by its GB/T 2260 prefix), or null when it is not below that level.</summary>
    public static string? RegionAt(string? code, RegionLevel level)
    {
        if (!Regions.IsDivisionCode(code)) return null;
        return level switch
        {
            RegionLevel.Province => code![..2] + "0000",
            RegionLevel.City => code![2..4] == "00" ? null : code[..4] + "00",
            _ => code![4..6] == "00" ? null : code,
        };
    }

    /// <summary>The field at a depth (1: top) a field lies in, or null when it is shallower.</summary>
    public static string? FieldAt(string code, int level)
    {
        var chain = TechnologyFields.Chain(code);
        return chain.Count >= level ? chain[chain.Count - level].Code : null;
    }

    static IEnumerable<List<GroupValue>> Keys(GroupMember member, IReadOnlyList<GroupBy> groupBy, Func<Node, int?, IReadOnlyList<PolicyList>>? listsOf)
    {
        IEnumerable<List<GroupValue>> keys = [[]];
        foreach (var key in groupBy)
        {
            var values = ValuesOf(member, key, listsOf).Distinct().ToList();
            if (values.Count == 0) values.Add(null);
            keys = keys.SelectMany(prefix => values.Select(value => (List<GroupValue>)[.. prefix, new GroupValue(key.Dimension, value)])).ToList();
        }
        return keys;
    }

    static IEnumerable<string?> ValuesOf(GroupMember member, GroupBy key, Func<Node, int?, IReadOnlyList<PolicyList>>? listsOf)
    {
        var node = member.Node;
        return key.Dimension switch
        {
            GroupDimension.Region => [RegionAt(node.Kind == NodeKind.Region ? node.Key : node.Properties.Text("region"), key.RegionLevel)],
            GroupDimension.Field => (node.Kind == NodeKind.Field ? [node.Key] : node.Properties.List("fields").AsEnumerable())
                .Select(f => FieldAt(f, key.FieldLevel)).Where(f => f is not null),
            GroupDimension.Year => [member.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            GroupDimension.Kind => [node.Kind.ToString()],
            GroupDimension.Status => [node.Properties.Text("status")],
            GroupDimension.List => listsOf!(node, member.Year).Select(l => (string?)l.ToString()),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key.Dimension, "unknown dimension"),
        };
    }

    sealed class KeyComparer : IComparer<IReadOnlyList<GroupValue>>
    {
        public int Compare(IReadOnlyList<GroupValue>? x, IReadOnlyList<GroupValue>? y)
        {
            for (var i = 0; i < Math.Min(x!.Count, y!.Count); i++)
            {
                var (a, b) = (x[i].Value, y[i].Value);
                var order = a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b);
                if (order != 0) return order;
            }
            return x.Count.CompareTo(y.Count);
        }
    }
}

/// <summary>A figure over a group: how many nodes have it, and its sum, average (4 decimals), minimum and maximum.</summary>
public sealed record FigureSummary(int Count, decimal Sum, decimal Average, decimal Min, decimal Max)
{
    /// <summary>The summary of the values present; null when none is.</summary>
    public static FigureSummary? Of(IEnumerable<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = values.OfType<decimal>().ToList();
        return present.Count == 0 ? null
            : new FigureSummary(present.Count, present.Sum(), decimal.Round(present.Average(), 4), present.Min(), present.Max());
    }
}
