using System.Globalization;
using System.Text.Json;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// A change to a centre's governance on a date; what is null stays as it is. <paramref name="CoBuilderIds"/> and
/// <paramref name="ExpertCommittee"/> replace the whole list.
/// </summary>
public sealed record GovernanceChange(
    DateOnly On,
    string? LeadId = null,
    IReadOnlyList<string>? CoBuilderIds = null,
    bool? IndependentLegalEntity = null,
    bool? HasBoard = null,
    bool? HasCharter = null,
    IReadOnlyList<CommitteeMember>? ExpertCommittee = null,
    CommitteeMember? CommitteeChair = null,
    decimal? DirectorMonths = null);

/// <summary>A centre with its governance as stored, the stage it is at and what it owes on a date.</summary>
public sealed record CentreStatus(Node Centre, InnovationCentreSetup Setup, GovernanceCheck Governance, IReadOnlyList<CentreEvent> History, CentreStage Stage, IReadOnlyList<CentreObligation> Obligations)
{
    /// <summary>The name 004 gives it at its stage: "…技术创新中心（筹）" under construction, "…技术创新中心" once accredited.</summary>
    public string NameAtStage => CentreNames.For(Stage, Centre.Name);

    /// <summary>The obligations whose date has passed.</summary>
    public IReadOnlyList<CentreObligation> Overdue => Obligations.Where(o => o.Overdue).ToList();
}

/// <summary>
/// The technology innovation centre workflow (DOMAIN.md rule 6; seed 004): governance validated on every change, the
/// dated lifecycle, and the centres whose yearly report, rectification or acceptance is overdue on a date.
/// </summary>
public sealed class InnovationCentreWorkflow(GraphWriter writer, Actor actor)
{
    readonly IGraphStore store = writer.Store;

    /// <summary>The platform type of a technology innovation centre.</summary>
    public const string CentreType = "TechnologyInnovationCenter";

