using System.Globalization;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>Where an application of a filing round stands; names match the catalog's <c>applicationStatus</c>.</summary>
public enum RoundApplicationStatus
{
    /// <summary>已申报: submitted and past the "六有" check, awaiting review.</summary>
    Submitted,
    /// <summary>已评审: reviewed on the papers and on site, awaiting the decision.</summary>
    Reviewed,
    /// <summary>已认定: recognised at the round's level.</summary>
    Recognised,
    /// <summary>未予认定: not recognised.</summary>
    Rejected,
}

/// <summary>The one-off reward decided on recognition: the amount (万元, null when the seeds name none) and why.</summary>
public sealed record FilingReward(decimal? Amount, string Basis);

/// <summary>The rules of R&amp;D institution filing rounds (seed 002 六(二)–(三); 000 四 on the ledger).</summary>
public static class FilingRoundRules
{
    /// <summary>How long a recognition or filing holds before the institution is re-verified (000 "定期评估"; the seeds name no period).</summary>
    public const int ReverificationYears = 3;

    /// <summary>
    /// 002 六(二): "给予大型企业20万元、中型企业10万元、小型企业5万元一次性资金奖励". A micro enterprise, held to the small
    /// standard, gets the small amount.
    /// </summary>
    public static readonly IReadOnlyDictionary<EnterpriseSizeClass, decimal> CityRewards = new Dictionary<EnterpriseSizeClass, decimal>
    {
        [EnterpriseSizeClass.Large] = 20m,
        [EnterpriseSizeClass.Medium] = 10m,
        [EnterpriseSizeClass.Small] = 5m,
        [EnterpriseSizeClass.Micro] = 5m,
    };

    /// <summary>
    /// The half-year a round belongs to (002 六(三): "每年上半年和下半年各组织一次申报及审核"): 1 or 2, or a problem when the
    /// round runs across two halves or closes before it opens.
    /// </summary>
    public static (int Half, string? Problem) HalfOf(DateOnly opensOn, DateOnly closesOn)
    {
        if (closesOn < opensOn)
            return (0, $"closesOn {Day(closesOn)} is before opensOn {Day(opensOn)}");
        var half = opensOn.Month <= 6 ? 1 : 2;
        var closingHalf = closesOn.Month <= 6 ? 1 : 2;
        return opensOn.Year == closesOn.Year && half == closingHalf
            ? (half, null)
            : (0, $"a round from {Day(opensOn)} to {Day(closesOn)} runs across two half-years; 002 六(三) holds one round in each half of a year");
    }

    /// <summary>
    /// The reward for an institution recognised at <paramref name="level"/> whose standard is <paramref name="standardSize"/>'s.
    /// 002 names amounts for the city's recognition only; "按照不重复支持的原则" an enterprise is rewarded once, so
    /// <paramref name="rewardedBefore"/> (an enterprise of it rewarded for another institution) makes it 0.
    /// </summary>
    public static FilingReward Reward(string level, EnterpriseSizeClass standardSize, string? rewardedBefore)
    {
        if (level != "City")
            return new(null, "002 六(二) sets the one-off reward for city recognition only; provincial recognition is rewarded under other rules (聊办发〔2019〕3号)");
        if (rewardedBefore is not null)
            return new(0m, $"不重复支持: {rewardedBefore} was rewarded before (002 六(二))");
        var amount = CityRewards[standardSize];
        return new(amount, $"{standardSize} enterprise: {amount.ToString("0.##", CultureInfo.InvariantCulture)} 万元 one-off reward, 先建后补 (002 六(二))");
    }

    /// <summary>The date by which an institution filed or recognised on <paramref name="since"/> is next re-verified.</summary>
    public static DateOnly ReverifyBy(DateOnly since) => since.AddYears(ReverificationYears);

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
