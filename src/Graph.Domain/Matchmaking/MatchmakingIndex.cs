using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// What matchmaking needs, precomputed: every organisation's fields, place, platforms (capability), record (challenges
/// won, projects, contracts, pairings, with their years), current pairings, group structure, and the collaboration ties
/// of the <see cref="CollaborationProjection"/> as int adjacency arrays; the challenges with their poster, fields and
/// applicants; and per-field lists of organisations. Kept equal to the store by <see cref="Apply"/> after each write,
/// which re-derives only what the write can change, and by <see cref="Refresh"/>, which takes the ties the projection
/// re-derived. Every organisation's facts are derived by one method, from the build and from a write alike, in an order
/// that depends on ids alone, so an index kept up to date answers exactly as one built afresh. Thread-safe: queries
/// read concurrently, an update waits for them.
/// </summary>
public sealed partial class MatchmakingIndex : IDisposable
{
    internal enum RecordKind : byte { Challenge, Project, Contract, Pairing }

    internal readonly record struct RecordEvent(RecordKind Kind, int Field, int Year);

    internal readonly record struct PlatformFact(string Id, string Name, string Type, int Field, bool Capable);

    internal readonly record struct InstrumentFact(string Id, string Name, int Field, decimal Value);

    internal sealed record ChallengeFact(
        string Id, string Name, ChallengeKind Kind, int[] Fields, int Poster, HashSet<int> Applicants);

