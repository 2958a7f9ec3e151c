using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>The enterprise lists staff work through: 双清零, the five lists 五类清单 of 001, the cultivation pool.</summary>
public enum PolicyList
{
    /// <summary>"双清零": industrial, revenue ≥ 5 亿元, neither R&amp;D activity nor an R&amp;D institution (001's first list).</summary>
    DoubleZero,
    /// <summary>国有规模以上工业企业 with neither R&amp;D activity nor an R&amp;D institution (target zero).</summary>
    StateOwnedWithoutRd,
    /// <summary>国有规模以上工业企业清单 (001).</summary>
    StateOwnedAboveScaleIndustrial,
    /// <summary>规模以上工业企业"双提升"清单 (001).</summary>
    AboveScaleDoubleRaise,
    /// <summary>高新技术企业"小升规"清单 (001).</summary>
    HighTechToScale,
    /// <summary>规模以上工业企业"高新化"清单 (001).</summary>
    AboveScaleToHighTech,
    /// <summary>高新技术企业培育库 (001 二(六)).</summary>
    CultivationPool,
}

/// <summary>Which enterprises an indicator or list counts: a region with its sub-regions, a field with its sub-fields, a year (the latest with figures when null).</summary>
public sealed record IndicatorScope(string? Region = null, string? Field = null, int? Year = null);

/// <summary>One indicator over several years, oldest first.</summary>
public sealed record IndicatorHistory(Indicator Indicator, IReadOnlyList<IndicatorValue> Values);

/// <summary>
/// The policy indicators and lists over the graph (DOMAIN.md rule 7; seeds 001, 002, 000, 003), each for a year: the
/// enterprises' figures of that year (<see cref="EnterpriseFigures"/>), and the graph as it stood on 31 December — an
/// enterprise's R&amp;D institution is a platform it HOSTS, the link in force and the platform not delisted by then; its
/// platforms are those it hosts, leads or co-builds likewise; pairings are those in force; institutions count once filed.
/// </summary>
public sealed class PolicyIndicatorReport(IGraphStore store, IndicatorTargets? targets = null)
{
    /// <summary>The most years one history covers.</summary>
    public const int MaxYears = 30;

    readonly IndicatorTargets _targets = targets ?? IndicatorTargets.Shipped;

    /// <summary>The Chinese name of a list.</summary>
    public static string Name(PolicyList list) => list switch
    {
        PolicyList.DoubleZero => PolicyIndicators.Name(FiveList.KeyIndustrialWithoutRd),
        PolicyList.StateOwnedWithoutRd => "无研发活动和无研发机构的国有规模以上工业企业",
        PolicyList.StateOwnedAboveScaleIndustrial => PolicyIndicators.Name(FiveList.StateOwnedAboveScaleIndustrial),
        PolicyList.AboveScaleDoubleRaise => PolicyIndicators.Name(FiveList.AboveScaleDoubleRaise),
        PolicyList.HighTechToScale => PolicyIndicators.Name(FiveList.HighTechToScale),
        PolicyList.AboveScaleToHighTech => PolicyIndicators.Name(FiveList.AboveScaleToHighTech),
        PolicyList.CultivationPool => "高新技术企业培育库",
        _ => list.ToString(),
    };

