using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// The facts of a proposed enterprise R&amp;D institution. <paramref name="EnterpriseIds"/> are the participating enterprises:
/// one for 单建 and 产业共建, two or more for 多企联建. Money in 万元, area in m².
/// </summary>
public sealed record FilingFacts(
    IReadOnlyList<string> EnterpriseIds,
    FilingMode Mode,
    int Staff,
    decimal SiteArea,
    decimal EquipmentValue,
    decimal AnnualRdFunding,
    int Projects,
    bool HasRules,
    FilingVariant Variant = FilingVariant.SixHave,
    bool HasAchievements = false,
    bool HasTransfer = false,
    ExpertServiceTeam? ExpertTeam = null);

/// <summary>A filing 研发机构备案: the institution's key and name, its facts, the level (City or Provincial) and the date.</summary>
public sealed record FilingApplication(
    string Key,
    string Name,
    FilingFacts Facts,
    string Level,
    DateOnly FiledOn,
    string PlatformType = "RdInstitution",
    IReadOnlyList<string>? Fields = null,
    string? Source = null);

/// <summary>The check of a filing with the facts it read from the graph: each participant's size class and the agreements counted.</summary>
public sealed record FilingAssessment(FilingCheck Check, IReadOnlyDictionary<string, EnterpriseSizeClass> Sizes, int Agreements);

/// <summary>A recorded filing: the institution as stored and the check it passed.</summary>
public sealed record FilingResult(Node Institution, FilingAssessment Assessment);

/// <summary>
/// The R&amp;D institution filing workflow (DOMAIN.md rule 3; seeds 000, 001, 002): checks a proposed institution against
/// "六有" for the participants' size classes, and records a passing filing as a Platform with status 备案, hosted by them.
/// </summary>
public sealed class RdInstitutionFiling(GraphWriter writer, Actor actor)
{
    readonly IGraphStore store = writer.Store;

    /// <summary>The levels a filing is made at (000: 自治区级 and 市级 filing).</summary>
    public static readonly IReadOnlyList<string> FilingLevels = ["City", "Provincial"];

    /// <summary>Checks the facts item by item; the size classes come from each enterprise's employees and revenue.</summary>
    public async Task<FilingAssessment> CheckAsync(FilingFacts facts, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        CheckNumbers(facts);
        if (facts.EnterpriseIds.Count == 0)
            throw new InvalidInputException("enterpriseIds: name at least one participating enterprise");
        if (facts.EnterpriseIds.Distinct(StringComparer.Ordinal).Count() != facts.EnterpriseIds.Count)
            throw new InvalidInputException("enterpriseIds: an enterprise is named twice");

        var sizes = new Dictionary<string, EnterpriseSizeClass>(StringComparer.Ordinal);
        foreach (var id in facts.EnterpriseIds)
            sizes[id] = (await SizedEnterpriseAsync(id, cancellationToken).ConfigureAwait(false)).Size;

        var agreements = await AcademicAgreementsAsync(facts.EnterpriseIds, asOf, cancellationToken).ConfigureAwait(false);
        var proposal = new RdInstitutionProposal(
            facts.Mode, [.. facts.EnterpriseIds.Select(id => sizes[id])], facts.Staff, facts.EquipmentValue, facts.AnnualRdFunding,
            facts.SiteArea, facts.Projects, facts.HasRules, agreements, facts.Variant, facts.HasAchievements, facts.HasTransfer, facts.ExpertTeam);
        return new FilingAssessment(FilingStandard.Check(proposal), sizes, agreements);
    }

