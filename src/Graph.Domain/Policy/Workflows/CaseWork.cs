using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>The liaison officer named when a case is opened: a Person of an organisation, with a contact.</summary>
public sealed record CaseOfficerInput(string Key, string Name, string OrganizationId, string Contact);

/// <summary>An enterprise's case as it stands: stage, officer (a Person key), lists, targets, visits, warnings, the next visit due.</summary>
public sealed record CaseInfo(
    Node Enterprise, CaseStage Stage, DateOnly? StageOn, DateOnly? OpenedOn, DateOnly? ClosedOn, string? OfficerKey,
    IReadOnlyList<PolicyList> Lists, IReadOnlyList<CaseTarget> Targets, IReadOnlyList<CaseVisit> Visits, IReadOnlyList<CaseWarning> Warnings,
    DateOnly? NextVisitDue)
{
    /// <summary>The officer's node id.</summary>
    public string? OfficerId => OfficerKey is null ? null : NodeId.Of(NodeKind.Person, OfficerKey);

    /// <summary>Whether the next visit is overdue on a day.</summary>
    public bool IsOverdueOn(DateOnly on) => NextVisitDue is { } due && due < on;

    /// <summary>The open warnings.</summary>
    public IReadOnlyList<CaseWarning> OpenWarnings => [.. Warnings.Where(w => w.IsOpen)];
}

/// <summary>How many cases are in a stage.</summary>
public sealed record CaseStageCount(CaseStage Stage, int Count);

/// <summary>A city's casework on a day: cases by stage, overdue visits, open warnings, cases closed in the day's quarter.</summary>
public sealed record CaseBoard(string? Region, DateOnly On, IReadOnlyList<CaseStageCount> ByStage, IReadOnlyList<CaseInfo> OverdueVisits,
    IReadOnlyList<CaseInfo> OpenWarnings, IReadOnlyList<CaseInfo> ClosedThisQuarter);

/// <summary>
/// One row of the quarterly dispatch table (区—市—县 分级调度, 001 三(二)) for a region and the regions within it: cases open at
/// the quarter's end, opened, visits and enterprises visited, warnings raised, warnings open at the end, cases whose visit
/// was overdue at the end, cases closed (销号).
/// </summary>
public sealed record CaseDispatchRow(Region Region, int OpenAtEnd, int Opened, int Visits, int EnterprisesVisited, int WarningsRaised,
    int WarningsOpenAtEnd, int OverdueAtEnd, int Closed);

/// <summary>The quarterly dispatch table: the region asked first, then each city and its counties with cases.</summary>
public sealed record CaseDispatch(string Region, int Year, int Quarter, DateOnly From, DateOnly To, IReadOnlyList<CaseDispatchRow> Rows);

/// <summary>
/// 一企一员一案 casework (001 三(二)(三)): open a case with its officer, record visits, close (销号) when the data allows; a
/// city's cases, its board and the quarterly dispatch table. Every step is one journaled, all-or-nothing write on the
/// version it read; a token scoped to regions writes and reads cases only inside them.
/// </summary>
public sealed class CaseWork(GraphWriter writer, Actor actor, IndicatorTargets? targets = null)
{
    readonly IGraphStore _store = writer.Store;

