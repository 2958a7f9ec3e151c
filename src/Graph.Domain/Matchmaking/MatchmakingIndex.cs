using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// What matchmaking needs, precomputed (<see cref="IndexedFacts"/>), and the questions asked of it: recommended partners
/// (candidates from <see cref="CandidateSearch"/>, scored by <see cref="PartnerScoring"/>, explained by
/// <see cref="PartnerExplanation"/>, partners on public facts from <see cref="PublicFactsPartners"/>) and similar
/// organisations. Kept equal to the store by <see cref="Apply"/> after each write (<see cref="FactDerivation"/>), and by
/// <see cref="Refresh"/>, which takes the ties the projection re-derived (<see cref="TieCopy"/>): an index kept up to
/// date answers exactly as one built afresh. Thread-safe: queries read concurrently, an update waits for them.
/// </summary>
public sealed class MatchmakingIndex : IDisposable
{
    /// <summary>The most partners one query returns.</summary>
    public const int MaxLimit = 100;

    /// <summary>The most introducers listed per recommendation.</summary>
    public const int MaxIntroducers = 5;

    /// <summary>How candidates are ranked: the recommender, or a baseline of the evaluation.</summary>
    internal enum Ranker { Recommender, MostConnected, FieldMatch }

    /// <summary>Platform types that count as capability (DOMAIN.md platform list: labs, centres, stations).</summary>
    public static IReadOnlySet<string> CapabilityTypes => HeldGraph.CapabilityTypes;

    /// <summary>The public designations that make a university worth naming outside the enterprise's province.</summary>
    public static readonly IReadOnlySet<string> PublicDesignations = new HashSet<string>(StringComparer.Ordinal) { "双一流", "985", "211" };

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

    readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    readonly IndexedFacts _facts;
    readonly HeldGraph _held = new();
    readonly TieCopy _ties;
    readonly FactDerivation _derivation;
    readonly CandidateSearch _search;
    readonly PartnerScoring _scoring;
    readonly PublicFactsPartners _publicFacts;
    readonly PartnerExplanation _explanation;
    readonly SimilarOrganizationFinder _similar;

    MatchmakingIndex(HomeProvince home, DateOnly asOf)
    {
        _facts = new IndexedFacts(home, asOf);
        _ties = new TieCopy(_facts);
        _derivation = new FactDerivation(_facts, _held, _ties);
        _search = new CandidateSearch(_facts);
        _scoring = new PartnerScoring(_facts, _search);
        _publicFacts = new PublicFactsPartners(_facts, _search, _scoring);
        _explanation = new PartnerExplanation(_facts, _held, _search, _scoring, _publicFacts);
        _similar = new SimilarOrganizationFinder(_facts);
    }

    /// <summary>The province 区内 / 区外 are seen from.</summary>
    public HomeProvince Home => _facts.Home;

    /// <summary>The day recency and current pairings are measured at.</summary>
    public DateOnly AsOf => _facts.AsOf;

    /// <summary>The number of organisations indexed.</summary>
    public int OrganizationCount => _facts.Live.Count;

    internal int IndexOf(string id) => _facts.IndexOf(id);

    internal IReadOnlyList<string> Ids => _facts.Ids;

    internal IReadOnlyList<NodeKind> Kinds => _facts.Kinds;

    internal IReadOnlyList<RegionLocality?> Localities => _facts.Localities;

    internal IReadOnlyList<int[]> Neighbours => _facts.Neighbours;

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

    void Put(Node node)
    {
        if (IndexedKinds.Contains(node.Kind)) _derivation.Put(node);
    }

    void Put(Link link) => _held.Put(link);

    void Finish(CollaborationProjection projection)
    {
        _derivation.DeriveAll();
        _ties.Take(projection);
        _search.Resize();
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
            _derivation.Apply(changes);
            _search.Resize();
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
            var current = _ties.IsCurrent(projection);
            if (current && asOf == AsOf) return;
            _lock.EnterWriteLock();
            try
            {
                if (asOf != AsOf)
                {
                    _facts.SetDay(asOf);
                    _derivation.DeriveOrganisations();
                }
                if (!current) _ties.Take(projection);
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

    /// <summary>
    /// The best partners for an enterprise or a challenge, best first. Never the enterprise (or the challenge's poster)
    /// itself, a company of its group (SUBSIDIARY_OF at any depth, up and down), nor, for a challenge, an applicant the
    /// eligibility rule (<see cref="Policy.ChallengeEligibility"/>) would refuse; never an organisation with no field near
    /// the wanted ones — except, after every evidenced partner, universities known by public facts alone
    /// (<see cref="PublicFactsPartners"/>), flagged <see cref="PartnerRecommendation.WeakEvidence"/>.
    /// </summary>
    public IReadOnlyList<PartnerRecommendation> RecommendPartners(PartnerQuery query) => Read(() =>
    {
        using var request = _search.Prepare(query);
        var top = _scoring.Top(request, query.Limit);
        // Partners known by public facts alone only fill the places evidenced ones leave.
        top.AddRange(_publicFacts.Find(request, query.Limit - top.Count));
        return top.Select((scored, i) => _explanation.Describe(request, scored, i + 1)).ToList();
    });

    /// <summary>
    /// The organisations of the same kind (universities and institutes count as one kind) whose collaboration profile is
    /// most like this one's (<see cref="SimilarOrganizationFinder"/>).
    /// </summary>
    public IReadOnlyList<SimilarOrganization> SimilarOrganizations(string organizationId, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        return Read(() => _similar.Find(organizationId, limit));
    }

    // The steps of a recommendation, for the evaluation and the ranking tests (the caller holds no lock: the index is
    // not written meanwhile).
    internal PartnerRequest Prepare(PartnerQuery query) => _search.Prepare(query);

    internal IEnumerable<int> Candidates(PartnerRequest request) => _search.Candidates(request);

    internal (int Distance, int Through, bool ThroughGroup)? ReachOf(PartnerRequest request, int candidate) => _search.ReachOf(request, candidate);

    internal (double Fit, int Field) FieldFitOf(int[] wanted, int candidate) => _scoring.FieldFitOf(wanted, candidate);

    internal IEnumerable<ScoredPartner> Rank(PartnerRequest request, Ranker ranker) => _scoring.Rank(request, ranker);

    internal List<ScoredPartner> Top(PartnerRequest request, int limit) => _scoring.Top(request, limit);

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();

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
}
