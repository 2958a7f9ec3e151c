using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>A diagnosis expert's part on a team: 组长 or 成员.</summary>
public enum DiagnosisRole
{
    /// <summary>组长.</summary>
    Leader,
    /// <summary>成员.</summary>
    Member,
}

/// <summary>A person on a diagnosis team, the organisation they come from, and their role.</summary>
public sealed record DiagnosisExpert(string PersonId, string OrganizationId, DiagnosisRole Role = DiagnosisRole.Member);

/// <summary>A 一业一团 team to form: one industry (a field) in one region, formed on a date, with its experts.</summary>
public sealed record DiagnosisTeamFormation(
    string Key,
    string Name,
    string Region,
    string Field,
    DateOnly FormedOn,
    IReadOnlyList<DiagnosisExpert> Experts,
    string? Description = null);

/// <summary>A technology problem a report names; its fields are the team's industry unless given.</summary>
public sealed record TechnologyProblemDraft(string Key, string Name, string? Description = null, IReadOnlyList<string>? Fields = null);

/// <summary>A diagnosis report a team submits: its date, the bottlenecks it finds and the problems it names.</summary>
public sealed record DiagnosisReportSubmission(
    string Key,
    string Name,
    string TeamId,
    DateOnly ReportedOn,
    IReadOnlyList<string> Bottlenecks,
    IReadOnlyList<TechnologyProblemDraft> Problems,
    string? Description = null);

/// <summary>
/// A diagnosed problem to post as a 技术攻关类 challenge: the challenge's key, its poster (an in-region enterprise) and date,
/// and what the challenge offers; its name, fields and description are the problem's unless given.
/// </summary>
public sealed record ProblemPosting(
    string ProblemId,
    string ChallengeKey,
    string PosterId,
    DateOnly On,
    string? Name = null,
    decimal? Budget = null,
    decimal? PublicFunding = null,
    DateOnly? Deadline = null,
    bool Racing = false,
    string? Description = null);

/// <summary>A diagnosis team with its experts (SERVES_ON links, by person) and its reports, newest first.</summary>
public sealed record DiagnosisTeamInfo(Node Team, IReadOnlyList<Link> Experts, IReadOnlyList<Node> Reports);

/// <summary>A technology problem with the report that names it and the challenge it was posted as, if any.</summary>
public sealed record TechnologyProblemInfo(Node Problem, Node? Report, Node? Challenge)
{
    /// <summary>Whether it has been posted as a challenge.</summary>
    public bool Posted => Challenge is not null;
}

/// <summary>A diagnosis report with its team and the problems it names.</summary>
public sealed record DiagnosisReportInfo(Node Report, Node? Team, IReadOnlyList<TechnologyProblemInfo> Problems);

/// <summary>Which diagnosis teams, reports or problems to list: a region and a field (each with what lies below it).</summary>
public sealed record DiagnosisScope(string? Region = null, string? Field = null);

/// <summary>
/// 一业一团 innovation diagnosis (seed 001 三(二)): an expert team per industry and region diagnoses the industry, its report
/// names the technology bottlenecks and the problems to tackle, and a problem becomes a 揭榜挂帅 challenge through
/// <see cref="ChallengeWorkflow"/>, all of whose rules it keeps. Each step is one journaled, all-or-nothing write.
/// </summary>
public sealed class IndustryDiagnosis(GraphWriter writer, Actor actor)
{
    /// <summary>The largest page of a diagnosis list.</summary>
    public const int MaxPage = 200;

    const string Source = "一业一团创新诊断";
    readonly IGraphStore store = writer.Store;

