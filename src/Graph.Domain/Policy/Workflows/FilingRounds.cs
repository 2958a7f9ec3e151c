using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// A filing round 研发机构申报批次 (002 六(三)): held by a government body, open for applications from one day to another
/// within a half-year, recognising (认定) at its level.
/// </summary>
public sealed record FilingRound(string OrganiserId, string Key, string Name, string Level, DateOnly OpensOn, DateOnly ClosesOn)
{
    /// <summary>The round's identity as an institution records it: the holder's id and the key.</summary>
    public string Id => $"{OrganiserId}/{Key}";

    /// <summary>Whether applications are taken on the day.</summary>
    public bool IsOpenOn(DateOnly day) => OpensOn <= day && day <= ClosesOn;

    /// <summary>The round in words, for errors.</summary>
    public override string ToString() => $"round '{Key}' of {OrganiserId} (open {Day(OpensOn)} to {Day(ClosesOn)})";

    internal string Entry => $"{Key} {Day(OpensOn)} {Day(ClosesOn)} {Level} {Name}";

    internal static FilingRound? Parse(string organiserId, string entry)
    {
        var parts = entry.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 5
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
            && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes)
            ? new FilingRound(organiserId, parts[0], parts[4], parts[3], opens, closes)
            : null;
    }

    internal static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>An application in a round: the institution's key and name, its facts, the date, and for 离岸 mode the incubating platform's key.</summary>
public sealed record RoundApplication(
    string OrganiserId,
    string RoundKey,
    string Key,
    string Name,
    FilingFacts Facts,
    DateOnly AppliedOn,
    string? OffshoreHostKey = null,
    IReadOnlyList<string>? Fields = null);

/// <summary>
/// A filed or applying institution as the ledger (台账) shows it: the Platform (its round, status, review, decision and
/// reward are its properties), its enterprises, and when it is next re-verified.
/// </summary>
public sealed record FilingRecord(Node Institution, IReadOnlyList<string> EnterpriseIds, FilingRound? Round, DateOnly? ReverifyBy, bool ReverificationOverdue)
{
    /// <summary>Where its round application stands; null when it never applied in a round.</summary>
    public RoundApplicationStatus? Status =>
        Enum.TryParse<RoundApplicationStatus>(Institution.Properties.Text("applicationStatus"), out var status) ? status : null;
}

/// <summary>A round and its applications.</summary>
public sealed record FilingRoundView(FilingRound Round, IReadOnlyList<FilingRecord> Applications);

/// <summary>A recorded application and the "六有" check it passed at submission.</summary>
public sealed record RoundApplicationResult(FilingRecord Application, FilingAssessment Check);

/// <summary>
/// The filing round workflow (seed 002 六(二)–(三), 四(四); 000 and 001 "普遍备案 + 分级认定"): a body opens a round; an
/// enterprise applies while it is open and passes "六有" at submission (the application files the institution); the review
/// visits the site and concludes; the decision recognises (认定) it at the round's level or not; the one-off reward by
/// size class is decided with the recognition and paid afterwards (先建后补). Every step is one journaled batch.
/// </summary>
public sealed class FilingRounds(GraphWriter writer, Actor actor, TimeProvider? clock = null)
{
    readonly IGraphStore _store = writer.Store;
    readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The platform types that incubate (002 五(四): "具有孵化功能的科技园、研究院、孵化器等创新创业孵化平台").</summary>
    public static readonly IReadOnlyList<string> IncubatingPlatformTypes = ["Incubator", "SciencePark", "IndustrialTechnologyInstitute", "NewTypeRdInstitution"];

