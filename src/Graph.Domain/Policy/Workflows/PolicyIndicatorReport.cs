using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
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

/// <summary>Which enterprises an indicator or list counts: a region with its sub-regions, a field with its sub-fields, a data year.</summary>
public sealed record IndicatorScope(string? Region = null, string? Field = null, int? Year = null);

/// <summary>
/// The policy indicators and lists over the graph (DOMAIN.md rule 7; seeds 001, 002, 000, 003). An enterprise's R&amp;D
/// institution is a platform it HOSTS that is not delisted; its platforms are those it hosts, leads or co-builds.
/// </summary>
public sealed class PolicyIndicatorReport(IGraphStore store)
{
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
    /// Every indicator in the scope, beside the target of the jurisdiction the region lies in for the year (the home
    /// province's when no region is named), with the gap. Filings count institutions filed by the end of the year, pairings
    /// the enterprises paired at its end.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorValue>> EvaluateAsync(IndicatorScope scope, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var graph = await LoadAsync(scope, cancellationToken).ConfigureAwait(false);
        var jurisdiction = PolicyGraph.JurisdictionOf(scope.Region);
        var endOfYear = new DateOnly(year, 12, 31);
        var inScope = graph.Profiles.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var filed = graph.Hosts
            .Where(l => inScope.Contains(l.FromId) && graph.Platforms.TryGetValue(l.ToId, out var p)
                && p.Properties.Text("status") == "Filed" && (p.Properties.Date("filedOn") ?? p.Properties.Date("statusDate")) is { } on && on <= endOfYear)
            .Select(l => l.FromId).Distinct(StringComparer.Ordinal).Count();
        var paired = graph.Pairings.Where(l => inScope.Contains(l.FromId) && PolicyGraph.InForce(l, endOfYear))
            .Select(l => l.FromId).Distinct(StringComparer.Ordinal).Count();
        return
        [
            .. PolicyIndicators.Evaluate(graph.Profiles, jurisdiction, year),
            PolicyIndicators.Count(Indicator.FiledInstitutions, filed, jurisdiction, year),
            PolicyIndicators.Count(Indicator.Pairings, paired, jurisdiction, year),
        ];
    }

    /// <summary>A page of the enterprises on a list in the scope, by name then id, and how many there are in all.</summary>
    public async Task<Page<Node>> ListAsync(PolicyList list, IndicatorScope scope, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (skip < 0 || take < 0)
            throw new InvalidInputException("paging: skip and take cannot be negative");
        var graph = await LoadAsync(scope, cancellationToken).ConfigureAwait(false);
        var members = graph.Profiles.Where(p => IsOn(list, p)).Select(p => graph.Enterprises[p.Id])
            .OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        return new Page<Node>(members.Skip(skip).Take(take).ToList(), members.Count);
    }

    sealed record Graph(List<EnterpriseProfile> Profiles, Dictionary<string, Node> Enterprises, Dictionary<string, Node> Platforms, List<Link> Hosts, List<Link> Pairings);

    async Task<Graph> LoadAsync(IndicatorScope scope, CancellationToken cancellationToken)
    {
        if (scope.Region is not null && Regions.Find(scope.Region) is null)
            throw new InvalidInputException($"region: '{scope.Region}' is not a known GB/T 2260 division code");
        if (scope.Field is not null && Fields.Find(scope.Field) is null)
            throw new InvalidInputException($"field: '{scope.Field}' is not a known field code");

        var enterprises = new Dictionary<string, Node>(StringComparer.Ordinal);
        await foreach (var e in store.ScanNodesAsync(NodeKind.Enterprise, cancellationToken).ConfigureAwait(false))
        {
            if (scope.Region is not null && !Regions.IsWithin(e.Properties.Text("region"), scope.Region)) continue;
            if (scope.Field is not null && !e.Properties.List("fields").Any(f => Fields.IsWithin(f, scope.Field))) continue;
            // Figures are for a data year; an enterprise with none counts in every year.
            if (scope.Year is { } year && e.Properties.Integer("dataYear") is { } dataYear && dataYear != year) continue;
            enterprises[e.Id] = e;
        }

        var platforms = new Dictionary<string, Node>(StringComparer.Ordinal);
        await foreach (var p in store.ScanNodesAsync(NodeKind.Platform, cancellationToken).ConfigureAwait(false))
            platforms[p.Id] = p;
        var platformLinks = await LinksOfAsync(enterprises.Keys, [LinkType.Hosts, LinkType.Leads, LinkType.CoBuilds], cancellationToken).ConfigureAwait(false);
        var pairings = await LinksOfAsync(enterprises.Keys, [LinkType.PairedWith], cancellationToken).ConfigureAwait(false);

        bool Live(Link l) => platforms.TryGetValue(l.ToId, out var p) && p.Properties.Text("status") != "Delisted" && l.EndDate is null;
        var institutions = platformLinks.Where(l => l.Type == LinkType.Hosts && Live(l)).Select(l => l.FromId).ToHashSet(StringComparer.Ordinal);
        var withPlatform = platformLinks.Where(Live).Select(l => l.FromId).ToHashSet(StringComparer.Ordinal);
        var profiles = enterprises.Values.Select(e => Profile(e, institutions.Contains(e.Id), withPlatform.Contains(e.Id))).ToList();
        return new Graph(profiles, enterprises, platforms, platformLinks.Where(l => l.Type == LinkType.Hosts).ToList(), pairings);
    }

    async Task<List<Link>> LinksOfAsync(IEnumerable<string> ids, LinkType[] types, CancellationToken cancellationToken)
    {
        var result = new List<Link>();
        // Batches keep each store call's parameter list small.
        foreach (var chunk in ids.Chunk(500))
            result.AddRange(await store.GetLinksAsync(new LinkQuery(chunk, Direction.Out, types), cancellationToken).ConfigureAwait(false));
        return result;
    }

    static EnterpriseProfile Profile(Node e, bool hasInstitution, bool hasPlatform)
    {
        var p = e.Properties;
        return new EnterpriseProfile(
            e.Id, p.Text("region"), p.List("fields"), p.Integer("employees") ?? 0, p.Decimal("revenue") ?? 0m, p.Decimal("rdExpenditure") ?? 0m,
            p.Flag("hasRdActivity") ?? false, p.Flag("aboveDesignatedSize") ?? false, p.Flag("industrial") ?? false,
            p.Flag("stateOwned") ?? false, p.Flag("highTech") ?? false, (int)(p.Integer("inventionPatents") ?? 0), hasInstitution, hasPlatform);
    }
}