    /// <summary>Platform types that count as capability (DOMAIN.md platform list: labs, centres, stations).</summary>
    public static readonly IReadOnlySet<string> CapabilityTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "KeyLaboratory", "EnterpriseKeyLaboratory", "EngineeringResearchCenter", "EngineeringLaboratory", "TechnologyInnovationCenter",
        "PostdoctoralStation", "AcademicianStation", "NewTypeRdInstitution", "IndustrialTechnologyInstitute",
    };

    /// <summary>The node kinds the index reads.</summary>
    public static readonly IReadOnlySet<NodeKind> IndexedKinds = new HashSet<NodeKind>
    {
        NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute, NodeKind.GovernmentBody,
        NodeKind.Platform, NodeKind.Project, NodeKind.Achievement, NodeKind.Challenge, NodeKind.Person, NodeKind.Instrument,
    };

    /// <summary>The link types the index reads (besides the ties, which come from the projection).</summary>
    public static readonly IReadOnlySet<LinkType> IndexedLinkTypes = new HashSet<LinkType>
    {
        LinkType.SubsidiaryOf, LinkType.Hosts, LinkType.Leads, LinkType.CoBuilds, LinkType.ParticipatesIn, LinkType.Transfers,
        LinkType.PairedWith, LinkType.Posts, LinkType.AppliesTo, LinkType.Awarded, LinkType.EmployedBy, LinkType.CommissionedTo,
    };

    readonly record struct PlatformNode(string Name, string Type, int Field, bool Capable);

    readonly record struct ChallengeNode(string Name, ChallengeKind Kind, int[] Fields);

    // An instrument and the platform that owns it (its id); only shared large ones (SharedInstruments) are kept.
    readonly record struct InstrumentNode(string Name, string? Platform, int Field, decimal Value);

    // Candidates are looked up by field and by what they may be asked as.
    enum CandidateList : byte { None, Academic, InRegionEnterprise, OtherEnterprise }

    readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    // Organisations by id: _index the live ones, _slots every slot ever given (a deleted organisation keeps its slot).
    readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    internal readonly List<string> Ids = [];
    internal readonly List<bool> Alive = [];
    internal readonly List<string> Names = [];
    internal readonly List<NodeKind> Kinds = [];
    internal readonly List<string?> RegionCodes = [];
    internal readonly List<RegionLocality?> Localities = [];
    internal readonly List<int[]> OwnFields = [];
    internal readonly List<bool> TechEnterprise = [];
    internal readonly List<string[]> Designations = [];
    internal readonly List<string?> SchoolLevels = [];
    internal readonly List<int[]> Parents = [];
    internal readonly List<int[]> Children = [];
    internal readonly List<PlatformFact[]> Platforms = [];
    internal readonly List<RecordEvent[]> Records = [];
    internal readonly List<int> CurrentPairings = [];
    internal readonly List<int[]> Neighbours = [];
    internal readonly List<float[]> TieWeights = [];
    internal readonly List<int[]> PlatformFields = [];
    internal readonly List<int> CapabilityPlatformCounts = [];
    internal readonly List<InstrumentFact[]> Instruments = [];
    internal readonly List<double> RecordTotals = [];
    readonly List<CandidateList> _listedAs = [];
    readonly List<int[]> _listedUnder = [];
    // Universities with no field of their own: recommended, if at all, on public facts (MatchmakingIndex.PublicFacts.cs).
    readonly SortedSet<int> _fieldlessUniversities = [];
    internal readonly Dictionary<string, ChallengeFact> Challenges = new(StringComparer.Ordinal);
    // Per field, the organisations in it (by their fields and their platforms'), in slot order.
    internal readonly List<int>[] OrganizationsByField = FieldLists();
    internal readonly List<int>[] AcademicsByField = FieldLists();
    internal readonly List<int>[] InRegionEnterprisesByField = FieldLists();
    internal readonly List<int>[] OtherEnterprisesByField = FieldLists();

    // What the facts are derived from: the nodes and links the index reads, and the links at each node (an
    // achievement's are the technology contracts naming it).
    readonly Dictionary<string, PlatformNode> _platforms = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _projectField = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _achievementField = new(StringComparer.Ordinal);
    readonly Dictionary<string, ChallengeNode> _challengeNodes = new(StringComparer.Ordinal);
    readonly Dictionary<string, InstrumentNode> _instruments = new(StringComparer.Ordinal);
    readonly Dictionary<string, SortedSet<string>> _instrumentsOf = new(StringComparer.Ordinal);
    readonly Dictionary<string, Link> _links = new(StringComparer.Ordinal);
    readonly Dictionary<string, HashSet<string>> _linksAt = new(StringComparer.Ordinal);
    readonly HashSet<string> _sharedIds = new(StringComparer.Ordinal);

    // The projection the ties were taken from, how far into its log of re-derived organisations, and the organisations
    // created or deleted since, whose partners' ties must be taken again.
    CollaborationProjection? _tieSource;
    long _tiePosition;
    readonly HashSet<string> _tiesPending = new(StringComparer.Ordinal);

    double[] _recencyByAge = [];
    NetworkReachPool _reachPool = new(0);

    MatchmakingIndex(HomeProvince home, DateOnly asOf)
    {
        Home = home;
        SetDay(asOf);
    }

    /// <summary>The province 区内 / 区外 are seen from.</summary>
    public HomeProvince Home { get; }

    /// <summary>The day recency and current pairings are measured at.</summary>
    public DateOnly AsOf { get; private set; }

    /// <summary>The number of organisations indexed.</summary>
    public int OrganizationCount => _index.Count;

    internal static FieldFit Fit { get; } = new(Fields.All);

    static readonly Dictionary<string, int> FieldIndexByCode =
        Fields.All.Select((f, i) => (f.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);

    static List<int>[] FieldLists() => Enumerable.Range(0, Fields.All.Count).Select(_ => new List<int>()).ToArray();

    internal static int FieldIndex(string? code) => code is not null && FieldIndexByCode.TryGetValue(code, out var i) ? i : -1;

    internal static int[] FieldIndices(IEnumerable<string> codes) => codes.Select(FieldIndex).Where(i => i >= 0).Distinct().ToArray();

    internal int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;

    internal bool IsAcademic(int org) => GraphSchema.AcademicKinds.Contains(Kinds[org]);

    void SetDay(DateOnly asOf)
    {
        AsOf = asOf;
        _recencyByAge = Enumerable.Range(0, RecencyTableYears).Select(age => Math.Pow(0.5, age / RecordHalfLifeYears)).ToArray();
    }

    /// <summary>
    /// Builds the index from the graph's nodes and links (in any order) and the collaboration projection of the same data.
    /// </summary>
    public static MatchmakingIndex Build(IEnumerable<Node> nodes, IEnumerable<Link> links, CollaborationProjection projection, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(projection);
        var index = new MatchmakingIndex(projection.Home, asOf);
        foreach (var node in nodes) index.Put(node);
        foreach (var link in links) index.Put(link);
        index.Finish(projection);
        return index;
    }

    /// <summary>
    /// Builds the index from the store's scans as they are read (the same order and result as <see cref="Build"/>):
    /// only what the index keeps is held, never every node and link at once.
    /// </summary>
    public static async Task<MatchmakingIndex> BuildAsync(IGraphStore store, CollaborationProjection projection, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(projection);
        var index = new MatchmakingIndex(projection.Home, asOf);
        foreach (var kind in IndexedKinds)
        {
            await foreach (var node in store.ScanNodesAsync(kind, cancellationToken).ConfigureAwait(false)) index.Put(node);
        }
        foreach (var type in IndexedLinkTypes)
        {
            await foreach (var link in store.ScanLinksAsync(type, cancellationToken).ConfigureAwait(false)) index.Put(link);
        }
        index.Finish(projection);
        return index;
    }

    void Finish(CollaborationProjection projection)
    {
        foreach (var id in _challengeNodes.Keys) DeriveChallenge(id);
        for (var org = 0; org < Ids.Count; org++) Derive(org);
        TakeAllTies(projection);
        _reachPool = new NetworkReachPool(Ids.Count);
    }

    /// <summary>
    /// Brings the index up to date with one committed write's changes (nodes and links before and after): the raw facts
    /// are replaced, then only the organisations and challenges whose facts can depend on them are derived again. The
    /// ties follow on <see cref="Refresh"/>.
    /// </summary>
    public void Apply(IEnumerable<JournalChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _lock.EnterWriteLock();
        try
        {
            var organisations = new HashSet<string>(StringComparer.Ordinal);
            var challenges = new HashSet<string>(StringComparer.Ordinal);
            foreach (var change in changes)
            {
                switch (change)
                {
                    case NodeChange node:
                        if (NodeId.KindOf(node.Id) is not { } kind || !IndexedKinds.Contains(kind)) break;
                        if (node.After is { } changed && GraphSchema.OrganizationKinds.Contains(kind) && _index.ContainsKey(node.Id))
                        {
                            // An organisation that stays: others' facts read only its fields (the enterprise side of a
                            // pairing, the receiving side of a contract), so a hub's change does not reach all its partners.
                            organisations.Add(node.Id);
                            foreach (var link in LinksAt(node.Id))
                            {
                                if (link.Type == LinkType.PairedWith && link.FromId == node.Id) organisations.Add(link.ToId);
                                else if (link.Type == LinkType.Transfers && link.ToId == node.Id) organisations.Add(link.FromId);
                            }
                            Put(changed);
                            break;
                        }
                        // Whoever the node's facts reach (its links are the same before and after; a deleted node's go with it).
                        Around(node.Id, organisations, challenges);
                        if (node.After is { } after) Put(after);
                        else Remove(node.Id, kind, organisations, challenges);
                        // An instrument moved to another platform reaches that platform's organisations too.
                        if (node.After is not null && kind == NodeKind.Instrument) Touch(node.Id, organisations, challenges);
                        break;
                    case LinkChange link:
                        if (_links.TryGetValue(link.Id, out var old))
                        {
                            Ends(old, organisations, challenges);
                            Unlink(old);
                        }
                        if (link.After is { } added && IndexedLinkTypes.Contains(added.Type))
                        {
                            Put(added);
                            Ends(added, organisations, challenges);
                        }
                        break;
                }
            }
            foreach (var id in challenges) DeriveChallenge(id);
            foreach (var id in organisations)
            {
                if (_slots.TryGetValue(id, out var org)) Derive(org);
            }
            if (_reachPool.Organisations != Ids.Count) _reachPool = new NetworkReachPool(Ids.Count);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Takes the ties the projection re-derived since the last time (all of them from a projection not seen before), and
    /// moves the day the record and current pairings are measured at. The projection should be at the index's data version.
    /// </summary>
    public void Refresh(CollaborationProjection projection, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(projection);
        _lock.EnterUpgradeableReadLock();
        try
        {
            var current = ReferenceEquals(projection, _tieSource) && projection.TieLogPosition == _tiePosition;
            if (current && _tiesPending.Count == 0 && asOf == AsOf) return;
            _lock.EnterWriteLock();
            try
            {
                if (asOf != AsOf)
                {
                    SetDay(asOf);
                    for (var org = 0; org < Ids.Count; org++) Derive(org);
                }
                if (!current || _tiesPending.Count > 0) TakeTies(projection);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    // Records a node the index reads (an organisation gets or keeps its slot).
    void Put(Node node)
    {
        var fields = node.Properties.List("fields");
        switch (node.Kind)
        {
            case NodeKind.Enterprise or NodeKind.University or NodeKind.ResearchInstitute or NodeKind.GovernmentBody:
                if (!_slots.TryGetValue(node.Id, out var org))
                {
                    org = Ids.Count;
                    _slots[node.Id] = org;
                    Ids.Add(node.Id);
                    Alive.Add(false);
                    Names.Add("");
                    Kinds.Add(node.Kind);
                    RegionCodes.Add(null);
                    Localities.Add(null);
                    OwnFields.Add([]);
                    TechEnterprise.Add(false);
                    Designations.Add([]);
                    SchoolLevels.Add(null);
                    Parents.Add([]);
                    Children.Add([]);
                    Platforms.Add([]);
                    Records.Add([]);
                    CurrentPairings.Add(0);
                    Neighbours.Add([]);
                    TieWeights.Add([]);
                    PlatformFields.Add([]);
                    CapabilityPlatformCounts.Add(0);
                    Instruments.Add([]);
                    RecordTotals.Add(0);
                    _listedAs.Add(CandidateList.None);
                    _listedUnder.Add([]);
                }
                if (!Alive[org])
                {
                    Alive[org] = true;
                    _index[node.Id] = org;
                    _tiesPending.Add(node.Id);
                }
                var region = node.Properties.Text("region");
                var abroad = node.Properties.Text("locality") == nameof(RegionLocality.Abroad);
                Names[org] = node.Name;
                RegionCodes[org] = region;
                Localities[org] = Home.LocalityOf(region, abroad);
                OwnFields[org] = FieldIndices(fields);
                TechEnterprise[org] = node.Properties.Flag("highTech") == true || node.Properties.Flag("techSme") == true;
                Designations[org] = [.. node.Properties.List("designations")];
                SchoolLevels[org] = node.Properties.Text("schoolLevel");
                if (node.Kind == NodeKind.University && OwnFields[org].Length == 0) _fieldlessUniversities.Add(org);
                else _fieldlessUniversities.Remove(org);
                break;
            case NodeKind.Platform:
                var type = node.Properties.Text("platformType") ?? "";
                var capable = CapabilityTypes.Contains(type) && node.Properties.Text("status") != "Delisted";
                _platforms[node.Id] = new PlatformNode(node.Name, type, fields.Length > 0 ? FieldIndex(fields[0]) : -1, capable);
                break;
            case NodeKind.Project:
                _projectField[node.Id] = fields.Length > 0 ? FieldIndex(fields[0]) : -1;
                break;
            case NodeKind.Achievement:
                _achievementField[node.Id] = fields.Length > 0 ? FieldIndex(fields[0]) : -1;
                break;
            case NodeKind.Challenge:
                var kind = node.Properties.Text("challengeKind") == nameof(ChallengeKind.AchievementTransformation)
                    ? ChallengeKind.AchievementTransformation : ChallengeKind.TechnologyBreakthrough;
                _challengeNodes[node.Id] = new ChallengeNode(node.Name, kind, FieldIndices(fields));
                break;
            case NodeKind.Instrument:
                ForgetInstrument(node.Id);
                if (!SharedInstruments.Counts(node.Properties)) break;
                var owner = node.Properties.Text("platform") is { } key ? NodeId.Of(NodeKind.Platform, key) : null;
                _instruments[node.Id] = new InstrumentNode(node.Name, owner, fields.Length > 0 ? FieldIndex(fields[0]) : -1, node.Properties.Decimal("value") ?? 0);
                if (owner is not null)
                {
                    if (!_instrumentsOf.TryGetValue(owner, out var owned)) _instrumentsOf[owner] = owned = new SortedSet<string>(StringComparer.Ordinal);
                    owned.Add(node.Id);
                }
                break;
        }
    }

    void ForgetInstrument(string id)
    {
        if (!_instruments.Remove(id, out var old) || old.Platform is null) return;
        if (_instrumentsOf.TryGetValue(old.Platform, out var owned) && owned.Remove(id) && owned.Count == 0) _instrumentsOf.Remove(old.Platform);
    }

    // Forgets a deleted node, and the links still held at it (the store deleted them with it).
    void Remove(string id, NodeKind kind, HashSet<string> organisations, HashSet<string> challenges)
    {
        foreach (var linkId in _linksAt.GetValueOrDefault(id)?.ToArray() ?? [])
        {
            var link = _links[linkId];
            if (link.FromId != id && link.ToId != id) continue;
            Ends(link, organisations, challenges);
            Unlink(link);
        }
        switch (kind)
        {
            case NodeKind.Platform: _platforms.Remove(id); break;
            case NodeKind.Project: _projectField.Remove(id); break;
            case NodeKind.Achievement: _achievementField.Remove(id); break;
            case NodeKind.Challenge: _challengeNodes.Remove(id); break;
            case NodeKind.Instrument: ForgetInstrument(id); break;
            case NodeKind.Person: break;
            default:
                if (_slots.TryGetValue(id, out var org) && Alive[org])
                {
                    Alive[org] = false;
                    _index.Remove(id);
                    _tiesPending.Add(id);
                }
                break;
        }
    }

    void Put(Link link)
    {
        if (!IndexedLinkTypes.Contains(link.Type)) return;
        // A store hands each link its own copies of its ends' ids; millions of links are held, so they share one.
        link = link with { FromId = SharedId(link.FromId), ToId = SharedId(link.ToId) };
        _links[link.Id] = link;
        At(link.FromId).Add(link.Id);
        At(link.ToId).Add(link.Id);
        if (AchievementOf(link) is { } achievement) At(achievement).Add(link.Id);
    }

    void Unlink(Link link)
    {
        _links.Remove(link.Id);
        foreach (var end in new[] { link.FromId, link.ToId, AchievementOf(link) })
        {
            if (end is not null && _linksAt.TryGetValue(end, out var at) && at.Remove(link.Id) && at.Count == 0) _linksAt.Remove(end);
        }
    }

    // The one instance of each node id the held links name (an id stays when its node is deleted: a few bytes).
    string SharedId(string id)
    {
        if (_sharedIds.TryGetValue(id, out var shared)) return shared;
        _sharedIds.Add(id);
        return id;
    }

    HashSet<string> At(string id)
    {
        if (!_linksAt.TryGetValue(id, out var at)) _linksAt[id] = at = new HashSet<string>(StringComparer.Ordinal);
        return at;
    }

    IEnumerable<Link> LinksAt(string id) =>
        _linksAt.TryGetValue(id, out var at) ? at.Select(linkId => _links[linkId]) : [];

    static string? AchievementOf(Link link) =>
        link.Type == LinkType.Transfers && link.Properties.Text("achievement") is { } key ? NodeId.Of(NodeKind.Achievement, key) : null;

    // Whose facts a node's facts reach: the node itself, and whatever is at the ends of its links.
    void Around(string id, HashSet<string> organisations, HashSet<string> challenges)
    {
        Touch(id, organisations, challenges);
        foreach (var link in LinksAt(id).ToList()) Ends(link, organisations, challenges);
    }

    void Ends(Link link, HashSet<string> organisations, HashSet<string> challenges)
    {
        Touch(link.FromId, organisations, challenges);
        Touch(link.ToId, organisations, challenges);
    }

    // An organisation or challenge is derived again; a consortium stands for its leads and the challenges it took part in.
    void Touch(string id, HashSet<string> organisations, HashSet<string> challenges)
    {
        switch (NodeId.KindOf(id))
        {
            case NodeKind.Enterprise or NodeKind.University or NodeKind.ResearchInstitute or NodeKind.GovernmentBody:
                organisations.Add(id);
                break;
            case NodeKind.Challenge:
                challenges.Add(id);
                break;
            case NodeKind.Instrument when _instruments.TryGetValue(id, out var instrument) && instrument.Platform is { } platform:
                foreach (var link in LinksAt(platform))
                {
                    if (link.Type is LinkType.Hosts or LinkType.Leads or LinkType.CoBuilds && link.ToId == platform) organisations.Add(link.FromId);
                }
                break;
            case NodeKind.Consortium:
                foreach (var link in LinksAt(id))
                {
                    if (link.Type == LinkType.Leads && link.ToId == id) organisations.Add(link.FromId);
                    else if (link.Type is LinkType.AppliesTo or LinkType.Awarded && link.FromId == id) challenges.Add(link.ToId);
                }
                break;
        }
    }

    // The organisations a party to a challenge stands for: itself, or a consortium's lead organisations.
    List<int> Organisations(string id)
    {
        if (IndexOf(id) is var org and >= 0) return [org];
        if (NodeId.KindOf(id) != NodeKind.Consortium) return [];
        return LinksAt(id).Where(l => l.Type == LinkType.Leads && l.ToId == id)
            .Select(l => IndexOf(l.FromId)).Where(o => o >= 0).ToList();
    }

    // A challenge's facts: its poster (the first POSTS by link id) and everyone who applied or was awarded it.
    void DeriveChallenge(string id)
    {
        if (!_challengeNodes.TryGetValue(id, out var node))
        {
            Challenges.Remove(id);
            return;
        }
        var links = LinksAt(id).Where(l => l.ToId == id).ToList();
        var post = links.Where(l => l.Type == LinkType.Posts).MinBy(l => l.Id, StringComparer.Ordinal);
        var applicants = new HashSet<int>();
        foreach (var link in links)
        {
            if (link.Type is LinkType.AppliesTo or LinkType.Awarded) applicants.UnionWith(Organisations(link.FromId));
        }
        Challenges[id] = new ChallengeFact(id, node.Name, node.Kind, node.Fields, post is null ? -1 : IndexOf(post.FromId), applicants);
    }

    // One organisation's facts from the links at it, each list in an order of ids alone.
    void Derive(int org)
    {
        var id = Ids[org];
        var parents = new List<int>();
        var children = new List<int>();
        var platforms = new List<PlatformFact>();
        var instruments = new SortedDictionary<string, InstrumentFact>(StringComparer.Ordinal);
        var records = new List<RecordEvent>();
        var pairings = 0;
        void Award(Link award)
        {
            if (_challengeNodes.TryGetValue(award.ToId, out var challenge) && challenge.Fields.Length > 0)
                records.Add(new RecordEvent(RecordKind.Challenge, challenge.Fields[0], award.StartDate?.Year ?? AsOf.Year));
        }
        foreach (var link in Alive[org] ? LinksAt(id) : Enumerable.Empty<Link>())
        {
            var from = IndexOf(link.FromId);
            var to = IndexOf(link.ToId);
            var year = link.StartDate?.Year ?? AsOf.Year;
            switch (link.Type)
            {
                case LinkType.SubsidiaryOf when from >= 0 && to >= 0:
                    if (from == org) parents.Add(to);
                    if (to == org) children.Add(from);
                    break;
                case LinkType.Hosts or LinkType.Leads or LinkType.CoBuilds when from == org:
                    if (_platforms.TryGetValue(link.ToId, out var platform))
                    {
                        if (platform.Field >= 0) platforms.Add(new PlatformFact(link.ToId, platform.Name, platform.Type, platform.Field, platform.Capable));
                        foreach (var owned in _instrumentsOf.GetValueOrDefault(link.ToId) ?? [])
                        {
                            var instrument = _instruments[owned];
                            if (instrument.Field >= 0) instruments[owned] = new InstrumentFact(owned, instrument.Name, instrument.Field, instrument.Value);
                        }
                    }
                    else if (link.Type == LinkType.Leads && NodeId.KindOf(link.ToId) == NodeKind.Consortium)
                    {
                        // A challenge won by a consortium counts for its leads.
                        foreach (var award in LinksAt(link.ToId).Where(l => l.Type == LinkType.Awarded && l.FromId == link.ToId)) Award(award);
                    }
                    break;
                case LinkType.ParticipatesIn when from == org && _projectField.TryGetValue(link.ToId, out var projectField) && projectField >= 0:
                    records.Add(new RecordEvent(RecordKind.Project, projectField, year));
                    break;
                case LinkType.Transfers when from >= 0 && to >= 0:
                    var field = AchievementOf(link) is { } achievement ? _achievementField.GetValueOrDefault(achievement, -1) : -1;
                    if (field < 0) field = OwnFields[to].FirstOrDefault(-1);
                    if (field < 0) break;
                    if (from == org) records.Add(new RecordEvent(RecordKind.Contract, field, year));
                    if (to == org) records.Add(new RecordEvent(RecordKind.Contract, field, year));
                    break;
                case LinkType.PairedWith when from >= 0 && to == org:
                    if (OwnFields[from].Length > 0) records.Add(new RecordEvent(RecordKind.Pairing, OwnFields[from][0], year));
                    if ((link.StartDate is null || link.StartDate <= AsOf) && (link.EndDate is null || link.EndDate >= AsOf)) pairings++;
                    break;
                case LinkType.Awarded when from == org:
                    Award(link);
                    break;
            }
        }
        parents.Sort(ById);
        children.Sort(ById);
        platforms.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        records.Sort((a, b) => (a.Kind, a.Field, a.Year).CompareTo((b.Kind, b.Field, b.Year)));
        Parents[org] = [.. parents];
        Children[org] = [.. children];
        Platforms[org] = [.. platforms];
        Records[org] = [.. records];
        CurrentPairings[org] = pairings;
        PlatformFields[org] = platforms.Select(p => p.Field).Distinct().Except(OwnFields[org]).ToArray();
        CapabilityPlatformCounts[org] = platforms.Count(p => p.Capable);
        Instruments[org] = [.. instruments.Values];
        var total = 0.0;
        foreach (var item in records) total += Recency(item.Year);
        RecordTotals[org] = total;
        List(org);
    }

    int ById(int a, int b) => string.CompareOrdinal(Ids[a], Ids[b]);

    // Puts the organisation on the per-field lists it belongs on now, and off those it left.
    void List(int org)
    {
        var listedAs = !Alive[org] ? CandidateList.None
            : IsAcademic(org) ? CandidateList.Academic
            : Kinds[org] != NodeKind.Enterprise ? CandidateList.None
            : Localities[org] == RegionLocality.InRegion ? CandidateList.InRegionEnterprise : CandidateList.OtherEnterprise;
        int[] under = Alive[org] ? [.. OwnFields[org], .. PlatformFields[org]] : [];
        if (listedAs == _listedAs[org] && under.AsSpan().SequenceEqual(_listedUnder[org])) return;
        foreach (var field in _listedUnder[org])
        {
            Unlist(OrganizationsByField[field], org);
            if (ListsFor(_listedAs[org]) is { } lists) Unlist(lists[field], org);
        }
        foreach (var field in under)
        {
            Enlist(OrganizationsByField[field], org);
            if (ListsFor(listedAs) is { } lists) Enlist(lists[field], org);
        }
        (_listedAs[org], _listedUnder[org]) = (listedAs, under);
    }

    List<int>[]? ListsFor(CandidateList list) => list switch
    {
        CandidateList.Academic => AcademicsByField,
        CandidateList.InRegionEnterprise => InRegionEnterprisesByField,
        CandidateList.OtherEnterprise => OtherEnterprisesByField,
        _ => null,
    };

    static void Enlist(List<int> list, int org)
    {
        var at = list.BinarySearch(org);
        if (at < 0) list.Insert(~at, org);
    }

    static void Unlist(List<int> list, int org)
    {
        var at = list.BinarySearch(org);
        if (at >= 0) list.RemoveAt(at);
    }

    // Every organisation's ties from the projection.
    void TakeAllTies(CollaborationProjection projection)
    {
        var position = projection.TieLogPosition;
        var ties = new List<(int Other, float Weight)>[Ids.Count];
        for (var org = 0; org < ties.Length; org++) ties[org] = [];
        foreach (var tie in projection.AllTies())
        {
            var a = IndexOf(tie.SourceId);
            var b = IndexOf(tie.TargetId);
            if (a < 0 || b < 0) continue;
            ties[a].Add((b, (float)tie.Weight));
            ties[b].Add((a, (float)tie.Weight));
        }
        for (var org = 0; org < ties.Length; org++) SetTies(org, ties[org]);
        (_tieSource, _tiePosition) = (projection, position);
        _tiesPending.Clear();
    }

    // The ties of the organisations the projection re-derived since the last time, and of those created or deleted since
    // and their partners (before and after).
    void TakeTies(CollaborationProjection projection)
    {
        (IReadOnlyList<string>? changed, long position) = ReferenceEquals(projection, _tieSource) ? projection.TiesChangedSince(_tiePosition) : (null, 0);
        if (changed is null)
        {
            TakeAllTies(projection);
            return;
        }
        var refresh = new HashSet<string>(changed, StringComparer.Ordinal);
        foreach (var id in _tiesPending)
        {
            refresh.Add(id);
            if (_slots.TryGetValue(id, out var org)) refresh.UnionWith(Neighbours[org].Select(other => Ids[other]));
        }
        foreach (var (_, ties) in projection.TiesOf(_tiesPending))
        {
            foreach (var tie in ties) refresh.UnionWith([tie.SourceId, tie.TargetId]);
        }
        var taken = projection.TiesOf(refresh);
        foreach (var id in refresh)
        {
            if (!_slots.TryGetValue(id, out var org)) continue;
            var ties = new List<(int Other, float Weight)>();
            foreach (var tie in taken.GetValueOrDefault(id) ?? [])
            {
                var other = IndexOf(tie.SourceId == id ? tie.TargetId : tie.SourceId);
                if (other >= 0) ties.Add((other, (float)tie.Weight));
            }
            SetTies(org, ties);
        }
        _tiePosition = position;
        _tiesPending.Clear();
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();

    void SetTies(int org, List<(int Other, float Weight)> ties)
    {
        if (!Alive[org]) ties.Clear();
        ties.Sort((a, b) => ById(a.Other, b.Other));
        Neighbours[org] = ties.Select(t => t.Other).ToArray();
        TieWeights[org] = ties.Select(t => t.Weight).ToArray();
    }
}
