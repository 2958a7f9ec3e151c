using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>The stages of a case, 001 三(二): "监测—预警—辅导—提升—销号".</summary>
public enum CaseStage
{
    /// <summary>监测: the officer follows the enterprise's figures.</summary>
    Monitoring,
    /// <summary>预警: its figures moved away from a target.</summary>
    Warning,
    /// <summary>辅导: the officer visited and agreed actions after a warning.</summary>
    Coaching,
    /// <summary>提升: its figures move towards the targets again.</summary>
    Improving,
    /// <summary>销号: the data takes it off the lists the case was opened for.</summary>
    Closed,
}

/// <summary>What a case must reach (issue: R&amp;D activity, an R&amp;D institution, high-tech, 规上).</summary>
public enum CaseTarget
{
    /// <summary>有研发活动.</summary>
    RdActivity,
    /// <summary>有研发机构.</summary>
    RdInstitution,
    /// <summary>高新技术企业.</summary>
    HighTech,
    /// <summary>规模以上.</summary>
    AboveScale,
}

/// <summary>A dated visit of the officer (定期走访): what was found and the actions agreed; the next visit's date when agreed.</summary>
public sealed record CaseVisit(DateOnly On, string Notes, IReadOnlyList<string> Actions, DateOnly? NextVisitOn);

/// <summary>A warning raised when a year's figures moved away from a target; open until a later year moves towards it again.</summary>
public sealed record CaseWarning(DateOnly RaisedOn, int Year, CaseTarget Target, string Reason, DateOnly? ResolvedOn)
{
    /// <summary>Whether it is still open.</summary>
    [JsonIgnore]
    public bool IsOpen => ResolvedOn is null;
}

/// <summary>
/// 一企一员一案 (001 三(三)): one case per enterprise on a list, kept on the enterprise as confidential properties (being on
/// a list reveals its figures). Its stage follows 001 三(二): the warnings are raised and resolved by the figures
/// (<see cref="Follow"/>), the officer's visits move a warned case to 辅导, and 销号 follows from the data alone.
/// </summary>
public static class Cases
{
    /// <summary>The properties of a case on its enterprise; only the case workflow writes them.</summary>
    public const string Stage = "caseStage", StageOn = "caseStageOn", OpenedOn = "caseOpenedOn", ClosedOn = "caseClosedOn",
        Officer = "caseOfficer", Lists = "caseLists", Targets = "caseTargets", Visits = "caseVisits", Warnings = "caseWarnings";

    /// <summary>Every case property.</summary>
    public static readonly IReadOnlyList<string> Properties = [Stage, StageOn, OpenedOn, ClosedOn, Officer, Lists, Targets, Visits, Warnings];

    /// <summary>
    /// Without a visit date agreed, the next visit is due three months after the last (or the opening): 001 asks for
    /// regular visits (定期走访) and a quarterly review (每季度), so a case is visited at least once a quarter.
    /// </summary>
    public const int VisitIntervalMonths = 3;

    /// <summary>The Chinese name of a stage.</summary>
    public static string Chinese(CaseStage stage) => stage switch
    {
        CaseStage.Monitoring => "监测",
        CaseStage.Warning => "预警",
        CaseStage.Coaching => "辅导",
        CaseStage.Improving => "提升",
        CaseStage.Closed => "销号",
        _ => stage.ToString(),
    };

    /// <summary>The Chinese name of a target.</summary>
    public static string Chinese(CaseTarget target) => target switch
    {
        CaseTarget.RdActivity => "有研发活动",
        CaseTarget.RdInstitution => "有研发机构",
        CaseTarget.HighTech => "高新技术企业",
        CaseTarget.AboveScale => "规模以上",
        _ => target.ToString(),
    };

    /// <summary>
    /// The lists a case is opened for: those staff clear. 国有规上工业企业清单 names every state-owned enterprise, which no
    /// data takes off it; its duty (全覆盖) is the list of those without R&amp;D, which is taken instead. The cultivation pool
    /// is a pool for support, not a list to clear.
    /// </summary>
    public static bool IsCaseList(PolicyList list) => list is not (PolicyList.StateOwnedAboveScaleIndustrial or PolicyList.CultivationPool);

    /// <summary>The targets a list sets: what takes an enterprise off it.</summary>
    public static IEnumerable<CaseTarget> TargetsFor(PolicyList list) => list switch
    {
        PolicyList.HighTechToScale => [CaseTarget.AboveScale],
        PolicyList.AboveScaleToHighTech => [CaseTarget.HighTech],
        _ => [CaseTarget.RdActivity, CaseTarget.RdInstitution],
    };

    /// <summary>Whether the enterprise has a case that is not closed.</summary>
    public static bool IsOpen(PropertyBag properties) =>
        properties.Text(Stage) is { } stage && stage != nameof(CaseStage.Closed);

    /// <summary>The stage of the enterprise's case, or null without one.</summary>
    public static CaseStage? StageOf(PropertyBag properties) =>
        Enum.TryParse<CaseStage>(properties.Text(Stage), out var stage) ? stage : null;

    /// <summary>The case's visits, oldest first.</summary>
    public static IReadOnlyList<CaseVisit> VisitsOf(PropertyBag properties) =>
        [.. properties.List(Visits).Select(e => JsonSerializer.Deserialize(e, CaseJson.Readable.CaseVisit)!).OrderBy(v => v.On)];

    /// <summary>The case's warnings, in the order raised.</summary>
    public static IReadOnlyList<CaseWarning> WarningsOf(PropertyBag properties) =>
        [.. properties.List(Warnings).Select(e => JsonSerializer.Deserialize(e, CaseJson.Readable.CaseWarning)!)];