    /// <summary>
    /// Files the institution: checks it on the filing date, refuses a failing check with RULE_VIOLATION naming every missing
    /// item and by how much, else writes the Platform (status 备案, the level, the date, the check) and a HOSTS link from each
    /// participating enterprise, in one batch.
    /// </summary>
    public async Task<FilingResult> FileAsync(FilingApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!FilingLevels.Contains(application.Level))
            throw new InvalidInputException($"level: a filing is made at City (市级) or Provincial (自治区级) level, not '{application.Level}'");
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var assessment = await CheckAsync(application.Facts, application.FiledOn, cancellationToken).ConfigureAwait(false);
        RefuseFailing(application.Key, assessment.Check);
        return await RecordAsync(application, assessment, version, "fileRdInstitution", PropertyBag.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses a failing check with RULE_VIOLATION naming every missing item and by how much.</summary>
    internal static void RefuseFailing(string key, FilingCheck check)
    {
        if (!check.Passed)
            throw new RuleViolationException($"R&D institution '{key}' does not meet the filing standard for a {check.StandardSize} enterprise: "
                + string.Join("; ", check.Failures.Select(f => f.Shortfall)));
    }

    /// <summary>
    /// Writes a checked filing as the workflow step <paramref name="operation"/>: the Platform with its facts and the check,
    /// <paramref name="extra"/> set over them, and a HOSTS link from each participating enterprise, in one batch.
    /// </summary>
    internal async Task<FilingResult> RecordAsync(FilingApplication application, FilingAssessment assessment, long version, string operation, PropertyBag extra, CancellationToken cancellationToken)
    {
        var check = assessment.Check;
        var existing = await store.GetNodeByKeyAsync(NodeKind.Platform, application.Key, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.Properties.Text("status") is { } status && status != "Filed")
            throw new ConflictException($"platform '{application.Key}' already exists with status {status}; a filing cannot replace it");

        var first = await PolicyGraph.RequireAsync(store, application.Facts.EnterpriseIds[0], "enterprise", cancellationToken, NodeKind.Enterprise).ConfigureAwait(false);
        var facts = application.Facts;
        var properties = PropertyBag.Of(
            ("region", first.Properties.Text("region")),
            ("fields", application.Fields is { Count: > 0 } fields ? fields : first.Properties.List("fields") is { Length: > 0 } own ? own : null),
            ("platformType", application.PlatformType),
            ("level", application.Level),
            ("status", "Filed"),
            ("statusDate", application.FiledOn),
            ("filedOn", application.FiledOn),
            ("siteArea", facts.SiteArea),
            ("rdStaff", (long)facts.Staff),
            ("equipmentValue", facts.EquipmentValue),
            ("annualRdFunding", facts.AnnualRdFunding),
            ("rdProjects", (long)facts.Projects),
            ("hasRules", facts.HasRules),
            ("hasAchievements", facts.Variant == FilingVariant.SevenHave ? facts.HasAchievements : null),
            ("hasTransfer", facts.Variant == FilingVariant.SevenHave ? facts.HasTransfer : null),
            ("constructionMode", facts.Mode.ToString()),
            ("filingStandard", facts.Variant.ToString()),
            ("expertTeamProvider", facts.ExpertTeam?.Provider.ToString()),
            ("expertTeamCertification", facts.ExpertTeam?.ProviderCertification.ToString()),
            ("serviceAgreement", facts.ExpertTeam?.ServiceAgreementSigned),
            ("filingPassed", true),
            ("filingCheck", Describe(check)),
            ("example", first.Properties.Flag("example")));
        foreach (var (name, value) in extra)
            properties = properties.With(name, value);
        var institution = new NodeInput(NodeKind.Platform, application.Key, application.Name, Properties: properties);
        var source = application.Source ?? $"研发机构备案（{(application.Level == "City" ? "市级" : "自治区级")}，{application.FiledOn:yyyy-MM-dd}）";
        var operations = new List<WriteOperation> { new WriteOperation.UpsertNode(institution) };
        operations.AddRange(facts.EnterpriseIds.Select(id =>
            new WriteOperation.UpsertLink(new LinkInput(LinkType.Hosts, id, institution.Id, StartDate: application.FiledOn, Source: source))));
        var result = await PolicyGraph.WriteAsync(writer, actor, operation, version, operations, cancellationToken).ConfigureAwait(false);
        return new FilingResult(result.Outcomes[0].Node!, assessment);
    }

    /// <summary>An enterprise and its size class from its employees and revenue, read only inside the token's regions.</summary>
    internal async Task<(Node Enterprise, EnterpriseSizeClass Size)> SizedEnterpriseAsync(string id, CancellationToken cancellationToken)
    {
        var enterprise = await PolicyGraph.RequireAsync(store, id, "enterprise", cancellationToken, NodeKind.Enterprise).ConfigureAwait(false);
        // The size class rests on confidential figures, which a token scoped to regions reads only inside them.
        if (enterprise.Properties.Text("region") is var region && !actor.Jurisdiction.Covers(region))
        {
            throw new ForbiddenException($"enterpriseIds: {id} is {(region is null ? "in no region" : $"in {Jurisdiction.Describe(region)}")}, outside the regions of the token "
                + $"({actor.Jurisdiction}): its size class rests on confidential figures, read only inside them");
        }
        var employees = enterprise.Properties.Integer("employees");
        var revenue = enterprise.Properties.Decimal("revenue");
        if (employees is null || revenue is null)
            throw new InvalidInputException($"enterprise '{id}' has no employees or revenue recorded, so its size class (国统字〔2017〕213号) cannot be decided");
        return (enterprise, EnterpriseSize.Classify(employees.Value, revenue.Value));
    }

    /// <summary>The check in one line per item, as it is recorded on the filing.</summary>
    public static string Describe(FilingCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return string.Join("; ", check.Items.Select(i => $"{i.ChineseName} {i.Actual} ({i.Required}) {(i.Passed ? "passed" : "failed")}"));
    }

    async Task<int> AcademicAgreementsAsync(IReadOnlyList<string> enterpriseIds, DateOnly asOf, CancellationToken cancellationToken)
    {
        // 002 三(四): a 科技合作协议 with a university or institute, in force on the date; one agreement counts once.
        var links = await store.GetLinksAsync(new LinkQuery(enterpriseIds, Direction.Both, [LinkType.CooperationAgreement]), cancellationToken).ConfigureAwait(false);
        var members = enterpriseIds.ToHashSet(StringComparer.Ordinal);
        return links
            .Where(l => PolicyGraph.InForce(l, asOf))
            .Where(l => members.Contains(l.FromId) ? IsAcademic(l.ToId) : IsAcademic(l.FromId))
            .Select(l => l.Id)
            .Distinct(StringComparer.Ordinal)
            .Count();
    }

    static bool IsAcademic(string id) => NodeId.KindOf(id) is { } kind && GraphCatalog.AcademicKinds.Contains(kind);

    static void CheckNumbers(FilingFacts facts)
    {
        var negative = new (string Name, decimal Value)[]
        {
            ("staff", facts.Staff), ("siteArea", facts.SiteArea), ("equipmentValue", facts.EquipmentValue),
            ("annualRdFunding", facts.AnnualRdFunding), ("projects", facts.Projects),
        }.Where(v => v.Value < 0).Select(v => $"{v.Name}: {v.Value.ToString(CultureInfo.InvariantCulture)} is negative").ToList();
        if (negative.Count > 0)
            throw new InvalidInputException(string.Join("; ", negative));
    }
}
