namespace KnowledgeGraph.Domain.Policy;

/// <summary>The facts about one enterprise that the policy indicators read; money in 万元.</summary>
public sealed record EnterpriseProfile(
    string Id,
    string? RegionCode,
    IReadOnlyList<string> Fields,
    long Employees,
    decimal Revenue,
    decimal RdExpenditure,
    bool HasRdActivity,
    bool AboveDesignatedSize,
    bool Industrial,
    bool StateOwned,
    bool HighTech,
    int InventionPatents,
    bool HasRdInstitution,
    bool HasPlatform)
{
    /// <summary>规模以上工业企业.</summary>
    public bool AboveScaleIndustrial => AboveDesignatedSize && Industrial;

    /// <summary>研发投入强度: R&amp;D expenditure over revenue, or null without revenue.</summary>
    public decimal? RdIntensity => Revenue > 0 ? RdExpenditure / Revenue : null;
}

/// <summary>The policy indicators of the seeds.</summary>
public enum Indicator
{
    /// <summary>有研发活动的规模以上工业企业占比 (%).</summary>
    RdActivityShare,
    /// <summary>有研发机构的规模以上工业企业占比 (%).</summary>
    RdInstitutionShare,
    /// <summary>"双清零": industrial enterprises with revenue ≥ 5 亿元 and neither R&amp;D activity nor an R&amp;D institution (count).</summary>
    DoubleZero,
    /// <summary>国有规模以上工业企业 with neither R&amp;D activity nor an R&amp;D institution (count).</summary>
    StateOwnedWithoutRd,
    /// <summary>高新技术企业中规模以上工业企业数量占比 (%).</summary>
    HighTechAboveScaleShare,
    /// <summary>高新技术企业培育库 size (count).</summary>
    HighTechCultivationPool,
    /// <summary>备案研发机构企业 (count).</summary>
    FiledInstitutions,
    /// <summary>企业与高校院所结对子 (count of paired enterprises).</summary>
    Pairings,
}

/// <summary>Which way a target points.</summary>
public enum TargetDirection
{
    /// <summary>The value should reach at least the target (以上).</summary>
    AtLeast,
    /// <summary>The value should fall to at most the target (清零: zero).</summary>
    AtMost,
}

/// <summary>One target of one indicator in one jurisdiction (a region, by its code and name) by the end of a year, as a seed states it.</summary>
public sealed record IndicatorTarget(Indicator Indicator, string Region, string Jurisdiction, Reference.RegionLevel Level, decimal Target, TargetDirection Direction, int Year, string Seed, string Source);

/// <summary>
/// An indicator's value in a year beside its target: the gap is how far the value is from the target (0 when met).
/// <paramref name="NoData"/> when nothing was counted (a share of no enterprise, a count over no enterprise with figures
/// for the year): the value is then no measurement, and the target neither met nor missed.
/// </summary>
public sealed record IndicatorValue(Indicator Indicator, decimal Value, string Unit, int Numerator, int Denominator, IndicatorTarget? Target, decimal? Gap,
    int Year = 0, bool NoData = false);

/// <summary>The five lists 五类清单 of 001 二(一).</summary>
public enum FiveList
{
    /// <summary>营收5亿元以上无研发活动和无研发机构的重点工业企业清单.</summary>
    KeyIndustrialWithoutRd,
    /// <summary>国有规模以上工业企业清单.</summary>
    StateOwnedAboveScaleIndustrial,
    /// <summary>规模以上工业企业"双提升"清单.</summary>
    AboveScaleDoubleRaise,
    /// <summary>高新技术企业"小升规"清单.</summary>
    HighTechToScale,
    /// <summary>规模以上工业企业"高新化"清单.</summary>
    AboveScaleToHighTech,
}

/// <summary>The policy indicators (DOMAIN.md rule 7; seeds 001, 002, 000, 003) as pure predicates and aggregations.</summary>
public static class PolicyIndicators
{
    /// <summary>001: "营收5亿元以上" = 50000 万元, inclusive.</summary>
    public const decimal DoubleZeroRevenue = 50000m;
    /// <summary>001 二(六): "研发投入强度达1%以上".</summary>
    public const decimal CultivationRdIntensity = 0.01m;

    /// <summary>On the "双清零" list (001): industrial, revenue ≥ 5 亿元, neither R&amp;D activity nor an R&amp;D institution.</summary>
    public static bool IsDoubleZero(EnterpriseProfile e) =>
        e.Industrial && e.Revenue >= DoubleZeroRevenue && !e.HasRdActivity && !e.HasRdInstitution;

    /// <summary>A state-owned above-scale industrial enterprise with neither R&amp;D activity nor an R&amp;D institution (001 三(三)).</summary>
    public static bool IsStateOwnedWithoutRd(EnterpriseProfile e) =>
        e.StateOwned && e.AboveScaleIndustrial && !e.HasRdActivity && !e.HasRdInstitution;

    /// <summary>
    /// In the high-tech cultivation pool (001 二(六)): above scale, R&amp;D intensity ≥ 1 %, a valid invention patent, a platform.
    /// Enterprises already high-tech are left out: the pool grows new ones.
    /// </summary>
    public static bool IsInCultivationPool(EnterpriseProfile e) =>
        !e.HighTech && e.AboveDesignatedSize && e.RdIntensity >= CultivationRdIntensity && e.InventionPatents > 0 && e.HasPlatform;