    /// <summary>
    /// Forms a team for one industry in one region with its experts. 一业一团: a second team for the same industry and region
    /// is refused with RULE_VIOLATION naming the first (<see cref="PolicyWriteRules"/>, as for every writer).
    /// </summary>
    public async Task<DiagnosisTeamInfo> FormTeamAsync(DiagnosisTeamFormation formation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(formation);
        if (string.IsNullOrWhiteSpace(formation.Key) || string.IsNullOrWhiteSpace(formation.Name))
            throw new InvalidInputException("key and name: a team has both");
        if (Regions.Find(formation.Region) is null)
            throw new InvalidInputException($"region: '{formation.Region}' is not a GB/T 2260 region code");
        if (TechnologyFields.Find(formation.Field) is null)
            throw new InvalidInputException($"field: '{formation.Field}' is not a field of the taxonomy");
        if (formation.Experts.Count == 0)
            throw new InvalidInputException("experts: a team has at least one expert");
        if (formation.Experts.GroupBy(e => e.PersonId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidInputException($"experts: {twice.Key} is named twice");

        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        if (await store.GetNodeByKeyAsync(NodeKind.DiagnosisTeam, formation.Key, cancellationToken).ConfigureAwait(false) is not null)
            throw new ConflictException($"diagnosis team '{formation.Key}' already exists");

        var team = new NodeInput(NodeKind.DiagnosisTeam, formation.Key, formation.Name.Trim(), Properties: PropertyBag.Of(
            ("region", formation.Region),
            ("fields", (IReadOnlyList<string>)[formation.Field]),
            ("formedOn", formation.FormedOn),
            ("description", formation.Description)));
        var operations = new List<WriteOperation> { new WriteOperation.UpsertNode(team) };
        foreach (var expert in formation.Experts)
            operations.Add(new WriteOperation.UpsertLink(await ExpertLinkAsync(team.Id, expert, formation.FormedOn, cancellationToken).ConfigureAwait(false)));
        await PolicyGraph.WriteAsync(writer, actor, "formDiagnosisTeam", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetTeamAsync(team.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds an expert to a team from a date (not before the team was formed); one already on it is refused.</summary>
    public async Task<DiagnosisTeamInfo> AddExpertAsync(string teamId, DiagnosisExpert expert, DateOnly on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expert);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var info = await GetTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (info.Experts.Any(e => e.FromId == expert.PersonId && PolicyGraph.InForce(e, on)))
            throw new RuleViolationException($"diagnosis team '{info.Team.Key}': {expert.PersonId} already serves on it");
        if (info.Team.Properties.Date("formedOn") is { } formed && on < formed)
            throw new RuleViolationException($"diagnosis team '{info.Team.Key}' was formed on {formed:yyyy-MM-dd}; an expert cannot join it on {on:yyyy-MM-dd}");
        var link = await ExpertLinkAsync(info.Team.Id, expert, on, cancellationToken).ConfigureAwait(false);
        await PolicyGraph.WriteAsync(writer, actor, "addDiagnosisExpert", version, [new WriteOperation.UpsertLink(link)], cancellationToken).ConfigureAwait(false);
        return await GetTeamAsync(info.Team.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a team's report with its bottlenecks and the technology problems it names, in the team's region and industry,
    /// dated on or after the team was formed.
    /// </summary>
    public async Task<DiagnosisReportInfo> SubmitReportAsync(DiagnosisReportSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (string.IsNullOrWhiteSpace(submission.Key) || string.IsNullOrWhiteSpace(submission.Name))
            throw new InvalidInputException("key and name: a report has both");
        var bottlenecks = submission.Bottlenecks.Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim()).ToList();
        // 001: "研判技术瓶颈，凝练攻关需求，形成诊断报告" — a report states what holds the industry back.
        if (bottlenecks.Count == 0)
            throw new InvalidInputException("bottlenecks: a diagnosis report names at least one technology bottleneck (技术瓶颈)");
        if (submission.Problems.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidInputException($"problems: the key '{twice.Key}' is used twice");

        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var team = await PolicyGraph.RequireAsync(store, submission.TeamId, "diagnosis team", cancellationToken, NodeKind.DiagnosisTeam).ConfigureAwait(false);
        if (team.Properties.Date("formedOn") is { } formed && submission.ReportedOn < formed)
            throw new RuleViolationException($"diagnosis team '{team.Key}' was formed on {formed:yyyy-MM-dd}; it cannot report on {submission.ReportedOn:yyyy-MM-dd}");
        if (await store.GetNodeByKeyAsync(NodeKind.DiagnosisReport, submission.Key, cancellationToken).ConfigureAwait(false) is not null)
            throw new ConflictException($"diagnosis report '{submission.Key}' already exists");

        var region = team.Properties.Text("region");
        var industry = team.Properties.List("fields").ToList();
        var report = new NodeInput(NodeKind.DiagnosisReport, submission.Key, submission.Name.Trim(), Properties: PropertyBag.Of(
            ("region", region),
            ("fields", industry.Count > 0 ? industry : null),
            ("reportedOn", submission.ReportedOn),
            ("bottlenecks", bottlenecks),
            ("description", submission.Description)));
        var operations = new List<WriteOperation>
        {
            new WriteOperation.UpsertNode(report),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.Diagnosed, team.Id, report.Id, StartDate: submission.ReportedOn, Source: Source)),
        };
        foreach (var draft in submission.Problems)
        {
            if (string.IsNullOrWhiteSpace(draft.Key) || string.IsNullOrWhiteSpace(draft.Name))
                throw new InvalidInputException("problems: each problem has a key and a name");
            if (await store.GetNodeByKeyAsync(NodeKind.TechnologyProblem, draft.Key, cancellationToken).ConfigureAwait(false) is not null)
                throw new ConflictException($"technology problem '{draft.Key}' already exists");
            var problem = new NodeInput(NodeKind.TechnologyProblem, draft.Key, draft.Name.Trim(), Properties: PropertyBag.Of(
                ("region", region),
                ("fields", draft.Fields is { Count: > 0 } fields ? fields : industry.Count > 0 ? industry : null),
                ("description", draft.Description)));
            operations.Add(new WriteOperation.UpsertNode(problem));
            operations.Add(new WriteOperation.UpsertLink(new LinkInput(LinkType.Identifies, report.Id, problem.Id, StartDate: submission.ReportedOn, Source: Source)));
        }
        await PolicyGraph.WriteAsync(writer, actor, "submitDiagnosisReport", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetReportAsync(report.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Posts a diagnosed problem as a 技术攻关类 challenge (001: "依托诊断结果形成技术攻关项目清单，支持企业实施揭榜挂帅项目"): the
    /// challenge, in the problem's region, is posted by <see cref="ChallengeWorkflow"/> with every rule of 003, and linked to
    /// the problem, in one batch. A problem is posted once, on or after its report's date.
    /// </summary>
    public async Task<TechnologyProblemInfo> PostProblemAsync(ProblemPosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var problem = await GetProblemAsync(posting.ProblemId, cancellationToken).ConfigureAwait(false);
        if (problem.Challenge is { } posted)
            throw new RuleViolationException($"technology problem '{problem.Problem.Key}' was already posted as the challenge '{posted.Key}' ({posted.Name}); a problem is posted once");
        if (problem.Report?.Properties.Date("reportedOn") is { } reported && posting.On < reported)
            throw new RuleViolationException($"technology problem '{problem.Problem.Key}' was named in the report of {reported:yyyy-MM-dd}; it cannot be posted on {posting.On:yyyy-MM-dd}, before it");

        var source = problem.Problem.Properties;
        var challenge = new ChallengePosting(
            posting.ChallengeKey,
            string.IsNullOrWhiteSpace(posting.Name) ? problem.Problem.Name : posting.Name.Trim(),
            ChallengeKind.TechnologyBreakthrough,
            posting.PosterId,
            posting.On,
            posting.Budget,
            posting.PublicFunding,
            posting.Deadline,
            // The challenge belongs to the region diagnosed, so its poster is an enterprise of that region's province (003).
            Region: source.Text("region"),
            Fields: source.List("fields") is { Length: > 0 } fields ? [.. fields] : null,
            Description: posting.Description ?? source.Text("description"),
            Racing: posting.Racing);
        var (version, challengeId, operations) = await new ChallengeWorkflow(writer, actor).PlanPostAsync(challenge, cancellationToken).ConfigureAwait(false);
        operations.Add(new WriteOperation.UpsertLink(new LinkInput(LinkType.PostedAs, problem.Problem.Id, challengeId, StartDate: posting.On, Source: Source)));
        await PolicyGraph.WriteAsync(writer, actor, "postProblemAsChallenge", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetProblemAsync(problem.Problem.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A team with its experts and reports.</summary>
    public async Task<DiagnosisTeamInfo> GetTeamAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var team = await PolicyGraph.RequireAsync(store, teamId, "diagnosis team", cancellationToken, NodeKind.DiagnosisTeam).ConfigureAwait(false);
        var links = await store.GetLinksAsync(new LinkQuery([team.Id], Direction.Both, [LinkType.ServesOn, LinkType.Diagnosed]), cancellationToken).ConfigureAwait(false);
        var reportIds = links.Where(l => l.Type == LinkType.Diagnosed).Select(l => l.ToId).ToList();
        var reports = await store.GetNodesAsync(reportIds, cancellationToken).ConfigureAwait(false);
        return new DiagnosisTeamInfo(team,
            [.. links.Where(l => l.Type == LinkType.ServesOn).OrderBy(l => l.Properties.Text("role") == nameof(DiagnosisRole.Leader) ? 0 : 1).ThenBy(l => l.FromId, StringComparer.Ordinal)],
            [.. reports.Values.OrderByDescending(r => r.Properties.Date("reportedOn")).ThenBy(r => r.Key, StringComparer.Ordinal)]);
    }

    /// <summary>A report with its team and its problems (each with the challenge it was posted as).</summary>
    public async Task<DiagnosisReportInfo> GetReportAsync(string reportId, CancellationToken cancellationToken = default)
    {
        var report = await PolicyGraph.RequireAsync(store, reportId, "diagnosis report", cancellationToken, NodeKind.DiagnosisReport).ConfigureAwait(false);
        var links = await store.GetLinksAsync(new LinkQuery([report.Id], Direction.Both, [LinkType.Diagnosed, LinkType.Identifies]), cancellationToken).ConfigureAwait(false);
        var teamId = links.FirstOrDefault(l => l.Type == LinkType.Diagnosed)?.FromId;
        var problemIds = links.Where(l => l.Type == LinkType.Identifies).Select(l => l.ToId).ToList();
        var nodes = await store.GetNodesAsync([.. problemIds, .. teamId is null ? Array.Empty<string>() : [teamId]], cancellationToken).ConfigureAwait(false);
        var problems = await ProblemsOfAsync([.. problemIds.Select(id => nodes.GetValueOrDefault(id)).OfType<Node>()], cancellationToken).ConfigureAwait(false);
        return new DiagnosisReportInfo(report, teamId is null ? null : nodes.GetValueOrDefault(teamId), problems);
    }

    /// <summary>A problem with its report and challenge.</summary>
    public async Task<TechnologyProblemInfo> GetProblemAsync(string problemId, CancellationToken cancellationToken = default)
    {
        var problem = await PolicyGraph.RequireAsync(store, problemId, "technology problem", cancellationToken, NodeKind.TechnologyProblem).ConfigureAwait(false);
        return (await ProblemsOfAsync([problem], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>Teams in a region and industry (sub-regions and sub-fields included), by region and key.</summary>
    public async Task<IReadOnlyList<DiagnosisTeamInfo>> TeamsAsync(DiagnosisScope scope, int first = 50, CancellationToken cancellationToken = default)
    {
        var teams = await ListAsync(NodeKind.DiagnosisTeam, scope, null, [new SortField("region"), new SortField("key")], first, cancellationToken).ConfigureAwait(false);
        var result = new List<DiagnosisTeamInfo>(teams.Count);
        foreach (var team in teams)
            result.Add(await GetTeamAsync(team.Id, cancellationToken).ConfigureAwait(false));
        return result;
    }

    /// <summary>Reports in a region and industry, newest first.</summary>
    public async Task<IReadOnlyList<DiagnosisReportInfo>> ReportsAsync(DiagnosisScope scope, int first = 50, CancellationToken cancellationToken = default)
    {
        var reports = await ListAsync(NodeKind.DiagnosisReport, scope, null, [new SortField("reportedOn", Descending: true), new SortField("key")], first, cancellationToken).ConfigureAwait(false);
        var result = new List<DiagnosisReportInfo>(reports.Count);
        foreach (var report in reports)
            result.Add(await GetReportAsync(report.Id, cancellationToken).ConfigureAwait(false));
        return result;
    }

    /// <summary>
    /// Problems in a region and industry, by key: the open ones not yet posted (<paramref name="posted"/> false), those posted
    /// as challenges (true), or all (null).
    /// </summary>
    public async Task<IReadOnlyList<TechnologyProblemInfo>> ProblemsAsync(DiagnosisScope scope, bool? posted, int first = 50, CancellationToken cancellationToken = default)
    {
        NodeFilter? postedFilter = posted is { } p
            ? new NodeFilter.HasLink(LinkType.PostedAs, Direction.Out, Quantifier: p ? LinkQuantifier.Some : LinkQuantifier.None)
            : null;
        var problems = await ListAsync(NodeKind.TechnologyProblem, scope, postedFilter, [new SortField("key")], first, cancellationToken).ConfigureAwait(false);
        return await ProblemsOfAsync(problems, cancellationToken).ConfigureAwait(false);
    }

    // The reports and challenges of some problems: one store call for their links, one for the nodes at the other ends.
    async Task<IReadOnlyList<TechnologyProblemInfo>> ProblemsOfAsync(IReadOnlyList<Node> problems, CancellationToken cancellationToken)
    {
        if (problems.Count == 0) return [];
        var links = await store.GetLinksAsync(new LinkQuery([.. problems.Select(p => p.Id)], Direction.Both, [LinkType.Identifies, LinkType.PostedAs]), cancellationToken).ConfigureAwait(false);
        var ends = await store.GetNodesAsync([.. links.Select(l => l.Type == LinkType.Identifies ? l.FromId : l.ToId).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        Node? End(string problemId, LinkType type) =>
            links.FirstOrDefault(l => l.Type == type && (type == LinkType.Identifies ? l.ToId : l.FromId) == problemId) is { } link
                ? ends.GetValueOrDefault(type == LinkType.Identifies ? link.FromId : link.ToId)
                : null;
        return [.. problems.Select(p => new TechnologyProblemInfo(p, End(p.Id, LinkType.Identifies), End(p.Id, LinkType.PostedAs)))];
    }

    async Task<IReadOnlyList<Node>> ListAsync(NodeKind kind, DiagnosisScope scope, NodeFilter? more, IReadOnlyList<SortField> sort, int first, CancellationToken cancellationToken)
    {
        if (first is < 0 or > MaxPage)
            throw new InvalidInputException($"first: {first} is not between 0 and {MaxPage}");
        var filters = new List<NodeFilter>();
        if (scope.Region is { } region)
        {
            if (Regions.Find(region) is null)
                throw new InvalidInputException($"region: '{region}' is not a GB/T 2260 region code");
            filters.Add(new NodeFilter.Compare("region", FilterOp.In, (IReadOnlyList<string>)[region, .. Regions.Descendants(region).Select(r => r.Code)]));
        }
        if (scope.Field is { } field)
        {
            if (TechnologyFields.Find(field) is null)
                throw new InvalidInputException($"field: '{field}' is not a field of the taxonomy");
            filters.Add(new NodeFilter.Compare("fields", FilterOp.In, (IReadOnlyList<string>)[field, .. TechnologyFields.Descendants(field).Select(f => f.Code)]));
        }
        if (more is not null) filters.Add(more);
        var page = await store.ListNodesAsync(new NodeQuery([kind], filters.Count == 0 ? null : new NodeFilter.AllOf(filters), sort, Take: first, CountTotal: false), cancellationToken).ConfigureAwait(false);
        return page.Items;
    }

    async Task<LinkInput> ExpertLinkAsync(string teamId, DiagnosisExpert expert, DateOnly on, CancellationToken cancellationToken)
    {
        var person = await PolicyGraph.RequireAsync(store, expert.PersonId, "expert", cancellationToken, NodeKind.Person).ConfigureAwait(false);
        var organization = await PolicyGraph.RequireAsync(store, expert.OrganizationId, "organisation", cancellationToken, [.. GraphCatalog.OrganizationKinds]).ConfigureAwait(false);
        return new LinkInput(LinkType.ServesOn, person.Id, teamId, StartDate: on, Source: Source,
            Properties: PropertyBag.Of(("role", expert.Role.ToString()), ("organization", organization.Id)));
    }
}
