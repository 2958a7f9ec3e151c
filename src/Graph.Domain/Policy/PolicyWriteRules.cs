using System.Globalization;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// What a write touches that the policy rules judge: challenges, innovation centres, enterprises whose pairings
/// (PAIRED_WITH) may name a commissioner, diagnosis teams, people who may be a case's officer, filing rounds (by
/// <see cref="FilingRound.Id"/>) institutions may have applied in, enterprises whose open case names its officer, filed R&amp;D
/// institutions whose hosts may have changed (a deleted platform stands for the institutions built in it in 离岸 mode), and consortia
/// whose lead may have changed (the challenges they applied to).
/// </summary>
public sealed record RuleScope(
    IReadOnlyCollection<string> Challenges,
    IReadOnlyCollection<string> Centres,
    IReadOnlyCollection<string> PairedEnterprises,
    IReadOnlyCollection<string> DiagnosisTeams,
    IReadOnlyCollection<string> CaseOfficers,
    IReadOnlyCollection<string> FilingRoundIds,
    IReadOnlyCollection<string> CaseEnterprises,
    IReadOnlyCollection<string> FiledInstitutions,
    IReadOnlyCollection<string> Consortia)
{
    /// <summary>Whether the scope holds this challenge, centre, enterprise, team, person, round, institution or consortium.</summary>
    public bool Contains(string id) =>
        Challenges.Contains(id) || Centres.Contains(id) || PairedEnterprises.Contains(id) || DiagnosisTeams.Contains(id) || CaseOfficers.Contains(id)
        || FilingRoundIds.Contains(id) || CaseEnterprises.Contains(id) || FiledInstitutions.Contains(id) || Consortia.Contains(id);
}

/// <summary>A broken rule: the challenge, centre, enterprise or team of the scope it is about, the link at fault when one is, and what is wrong.</summary>
public sealed record RuleProblem(string SubjectId, string Message, string? LinkId = null, string? Field = null);

