using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>A challenge to post: it starts in 征集 on <paramref name="On"/>. A 成果转化类 challenge names the achievement it offers.</summary>
public sealed record ChallengePosting(
    string Key,
    string Name,
    ChallengeKind Kind,
    string PosterId,
    DateOnly On,
    decimal? Budget = null,
    decimal? PublicFunding = null,
    DateOnly? Deadline = null,
    string? AchievementId = null,
    string? Region = null,
    IReadOnlyList<string>? Fields = null,
    string? Description = null,
    bool Racing = false);

/// <summary>One awardee of a challenge: who, the amount (万元), its share under 赛马制 (%) and why it was chosen.</summary>
public sealed record ChallengeAward(string ApplicantId, decimal? Amount = null, decimal? Share = null, string? Reason = null);

/// <summary>A call 榜单批次: challenges published together, open for applications between two dates.</summary>
public sealed record ChallengeCall(string Key, string Name, DateOnly OpensOn, DateOnly ClosesOn, IReadOnlyList<string> ChallengeIds);

/// <summary>
/// Where a challenge stands: its dated history, poster, applications (with their reviews), awards, budget and the
/// public-funding share.
/// </summary>
public sealed record ChallengeInfo(
    Node Challenge,
    ChallengeKind Kind,
    ChallengeRecord Record,
    string? PosterId,
    decimal? Budget,
    decimal? PublicFunding)
{
    /// <summary>The applications (APPLIES_TO links), best review score first, then by applicant.</summary>
    public IReadOnlyList<Link> Applications { get; init; } = [];

    /// <summary>The awards (AWARDED links), by applicant: one, or several under 赛马制.</summary>
    public IReadOnlyList<Link> Awards { get; init; } = [];

    /// <summary>Whether it is run as 赛马制.</summary>
    public bool Racing => Challenge.Properties.Flag("racing") == true;

    /// <summary>The share of the budget that is public S&amp;T funding, or null without a budget.</summary>
    public decimal? PublicFundingShare => Budget is > 0 && PublicFunding is { } funding ? funding / Budget.Value : null;

    /// <summary>The states the challenge may move to next.</summary>
    public IReadOnlyList<ChallengeStatus> NextStates => Enum.GetValues<ChallengeStatus>().Where(s => ChallengeLifecycle.CanMove(Record.Status, s)).ToList();
}

/// <summary>
/// The 揭榜挂帅 workflow (DOMAIN.md rule 4; seed 003 二): post a challenge, move it through its lifecycle on dated steps,
/// take applications that pass the eligibility rule through any depth of the group structure, award it to an applicant.
/// </summary>
public sealed class ChallengeWorkflow(GraphWriter writer, Actor actor)
{
    readonly IGraphStore store = writer.Store;