    /// <summary>Whether an enterprise belongs on one of the five lists of 001 二(一).</summary>
    public static bool IsOn(FiveList list, EnterpriseProfile e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return list switch
        {
            FiveList.KeyIndustrialWithoutRd => IsDoubleZero(e),
            FiveList.StateOwnedAboveScaleIndustrial => e.StateOwned && e.AboveScaleIndustrial,
            // 双提升 raises the share with R&D activity and with an institution: the list holds those lacking either.
            FiveList.AboveScaleDoubleRaise => e.AboveScaleIndustrial && (!e.HasRdActivity || !e.HasRdInstitution),
            // 001 二(五): "遴选一批规模以下高新技术企业作为'升规'培育对象".
            FiveList.HighTechToScale => e.HighTech && !e.AboveDesignatedSize,
            FiveList.AboveScaleToHighTech => e.AboveScaleIndustrial && !e.HighTech,
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, "unknown list"),
        };
    }

    /// <summary>The Chinese name of a list, exactly as 001 gives it.</summary>
    public static string Name(FiveList list) => list switch
    {
        FiveList.KeyIndustrialWithoutRd => "营收5亿元以上无研发活动和无研发机构的重点工业企业清单",
        FiveList.StateOwnedAboveScaleIndustrial => "国有规模以上工业企业清单",
        FiveList.AboveScaleDoubleRaise => "规模以上工业企业\"双提升\"清单",
        FiveList.HighTechToScale => "高新技术企业\"小升规\"清单",
        FiveList.AboveScaleToHighTech => "规模以上工业企业\"高新化\"清单",
        _ => list.ToString(),
    };

    /// <summary>The enterprises on a list.</summary>
    public static IReadOnlyList<EnterpriseProfile> List(FiveList list, IEnumerable<EnterpriseProfile> enterprises) =>
        enterprises.Where(e => IsOn(list, e)).ToList();

    /// <summary>
    /// Every enterprise-derived indicator of a year over the enterprises with figures for it, each beside its target
    /// (<paramref name="targetOf"/>) with the gap; no data where the population is empty.
    /// </summary>
    public static IReadOnlyList<IndicatorValue> Evaluate(IEnumerable<EnterpriseProfile> enterprises, int year, Func<Indicator, IndicatorTarget?> targetOf)
    {
        ArgumentNullException.ThrowIfNull(enterprises);
        ArgumentNullException.ThrowIfNull(targetOf);
        var all = enterprises.ToList();
        var aboveScale = all.Where(e => e.AboveScaleIndustrial).ToList();
        var highTech = all.Where(e => e.HighTech).ToList();
        return
        [
            Share(Indicator.RdActivityShare, aboveScale.Count(e => e.HasRdActivity), aboveScale.Count, year, targetOf),
            Share(Indicator.RdInstitutionShare, aboveScale.Count(e => e.HasRdInstitution), aboveScale.Count, year, targetOf),
            Count(Indicator.DoubleZero, all.Count(IsDoubleZero), all.Count, year, targetOf),
            Count(Indicator.StateOwnedWithoutRd, all.Count(IsStateOwnedWithoutRd), all.Count(e => e.StateOwned && e.AboveScaleIndustrial), year, targetOf),
            Share(Indicator.HighTechAboveScaleShare, highTech.Count(e => e.AboveScaleIndustrial), highTech.Count, year, targetOf),
            Count(Indicator.HighTechCultivationPool, all.Count(IsInCultivationPool), all.Count, year, targetOf),
        ];
    }

    /// <summary>A count of public facts (filed institutions, paired enterprises) on 31 December of a year, beside its target; a real zero, never no data.</summary>
    public static IndicatorValue Count(Indicator indicator, int count, int year, IndicatorTarget? target) =>
        WithTarget(indicator, count, "enterprises", count, count, year, target, noData: false);

    static IndicatorValue Share(Indicator indicator, int numerator, int denominator, int year, Func<Indicator, IndicatorTarget?> targetOf) =>
        // Percent in exact decimal arithmetic; a share of nothing is no data, not 0 % and not "met".
        WithTarget(indicator, denominator == 0 ? 0m : numerator * 100m / denominator, "%", numerator, denominator, year, targetOf(indicator), noData: denominator == 0);

    static IndicatorValue Count(Indicator indicator, int count, int population, int year, Func<Indicator, IndicatorTarget?> targetOf) =>
        WithTarget(indicator, count, "enterprises", count, population, year, targetOf(indicator), noData: population == 0);

    static IndicatorValue WithTarget(Indicator indicator, decimal value, string unit, int numerator, int denominator, int year, IndicatorTarget? target, bool noData)
    {
        decimal? gap = target is null || noData ? null
            : target.Direction == TargetDirection.AtLeast ? Math.Max(0m, target.Target - value) : Math.Max(0m, value - target.Target);
        return new IndicatorValue(indicator, value, unit, numerator, denominator, target, gap, year, noData);
    }
}