    /// <summary>Whether an enterprise is on a list.</summary>
    public static bool IsOn(PolicyList list, EnterpriseProfile e) => list switch
    {
        PolicyList.DoubleZero => PolicyIndicators.IsOn(FiveList.KeyIndustrialWithoutRd, e),
        PolicyList.StateOwnedWithoutRd => PolicyIndicators.IsStateOwnedWithoutRd(e),
        PolicyList.StateOwnedAboveScaleIndustrial => PolicyIndicators.IsOn(FiveList.StateOwnedAboveScaleIndustrial, e),
        PolicyList.AboveScaleDoubleRaise => PolicyIndicators.IsOn(FiveList.AboveScaleDoubleRaise, e),
        PolicyList.HighTechToScale => PolicyIndicators.IsOn(FiveList.HighTechToScale, e),
        PolicyList.AboveScaleToHighTech => PolicyIndicators.IsOn(FiveList.AboveScaleToHighTech, e),
        PolicyList.CultivationPool => PolicyIndicators.IsInCultivationPool(e),
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "unknown list"),
    };

    /// <summary>
    /// Every indicator in the scope for a year, beside the target of the scope's own region (the home province's when no
    /// region is named), with the gap.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorValue>> EvaluateAsync(IndicatorScope scope, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        EnterpriseFigures.CheckYear(year, "year");
        var graph = await LoadAsync(scope, cancellationToken).ConfigureAwait(false);
        return Evaluate(graph, scope, year);
    }

    /// <summary>Each indicator in the scope for every year from <paramref name="from"/> to <paramref name="to"/>, read from one pass over the graph.</summary>
    public async Task<IReadOnlyList<IndicatorHistory>> HistoryAsync(IndicatorScope scope, int from, int to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        EnterpriseFigures.CheckYear(from, "from");
        EnterpriseFigures.CheckYear(to, "to");
        if (to < from) throw new InvalidInputException($"to: {to} is before from {from}");
        if (to - from + 1 > MaxYears) throw new InvalidInputException($"from–to: {to - from + 1} years; at most {MaxYears} at once");
        var graph = await LoadAsync(scope, cancellationToken).ConfigureAwait(false);
        var years = Enumerable.Range(from, to - from + 1).Select(y => Evaluate(graph, scope, y)).ToList();
        return Enum.GetValues<Indicator>()
            .Select(indicator => new IndicatorHistory(indicator, years.Select(values => values.Single(v => v.Indicator == indicator)).ToList()))
            .ToList();
    }

    /// <summary>A page of the enterprises on a list in the scope, by name then id, and how many there are in all.</summary>
    public async Task<Page<Node>> ListAsync(PolicyList list, IndicatorScope scope, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (skip < 0 || take < 0)
            throw new InvalidInputException("paging: skip and take cannot be negative");
        if (scope.Year is { } year) EnterpriseFigures.CheckYear(year, "year");
        var graph = await LoadAsync(scope, cancellationToken).ConfigureAwait(false);
        var members = Profiles(graph, scope.Year).Where(p => IsOn(list, p)).Select(p => graph.Enterprises[p.Id])
            .OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        return new Page<Node>(members.Skip(skip).Take(take).ToList(), members.Count);
    }

    IReadOnlyList<IndicatorValue> Evaluate(Graph graph, IndicatorScope scope, int year)
    {
        var jurisdiction = PolicyGraph.JurisdictionOf(scope.Region);
        var endOfYear = new DateOnly(year, 12, 31);
        var filed = graph.PlatformLinks
            .Where(l => l.Type == LinkType.Hosts && PolicyGraph.InForce(l, endOfYear) && graph.Platforms.TryGetValue(l.ToId, out var p) && IsFiledBy(p, endOfYear))
            .Select(l => l.FromId).Distinct(StringComparer.Ordinal).Count();
        var paired = graph.Pairings.Where(l => PolicyGraph.InForce(l, endOfYear)).Select(l => l.FromId).Distinct(StringComparer.Ordinal).Count();
        return
        [
            .. PolicyIndicators.Evaluate(Profiles(graph, year), year, indicator => _targets.For(indicator, jurisdiction, year)),
            PolicyIndicators.Count(Indicator.FiledInstitutions, filed, year, _targets.For(Indicator.FiledInstitutions, jurisdiction, year)),
            PolicyIndicators.Count(Indicator.Pairings, paired, year, _targets.For(Indicator.Pairings, jurisdiction, year)),
        ];
    }

    /// <summary>
    /// The lists one enterprise is on by its latest figures, with its institutions and platforms as they stand on a day
    /// (an institution filed since the figures' year counts); none without figures.
    /// </summary>
    public async Task<IReadOnlyList<PolicyList>> ListsOfAsync(Node enterprise, DateOnly on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        if (EnterpriseFigures.For(enterprise.Properties, null) is not { } figures) return [];
        var links = await LinksOfAsync([enterprise.Id], [LinkType.Hosts, LinkType.Leads, LinkType.CoBuilds], cancellationToken).ConfigureAwait(false);
        var platforms = await store.GetNodesAsync([.. links.Select(l => l.ToId).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var live = links.Where(l => PolicyGraph.InForce(l, on) && platforms.TryGetValue(l.ToId, out var p) && IsLive(p, on)).ToList();
        var profile = Profile(enterprise, figures, live.Exists(l => l.Type == LinkType.Hosts), live.Count > 0);
        return [.. Enum.GetValues<PolicyList>().Where(list => IsOn(list, profile))];
    }

    // The enterprises with figures for the year (the latest each has when null), as the graph stood at its end.
    static List<EnterpriseProfile> Profiles(Graph graph, int? year)
    {
        var profiles = new List<EnterpriseProfile>();
        foreach (var e in graph.Enterprises.Values)
        {
            if (ProfileOf(graph, e, year) is { } profile) profiles.Add(profile);
        }
        return profiles;
    }

    // An enterprise with figures for the year (its latest when null), as the graph stood at the year's end; null without figures.
    static EnterpriseProfile? ProfileOf(Graph graph, Node e, int? year)
    {
        if (EnterpriseFigures.For(e.Properties, year) is not { } figures) return null;
        var asOf = new DateOnly(figures.Year, 12, 31);
        var live = graph.PlatformLinksOf[e.Id].Where(l => PolicyGraph.InForce(l, asOf) && graph.Platforms.TryGetValue(l.ToId, out var p) && IsLive(p, asOf)).ToList();
        return Profile(e, figures, live.Exists(l => l.Type == LinkType.Hosts), live.Count > 0);
    }

    /// <summary>
    /// Which lists each of these enterprises is on in a year (its latest figures when null), read from one pass over their
    /// platforms: none for an enterprise without figures for the year, or not among them.
    /// </summary>
    public async Task<Func<Node, int?, IReadOnlyList<PolicyList>>> MembershipAsync(IEnumerable<Node> enterprises, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enterprises);
        var graph = await LoadAsync(enterprises.Where(e => e.Kind == NodeKind.Enterprise).ToDictionary(e => e.Id, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        return (node, year) => graph.Enterprises.ContainsKey(node.Id) && ProfileOf(graph, node, year) is { } profile
            ? Enum.GetValues<PolicyList>().Where(list => IsOn(list, profile)).ToList()
            : [];
    }

    // A platform counts from its establishment (or filing) until it is delisted.
    static bool IsLive(Node platform, DateOnly on)
    {
        var p = platform.Properties;
        if (p.Text("status") == "Delisted" && (p.Date("statusDate") is not { } delisted || delisted <= on)) return false;
        return (p.Date("establishedOn") ?? p.Date("filedOn")) is not { } start || start <= on;
    }

    // Filed by that day (000 counts 备案研发机构企业) and not delisted by then: a later accreditation does not undo the filing.
    static bool IsFiledBy(Node platform, DateOnly on)
    {
        var p = platform.Properties;
        var filedOn = p.Date("filedOn") ?? (p.Text("status") == "Filed" ? p.Date("statusDate") : null);
        return filedOn is { } date && date <= on && IsLive(platform, on);
    }

    sealed record Graph(Dictionary<string, Node> Enterprises, Dictionary<string, Node> Platforms, List<Link> PlatformLinks, List<Link> Pairings)
    {
        public ILookup<string, Link> PlatformLinksOf { get; } = PlatformLinks.ToLookup(l => l.FromId, StringComparer.Ordinal);
    }

    async Task<Graph> LoadAsync(IndicatorScope scope, CancellationToken cancellationToken)
    {
        if (scope.Region is not null && Regions.Find(scope.Region) is null)
            throw new InvalidInputException($"region: '{scope.Region}' is not a known GB/T 2260 division code");
        if (scope.Field is not null && TechnologyFields.Find(scope.Field) is null)
            throw new InvalidInputException($"field: '{scope.Field}' is not a known field code");

        var enterprises = new Dictionary<string, Node>(StringComparer.Ordinal);
        await foreach (var e in store.ScanNodesAsync(NodeKind.Enterprise, cancellationToken).ConfigureAwait(false))
        {
            if (scope.Region is not null && !Regions.IsWithin(e.Properties.Text("region"), scope.Region)) continue;
            if (scope.Field is not null && !e.Properties.List("fields").Any(f => TechnologyFields.IsWithin(f, scope.Field))) continue;
            enterprises[e.Id] = e;
        }
        return await LoadAsync(enterprises, cancellationToken).ConfigureAwait(false);
    }

    async Task<Graph> LoadAsync(Dictionary<string, Node> enterprises, CancellationToken cancellationToken)
    {
        var platforms = new Dictionary<string, Node>(StringComparer.Ordinal);
        await foreach (var p in store.ScanNodesAsync(NodeKind.Platform, cancellationToken).ConfigureAwait(false))
            platforms[p.Id] = p;
        var platformLinks = await LinksOfAsync(enterprises.Keys, [LinkType.Hosts, LinkType.Leads, LinkType.CoBuilds], cancellationToken).ConfigureAwait(false);
        var pairings = await LinksOfAsync(enterprises.Keys, [LinkType.PairedWith], cancellationToken).ConfigureAwait(false);
        return new Graph(enterprises, platforms, platformLinks, pairings);
    }

    async Task<List<Link>> LinksOfAsync(IEnumerable<string> ids, LinkType[] types, CancellationToken cancellationToken)
    {
        var result = new List<Link>();
        // Batches keep each store call's parameter list small.
        foreach (var chunk in ids.Chunk(500))
            result.AddRange(await store.GetLinksAsync(new LinkQuery(chunk, Direction.Out, types), cancellationToken).ConfigureAwait(false));
        return result;
    }

    static EnterpriseProfile Profile(Node e, YearFigures figures, bool hasInstitution, bool hasPlatform)
    {
        var p = e.Properties;
        var industrial = p.Flag("industrial");
        return new EnterpriseProfile(
            e.Id, p.Text("region"), p.List("fields"), figures.Employees ?? 0, figures.Revenue ?? 0m, figures.RdExpenditure ?? 0m,
            figures.HasRdActivity ?? false, figures.AboveDesignatedSizeFor(industrial) ?? false, industrial ?? false,
            p.Flag("stateOwned") ?? false, figures.HighTech ?? false, (int)(figures.InventionPatents ?? 0), hasInstitution, hasPlatform);
    }
}
