using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// One statement of a recommendation's explanation, with its values, said in Chinese or in English: which statements an
/// explanation makes, and in what order, is decided once (<see cref="PartnerExplanation"/>); each is rendered in both.
/// </summary>
internal abstract partial record Clause
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public abstract string Zh();

    public abstract string En();

    /// <summary>The explanation made of these statements, in Chinese; a weak one ends with a caution.</summary>
    public static string Zh(IEnumerable<Clause> clauses, bool weak) =>
        string.Join("；", clauses.Select(c => c.Zh())) + "。" + (weak ? "证据较弱，联系前请核实其匹配程度。" : "");

    /// <summary>The explanation made of these statements, in English; a weak one ends with a caution.</summary>
    public static string En(IEnumerable<Clause> clauses, bool weak) =>
        string.Join("; ", clauses.Select(c => c.En())) + "." + (weak ? " Weak evidence: check its fit before contacting it." : "");

    protected static string Number(double value) => value.ToString("0.##", Invariant);

    protected static string Number(decimal value) => value.ToString("0.##", Invariant);

    protected static string FieldZh(string code) => TechnologyFields.Find(code)?.Name ?? code;

    protected static string FieldEn(string code) => TechnologyFields.Find(code) is { } f ? f.NameEn is null ? f.Name : $"{f.Name} ({f.NameEn})" : code;

    protected static string TypeZh(string type) => GraphCatalog.PlatformTypes.FirstOrDefault(t => t.Name == type)?.Chinese ?? type;

    protected static string TypeEn(string type, int count)
    {
        var words = WordBoundary().Replace(type, " $1").Trim().ToLowerInvariant().Replace("rd", "R&D", StringComparison.Ordinal);
        return count == 1 ? words : words.EndsWith('y') ? words[..^1] + "ies" : words + "s";
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordBoundary();

    protected static string Count(int n, string one) => n == 1 ? $"1 {one}" : $"{n} {one}s";
}

/// <summary>The partner's field and how well it fits.</summary>
internal sealed record FieldClause(string Name, string? FieldCode, double Fit) : Clause
{
    public override string Zh() => FieldCode is null ? $"{Name}的领域与需求不相近"
        : $"{Name}{(Fit >= 1 ? "从事" : "接近")}{FieldZh(FieldCode)}领域（匹配度{Number(Fit)}）";

    public override string En() => FieldCode is null ? $"{Name} works in no field near the one wanted"
        : $"{Name} {(Fit >= 1 ? "works in" : "works near")} {FieldEn(FieldCode)} (field fit {Number(Fit)})";
}

/// <summary>The partner's labs, centres and stations in a related field, by type.</summary>
internal sealed record CapabilityClause(IReadOnlyList<CapabilityPlatform> Platforms) : Clause
{
    IEnumerable<IGrouping<string, CapabilityPlatform>> ByType => Platforms.GroupBy(p => p.PlatformType);

    public override string Zh() =>
        $"在{FieldZh(Platforms[0].FieldCode)}领域有{string.Join("、", ByType.Select(g => $"{TypeZh(g.Key)}{g.Count()}个"))}";

    public override string En() =>
        $"it runs {string.Join(" and ", ByType.Select(g => $"{g.Count()} {TypeEn(g.Key, g.Count())} ({TypeZh(g.Key)})"))} in {FieldZh(Platforms[0].FieldCode)}";
}

/// <summary>The shared large instruments of the partner's platforms in a related field.</summary>
internal sealed record InstrumentsClause(IReadOnlyList<CapabilityInstrument> Instruments) : Clause
{
    string Total => Number(Instruments.Sum(i => i.Value));

    public override string Zh() =>
        $"在{FieldZh(Instruments[0].FieldCode)}领域共享大型科研仪器{Instruments.Count}台（单台套原值50万元及以上，合计{Total}万元）";

    public override string En() =>
        $"its platforms share {Count(Instruments.Count, "large research instrument")} (≥ 50 万元 each, {Total} 万元 in all) in {FieldZh(Instruments[0].FieldCode)}";
}

/// <summary>What the partner has done in the field (only made when it has done something).</summary>
internal sealed record RecordClause(TrackRecordSummary Record) : Clause
{
    public override string Zh()
    {
        var done = new List<string>();
        if (Record.ChallengeYears.Count > 0) done.Add($"揭榜{Record.ChallengeYears.Count}项（{string.Join("、", Record.ChallengeYears.Distinct().Select(y => $"{y}年"))}）");
        if (Record.Projects > 0) done.Add($"参与项目{Record.Projects}项");
        if (Record.Contracts > 0) done.Add($"技术合同{Record.Contracts}项");
        if (Record.Pairings > 0) done.Add($"结对企业{Record.Pairings}家");
        return $"在{FieldZh(Record.FieldCode!)}领域{string.Join("，", done)}";
    }

    public override string En()
    {
        var done = new List<string>();
        if (Record.ChallengeYears.Count > 0) done.Add($"won {Count(Record.ChallengeYears.Count, "challenge")} ({string.Join(", ", Record.ChallengeYears.Distinct())})");
        if (Record.Projects > 0) done.Add($"took part in {Count(Record.Projects, "project")}");
        if (Record.Contracts > 0) done.Add($"signed {Count(Record.Contracts, "technology contract")}");
        if (Record.Pairings > 0) done.Add($"was paired with {Count(Record.Pairings, "enterprise")}");
        return $"it {string.Join(", ", done)} in {FieldZh(Record.FieldCode!)}";
    }
}

/// <summary>How the partner is reached from the enterprise: through a group company, directly, or in some steps.</summary>
internal sealed record ReachClause(NetworkProximity Proximity, string Source, string Through) : Clause
{
    public override string Zh() =>
        Proximity.ThroughGroup ? $"已与{Source}的集团企业{Through}合作"
        : Proximity.Distance == 1 ? $"已与{Source}合作"
        : $"经{Through}与{Source}相距{Proximity.Distance}步";

    public override string En() =>
        Proximity.ThroughGroup ? $"it already works with {Through}, a company of {Source}'s group"
        : Proximity.Distance == 1 ? $"it already collaborates with {Source}"
        : $"it is {Proximity.Distance} steps away from {Source} through {Through}";
}

/// <summary>How many organisations collaborate with both.</summary>
internal sealed record SharedPartnersClause(int Shared) : Clause
{
    public override string Zh() => $"双方有{Shared}个共同合作单位";

    public override string En() => $"{Count(Shared, "organisation")} already collaborate{(Shared == 1 ? "s" : "")} with both";
}

/// <summary>The partner is in the same city or the same province.</summary>
internal sealed record PlaceClause(bool SameCity) : Clause
{
    public override string Zh() => SameCity ? "位于同一城市" : "位于同一省份";

    public override string En() => SameCity ? "it is in the same city" : "it is in the same province";
}

/// <summary>The enterprises the partner is paired with now.</summary>
internal sealed record LoadClause(int Pairings) : Clause
{
    public override string Zh() => $"目前结对企业{Pairings}家";

    public override string En() => $"it is currently paired with {Count(Pairings, "enterprise")}";
}

/// <summary>A partner known by public facts alone (its designations and level, if any).</summary>
internal sealed record PublicFactsClause(string Name, string Facts) : Clause
{
    public override string Zh() => $"{Name}在图谱中没有与需求相关的领域、平台、业绩或合作记录，仅依据公开信息推荐{(Facts.Length > 0 ? $"（{Facts}）" : "")}";

    public override string En() =>
        $"{Name} has no field, platform, record or collaboration in the graph near this need; recommended on public facts only{(Facts.Length > 0 ? $" ({Facts})" : "")}";
}