    /// <summary>The catalog property holding the date each state was entered; 发榜 is the existing <c>postedOn</c>.</summary>
    public static string DateProperty(ChallengeStatus status) => status switch
    {
        ChallengeStatus.Collecting => "collectingOn",
        ChallengeStatus.Published => "postedOn",
        ChallengeStatus.Applying => "applyingOn",
        ChallengeStatus.Reviewing => "reviewingOn",
        ChallengeStatus.Negotiating => "negotiatingOn",
        ChallengeStatus.Awarded => "awardedOn",
        ChallengeStatus.Completed => "completedOn",
        ChallengeStatus.Terminated => "terminatedOn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown challenge status"),
    };

    /// <summary>The challenge with its history, poster, applicants and winner.</summary>
    public Task<ChallengeInfo> GetAsync(string challengeId, CancellationToken cancellationToken = default) =>
        GetAsync(store, challengeId, cancellationToken);

    /// <summary>The challenge with its history, poster, applicants and winner, read from a graph.</summary>
    internal static async Task<ChallengeInfo> GetAsync(IGraphReader store, string challengeId, CancellationToken cancellationToken)
    {
        var challenge = await PolicyGraph.RequireAsync(store, challengeId, "challenge", cancellationToken, NodeKind.Challenge).ConfigureAwait(false);
        var links = await PolicyGraph.LinksAsync(store, challenge.Id, Direction.In, cancellationToken, LinkType.Posts, LinkType.AppliesTo, LinkType.Awarded).ConfigureAwait(false);
        var applicants = links.Where(l => l.Type == LinkType.AppliesTo).Select(l => l.FromId).ToHashSet(StringComparer.Ordinal);
        var winner = links.FirstOrDefault(l => l.Type == LinkType.Awarded)?.FromId;
        var poster = links.FirstOrDefault(l => l.Type == LinkType.Posts)?.FromId;
        var record = new ChallengeRecord(challenge.Id, History(challenge), applicants, winner);
        var kind = Enum.TryParse<ChallengeKind>(challenge.Properties.Text("challengeKind"), out var k) ? k : ChallengeKind.TechnologyBreakthrough;
        return new ChallengeInfo(challenge, kind, record, poster, challenge.Properties.Decimal("budget"), challenge.Properties.Decimal("publicFunding"))
        {
            Applications = [.. links.Where(l => l.Type == LinkType.AppliesTo)
                .OrderByDescending(l => l.Properties.Decimal("reviewScore") ?? -1m).ThenBy(l => l.FromId, StringComparer.Ordinal)],
            Awards = [.. links.Where(l => l.Type == LinkType.Awarded).OrderBy(l => l.FromId, StringComparer.Ordinal)],
        };
    }

    /// <summary>Posts a new challenge in 征集 with its POSTS link (and ABOUT its achievement), in one batch.</summary>
    public async Task<ChallengeInfo> PostAsync(ChallengePosting posting, CancellationToken cancellationToken = default)
    {
        var (version, challengeId, operations) = await PlanPostAsync(posting, cancellationToken).ConfigureAwait(false);
        await PolicyGraph.WriteAsync(writer, actor, "postChallenge", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a posting against the rules of 003 and plans its writes, for <see cref="PostAsync"/> or a workflow that posts a
    /// challenge together with writes of its own (a diagnosed problem posted as a challenge) in one batch.
    /// </summary>
    internal async Task<(long Version, string ChallengeId, List<WriteOperation> Operations)> PlanPostAsync(ChallengePosting posting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        if (await store.GetNodeByKeyAsync(NodeKind.Challenge, posting.Key, cancellationToken).ConfigureAwait(false) is not null)
            throw new ConflictException($"challenge '{posting.Key}' already exists");
        var poster = await PolicyGraph.RequireAsync(store, posting.PosterId, "poster", cancellationToken, [.. GraphCatalog.OrganizationKinds]).ConfigureAwait(false);
        if (posting.Budget is < 0 || posting.PublicFunding is < 0)
            throw new InvalidInputException("budget and publicFunding cannot be negative");
        if (posting.Budget is { } budget && posting.PublicFunding is { } funding && funding > budget)
            throw new InvalidInputException($"publicFunding: {funding} 万元 is more than the budget of {budget} 万元");

        var region = posting.Region ?? poster.Properties.Text("region");
        var operations = new List<WriteOperation>();
        if (posting.Kind == ChallengeKind.TechnologyBreakthrough)
        {
            // 003: "主要由区内企业提出技术难题或重大需求".
            if (poster.Kind != NodeKind.Enterprise || !HomeOf(region).Contains(poster.Properties.Text("region")))
                throw new RuleViolationException($"a 技术攻关类 challenge is posted by an in-region enterprise; '{poster.Id}' is not one");
            if (posting.AchievementId is not null)
                throw new InvalidInputException("achievementId: only a 成果转化类 challenge is about an achievement");
        }
        else
        {
            // 003: "将高校院所和企业的科技成果进行发布": the achievement posted is held by the poster.
            if (posting.AchievementId is null)
                throw new InvalidInputException("achievementId: a 成果转化类 challenge names the achievement it offers");
            await PolicyGraph.RequireAsync(store, posting.AchievementId, "achievement", cancellationToken, NodeKind.Achievement).ConfigureAwait(false);
        }

        var properties = PropertyBag.Of(
            ("region", region),
            ("fields", posting.Fields is { Count: > 0 } fields ? fields : null),
            ("challengeKind", posting.Kind.ToString()),
            ("status", ChallengeStatus.Collecting.ToString()),
            ("budget", posting.Budget),
            ("publicFunding", posting.PublicFunding),
            ("deadline", posting.Deadline),
            ("collectingOn", posting.On),
            ("description", posting.Description),
            ("racing", posting.Racing ? true : null),
            ("example", poster.Properties.Flag("example")));
        var challenge = new NodeInput(NodeKind.Challenge, posting.Key, posting.Name, Properties: properties);
        operations.Add(new WriteOperation.UpsertNode(challenge));
        operations.Add(new WriteOperation.UpsertLink(new LinkInput(LinkType.Posts, poster.Id, challenge.Id, StartDate: posting.On, Source: "揭榜挂帅发榜")));
        if (posting.AchievementId is not null)
            operations.Add(new WriteOperation.UpsertLink(new LinkInput(LinkType.About, challenge.Id, posting.AchievementId, Source: "揭榜挂帅发榜")));
        return (version, challenge.Id, operations);
    }

    /// <summary>Moves a challenge to a state on a date; an illegal move is refused with RULE_VIOLATION naming both states.</summary>
    public async Task<ChallengeInfo> TransitionAsync(string challengeId, ChallengeStatus to, DateOnly on, CancellationToken cancellationToken = default)
    {
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var info = await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
        var moved = ChallengeLifecycle.Move(info.Record, to, on);
        await WriteStateAsync("transitionChallenge", version, info.Challenge, moved, [], cancellationToken).ConfigureAwait(false);
        return await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records an application on a date, while the challenge takes applications, if the applicant is eligible: not the poster,
    /// not below it at any depth of SUBSIDIARY_OF in force that day, not a consortium led by either; for 成果转化类 an in-region
    /// enterprise or a consortium it leads. Every reason an applicant is refused is in the RULE_VIOLATION message.
    /// </summary>
    public async Task<ChallengeInfo> ApplyAsync(string challengeId, string applicantId, DateOnly on, decimal? price = null, CancellationToken cancellationToken = default)
    {
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var info = await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
        var applicant = await PolicyGraph.RequireAsync(store, applicantId, "applicant", cancellationToken, [.. GraphCatalog.OrganizationKinds, NodeKind.Consortium]).ConfigureAwait(false);
        ChallengeLifecycle.Apply(info.Record, applicant.Id);
        if (price is < 0)
            throw new InvalidInputException("price cannot be negative");
        var eligibility = await EligibilityAsync(info, applicant, on, cancellationToken).ConfigureAwait(false);
        if (!eligibility.Eligible)
            throw new RuleViolationException($"'{applicant.Id}' may not apply to challenge '{info.Challenge.Key}': {string.Join("; ", eligibility.Reasons)}");
        var link = new LinkInput(LinkType.AppliesTo, applicant.Id, info.Challenge.Id, StartDate: on, Source: "揭榜申报",
            Properties: PropertyBag.Of(("price", price)));
        await PolicyGraph.WriteAsync(writer, actor, "applyToChallenge", version, [new WriteOperation.UpsertLink(link)], cancellationToken).ConfigureAwait(false);
        return await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether an organisation or consortium may apply to a challenge on a date, with every reason it may not.</summary>
    public async Task<Eligibility> CheckEligibilityAsync(string challengeId, string applicantId, DateOnly on, CancellationToken cancellationToken = default)
    {
        var info = await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
        var applicant = await PolicyGraph.RequireAsync(store, applicantId, "applicant", cancellationToken, [.. GraphCatalog.OrganizationKinds, NodeKind.Consortium]).ConfigureAwait(false);
        return await EligibilityAsync(info, applicant, on, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Awards a challenge in 对接洽谈 to one of its applicants on a date (立项), with the amount awarded.</summary>
    public Task<ChallengeInfo> AwardAsync(string challengeId, string applicantId, DateOnly on, decimal? amount = null, CancellationToken cancellationToken = default) =>
        AwardAsync(challengeId, [new ChallengeAward(applicantId, amount)], on, cancellationToken);

    /// <summary>
    /// Awards a challenge in 对接洽谈 on a date (立项) to one applicant, or under 赛马制 to several, each with its amount, share
    /// and the reason it was chosen. The rules of <see cref="PolicyWriteRules"/> judge the result: every awardee applied and
    /// is eligible, several only under 赛马制 with shares summing to at most 100 %, the amounts together within the budget.
    /// </summary>
    public async Task<ChallengeInfo> AwardAsync(string challengeId, IReadOnlyList<ChallengeAward> awards, DateOnly on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(awards);
        if (awards.Count == 0)
            throw new InvalidInputException("awardees: name at least one applicant");
        if (awards.Select(a => a.ApplicantId).Distinct(StringComparer.Ordinal).Count() != awards.Count)
            throw new InvalidInputException("awardees: an applicant is named twice");
        if (awards.FirstOrDefault(a => a.Amount is < 0) is { } negative)
            throw new InvalidInputException($"amount of {negative.ApplicantId} cannot be negative");
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var info = await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
        // Each awardee must have applied; the step to 立项 is the same for all.
        var awarded = awards.Select(a => ChallengeLifecycle.Award(info.Record, a.ApplicantId, on)).Last();
        var links = awards.Select(a => (WriteOperation)new WriteOperation.UpsertLink(new LinkInput(LinkType.Awarded, a.ApplicantId, info.Challenge.Id, StartDate: on, Source: "揭榜立项",
            Properties: PropertyBag.Of(("amount", a.Amount), ("share", a.Share), ("reason", a.Reason))))).ToList();
        await WriteStateAsync(awards.Count > 1 ? "awardChallengeRace" : "awardChallenge", version, info.Challenge, awarded, links, cancellationToken).ConfigureAwait(false);
        return await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the review (评审) of an application: its score (0–100) on price and quality and the reasons, while the challenge
    /// is in 评审 or 对接洽谈, dated within it. The award's choice can then be read beside the scores.
    /// </summary>
    public async Task<ChallengeInfo> ReviewAsync(string challengeId, string applicantId, DateOnly on, decimal score, string reason, CancellationToken cancellationToken = default)
    {
        if (score is < 0 or > 100)
            throw new InvalidInputException($"score: {score} is not between 0 and 100");
        if (string.IsNullOrWhiteSpace(reason))
            throw new InvalidInputException("reason: say why the application earns its score (price, quality)");
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var info = await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
        var application = info.Applications.FirstOrDefault(a => a.FromId == applicantId)
            ?? throw new RuleViolationException($"challenge '{info.Challenge.Key}': {applicantId} did not apply (揭榜), so there is nothing to review");
        if (info.Record.Status is not (ChallengeStatus.Reviewing or ChallengeStatus.Negotiating))
            throw new RuleViolationException($"challenge '{info.Challenge.Key}' is {info.Record.Status} ({ChallengeLifecycle.Chinese(info.Record.Status)}): applications are reviewed in Reviewing (评审) or Negotiating (对接洽谈)");
        var reviewingOn = info.Challenge.Properties.Date(DateProperty(ChallengeStatus.Reviewing));
        if (reviewingOn is { } start && on < start)
            throw new RuleViolationException($"challenge '{info.Challenge.Key}': a review on {on:yyyy-MM-dd} is before the review started on {start:yyyy-MM-dd}");
        var reviewed = PolicyGraph.AsInput(application) with
        {
            Properties = application.Properties.With("reviewScore", score).With("reviewReason", reason.Trim()).With("reviewedOn", on),
        };
        await PolicyGraph.WriteAsync(writer, actor, "reviewChallengeApplication", version, [new WriteOperation.UpsertLink(reviewed)], cancellationToken).ConfigureAwait(false);
        return await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes a call (榜单批次): its challenges carry its key, name and dates; an application to them is taken only between
    /// the call's opening and closing days. A challenge already in another call is refused.
    /// </summary>
    public async Task<ChallengeCall> PublishCallAsync(ChallengeCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (string.IsNullOrWhiteSpace(call.Key) || string.IsNullOrWhiteSpace(call.Name))
            throw new InvalidInputException("key and name: a call has both");
        if (call.ClosesOn < call.OpensOn)
            throw new InvalidInputException($"closesOn: {call.ClosesOn:yyyy-MM-dd} is before opensOn {call.OpensOn:yyyy-MM-dd}");
        if (call.ChallengeIds.Count == 0)
            throw new InvalidInputException("challengeIds: a call publishes at least one challenge");
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var operations = new List<WriteOperation>();
        foreach (var id in call.ChallengeIds.Distinct(StringComparer.Ordinal))
        {
            var challenge = await PolicyGraph.RequireAsync(store, id, "challenge", cancellationToken, NodeKind.Challenge).ConfigureAwait(false);
            if (challenge.Properties.Text("call") is { } other && other != call.Key)
                throw new RuleViolationException($"challenge '{challenge.Key}' is already in the call '{other}'; a challenge is published in one call");
            if (challenge.Properties.Date("deadline") is { } deadline && (deadline < call.OpensOn || deadline > call.ClosesOn))
                throw new RuleViolationException($"challenge '{challenge.Key}': its deadline {deadline:yyyy-MM-dd} is outside the call's dates {call.OpensOn:yyyy-MM-dd}–{call.ClosesOn:yyyy-MM-dd}");
            var properties = challenge.Properties.With("call", call.Key).With("callName", call.Name).With("callOpensOn", call.OpensOn).With("callClosesOn", call.ClosesOn);
            operations.Add(new WriteOperation.UpsertNode(PolicyGraph.AsInput(challenge, properties)));
        }
        await PolicyGraph.WriteAsync(writer, actor, "publishChallengeCall", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetCallAsync(call.Key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"call '{call.Key}' was written but cannot be read back");
    }

    /// <summary>A call and its challenges, by key; null when no challenge is in it.</summary>
    public async Task<ChallengeCall?> GetCallAsync(string key, CancellationToken cancellationToken = default)
    {
        var page = await store.ListNodesAsync(new NodeQuery([NodeKind.Challenge], new NodeFilter.Compare("call", FilterOp.Eq, key), [new SortField("key")], Take: 1000), cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0) return null;
        var first = page.Items[0].Properties;
        return new ChallengeCall(key, first.Text("callName") ?? key, first.Date("callOpensOn") ?? DateOnly.MinValue, first.Date("callClosesOn") ?? DateOnly.MaxValue,
            [.. page.Items.Select(n => n.Id)]);
    }

    Task<WriteResult> WriteStateAsync(string operation, long version, Node challenge, ChallengeRecord record, IReadOnlyList<WriteOperation> more, CancellationToken cancellationToken)
    {
        var step = record.History[^1];
        var properties = challenge.Properties.With("status", step.Status.ToString()).With(DateProperty(step.Status), step.On);
        return PolicyGraph.WriteAsync(writer, actor, operation, version, [new WriteOperation.UpsertNode(PolicyGraph.AsInput(challenge, properties)), .. more], cancellationToken);
    }

    Task<Eligibility> EligibilityAsync(ChallengeInfo info, Node applicant, DateOnly on, CancellationToken cancellationToken) =>
        EligibilityAsync(store, info, applicant, on, cancellationToken);

    /// <summary>Whether an applicant may take a challenge on a date, read from a graph (the store, or the store with a batch over it).</summary>
    internal static async Task<Eligibility> EligibilityAsync(IGraphReader store, ChallengeInfo info, Node applicant, DateOnly on, CancellationToken cancellationToken)
    {
        if (info.PosterId is null)
            throw new RuleViolationException($"challenge '{info.Challenge.Key}' has no poster (POSTS link), so eligibility cannot be decided");
        var home = HomeOf(info.Challenge.Properties.Text("region"));
        var poster = Party(await PolicyGraph.RequireAsync(store, info.PosterId, "poster", cancellationToken).ConfigureAwait(false), home, null);
        ChallengeParty? lead = null;
        if (applicant.Kind == NodeKind.Consortium)
        {
            var leads = await PolicyGraph.LinksAsync(store, applicant.Id, Direction.In, cancellationToken, LinkType.Leads).ConfigureAwait(false);
            var leadId = leads.FirstOrDefault(l => PolicyGraph.InForce(l, on))?.FromId;
            if (leadId is not null)
                lead = Party(await PolicyGraph.RequireAsync(store, leadId, "consortium lead", cancellationToken).ConfigureAwait(false), home, null);
        }

        var parents = await ParentsAsync(store, [applicant.Id, .. lead is null ? Array.Empty<string>() : [lead.Id]], on, cancellationToken).ConfigureAwait(false);
        return ChallengeEligibility.Check(info.Kind, poster, Party(applicant, home, lead), parents);
    }

    /// <summary>The group structure above some enterprises on a date: every SUBSIDIARY_OF in force, one store call per level.</summary>
    static async Task<Dictionary<string, IReadOnlyList<string>>> ParentsAsync(IGraphReader store, IReadOnlyList<string> ids, DateOnly on, CancellationToken cancellationToken)
    {
        var parents = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var frontier = ids.ToList();
        while (frontier.Count > 0)
        {
            var links = await store.GetLinksAsync(new LinkQuery(frontier, Direction.Out, [LinkType.SubsidiaryOf]), cancellationToken).ConfigureAwait(false);
            foreach (var id in frontier)
                parents[id] = links.Where(l => l.FromId == id && PolicyGraph.InForce(l, on)).Select(l => l.ToId).ToList();
            frontier = parents.Values.SelectMany(p => p).Where(p => !parents.ContainsKey(p)).Distinct(StringComparer.Ordinal).ToList();
        }
        return parents;
    }

    static ChallengeParty Party(Node node, HomeProvince home, ChallengeParty? lead)
    {
        var kind = node.Kind switch
        {
            NodeKind.University => PartyKind.University,
            NodeKind.ResearchInstitute => PartyKind.ResearchInstitute,
            NodeKind.Enterprise => PartyKind.Enterprise,
            NodeKind.Consortium => PartyKind.Consortium,
            _ => PartyKind.Other,
        };
        var tech = node.Properties.Flag("highTech") == true || node.Properties.Flag("techSme") == true;
        return new ChallengeParty(node.Id, kind, home.Contains(node.Properties.Text("region")), tech, lead);
    }

    /// <summary>The province running the call: the challenge's own, else the deployment's home province.</summary>
    static HomeProvince HomeOf(string? regionCode) =>
        Regions.ProvinceOf(regionCode) is { } province ? new HomeProvince(province.Code) : HomeProvince.Default;

    /// <summary>The dated history: every state the challenge has a date for, in lifecycle order, ending in its status.</summary>
    static List<ChallengeStep> History(Node challenge)
    {
        var steps = Enum.GetValues<ChallengeStatus>()
            .Where(s => challenge.Properties.Date(DateProperty(s)) is not null)
            .Select(s => new ChallengeStep(s, challenge.Properties.Date(DateProperty(s))!.Value))
            .ToList();
        var status = Enum.TryParse<ChallengeStatus>(challenge.Properties.Text("status"), out var s) ? s : ChallengeStatus.Collecting;
        // A challenge loaded without its dates still has a status: it stands on the last date known.
        if (steps.Count == 0 || steps[^1].Status != status)
        {
            steps.RemoveAll(step => step.Status >= status && step.Status != ChallengeStatus.Terminated);
            steps.Add(new ChallengeStep(status, steps.Count > 0 ? steps[^1].On : DateOnly.MinValue));
        }
        return steps;
    }
}