    /// <summary>
    /// Opens a round held by a government body: a City round by a city or county body (各县（市、区）组织申报), a Provincial
    /// one by a provincial body; within one half-year, at most one per body in each half (002 六(三)).
    /// </summary>
    public async Task<FilingRoundView> OpenAsync(FilingRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (string.IsNullOrWhiteSpace(round.Key) || round.Key.Any(c => char.IsWhiteSpace(c) || c == '/'))
            throw new InvalidInputException($"key: '{round.Key}' must be non-empty, without spaces or '/', e.g. 2026-H1");
        if (string.IsNullOrWhiteSpace(round.Name))
            throw new InvalidInputException("name: a round needs a name, e.g. 2026年上半年研发机构申报");
        if (!RdInstitutionFiling.FilingLevels.Contains(round.Level))
            throw new InvalidInputException($"level: a round recognises at City (市级) or Provincial (自治区级) level, not '{round.Level}'");
        var version = await _store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var organiser = await PolicyGraph.RequireAsync(_store, round.OrganiserId, "organiserId", cancellationToken, NodeKind.GovernmentBody).ConfigureAwait(false);
        var bodyLevel = organiser.Properties.Text("level");
        var fits = round.Level == "Provincial" ? bodyLevel is "Provincial" : bodyLevel is "City" or "County";
        if (!fits)
        {
            throw new RuleViolationException($"organiserId: {organiser.Name} is a {bodyLevel ?? "government body of no level"}; a {round.Level} round is held by "
                + (round.Level == "Provincial" ? "a Provincial body" : "a City or County body"));
        }
        var (half, problem) = FilingRoundRules.HalfOf(round.OpensOn, round.ClosesOn);
        if (problem is not null)
            throw new RuleViolationException($"round '{round.Key}': {problem}");
        var rounds = RoundsOf(organiser);
        if (rounds.FirstOrDefault(r => r.Key == round.Key) is { } same)
            throw new ConflictException($"{organiser.Name} already holds {same}");
        if (rounds.FirstOrDefault(r => r.OpensOn.Year == round.OpensOn.Year && FilingRoundRules.HalfOf(r.OpensOn, r.ClosesOn).Half == half) is { } sameHalf)
            throw new RuleViolationException($"round '{round.Key}': {organiser.Name} already holds {sameHalf} in that half of {round.OpensOn.Year}; 002 六(三) holds one round in each half of a year");

        var opened = round with { OrganiserId = organiser.Id };
        var entries = organiser.Properties.List("filingRounds").Append(opened.Entry).ToList();
        await PolicyGraph.WriteAsync(writer, actor, "openFilingRound", version, [Patch(organiser.Id, ("filingRounds", entries))], cancellationToken).ConfigureAwait(false);
        return new FilingRoundView(opened, []);
    }

    /// <summary>
    /// Records an application while the round is open: every enterprise inside the holder's region, the "六有" check passed
    /// on the day (refused with RULE_VIOLATION naming each missing item), and for 离岸 mode an incubating platform and
    /// above-scale industrial enterprises (002 五(四)). The institution is filed (普遍备案) and awaits review.
    /// </summary>
    public async Task<RoundApplicationResult> ApplyAsync(RoundApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var version = await _store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var (organiser, round) = await RoundAsync(application.OrganiserId, application.RoundKey, cancellationToken).ConfigureAwait(false);
        if (!round.IsOpenOn(application.AppliedOn))
        {
            throw new RuleViolationException($"appliedOn: an application on {FilingRound.Day(application.AppliedOn)} is outside {round}; "
                + "applications are taken only while a round is open (002 六(三))");
        }

        var existing = await _store.GetNodeByKeyAsync(NodeKind.Platform, application.Key, cancellationToken).ConfigureAwait(false);
        if (existing is not null && RecordOf(existing) is { Status: RoundApplicationStatus.Submitted or RoundApplicationStatus.Reviewed or RoundApplicationStatus.Recognised } earlier)
            throw new RuleViolationException($"institution '{application.Key}' already applied in {earlier.Round?.ToString() ?? existing.Properties.Text("filingRound")} and is {earlier.Status}; it applies again only after a decision not to recognise it");

        var filing = new RdInstitutionFiling(writer, actor);
        var assessment = await filing.CheckAsync(application.Facts, application.AppliedOn, cancellationToken).ConfigureAwait(false);
        var holderRegion = organiser.Properties.Text("region");
        var enterprises = await _store.GetNodesAsync([.. application.Facts.EnterpriseIds], cancellationToken).ConfigureAwait(false);
        var outside = enterprises.Values.Where(e => !Regions.IsWithin(e.Properties.Text("region"), holderRegion)).ToList();
        if (outside.Count > 0)
        {
            throw new RuleViolationException($"enterpriseIds: {string.Join(", ", outside.Select(e => $"{e.Name} ({e.Properties.Text("region") ?? "no region"})"))} "
                + $"{(outside.Count == 1 ? "is" : "are")} outside {(holderRegion is null ? "any region" : Jurisdiction.Describe(holderRegion))}, the region of {organiser.Name} that holds the round");
        }
        RdInstitutionFiling.RefuseFailing(application.Key, assessment.Check);

        var extra = PropertyBag.Of(
            ("filingRound", round.Id),
            ("applicationStatus", nameof(RoundApplicationStatus.Submitted)),
            ("appliedOn", application.AppliedOn),
            ("filedOn", existing?.Properties.Date("filedOn") ?? application.AppliedOn));
        if (application.OffshoreHostKey is { } hostKey)
        {
            var host = await OffshoreHostAsync(hostKey, enterprises.Values, cancellationToken).ConfigureAwait(false);
            extra = extra.With("offshoreHost", host.Key).With("region", host.Properties.Text("region") ?? holderRegion);
        }
        var filed = new FilingApplication(application.Key, application.Name, application.Facts, round.Level, application.AppliedOn,
            Fields: application.Fields, Source: $"研发机构申报（{round.Name}）");
        var result = await filing.RecordAsync(filed, assessment, version, "applyInFilingRound", extra, cancellationToken).ConfigureAwait(false);
        return new RoundApplicationResult(Record(result.Institution, application.Facts.EnterpriseIds, round, Today()), assessment);
    }