    /// <summary>A centre's governance, lifecycle and obligations on a date.</summary>
    public async Task<CentreStatus> GetAsync(string centreId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var centre = await RequireCentreAsync(centreId, cancellationToken).ConfigureAwait(false);
        return await StatusAsync(centre, asOf, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes a centre's governance; the result is validated as a whole and refused with every problem when it does not
    /// comply. Before approval for construction the change is part of the application and takes effect at once; from then
    /// on (004 四: "进行调整需向自治区科技厅履行报备或批复程序") it is filed (报备) and takes effect when approved (批复) with
    /// <see cref="ApproveGovernanceAsync"/>.
    /// </summary>
    public async Task<CentreStatus> ChangeGovernanceAsync(string centreId, GovernanceChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var centre = await RequireCentreAsync(centreId, cancellationToken).ConfigureAwait(false);
        var filing = InnovationCentreLifecycle.StageOn(Events(centre), change.On) is CentreStage.UnderConstruction or CentreStage.Accredited;
        if (filing && centre.Properties.Date(PendingFiledOn) is { } filed)
            throw new RuleViolationException($"centre '{centre.Key}' has a governance change filed on {filed:yyyy-MM-dd} awaiting approval (批复): approve it with approveCentreGovernance before filing another");
        var operations = await GovernanceWritesAsync(centre, change, cancellationToken).ConfigureAwait(false);
        if (filing)
        {
            var pending = centre.Properties.With(PendingChange, JsonSerializer.Serialize(change, PendingJson)).With(PendingFiledOn, change.On);
            operations = [new WriteOperation.UpsertNode(PolicyGraph.AsInput(centre, pending))];
        }
        await PolicyGraph.WriteAsync(writer, actor, "changeCentreGovernance", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetAsync(centre.Id, change.On, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Approves (批复) the governance change filed for a centre: checked again on the graph as it stands, it takes effect on
    /// the approval date (leads and co-builders start or end that day). Refused when nothing is filed.
    /// </summary>
    public async Task<CentreStatus> ApproveGovernanceAsync(string centreId, DateOnly on, CancellationToken cancellationToken = default)
    {
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var centre = await RequireCentreAsync(centreId, cancellationToken).ConfigureAwait(false);
        if (centre.Properties.Text(PendingChange) is not { } text || centre.Properties.Date(PendingFiledOn) is not { } filed)
            throw new RuleViolationException($"centre '{centre.Key}' has no governance change filed (报备) to approve: file one with changeCentreGovernance");
        if (on < filed)
            throw new RuleViolationException($"centre '{centre.Key}': approval on {on:yyyy-MM-dd} is before the change was filed on {filed:yyyy-MM-dd}");
        var change = (JsonSerializer.Deserialize<GovernanceChange>(text, PendingJson)
            ?? throw new InvalidOperationException($"centre '{centre.Key}' holds an unreadable pending governance change")) with { On = on };
        var cleared = centre with { Properties = centre.Properties.With(PendingChange, null).With(PendingFiledOn, null) };
        var operations = await GovernanceWritesAsync(cleared, change, cancellationToken).ConfigureAwait(false);
        await PolicyGraph.WriteAsync(writer, actor, "approveCentreGovernance", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetAsync(centre.Id, on, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The catalog properties holding a filed change awaiting approval, and the day it was filed.</summary>
    public const string PendingChange = "pendingGovernance", PendingFiledOn = "pendingGovernanceFiledOn";

    static readonly JsonSerializerOptions PendingJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The writes that make the change, validated as a whole against the graph: refused with every problem when it does not comply.
    async Task<List<WriteOperation>> GovernanceWritesAsync(Node centre, GovernanceChange change, CancellationToken cancellationToken)
    {
        var links = await PolicyGraph.LinksAsync(store, centre.Id, Direction.In, cancellationToken, LinkType.Leads, LinkType.CoBuilds).ConfigureAwait(false);
        var inForce = links.Where(l => PolicyGraph.InForce(l, change.On)).ToList();
        var leadLink = inForce.FirstOrDefault(l => l.Type == LinkType.Leads);
        var leadId = change.LeadId ?? leadLink?.FromId
            ?? throw new InvalidInputException($"leadId: centre '{centre.Key}' has no lead on {change.On:yyyy-MM-dd}; name one");
        var coBuilders = change.CoBuilderIds ?? inForce.Where(l => l.Type == LinkType.CoBuilds).Select(l => l.FromId).ToList();
        if (coBuilders.Distinct(StringComparer.Ordinal).Count() != coBuilders.Count)
            throw new InvalidInputException("coBuilderIds: a co-builder is named twice");
        foreach (var id in coBuilders.Append(leadId))
            await PolicyGraph.RequireAsync(store, id, "organisation", cancellationToken, [.. GraphCatalog.OrganizationKinds]).ConfigureAwait(false);

        var p = centre.Properties;
        var committee = change.ExpertCommittee ?? Members(p.List("expertCommittee"));
        var chair = change.CommitteeChair ?? (p.Text("committeeChair") is { } c ? ParseMember(c) : null);
        var setup = new InnovationCentreSetup(
            leadId, await LeadKindAsync(store, leadId, cancellationToken).ConfigureAwait(false), coBuilders,
            change.IndependentLegalEntity ?? p.Flag("independentLegalEntity") ?? false,
            change.HasBoard ?? p.Flag("hasBoard") ?? false,
            change.HasCharter ?? p.Flag("hasCharter") ?? false,
            committee, chair,
            change.DirectorMonths ?? p.Decimal("directorMonths") ?? 0m);
        var check = InnovationCentreGovernance.Validate(setup);
        if (!check.Valid)
            throw new RuleViolationException($"the governance of centre '{centre.Key}' would not comply with 004: {string.Join("; ", check.Problems)}");

        var properties = p
            .With("independentLegalEntity", setup.IndependentLegalEntity)
            .With("hasBoard", setup.HasBoard)
            .With("hasCharter", setup.HasCharter)
            .With("expertCommittee", committee.Select(FormatMember).ToList())
            .With("committeeChair", chair is null ? null : FormatMember(chair))
            .With("directorMonths", setup.DirectorMonthsPerYear);
        var operations = new List<WriteOperation> { new WriteOperation.UpsertNode(PolicyGraph.AsInput(centre, properties)) };
        var wanted = new List<(LinkType Type, string From)> { (LinkType.Leads, leadId) };
        wanted.AddRange(coBuilders.Select(id => (LinkType.CoBuilds, id)));
        // Who stops leading or co-building ends on the date; who starts, starts on it. History stays in the links' dates.
        foreach (var link in inForce.Where(l => !wanted.Contains((l.Type, l.FromId))))
            operations.Add(new WriteOperation.UpsertLink(PolicyGraph.AsInput(link) with { EndDate = change.On }));
        foreach (var (type, from) in wanted.Where(w => !inForce.Exists(l => l.Type == w.Type && l.FromId == w.From)))
        {
            var key = links.Any(l => l.Type == type && l.FromId == from) ? change.On.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : null;
            operations.Add(new WriteOperation.UpsertLink(new LinkInput(type, from, centre.Id, key, change.On, Source: "技术创新中心治理变更")));
        }
        return operations;
    }

    /// <summary>
    /// Records a lifecycle event in the order 004 sets; approval, accreditation and delisting also set the platform's status,
    /// and delisting ends the lead and co-building links on its date.
    /// </summary>
    public async Task<CentreStatus> RecordEventAsync(string centreId, CentreEvent next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var centre = await RequireCentreAsync(centreId, cancellationToken).ConfigureAwait(false);
        var history = InnovationCentreLifecycle.Record(Events(centre), next);
        var properties = centre.Properties.With("centreEvents", history.Select(CentreEventText.Format).ToList());
        var status = next.Kind switch
        {
            CentreEventKind.Approved => "UnderConstruction",
            CentreEventKind.Accredited => "Accredited",
            CentreEventKind.Delisted => "Delisted",
            _ => null,
        };
        if (status is not null)
            properties = properties.With("status", status).With("statusDate", next.On);
        var input = PolicyGraph.AsInput(centre, properties);
        // Approval names it "…技术创新中心（筹）", accreditation "…技术创新中心" (004 四); the name it had stays findable as an alias.
        var name = CentreNames.For(InnovationCentreLifecycle.StageOn(history, DateOnly.MaxValue), centre.Name);
        if (name != centre.Name)
            input = input with { Name = name, Aliases = [.. centre.Aliases.Append(centre.Name).Distinct(StringComparer.Ordinal).Where(a => a != name)] };
        var operations = new List<WriteOperation> { new WriteOperation.UpsertNode(input) };
        if (next.Kind == CentreEventKind.Delisted)
        {
            var links = await PolicyGraph.LinksAsync(store, centre.Id, Direction.In, cancellationToken, LinkType.Leads, LinkType.CoBuilds).ConfigureAwait(false);
            operations.AddRange(links.Where(l => l.EndDate is null || l.EndDate > next.On)
                .Select(l => new WriteOperation.UpsertLink(PolicyGraph.AsInput(l) with { EndDate = next.On })));
        }
        await PolicyGraph.WriteAsync(writer, actor, "recordCentreEvent", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetAsync(centre.Id, next.On, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every centre with something overdue on the date: a yearly report, a rectification, the acceptance.</summary>
    public async Task<IReadOnlyList<CentreStatus>> OverdueAsync(DateOnly on, CancellationToken cancellationToken = default)
    {
        var result = new List<CentreStatus>();
        await foreach (var platform in store.ScanNodesAsync(NodeKind.Platform, cancellationToken).ConfigureAwait(false))
        {
            if (platform.Properties.Text("platformType") != CentreType) continue;
            if (!InnovationCentreLifecycle.IsOverdue(Events(platform), on)) continue;
            result.Add(await StatusAsync(platform, on, cancellationToken).ConfigureAwait(false));
        }
        return result;
    }

    async Task<CentreStatus> StatusAsync(Node centre, DateOnly asOf, CancellationToken cancellationToken)
    {
        var setup = await SetupAsync(store, centre, asOf, cancellationToken).ConfigureAwait(false);
        var history = Events(centre);
        return new CentreStatus(centre, setup, InnovationCentreGovernance.Validate(setup), history,
            InnovationCentreLifecycle.StageOn(history, asOf), InnovationCentreLifecycle.Obligations(history, asOf));
    }

    /// <summary>A centre's governance as the graph holds it on a date: its lead and co-builders in force, its board and committee.</summary>
    internal static async Task<InnovationCentreSetup> SetupAsync(IGraphReader graph, Node centre, DateOnly asOf, CancellationToken cancellationToken)
    {
        var links = await PolicyGraph.LinksAsync(graph, centre.Id, Direction.In, cancellationToken, LinkType.Leads, LinkType.CoBuilds).ConfigureAwait(false);
        var inForce = links.Where(l => PolicyGraph.InForce(l, asOf)).ToList();
        var leadId = inForce.FirstOrDefault(l => l.Type == LinkType.Leads)?.FromId;
        var p = centre.Properties;
        return new InnovationCentreSetup(
            leadId ?? "", leadId is null ? CentreLeadKind.Other : await LeadKindAsync(graph, leadId, cancellationToken).ConfigureAwait(false),
            inForce.Where(l => l.Type == LinkType.CoBuilds).Select(l => l.FromId).ToList(),
            p.Flag("independentLegalEntity") ?? false, p.Flag("hasBoard") ?? false, p.Flag("hasCharter") ?? false,
            Members(p.List("expertCommittee")), p.Text("committeeChair") is { } chair ? ParseMember(chair) : null,
            p.Decimal("directorMonths") ?? 0m);
    }

    async Task<Node> RequireCentreAsync(string centreId, CancellationToken cancellationToken)
    {
        var centre = await PolicyGraph.RequireAsync(store, centreId, "centre", cancellationToken, NodeKind.Platform).ConfigureAwait(false);
        if (centre.Properties.Text("platformType") != CentreType)
            throw new InvalidInputException($"platform '{centreId}' is not a technology innovation centre (platformType {CentreType})");
        return centre;
    }

    static async Task<CentreLeadKind> LeadKindAsync(IGraphReader graph, string leadId, CancellationToken cancellationToken)
    {
        // 004 三(一): a 设区市人民政府 (a city-level government body) or an 自治区 department (a provincial-level one).
        var lead = await PolicyGraph.RequireAsync(graph, leadId, "lead", cancellationToken).ConfigureAwait(false);
        if (lead.Kind != NodeKind.GovernmentBody) return CentreLeadKind.Other;
        return lead.Properties.Text("level") switch
        {
            "City" => CentreLeadKind.CityGovernment,
            "Provincial" => CentreLeadKind.RegionalDepartment,
            _ => CentreLeadKind.Other,
        };
    }

    internal static List<CentreEvent> Events(Node centre) => centre.Properties.List("centreEvents").Select(CentreEventText.Parse).ToList();

    static List<CommitteeMember> Members(IEnumerable<string> texts) => texts.Select(ParseMember).ToList();

    /// <summary>A member written as 姓名@organisation id, or a name alone.</summary>
    public static CommitteeMember ParseMember(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? new CommitteeMember(text.Trim(), null) : new CommitteeMember(text[..at].Trim(), text[(at + 1)..].Trim());
    }

    /// <summary>A member as the catalog stores it.</summary>
    public static string FormatMember(CommitteeMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (string.IsNullOrWhiteSpace(member.Name) || member.Name.Contains('@', StringComparison.Ordinal) || member.Name.Contains(';', StringComparison.Ordinal))
            throw new InvalidInputException($"expert committee: '{member.Name}' is not a name (empty, or holding '@' or ';')");
        return member.OrganisationId is null ? member.Name : $"{member.Name}@{member.OrganisationId}";
    }
}

/// <summary>A centre event as one text element of <c>centreEvents</c>: "yyyy-MM-dd Kind [detail]".</summary>
public static class CentreEventText
{
    /// <summary>Formats an event: the detail is the report year, Passed/Failed, the grade or the delisting ground.</summary>
    public static string Format(CentreEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var detail = e.Kind switch
        {
            CentreEventKind.AnnualReportSubmitted => e.ReportYear?.ToString(CultureInfo.InvariantCulture),
            CentreEventKind.BuildEvaluation or CentreEventKind.Acceptance => e.Passed is null ? null : e.Passed.Value ? "Passed" : "Failed",
            CentreEventKind.LongTermEvaluation => e.Grade?.ToString(),
            CentreEventKind.Delisted => e.Ground?.ToString(),
            _ => null,
        };
        var text = $"{e.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {e.Kind}";
        return detail is null ? text : $"{text} {detail}";
    }

    /// <summary>Parses an event; a malformed one is refused with INVALID_INPUT naming it.</summary>
    public static CentreEvent Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3
            || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on)
            || !Enum.TryParse<CentreEventKind>(parts[1], out var kind) || !Enum.IsDefined(kind))
            throw new InvalidInputException($"centreEvents: '{text}' is not 'yyyy-MM-dd Kind [detail]' with a Kind of {string.Join(", ", Enum.GetNames<CentreEventKind>())}");
        var detail = parts.Length == 3 ? parts[2] : null;
        try
        {
            return kind switch
            {
                CentreEventKind.AnnualReportSubmitted => new(kind, on, ReportYear: detail is null ? null : int.Parse(detail, CultureInfo.InvariantCulture)),
                CentreEventKind.BuildEvaluation or CentreEventKind.Acceptance => new(kind, on, Passed: detail is null ? null : detail == "Passed" ? true : detail == "Failed" ? false : throw new FormatException()),
                CentreEventKind.LongTermEvaluation => new(kind, on, Grade: detail is null ? null : Enum.Parse<EvaluationGrade>(detail)),
                CentreEventKind.Delisted => new(kind, on, Ground: detail is null ? null : Enum.Parse<DelistingGround>(detail)),
                _ => new(kind, on),
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidInputException($"centreEvents: '{text}' has a detail '{detail}' that does not fit {kind}");
        }
    }
}