    /// <summary>The case's targets.</summary>
    public static IReadOnlyList<CaseTarget> TargetsOf(PropertyBag properties) =>
        [.. properties.List(Targets).Select(Enum.Parse<CaseTarget>)];

    /// <summary>The stored form of visits.</summary>
    public static ImmutableArray<string> Store(IEnumerable<CaseVisit> visits) =>
        [.. visits.OrderBy(v => v.On).Select(v => JsonSerializer.Serialize(v, CaseJson.Readable.CaseVisit))];

    /// <summary>The stored form of warnings.</summary>
    public static ImmutableArray<string> Store(IEnumerable<CaseWarning> warnings) =>
        [.. warnings.Select(w => JsonSerializer.Serialize(w, CaseJson.Readable.CaseWarning))];

    /// <summary>The day the next visit is due: as agreed at the last visit, else a quarter after it (or after the opening).</summary>
    public static DateOnly? NextVisitDue(PropertyBag properties)
    {
        if (!IsOpen(properties)) return null;
        var visits = VisitsOf(properties);
        var last = visits.Count > 0 ? visits[^1] : null;
        if (last?.NextVisitOn is { } agreed) return agreed;
        return (last?.On ?? properties.Date(OpenedOn))?.AddMonths(VisitIntervalMonths);
    }

    /// <summary>
    /// The case after a write of the enterprise, on <paramref name="today"/>: a figure of a year that moved away from a
    /// target since the year before raises a warning (once per year and target) and moves 监测 or 提升 to 预警; a later
    /// year that moves towards the target resolves the warning, and a warned case whose warnings are all resolved moves to
    /// 提升. Nothing changes without an open case or a change of figures.
    /// </summary>
    public static NodeInput Follow(Node? before, NodeInput after, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (after.Kind != NodeKind.Enterprise || before is null || !IsOpen(before.Properties) || !IsOpen(after.Properties)) return after;
        var old = EnterpriseFigures.Series(before.Properties);
        var series = EnterpriseFigures.Series(after.Properties);
        var changedYears = series.Where(f => !old.Contains(f)).Select(f => f.Year).ToHashSet();
        if (changedYears.Count == 0) return after;

        var targets = TargetsOf(after.Properties);
        var warnings = WarningsOf(after.Properties).ToList();
        var raised = false;
        for (var i = 1; i < series.Count; i++)
        {
            var (previous, current) = (series[i - 1], series[i]);
            if (!changedYears.Contains(current.Year) && !changedYears.Contains(previous.Year)) continue;
            foreach (var target in targets)
            {
                if (Away(target, previous, current) is { } reason && !warnings.Exists(w => w.Year == current.Year && w.Target == target))
                {
                    warnings.Add(new CaseWarning(today, current.Year, target, reason, null));
                    raised = true;
                }
                if (Towards(target, previous, current))
                {
                    for (var w = 0; w < warnings.Count; w++)
                    {
                        if (warnings[w] is { IsOpen: true } open && open.Target == target && open.Year < current.Year)
                            warnings[w] = open with { ResolvedOn = today };
                    }
                }
            }
        }

        var stage = StageOf(after.Properties)!.Value;
        var next = raised && stage is CaseStage.Monitoring or CaseStage.Improving ? CaseStage.Warning
            : !raised && stage is CaseStage.Warning or CaseStage.Coaching && warnings.TrueForAll(w => !w.IsOpen) ? CaseStage.Improving
            : stage;
        var properties = after.Properties.With(Warnings, warnings.Count == 0 ? (object?)null : Store(warnings));
        if (next != stage) properties = properties.With(Stage, next.ToString()).With(StageOn, today);
        return after with { Properties = properties };
    }

    // A move away from a target between two years of figures, in words; null when there is none.
    static string? Away(CaseTarget target, YearFigures previous, YearFigures current) => target switch
    {
        CaseTarget.RdActivity when previous.HasRdActivity == true && current.HasRdActivity == false =>
            $"{previous.Year} 年有研发活动，{current.Year} 年无研发活动",
        CaseTarget.RdActivity when previous.RdExpenditure is { } was && current.RdExpenditure is { } now && now < was =>
            $"研发投入由 {previous.Year} 年 {was:0.##} 万元降至 {current.Year} 年 {now:0.##} 万元",
        CaseTarget.HighTech when previous.HighTech == true && current.HighTech == false =>
            $"{previous.Year} 年为高新技术企业，{current.Year} 年不再是",
        CaseTarget.AboveScale when previous.Revenue is { } was && current.Revenue is { } now && now < was =>
            $"营业收入由 {previous.Year} 年 {was:0.##} 万元降至 {current.Year} 年 {now:0.##} 万元",
        _ => null,
    };

    // A move towards a target between two years of figures.
    static bool Towards(CaseTarget target, YearFigures previous, YearFigures current) => target switch
    {
        CaseTarget.RdActivity => (current.HasRdActivity == true && previous.HasRdActivity != true)
            || (current.RdExpenditure is { } now && now > (previous.RdExpenditure ?? 0m)),
        CaseTarget.HighTech => current.HighTech == true && previous.HighTech != true,
        CaseTarget.AboveScale => current.Revenue is { } now && now > (previous.Revenue ?? 0m),
        _ => false,
    };
}

// Visits and warnings are stored as one JSON object an entry: notes are free text, so no separator is safe.
[JsonSerializable(typeof(CaseVisit))]
[JsonSerializable(typeof(CaseWarning))]
internal sealed partial class CaseJson : JsonSerializerContext
{
    // Chinese notes stay readable in the store and in exports.
    public static CaseJson Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<CaseTarget>() },
    });
}