    /// <summary>
    /// Records the review of a submitted application: the site visit (on or after the application) and the review's
    /// conclusion on or after it, whether it passed, and its opinion (002 六(三): "材料审查和现场考察相结合").
    /// </summary>
    public async Task<FilingRecord> ReviewAsync(string institutionId, DateOnly siteVisitOn, DateOnly reviewedOn, bool passed, string opinion, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(opinion))
            throw new InvalidInputException("opinion: a review records its opinion (评审意见)");
        var version = await _store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var record = await ApplicationAsync(institutionId, "reviewed", cancellationToken).ConfigureAwait(false);
        var name = record.Institution.Name;
        if (record.Status != RoundApplicationStatus.Submitted)
            throw new RuleViolationException($"{name}: its application in {record.Round} is {record.Status}; only a submitted application is reviewed");
        var appliedOn = record.Institution.Properties.Date("appliedOn")!.Value;
        if (siteVisitOn < appliedOn)
            throw new RuleViolationException($"siteVisitOn: {FilingRound.Day(siteVisitOn)} is before {name} applied on {FilingRound.Day(appliedOn)}");
        if (reviewedOn < siteVisitOn)
            throw new RuleViolationException($"reviewedOn: {FilingRound.Day(reviewedOn)} is before the site visit on {FilingRound.Day(siteVisitOn)}; the review concludes after it");