    /// <summary>
    /// Opens the enterprise's case on a day for the lists its data puts it on, with its officer (created or updated as a
    /// Person employed by the organisation) and targets (those of its lists when none are given). An enterprise on no list
    /// gets no case (RULE_VIOLATION); one with an open case gets no second (CONFLICT). A closed case is replaced by the new one.
    /// </summary>
    public async Task<CaseInfo> OpenAsync(string enterpriseId, CaseOfficerInput officer, IReadOnlyList<CaseTarget>? caseTargets, DateOnly on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var version = await _store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var enterprise = await RequireVisibleAsync(enterpriseId, cancellationToken).ConfigureAwait(false);
        if (Cases.IsOpen(enterprise.Properties))
            throw new ConflictException($"{enterprise.Name} already has an open case, opened on {enterprise.Properties.Date(Cases.OpenedOn):yyyy-MM-dd}; record visits on it or close it first");
        var lists = (await Report.ListsOfAsync(enterprise, on, cancellationToken).ConfigureAwait(false)).Where(Cases.IsCaseList).ToList();
        if (lists.Count == 0)
            throw new RuleViolationException($"{enterprise.Name} is on no list by its figures on {on:yyyy-MM-dd}: a case (一企一员一案) is opened for an enterprise on one of the lists (001 二(一))");
        var chosen = caseTargets is { Count: > 0 } ? caseTargets.Distinct().ToList() : lists.SelectMany(Cases.TargetsFor).Distinct().Order().ToList();

        if (string.IsNullOrWhiteSpace(officer.Key) || string.IsNullOrWhiteSpace(officer.Name) || string.IsNullOrWhiteSpace(officer.Contact))
            throw new InvalidInputException("officer: key, name and contact are all needed: the officer is who the enterprise calls");
        var organization = await PolicyGraph.RequireAsync(_store, officer.OrganizationId, "officer's organisation", cancellationToken, [.. GraphCatalog.OrganizationKinds]).ConfigureAwait(false);
        var personId = NodeId.Of(NodeKind.Person, officer.Key);
        var person = await _store.GetNodeAsync(personId, cancellationToken).ConfigureAwait(false);
        var region = person?.Properties.Text("region") ?? organization.Properties.Text("region") ?? enterprise.Properties.Text("region");
        var personProperties = (person?.Properties ?? PropertyBag.Empty).With("contact", officer.Contact.Trim()).With("region", region);

        var set = PropertyBag.Of(
            (Cases.Stage, nameof(CaseStage.Monitoring)), (Cases.StageOn, on), (Cases.OpenedOn, on), (Cases.Officer, officer.Key),
            (Cases.Lists, lists.Select(l => l.ToString()).ToArray()), (Cases.Targets, chosen.Select(t => t.ToString()).ToArray()));
        string[] clear = [.. new[] { Cases.ClosedOn, Cases.Visits, Cases.Warnings }.Where(enterprise.Properties.ContainsKey)];
        await PolicyGraph.WriteAsync(writer, actor, "openCase", version,
        [
            new WriteOperation.UpsertNode(new NodeInput(NodeKind.Person, officer.Key, officer.Name.Trim(), person?.NameEn, person?.Aliases ?? default, personProperties)),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.EmployedBy, personId, organization.Id, Source: "一企一员一案")),
            new WriteOperation.PatchNode(enterprise.Id, new NodePatch(null, null, null, set, clear)),
        ], cancellationToken).ConfigureAwait(false);
        return await GetAsync(enterprise.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the officer's visit on a day with its notes, the actions agreed and the next visit's date if agreed. A visit
    /// that agrees actions on a warned case (预警) starts the coaching (辅导).
    /// </summary>
    public async Task<CaseInfo> RecordVisitAsync(string enterpriseId, CaseVisit visit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var version = await _store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var (enterprise, info) = await RequireOpenAsync(enterpriseId, "record a visit", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(visit.Notes))
            throw new InvalidInputException("notes: say what was found at the visit");
        if (visit.On < info.OpenedOn)
            throw new InvalidInputException($"on: {visit.On:yyyy-MM-dd} is before the case was opened ({info.OpenedOn:yyyy-MM-dd})");
        if (visit.NextVisitOn is { } next && next <= visit.On)
            throw new InvalidInputException($"nextVisitOn: {next:yyyy-MM-dd} is not after the visit ({visit.On:yyyy-MM-dd})");
        var actions = visit.Actions.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
        var visits = info.Visits.Append(visit with { Notes = visit.Notes.Trim(), Actions = actions }).ToList();
        var set = PropertyBag.Of((Cases.Visits, Cases.Store(visits)));
        if (info.Stage == CaseStage.Warning && actions.Count > 0)
            set = set.With(Cases.Stage, nameof(CaseStage.Coaching)).With(Cases.StageOn, visit.On);
        await PolicyGraph.WriteAsync(writer, actor, "recordCaseVisit", version,
            [new WriteOperation.PatchNode(enterprise.Id, new NodePatch(null, null, null, set, []))], cancellationToken).ConfigureAwait(false);
        return await GetAsync(enterprise.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the case (销号) on a day when the data has taken the enterprise off every list the case was opened for; while
    /// it is still on one, closing is refused with RULE_VIOLATION naming the lists: 销号 is never a decision by hand.
    /// </summary>
    public async Task<CaseInfo> CloseAsync(string enterpriseId, DateOnly on, CancellationToken cancellationToken = default)
    {
        var version = await _store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var (enterprise, info) = await RequireOpenAsync(enterpriseId, "close it", cancellationToken).ConfigureAwait(false);
        if (on < info.OpenedOn)
            throw new InvalidInputException($"on: {on:yyyy-MM-dd} is before the case was opened ({info.OpenedOn:yyyy-MM-dd})");
        var still = (await Report.ListsOfAsync(enterprise, on, cancellationToken).ConfigureAwait(false)).Intersect(info.Lists).ToList();
        if (still.Count > 0)
        {
            throw new RuleViolationException(
                $"{enterprise.Name} cannot be closed (销号) on {on:yyyy-MM-dd}: its data still puts it on {string.Join("、", still.Select(PolicyIndicatorReport.Name))}. "
                + "A case is closed only when its figures or its institutions take it off the list, never by hand");
        }
        var set = PropertyBag.Of((Cases.Stage, nameof(CaseStage.Closed)), (Cases.StageOn, on), (Cases.ClosedOn, on));
        await PolicyGraph.WriteAsync(writer, actor, "closeCase", version,
            [new WriteOperation.PatchNode(enterprise.Id, new NodePatch(null, null, null, set, []))], cancellationToken).ConfigureAwait(false);
        return await GetAsync(enterprise.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The enterprise's case; NOT_FOUND without one, FORBIDDEN outside the token's regions.</summary>
    public async Task<CaseInfo> GetAsync(string enterpriseId, CancellationToken cancellationToken = default)
    {
        var enterprise = await RequireVisibleAsync(enterpriseId, cancellationToken).ConfigureAwait(false);
        return Read(enterprise) ?? throw new NotFoundException($"{enterprise.Name} ({enterprise.Id}) has no case");
    }

    /// <summary>
    /// The cases in a region (sub-regions included; the token's one region when none is named), in a stage, of an officer
    /// (a Person key), ordered by enterprise name.
    /// </summary>
    public async Task<IReadOnlyList<CaseInfo>> ListAsync(string? region, CaseStage? stage = null, string? officerKey = null, CancellationToken cancellationToken = default)
    {
        var cases = await CasesInAsync(ScopeOf(region), cancellationToken).ConfigureAwait(false);
        return [.. cases.Where(c => (stage is null || c.Stage == stage) && (officerKey is null || c.OfficerKey == officerKey))];
    }

    /// <summary>A region's board on a day: counts by stage, overdue visits, open warnings, cases closed in the day's quarter.</summary>
    public async Task<CaseBoard> BoardAsync(string? region, DateOnly on, CancellationToken cancellationToken = default)
    {
        var scope = ScopeOf(region);
        var cases = await CasesInAsync(scope, cancellationToken).ConfigureAwait(false);
        var (from, to) = Quarter(on.Year, (on.Month + 2) / 3);
        return new CaseBoard(scope, on,
            [.. Enum.GetValues<CaseStage>().Select(s => new CaseStageCount(s, cases.Count(c => c.Stage == s)))],
            [.. cases.Where(c => c.IsOverdueOn(on)).OrderBy(c => c.NextVisitDue)],
            [.. cases.Where(c => c.Warnings.Any(w => w.IsOpen))],
            [.. cases.Where(c => c.ClosedOn is { } closed && closed >= from && closed <= to)]);
    }

    /// <summary>The quarterly dispatch table of a region (the token's one region, or the home province, when none is named).</summary>
    public async Task<CaseDispatch> DispatchAsync(string? region, int year, int quarter, CancellationToken cancellationToken = default)
    {
        if (quarter is < 1 or > 4)
            throw new InvalidInputException($"quarter: {quarter} is not 1, 2, 3 or 4");
        if (year is < 2000 or > 2100)
            throw new InvalidInputException($"year: {year} is not a year between 2000 and 2100");
        var scope = ScopeOf(region) ?? HomeProvince.Default.Code;
        var top = Regions.Find(scope)!;
        var cases = await CasesInAsync(scope, cancellationToken).ConfigureAwait(false);
        var (from, to) = Quarter(year, quarter);
        var rows = new List<CaseDispatchRow>();
        void Add(Region r, IReadOnlyList<CaseInfo> within) => rows.Add(Row(r, within, from, to));
        Add(top, cases);
        // 区—市—县: below the region asked, every city (or county) holding a case, each followed by its counties.
        foreach (var child in Regions.Children(top.Code).OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            var inChild = cases.Where(c => Regions.IsWithin(c.Enterprise.Properties.Text("region"), child.Code)).ToList();
            if (inChild.Count == 0) continue;
            Add(child, inChild);
            foreach (var county in Regions.Children(child.Code).OrderBy(r => r.Code, StringComparer.Ordinal))
            {
                var inCounty = inChild.Where(c => Regions.IsWithin(c.Enterprise.Properties.Text("region"), county.Code)).ToList();
                if (inCounty.Count > 0) Add(county, inCounty);
            }
        }
        return new CaseDispatch(top.Code, year, quarter, from, to, rows);
    }

    static CaseDispatchRow Row(Region region, IReadOnlyList<CaseInfo> cases, DateOnly from, DateOnly to)
    {
        bool OpenAt(CaseInfo c, DateOnly day) => c.OpenedOn <= day && (c.ClosedOn is null || c.ClosedOn > day);
        var open = cases.Where(c => OpenAt(c, to)).ToList();
        var visits = cases.SelectMany(c => c.Visits.Where(v => v.On >= from && v.On <= to).Select(_ => c.Enterprise.Id)).ToList();
        var raised = cases.SelectMany(c => c.Warnings).Where(w => w.RaisedOn >= from && w.RaisedOn <= to).Count();
        var openWarnings = open.SelectMany(c => c.Warnings).Count(w => w.RaisedOn <= to && (w.ResolvedOn is null || w.ResolvedOn > to));
        var overdue = open.Count(c => DueAt(c, to) is { } due && due < to);
        return new CaseDispatchRow(region, open.Count, cases.Count(c => c.OpenedOn >= from && c.OpenedOn <= to), visits.Count,
            visits.Distinct(StringComparer.Ordinal).Count(), raised, openWarnings, overdue, cases.Count(c => c.ClosedOn >= from && c.ClosedOn <= to));
    }

    // The next visit due as the case stood on a day: from the visits made by then.
    static DateOnly? DueAt(CaseInfo c, DateOnly day)
    {
        var last = c.Visits.LastOrDefault(v => v.On <= day);
        return last?.NextVisitOn ?? (last?.On ?? c.OpenedOn)?.AddMonths(Cases.VisitIntervalMonths);
    }

    static (DateOnly From, DateOnly To) Quarter(int year, int quarter)
    {
        var from = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return (from, from.AddMonths(3).AddDays(-1));
    }

    PolicyIndicatorReport Report => new(_store, targets);

    /// <summary>The case stored on an enterprise, or null without one.</summary>
    public static CaseInfo? Read(Node enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        var p = enterprise.Properties;
        if (Cases.StageOf(p) is not { } stage) return null;
        return new CaseInfo(enterprise, stage, p.Date(Cases.StageOn), p.Date(Cases.OpenedOn), p.Date(Cases.ClosedOn), p.Text(Cases.Officer),
            [.. p.List(Cases.Lists).Select(Enum.Parse<PolicyList>)], Cases.TargetsOf(p), Cases.VisitsOf(p), Cases.WarningsOf(p), Cases.NextVisitDue(p));
    }

    // The region asked, or the token's one region; a region outside the token's is refused, as is none for a token of several.
    string? ScopeOf(string? region)
    {
        if (region is not null && Regions.Find(region) is null)
            throw new InvalidInputException($"region: '{region}' is not a known GB/T 2260 division code");
        var jurisdiction = actor.Jurisdiction;
        if (region is null && jurisdiction.Regions is [var only]) region = only;
        if (!jurisdiction.CoversAllOf(region))
        {
            throw new ForbiddenException(region is null
                ? $"name a region inside the regions of the token ({jurisdiction}): cases are read only inside them"
                : $"{Jurisdiction.Describe(region)} is outside the regions of the token ({jurisdiction}): cases are read only inside them");
        }
        return region;
    }

    async Task<List<CaseInfo>> CasesInAsync(string? region, CancellationToken cancellationToken)
    {
        var cases = new List<CaseInfo>();
        await foreach (var e in _store.ScanNodesAsync(NodeKind.Enterprise, cancellationToken).ConfigureAwait(false))
        {
            if (!e.Properties.ContainsKey(Cases.Stage) || (region is not null && !Regions.IsWithin(e.Properties.Text("region"), region))) continue;
            if (Read(e) is { } info) cases.Add(info);
        }
        cases.Sort((a, b) => string.CompareOrdinal(a.Enterprise.Name, b.Enterprise.Name));
        return cases;
    }

    async Task<Node> RequireVisibleAsync(string enterpriseId, CancellationToken cancellationToken)
    {
        var enterprise = await PolicyGraph.RequireAsync(_store, enterpriseId, "enterprise", cancellationToken, NodeKind.Enterprise).ConfigureAwait(false);
        var region = enterprise.Properties.Text("region");
        if (!actor.Jurisdiction.Covers(region))
        {
            throw new ForbiddenException($"{enterprise.Id} {(region is null ? "has no region" : $"is in {Jurisdiction.Describe(region)}")}, "
                + $"outside the regions of the token ({actor.Jurisdiction}): its case is read and written only there");
        }
        return enterprise;
    }

    async Task<(Node Enterprise, CaseInfo Case)> RequireOpenAsync(string enterpriseId, string what, CancellationToken cancellationToken)
    {
        var enterprise = await RequireVisibleAsync(enterpriseId, cancellationToken).ConfigureAwait(false);
        var info = Read(enterprise) ?? throw new NotFoundException($"{enterprise.Name} ({enterprise.Id}) has no case: open one first");
        if (info.Stage == CaseStage.Closed)
            throw new RuleViolationException($"{enterprise.Name}'s case was closed (销号) on {info.ClosedOn:yyyy-MM-dd}; a closed case is not reopened to {what}: open a new one if its data puts it on a list again");
        return (enterprise, info);
    }
}
