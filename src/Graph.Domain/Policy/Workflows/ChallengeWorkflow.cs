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
    string? Description = null);

/// <summary>Where a challenge stands: its dated history, poster, applicants, winner, budget and the public-funding share.</summary>
public sealed record ChallengeInfo(
    Node Challenge,
    ChallengeKind Kind,
    ChallengeRecord Record,
    string? PosterId,
    decimal? Budget,
    decimal? PublicFunding)
{
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
        return new ChallengeInfo(challenge, kind, record, poster, challenge.Properties.Decimal("budget"), challenge.Properties.Decimal("publicFunding"));
    }

    /// <summary>Posts a new challenge in 征集 with its POSTS link (and ABOUT its achievement), in one batch.</summary>
    public async Task<ChallengeInfo> PostAsync(ChallengePosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        if (await store.GetNodeByKeyAsync(NodeKind.Challenge, posting.Key, cancellationToken).ConfigureAwait(false) is not null)
            throw new ConflictException($"challenge '{posting.Key}' already exists");
        var poster = await PolicyGraph.RequireAsync(store, posting.PosterId, "poster", cancellationToken, [.. GraphSchema.OrganizationKinds]).ConfigureAwait(false);
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
            ("example", poster.Properties.Flag("example")));
        var challenge = new NodeInput(NodeKind.Challenge, posting.Key, posting.Name, Properties: properties);
        operations.Add(new WriteOperation.UpsertNode(challenge));
        operations.Add(new WriteOperation.UpsertLink(new LinkInput(LinkType.Posts, poster.Id, challenge.Id, StartDate: posting.On, Source: "揭榜挂帅发榜")));
        if (posting.AchievementId is not null)
            operations.Add(new WriteOperation.UpsertLink(new LinkInput(LinkType.About, challenge.Id, posting.AchievementId, Source: "揭榜挂帅发榜")));
        await PolicyGraph.WriteAsync(writer, actor, "postChallenge", version, operations, cancellationToken).ConfigureAwait(false);
        return await GetAsync(challenge.Id, cancellationToken).ConfigureAwait(false);
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
        var applicant = await PolicyGraph.RequireAsync(store, applicantId, "applicant", cancellationToken, [.. GraphSchema.OrganizationKinds, NodeKind.Consortium]).ConfigureAwait(false);
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
        var applicant = await PolicyGraph.RequireAsync(store, applicantId, "applicant", cancellationToken, [.. GraphSchema.OrganizationKinds, NodeKind.Consortium]).ConfigureAwait(false);
        return await EligibilityAsync(info, applicant, on, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Awards a challenge in 对接洽谈 to one of its applicants on a date (立项), with the amount awarded.</summary>
    public async Task<ChallengeInfo> AwardAsync(string challengeId, string applicantId, DateOnly on, decimal? amount = null, CancellationToken cancellationToken = default)
    {
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var info = await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
        var awarded = ChallengeLifecycle.Award(info.Record, applicantId, on);
        if (amount is < 0)
            throw new InvalidInputException("amount cannot be negative");
        var link = new LinkInput(LinkType.Awarded, applicantId, info.Challenge.Id, StartDate: on, Source: "揭榜立项",
            Properties: PropertyBag.Of(("amount", amount)));
        await WriteStateAsync("awardChallenge", version, info.Challenge, awarded, [new WriteOperation.UpsertLink(link)], cancellationToken).ConfigureAwait(false);
        return await GetAsync(challengeId, cancellationToken).ConfigureAwait(false);
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