        return await PatchAsync(record, "reviewFilingApplication", version, cancellationToken,
            ("applicationStatus", nameof(RoundApplicationStatus.Reviewed)), ("siteVisitOn", siteVisitOn), ("reviewedOn", reviewedOn),
            ("reviewPassed", passed), ("reviewOpinion", opinion.Trim())).ConfigureAwait(false);
    }

    /// <summary>
    /// Decides a reviewed application on or after its review: recognises (认定) it at the round's level — status 认定, the
    /// one-off reward by the size class its standard follows (0 when an enterprise of it was rewarded before), and the date
    /// of its next re-verification — or not. Recognition needs a review that passed.
    /// </summary>
    public async Task<FilingRecord> DecideAsync(string institutionId, DateOnly decidedOn, bool recognise, CancellationToken cancellationToken = default)
    {
        var version = await _store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var record = await ApplicationAsync(institutionId, "recognised (认定)", cancellationToken).ConfigureAwait(false);
        var institution = record.Institution;
        switch (record.Status)
        {
            case RoundApplicationStatus.Submitted:
                throw new RuleViolationException($"{institution.Name}: a decision before review — its application in {record.Round} is not reviewed yet; review it with its site visit first (002 六(三))");
            case RoundApplicationStatus.Recognised or RoundApplicationStatus.Rejected:
                throw new RuleViolationException($"{institution.Name}: its application in {record.Round} was decided on {FilingRound.Day(institution.Properties.Date("decidedOn")!.Value)} ({record.Status})");
        }
        var reviewedOn = institution.Properties.Date("reviewedOn")!.Value;
        if (decidedOn < reviewedOn)
            throw new RuleViolationException($"decidedOn: {FilingRound.Day(decidedOn)} is before the review concluded on {FilingRound.Day(reviewedOn)}");
        if (!recognise)
            return await PatchAsync(record, "decideFilingApplication", version, cancellationToken,
                ("applicationStatus", nameof(RoundApplicationStatus.Rejected)), ("decidedOn", decidedOn)).ConfigureAwait(false);
        if (institution.Properties.Flag("reviewPassed") != true)
            throw new RuleViolationException($"{institution.Name}: its review of {FilingRound.Day(reviewedOn)} did not pass ({institution.Properties.Text("reviewOpinion")}), so it cannot be recognised");

        var round = record.Round!;
        var filing = new RdInstitutionFiling(writer, actor);
        var sizes = new List<EnterpriseSizeClass>();
        foreach (var id in record.EnterpriseIds)
            sizes.Add((await filing.SizedEnterpriseAsync(id, cancellationToken).ConfigureAwait(false)).Size);
        var reward = FilingRoundRules.Reward(round.Level, sizes.Count > 0 ? sizes.Max() : EnterpriseSizeClass.Micro,
            await RewardedBeforeAsync(institution.Id, record.EnterpriseIds, cancellationToken).ConfigureAwait(false));
        return await PatchAsync(record, "decideFilingApplication", version, cancellationToken,
            ("applicationStatus", nameof(RoundApplicationStatus.Recognised)), ("decidedOn", decidedOn),
            ("status", "Accredited"), ("statusDate", decidedOn), ("level", round.Level),
            ("reward", reward.Amount), ("rewardBasis", reward.Basis), ("reverifyBy", FilingRoundRules.ReverifyBy(decidedOn))).ConfigureAwait(false);
    }

    /// <summary>Records the payment of a recognised institution's reward, once, on or after the recognition (先建后补).</summary>
    public async Task<FilingRecord> PayRewardAsync(string institutionId, DateOnly paidOn, CancellationToken cancellationToken = default)
    {
        var version = await _store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var record = await ApplicationAsync(institutionId, "rewarded", cancellationToken).ConfigureAwait(false);
        var institution = record.Institution;
        if (record.Status != RoundApplicationStatus.Recognised)
            throw new RuleViolationException($"{institution.Name}: its application in {record.Round} is {record.Status}, not recognised; the reward follows recognition (先建后补, 002 六(二))");
        var properties = institution.Properties;
        if (properties.Date("rewardPaidOn") is { } paid)
            throw new RuleViolationException($"{institution.Name}: its reward of {properties.Decimal("reward")} 万元 was paid on {FilingRound.Day(paid)}; a reward is paid once (一次性, 不重复支持)");
        if (properties.Decimal("reward") is not > 0m)
            throw new RuleViolationException($"{institution.Name}: no reward is due — {properties.Text("rewardBasis")}");
        var decidedOn = properties.Date("decidedOn")!.Value;
        if (paidOn < decidedOn)
            throw new RuleViolationException($"paidOn: {FilingRound.Day(paidOn)} is before the recognition on {FilingRound.Day(decidedOn)}; the reward is paid after it (先建后补)");
        return await PatchAsync(record, "payFilingReward", version, cancellationToken, ("rewardPaidOn", paidOn)).ConfigureAwait(false);
    }

    /// <summary>The rounds a body holds, oldest first.</summary>
    public async Task<IReadOnlyList<FilingRound>> RoundsAsync(string organiserId, CancellationToken cancellationToken = default)
    {
        var organiser = await PolicyGraph.RequireAsync(_store, organiserId, "organiserId", cancellationToken, NodeKind.GovernmentBody).ConfigureAwait(false);
        return [.. RoundsOf(organiser).OrderBy(r => r.OpensOn)];
    }

    /// <summary>A round and its applications, in the order they came. Only inside the token's regions: rewards reveal size classes.</summary>
    public async Task<FilingRoundView> GetAsync(string organiserId, string key, CancellationToken cancellationToken = default)
    {
        var (organiser, round) = await RoundAsync(organiserId, key, cancellationToken).ConfigureAwait(false);
        if (!actor.Jurisdiction.CoversAllOf(organiser.Properties.Text("region")))
            throw new ForbiddenException($"{organiser.Name} is outside the regions of the token ({actor.Jurisdiction}): its round's applications and rewards are read only inside them");
        var records = await RecordsAsync(p => p.Properties.Text("filingRound") == round.Id, Today(), cancellationToken).ConfigureAwait(false);
        return new FilingRoundView(round, [.. records.OrderBy(r => r.Institution.Properties.Date("appliedOn")).ThenBy(r => r.Institution.Key, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The ledger 台账 (000 四: "建立台账动态管理机制"): every institution filed or recognised and not delisted, in a region
    /// (sub-regions included) or everywhere the token reaches, with its round, status, reward and next re-verification.
    /// </summary>
    public async Task<IReadOnlyList<FilingRecord>> LedgerAsync(string? region, DateOnly? on = null, CancellationToken cancellationToken = default)
    {
        if (region is not null && Regions.Find(region) is null)
            throw new InvalidInputException($"region: '{region}' is not a known GB/T 2260 division code");
        if (region is not null && !actor.Jurisdiction.CoversAllOf(region))
            throw new ForbiddenException($"region: {Jurisdiction.Describe(region)} is outside the regions of the token ({actor.Jurisdiction}); the ledger shows rewards, which reveal size classes");
        var records = await RecordsAsync(p =>
            p.Properties.Text("status") is "Filed" or "Accredited"
            && (p.Properties.Date("filedOn") is not null || p.Properties.Text("filingRound") is not null)
            && (region is null || Regions.IsWithin(p.Properties.Text("region"), region))
            && actor.Jurisdiction.Covers(p.Properties.Text("region")), on ?? Today(), cancellationToken).ConfigureAwait(false);
        return [.. records.OrderBy(r => r.Institution.Properties.Text("region"), StringComparer.Ordinal).ThenBy(r => r.Institution.Key, StringComparer.Ordinal)];
    }

    async Task<(Node Organiser, FilingRound Round)> RoundAsync(string organiserId, string key, CancellationToken cancellationToken)
    {
        var organiser = await PolicyGraph.RequireAsync(_store, organiserId, "organiserId", cancellationToken, NodeKind.GovernmentBody).ConfigureAwait(false);
        var round = RoundsOf(organiser).FirstOrDefault(r => r.Key == key)
            ?? throw new NotFoundException($"{organiser.Name} holds no filing round '{key}'");
        return (organiser, round);
    }

    /// <summary>The rounds a government body holds, as its <c>filingRounds</c> list them.</summary>
    internal static List<FilingRound> RoundsOf(Node organiser) =>
        [.. organiser.Properties.List("filingRounds").Select(e => FilingRound.Parse(organiser.Id, e)).OfType<FilingRound>()];

    async Task<Node> OffshoreHostAsync(string hostKey, IEnumerable<Node> enterprises, CancellationToken cancellationToken)
    {
        var host = await _store.GetNodeByKeyAsync(NodeKind.Platform, hostKey, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"offshoreHostKey: platform '{hostKey}' was not found");
        if (!IncubatingPlatformTypes.Contains(host.Properties.Text("platformType") ?? ""))
        {
            throw new RuleViolationException($"offshoreHostKey: {host.Name} is a {host.Properties.Text("platformType") ?? "platform of no type"}; 离岸 mode sits in an incubating platform "
                + $"({string.Join(", ", IncubatingPlatformTypes)}; 002 五(四))");
        }
        // 002 五(四): "以离岸模式为规模以上工业企业创建研发机构".
        var notAbove = enterprises.Where(e => !EnterpriseSize.IsAboveDesignatedSize(e.Properties.Flag("industrial") ?? false, e.Properties.Decimal("revenue") ?? 0m)).ToList();
        if (notAbove.Count > 0)
            throw new RuleViolationException($"offshoreHostKey: 离岸 mode builds institutions for above-scale industrial enterprises (002 五(四)); {string.Join(", ", notAbove.Select(e => e.Name))} is not one");
        return host;
    }

    async Task<FilingRecord> ApplicationAsync(string institutionId, string what, CancellationToken cancellationToken)
    {
        var institution = await PolicyGraph.RequireAsync(_store, institutionId, "institutionId", cancellationToken, NodeKind.Platform).ConfigureAwait(false);
        if (institution.Properties.Text("filingRound") is null)
        {
            throw new RuleViolationException($"{institution.Name} applied in no filing round; it is {what} only on its application in a round "
                + "(002 六(三): applications twice a year, reviewed on the papers and on site)");
        }
        var links = await PolicyGraph.LinksAsync(_store, institution.Id, Direction.In, cancellationToken, LinkType.Hosts).ConfigureAwait(false);
        var record = await RecordWithRoundAsync(institution, [.. links.Select(l => l.FromId).Distinct(StringComparer.Ordinal)], Today(), cancellationToken).ConfigureAwait(false);
        return record.Round is null
            ? throw new RuleViolationException($"{institution.Name} applied in '{institution.Properties.Text("filingRound")}', a round its holder no longer lists")
            : record;
    }

    async Task<FilingRecord> RecordWithRoundAsync(Node institution, IReadOnlyList<string> enterpriseIds, DateOnly today, CancellationToken cancellationToken)
    {
        FilingRound? round = null;
        if (institution.Properties.Text("filingRound") is { } roundId && roundId.LastIndexOf('/') is var slash and > 0)
        {
            var organiser = await _store.GetNodeAsync(roundId[..slash], cancellationToken).ConfigureAwait(false);
            round = organiser is null ? null : RoundsOf(organiser).FirstOrDefault(r => r.Key == roundId[(slash + 1)..]);
        }
        return Record(institution, enterpriseIds, round, today);
    }

    async Task<List<FilingRecord>> RecordsAsync(Func<Node, bool> include, DateOnly today, CancellationToken cancellationToken)
    {
        var institutions = new List<Node>();
        await foreach (var platform in _store.ScanNodesAsync(NodeKind.Platform, cancellationToken).ConfigureAwait(false))
        {
            if (include(platform)) institutions.Add(platform);
        }
        var hosts = new List<Link>();
        foreach (var chunk in institutions.Select(i => i.Id).Chunk(500))
            hosts.AddRange(await _store.GetLinksAsync(new LinkQuery(chunk, Direction.In, [LinkType.Hosts]), cancellationToken).ConfigureAwait(false));
        var hostsOf = hosts.ToLookup(l => l.ToId, StringComparer.Ordinal);
        var records = new List<FilingRecord>(institutions.Count);
        foreach (var institution in institutions)
        {
            var enterprises = hostsOf[institution.Id].Select(l => l.FromId).Distinct(StringComparer.Ordinal).ToList();
            records.Add(await RecordWithRoundAsync(institution, enterprises, today, cancellationToken).ConfigureAwait(false));
        }
        return records;
    }

    DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    static FilingRecord Record(Node institution, IReadOnlyList<string> enterpriseIds, FilingRound? round, DateOnly today)
    {
        var properties = institution.Properties;
        var reverifyBy = properties.Date("reverifyBy") ?? (properties.Date("filedOn") is { } filedOn ? FilingRoundRules.ReverifyBy(filedOn) : null);
        return new FilingRecord(institution, enterpriseIds, round, reverifyBy, reverifyBy < today);
    }

    static FilingRecord? RecordOf(Node institution) =>
        institution.Properties.Text("applicationStatus") is null ? null : new FilingRecord(institution, [], null, null, false);

    async Task<string?> RewardedBeforeAsync(string institutionId, IReadOnlyList<string> enterpriseIds, CancellationToken cancellationToken)
    {
        // 不重复支持: an enterprise rewarded for any other institution it hosts gets no second reward.
        var hosted = await _store.GetLinksAsync(new LinkQuery(enterpriseIds, Direction.Out, [LinkType.Hosts]), cancellationToken).ConfigureAwait(false);
        var others = hosted.Where(l => l.ToId != institutionId).ToList();
        var platforms = await _store.GetNodesAsync([.. others.Select(l => l.ToId).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var rewarded = others.FirstOrDefault(l => platforms.TryGetValue(l.ToId, out var p) && p.Properties.Decimal("reward") is > 0m);
        return rewarded is null ? null : $"enterprise {rewarded.FromId} (for {platforms[rewarded.ToId].Name})";
    }

    async Task<FilingRecord> PatchAsync(FilingRecord record, string operation, long version, CancellationToken cancellationToken, params (string Name, object? Value)[] set)
    {
        var result = await PolicyGraph.WriteAsync(writer, actor, operation, version, [Patch(record.Institution.Id, set)], cancellationToken).ConfigureAwait(false);
        return Record(result.Outcomes[0].Node!, record.EnterpriseIds, record.Round, Today());
    }

    static WriteOperation.PatchNode Patch(string id, params (string Name, object? Value)[] set) =>
        new WriteOperation.PatchNode(id, new NodePatch(null, null, null, PropertyBag.Of(set), []));
}