/// <summary>
/// The rules of DOMAIN.md that every write must keep, whoever sends it — a generic mutation, a workflow, an import:
/// judged on the graph as the write leaves it, for the challenges, innovation centres, pairings and diagnosis teams it touches.
/// </summary>
public static class PolicyWriteRules
{
    /// <summary>Every rule the graph breaks in this scope; empty when it keeps them all.</summary>
    public static async Task<IReadOnlyList<RuleProblem>> CheckAsync(IRuleReader graph, RuleScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<RuleProblem>();
        // A challenge reached through a consortium is about the consortium (its lead changed), unless the write touches it too.
        var challenges = scope.Challenges.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => id, StringComparer.Ordinal);
        foreach (var (challengeId, consortiumId) in await ConsortiumChallengesAsync(graph, scope.Consortia, cancellationToken).ConfigureAwait(false))
            challenges.TryAdd(challengeId, consortiumId);
        foreach (var (id, subject) in challenges.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (await graph.GetNodeAsync(id, cancellationToken).ConfigureAwait(false) is { Kind: NodeKind.Challenge })
                problems.AddRange((await ChallengeProblemsAsync(graph, id, today, cancellationToken).ConfigureAwait(false)).Select(p => new RuleProblem(subject, p)));
        }
        foreach (var id in scope.Centres.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (await graph.GetNodeAsync(id, cancellationToken).ConfigureAwait(false) is { Kind: NodeKind.Platform } platform
                && platform.Properties.Text("platformType") == InnovationCentreWorkflow.CentreType)
                problems.AddRange((await CentreProblemsAsync(graph, platform, today, cancellationToken).ConfigureAwait(false)).Select(p => new RuleProblem(id, p)));
        }
        foreach (var id in scope.PairedEnterprises.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            problems.AddRange(await PairingProblemsAsync(graph, id, today, cancellationToken).ConfigureAwait(false));
        foreach (var id in scope.DiagnosisTeams.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (await graph.GetNodeAsync(id, cancellationToken).ConfigureAwait(false) is { Kind: NodeKind.DiagnosisTeam } team
                && await SecondTeamAsync(graph, team, cancellationToken).ConfigureAwait(false) is { } problem)
                problems.Add(new RuleProblem(id, problem));
        }
        foreach (var id in scope.CaseOfficers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (await OfficerlessCasesAsync(graph, id, cancellationToken).ConfigureAwait(false) is { } problem)
                problems.Add(new RuleProblem(id, problem));
        }
        foreach (var id in scope.CaseEnterprises.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (await CaseWithoutOfficerAsync(graph, id, cancellationToken).ConfigureAwait(false) is { } problem)
                problems.Add(new RuleProblem(id, problem));
        }
        foreach (var id in scope.FilingRoundIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            problems.AddRange((await RoundApplicationProblemsAsync(graph, id, cancellationToken).ConfigureAwait(false)).Select(p => new RuleProblem(id, p)));
        foreach (var id in scope.FiledInstitutions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            problems.AddRange((await InstitutionHostProblemsAsync(graph, id, cancellationToken).ConfigureAwait(false)).Select(p => new RuleProblem(id, p)));
        return problems;
    }

    /// <summary>
    /// Whether a platform is a filed enterprise R&amp;D institution (研发机构备案: its <c>filedOn</c>, written by the filing and the
    /// round application) that is not delisted (摘牌).
    /// </summary>
    public static bool IsFiledInstitution(PropertyBag properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.Date("filedOn") is not null && properties.Text("status") != "Delisted";
    }

    // 000, 002 (研发机构备案): an institution is filed on the enterprises that build it, each hosting it (HOSTS), and one built
    // in 离岸 mode sits in an incubating platform (002 五(四)); the ledger, the indicators and the reward (不重复支持) read them.
    // One left without either is delisted first, or given another host in the same write. A platform the write deletes
    // stands for the institutions that sit in it.
    static async Task<List<string>> InstitutionHostProblemsAsync(IRuleReader graph, string platformId, CancellationToken cancellationToken)
    {
        if (await graph.GetNodeAsync(platformId, cancellationToken).ConfigureAwait(false) is not { } platform)
        {
            if (!NodeId.TryParse(platformId, out var kind, out var key) || kind != NodeKind.Platform) return [];
            var sitting = await graph.NodesWithAsync(NodeKind.Platform, new Dictionary<string, string> { ["offshoreHost"] = key }, cancellationToken).ConfigureAwait(false);
            return [.. sitting.Where(i => IsFiledInstitution(i.Properties)).Select(i => OffshoreHostGone(i, platformId))];
        }
        if (platform.Kind != NodeKind.Platform || !IsFiledInstitution(platform.Properties)) return [];
        var problems = new List<string>();
        var hosts = await PolicyGraph.LinksAsync(graph, platformId, Direction.In, cancellationToken, LinkType.Hosts).ConfigureAwait(false);
        if (!hosts.Any(l => NodeId.KindOf(l.FromId) == NodeKind.Enterprise))
        {
            problems.Add($"the filed R&D institution {platformId} ({platform.Name}, filed on {Day(platform.Properties.Date("filedOn")!.Value)}) is hosted by no enterprise (HOSTS): "
                + "an institution is filed on the enterprises that build it (研发机构备案, 002); delist it first (status Delisted, 摘牌), or name another host enterprise in the same write");
        }
        if (platform.Properties.Text("offshoreHost") is { } offshore && await graph.GetNodeAsync(NodeId.Of(NodeKind.Platform, offshore), cancellationToken).ConfigureAwait(false) is null)
            problems.Add(OffshoreHostGone(platform, NodeId.Of(NodeKind.Platform, offshore)));
        return problems;
    }

    static string OffshoreHostGone(Node institution, string hostId) =>
        $"the filed R&D institution {institution.Id} ({institution.Name}) is built in 离岸 mode in {hostId} (offshoreHost), a platform the graph does not hold: "
        + "离岸 mode sits in an incubating platform (002 五(四)); delist it first (status Delisted, 摘牌)";

    // The challenges each consortium applied to or won: their eligibility reads the consortium's lead (003 二).
    static async Task<List<(string Challenge, string Consortium)>> ConsortiumChallengesAsync(IRuleReader graph, IReadOnlyCollection<string> consortia, CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        foreach (var id in consortia.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            foreach (var link in await PolicyGraph.LinksAsync(graph, id, Direction.Out, cancellationToken, LinkType.AppliesTo, LinkType.Awarded).ConfigureAwait(false))
                found.Add((link.ToId, id));
        }
        return found;
    }

    // 一企一员一案 (001 三(三)), for a case written with its enterprise (an import, an admin's repair): an open case names
    // its officer, a person the graph holds. The writer names the enterprise, so the message may.
    static async Task<string?> CaseWithoutOfficerAsync(IRuleReader graph, string enterpriseId, CancellationToken cancellationToken)
    {
        if (await graph.GetNodeAsync(enterpriseId, cancellationToken).ConfigureAwait(false) is not { Kind: NodeKind.Enterprise } enterprise
            || !Cases.IsOpen(enterprise.Properties)) return null;
        if (enterprise.Properties.Text(Cases.Officer) is not { } officer)
            return $"the open case of {enterpriseId} (一企一员一案) names no officer ({Cases.Officer}): a case is opened with its officer (openCase)";
        var personId = NodeId.Of(NodeKind.Person, officer);
        return await graph.GetNodeAsync(personId, cancellationToken).ConfigureAwait(false) is null
            ? $"the open case of {enterpriseId} (一企一员一案) names the officer {personId}, a person the graph does not hold: add the person, or open the case with its officer (openCase)"
            : null;
    }

    // 002 六(三): an institution applies in a round its holder holds, while the round is open; its review, decision, reward
    // and the ledger read the round, so a round with applications is neither dropped nor deleted with its holder.
    static async Task<List<string>> RoundApplicationProblemsAsync(IRuleReader graph, string roundId, CancellationToken cancellationToken)
    {
        var applications = await graph.NodesWithAsync(NodeKind.Platform, new Dictionary<string, string> { ["filingRound"] = roundId }, cancellationToken).ConfigureAwait(false);
        if (applications.Count == 0) return [];
        var slash = roundId.LastIndexOf('/');
        var holderId = slash > 0 ? roundId[..slash] : roundId;
        var key = roundId[(slash + 1)..];
        var holder = slash > 0 ? await graph.GetNodeAsync(holderId, cancellationToken).ConfigureAwait(false) : null;
        var round = holder is { Kind: NodeKind.GovernmentBody } ? FilingRounds.RoundsOf(holder).FirstOrDefault(r => r.Key == key) : null;
        if (round is null)
        {
            var ids = string.Join(", ", applications.Select(a => a.Id));
            return [$"{ids} applied in the filing round '{key}' of {holderId}, but {(holder is null ? $"the graph does not hold {holderId}" : $"{holderId} does not hold the round")}: "
                + "an application is reviewed, decided and rewarded in its round (002 六(三)): keep the round while it has applications, or move them to another first (an admin's repair)"];
        }
        return [.. applications
            .Where(a => a.Properties.Date("appliedOn") is { } on && !round.IsOpenOn(on))
            .Select(a => $"{a.Id} applied on {Day(a.Properties.Date("appliedOn")!.Value)} in {round}: applications are taken only while a round is open (002 六(三))")];
    }

    // 一企一员一案 (001 三(三)): an open case names its liaison officer, a person the graph holds. The enterprises are not
    // named: being on a case's list is confidential.
    static async Task<string?> OfficerlessCasesAsync(IRuleReader graph, string personId, CancellationToken cancellationToken)
    {
        if (!NodeId.TryParse(personId, out var kind, out var key) || kind != NodeKind.Person
            || await graph.GetNodeAsync(personId, cancellationToken).ConfigureAwait(false) is not null) return null;
        var cases = await graph.NodesWithAsync(NodeKind.Enterprise, new Dictionary<string, string> { [Cases.Officer] = key }, cancellationToken).ConfigureAwait(false);
        var open = cases.Count(e => Cases.IsOpen(e.Properties));
        return open == 0 ? null
            : $"{personId} is the officer of {open} open case{(open == 1 ? "" : "s")} (一企一员一案): without them {(open == 1 ? "it has" : "they have")} no officer; "
              + "close the case (closeCase) first, or have an admin name another officer";
    }

    /// <summary>
    /// Every rule a whole store breaks, over each of its challenges, innovation centres, pairings that name a commissioner,
    /// diagnosis teams, filing rounds institutions applied in, open cases and filed R&amp;D institutions: for the verbs that take a store
    /// as it is (migrate, restore).
    /// </summary>
    public static async Task<IReadOnlyList<RuleProblem>> CheckStoreAsync(IGraphStore store, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var challenges = new List<string>();
        await foreach (var node in store.ScanNodesAsync(NodeKind.Challenge, cancellationToken).ConfigureAwait(false)) challenges.Add(node.Id);
        var centres = new List<string>();
        var rounds = new HashSet<string>(StringComparer.Ordinal);
        var institutions = new List<string>();
        await foreach (var node in store.ScanNodesAsync(NodeKind.Platform, cancellationToken).ConfigureAwait(false))
        {
            if (node.Properties.Text("platformType") == InnovationCentreWorkflow.CentreType) centres.Add(node.Id);
            if (node.Properties.Text("filingRound") is { } round) rounds.Add(round);
            if (IsFiledInstitution(node.Properties)) institutions.Add(node.Id);
        }
        var paired = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var link in store.ScanLinksAsync(LinkType.PairedWith, cancellationToken).ConfigureAwait(false))
        {
            if (link.Properties.Text("commissioner") is not null) paired.Add(link.FromId);
        }
        var teams = new List<string>();
        await foreach (var node in store.ScanNodesAsync(NodeKind.DiagnosisTeam, cancellationToken).ConfigureAwait(false)) teams.Add(node.Id);
        var cases = new List<string>();
        await foreach (var node in store.ScanNodesAsync(NodeKind.Enterprise, cancellationToken).ConfigureAwait(false))
        {
            if (Cases.IsOpen(node.Properties)) cases.Add(node.Id);
        }
        return await CheckAsync(new StoreRuleReader(store), new RuleScope(challenges, centres, paired, teams, [], rounds, cases, institutions, []), today, cancellationToken).ConfigureAwait(false);
    }

    // 一业一团 (seed 001 三(二)): one diagnosis team per industry — a team's first field — and region.
    static async Task<string?> SecondTeamAsync(IRuleReader graph, Node team, CancellationToken cancellationToken)
    {
        if (team.Properties.Text("region") is not { } region || team.Properties.List("fields").FirstOrDefault() is not { } industry) return null;
        var peers = await graph.NodesWithAsync(NodeKind.DiagnosisTeam, new Dictionary<string, string> { ["region"] = region, ["fields"] = industry }, cancellationToken).ConfigureAwait(false);
        if (peers.FirstOrDefault(p => p.Id != team.Id && p.Properties.List("fields").FirstOrDefault() == industry) is not { } first) return null;
        var field = Reference.TechnologyFields.Find(industry) is { } found ? $"{industry} {found.Name}" : industry;
        return $"一业一团: {Jurisdiction.Describe(region)} already has the team '{first.Key}' ({first.Name}) for the industry {field}; add experts to it instead";
    }

    // 003 二 (科技特派员): a pairing names as its commissioner only a person commissioned to the enterprise on the
    // pairing's first day — its start date; for one without, the day it was first written (today for a new one).
    static async Task<List<RuleProblem>> PairingProblemsAsync(IRuleReader graph, string enterpriseId, DateOnly today, CancellationToken cancellationToken)
    {
        var problems = new List<RuleProblem>();
        foreach (var pairing in await PolicyGraph.LinksAsync(graph, enterpriseId, Direction.Out, cancellationToken, LinkType.PairedWith).ConfigureAwait(false))
        {
            if (pairing.Properties.Text("commissioner") is not { } commissioner) continue;
            var on = pairing.StartDate ?? (pairing.CreatedAt > DateTimeOffset.UnixEpoch ? DateOnly.FromDateTime(pairing.CreatedAt.UtcDateTime) : today);
            if (await CommissionerWorkflow.NotCommissionedAsync(graph, NodeId.Of(NodeKind.Person, commissioner), enterpriseId, on, cancellationToken).ConfigureAwait(false) is { } problem)
                problems.Add(new RuleProblem(enterpriseId, $"pairing {pairing.Id}: {problem}", pairing.Id, "commissioner"));
        }
        return problems;
    }

    // DOMAIN.md rule 4 (seed 003 二): eligibility, the lifecycle's window for applications, the deadline, awards to
    // applicants only, and the budget.
    static async Task<List<string>> ChallengeProblemsAsync(IGraphReader graph, string challengeId, DateOnly today, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var info = await ChallengeWorkflow.GetAsync(graph, challengeId, cancellationToken).ConfigureAwait(false);
        var challenge = info.Challenge;
        var name = $"challenge '{challenge.Key}'";
        var links = await PolicyGraph.LinksAsync(graph, challenge.Id, Direction.In, cancellationToken, LinkType.Posts, LinkType.AppliesTo, LinkType.Awarded).ConfigureAwait(false);
        var posters = links.Where(l => l.Type == LinkType.Posts).Select(l => l.FromId).Distinct(StringComparer.Ordinal).ToList();
        var applications = links.Where(l => l.Type == LinkType.AppliesTo).ToList();
        var awards = links.Where(l => l.Type == LinkType.Awarded).ToList();
        var deadline = challenge.Properties.Date("deadline");

        if (posters.Count > 1)
            problems.Add($"{name} has {posters.Count} posters ({string.Join(", ", posters)}); a challenge is posted by one organisation");
        if (info.Budget is { } total && info.PublicFunding is { } funding && funding > total)
            problems.Add($"{name}: publicFunding {Money(funding)} is more than the budget of {Money(total)}");

        foreach (var application in applications)
        {
            var on = application.StartDate ?? today;
            if (deadline is { } due && on > due)
                problems.Add($"{name}: {application.FromId} applied on {Day(on)}, after the deadline {Day(due)}");
            // Applications are taken in 揭榜申报: the state the challenge was in on the day (003 二: 发榜 → 揭榜申报 → 评审).
            var state = StateOn(challenge, on);
            if (state is not null && state != ChallengeStatus.Applying)
                problems.Add($"{name}: {application.FromId} applied on {Day(on)}, when the challenge was {state} ({ChallengeLifecycle.Chinese(state.Value)}), not taking applications (Applying, 揭榜申报)");
            problems.AddRange(await IneligibleAsync(graph, info, application.FromId, on, "apply to", cancellationToken).ConfigureAwait(false));
        }

        foreach (var award in awards)
        {
            if (!applications.Exists(a => a.FromId == award.FromId))
                problems.Add($"{name} cannot be awarded to {award.FromId}: it did not apply (揭榜)");
            else
                problems.AddRange(await IneligibleAsync(graph, info, award.FromId, award.StartDate ?? today, "win", cancellationToken).ConfigureAwait(false));
        }
        // 003 三 赛马制: several teams in parallel, each with its share; otherwise one winner.
        if (awards.Count > 1 && !info.Racing)
            problems.Add($"{name} is awarded to {awards.Count} applicants ({string.Join(", ", awards.Select(a => a.FromId))}) but is not run as 赛马制 (racing): it has one winner");
        if (awards.Count > 1 && awards.Where(a => a.Properties.Decimal("share") is null).Select(a => a.FromId).ToList() is { Count: > 0 } unshared)
            problems.Add($"{name}: under 赛马制 each awardee has its share; {string.Join(", ", unshared)} has none");
        if (awards.Sum(a => a.Properties.Decimal("share") ?? 0m) is var shares and > 100m)
            problems.Add($"{name}: the awardees' shares add up to {shares.ToString(CultureInfo.InvariantCulture)} %, more than 100 %");
        if (info.Budget is { } budget && awards.Sum(a => a.Properties.Decimal("amount") ?? 0m) is var awarded && awarded > budget)
        {
            problems.Add(awards.Count == 1
                ? $"{name}: the award to {awards[0].FromId} of {Money(awarded)} is more than the budget of {Money(budget)}"
                : $"{name}: the awards to {string.Join(", ", awards.Select(a => a.FromId))} add up to {Money(awarded)}, more than the budget of {Money(budget)}");
        }
        // A call takes applications between its opening and closing days.
        var opens = challenge.Properties.Date("callOpensOn");
        var closes = challenge.Properties.Date("callClosesOn");
        foreach (var application in applications)
        {
            var on = application.StartDate ?? today;
            if ((opens is { } o && on < o) || (closes is { } c && on > c))
                problems.Add($"{name}: {application.FromId} applied on {Day(on)}, outside its call '{challenge.Properties.Text("call")}' ({(opens is null ? "…" : Day(opens.Value))}–{(closes is null ? "…" : Day(closes.Value))})");
        }
        if (info.Record.Status is ChallengeStatus.Awarded or ChallengeStatus.Completed && awards.Count == 0)
            problems.Add($"{name} is {info.Record.Status} ({ChallengeLifecycle.Chinese(info.Record.Status)}) but names no winner (AWARDED link): award it with awardChallenge");
        return problems;
    }

    static async Task<IEnumerable<string>> IneligibleAsync(IGraphReader graph, ChallengeInfo info, string partyId, DateOnly on, string what, CancellationToken cancellationToken)
    {
        var party = await graph.GetNodeAsync(partyId, cancellationToken).ConfigureAwait(false);
        if (party is null) return [];
        if (info.PosterId is null)
            return [$"challenge '{info.Challenge.Key}' has no poster (POSTS link), so whether {partyId} may {what} it cannot be decided"];
        var eligibility = await ChallengeWorkflow.EligibilityAsync(graph, info, party, on, cancellationToken).ConfigureAwait(false);
        return eligibility.Eligible ? [] : [$"'{partyId}' may not {what} challenge '{info.Challenge.Key}': {string.Join("; ", eligibility.Reasons)}"];
    }

    // The last state entered on or before the day, from the dates the challenge records; null when it records none.
    static ChallengeStatus? StateOn(Node challenge, DateOnly on)
    {
        ChallengeStatus? state = null;
        var entered = DateOnly.MinValue;
        foreach (var status in Enum.GetValues<ChallengeStatus>())
        {
            if (challenge.Properties.Date(ChallengeWorkflow.DateProperty(status)) is { } date && date <= on && date >= entered)
            {
                state = status;
                entered = date;
            }
        }
        return state;
    }

    // DOMAIN.md rule 6 (seed 004 四): a centre's status follows its dated lifecycle, and an accredited centre keeps the
    // governance 004 三 requires.
    static async Task<List<string>> CentreProblemsAsync(IGraphReader graph, Node centre, DateOnly today, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var name = $"innovation centre '{centre.Key}'";
        IReadOnlyList<CentreEvent> history = [];
        try
        {
            foreach (var e in InnovationCentreWorkflow.Events(centre).OrderBy(e => e.On))
                history = InnovationCentreLifecycle.Record(history, e);
        }
        catch (Errors.DomainException e)
        {
            problems.Add($"{name}: its history (centreEvents) does not follow 004: {e.Message}");
            return problems;
        }
        var stage = InnovationCentreLifecycle.StageOn(history, DateOnly.MaxValue);
        var status = centre.Properties.Text("status");
        var expected = stage switch
        {
            CentreStage.UnderConstruction => "UnderConstruction",
            CentreStage.Accredited => "Accredited",
            CentreStage.Delisted => "Delisted",
            _ => null,
        };
        string[] staged = ["UnderConstruction", "Accredited", "Delisted"];
        if (expected is not null ? status != expected : status is not null && staged.Contains(status))
            problems.Add($"{name} has status {status ?? "(none)"} but its history puts it at {stage}: record the step with recordCentreEvent");
        // Accreditation follows the acceptance of a centre built as 004 三 requires; while it is built (筹) its governance is set up.
        if (stage is CentreStage.Accredited)
        {
            var setup = await InnovationCentreWorkflow.SetupAsync(graph, centre, today, cancellationToken).ConfigureAwait(false);
            var check = InnovationCentreGovernance.Validate(setup);
            if (!check.Valid)
                problems.Add($"the governance of {name} does not comply with 004: {string.Join("; ", check.Problems)}");
        }
        return problems;
    }

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    static string Money(decimal m) => $"{m.ToString(CultureInfo.InvariantCulture)} 万元";
}
