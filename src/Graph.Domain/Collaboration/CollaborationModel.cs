using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>Which evidence counts: the kinds of collaboration, and a time window its dates must overlap (inclusive).</summary>
public sealed record CollaborationFilter(CollaborationKinds Kinds = CollaborationKinds.All, DateOnly? Since = null, DateOnly? Until = null)
{
    /// <summary>Every kind, any time.</summary>
    public static CollaborationFilter Everything { get; } = new();

    /// <summary>The evidence alive at some time during a calendar year.</summary>
    public static CollaborationFilter During(int year, CollaborationKinds kinds = CollaborationKinds.All) =>
        year is < 1900 or > 2200
            ? throw new InvalidInputException($"year {year} is out of range (1900–2200)")
            : new(kinds, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    internal EvidenceFilter ToEvidenceFilter()
    {
        if (Kinds == CollaborationKinds.None) throw new InvalidInputException("kinds: at least one kind of collaboration is needed");
        if (Since > Until) throw new InvalidInputException($"since ({Since:yyyy-MM-dd}) is after until ({Until:yyyy-MM-dd})");
        return new(Kinds & CollaborationKinds.All, Since?.DayNumber ?? ProjectedLink.UnknownStart, Until?.DayNumber ?? ProjectedLink.UnknownEnd);
    }
}

/// <summary>
/// Which organisations: in a region (its sub-regions included), working in a field (its sub-fields included), of some
/// organisation kinds. Null means any.
/// </summary>
public sealed record OrganizationSelection(string? Region = null, string? Field = null, IReadOnlyCollection<NodeKind>? Kinds = null)
{
    /// <summary>Every organisation.</summary>
    public static OrganizationSelection Everyone { get; } = new();

    internal void Validate()
    {
        if (Region is not null && !Regions.IsDivisionCode(Region))
            throw new InvalidInputException($"region '{Region}' is not a 6-digit GB/T 2260 division code");
        if (Field is not null && TechnologyFields.Find(Field) is null)
            throw new InvalidInputException($"field '{Field}' is not a known field code");
        var wrong = Kinds?.Where(k => !GraphCatalog.OrganizationKinds.Contains(k)).ToList() ?? [];
        if (wrong.Count > 0)
            throw new InvalidInputException($"kinds: {wrong[0]} is not an organisation kind (Enterprise, University, ResearchInstitute, GovernmentBody)");
    }
}

/// <summary>One piece of evidence: the links (and the node they meet at, if any) that make two organisations collaborate.</summary>
/// <param name="Kind">The kind of collaboration.</param>
/// <param name="ThroughId">The platform, consortium, project, challenge or person both are linked to; null for a direct link.</param>
/// <param name="LinkIds">The ids of the links, in the order the rule reads them.</param>
/// <param name="From">The day the evidence starts (the latest start of its links), when known.</param>
/// <param name="To">The day it ends (the earliest end of its links), when known.</param>
/// <param name="Weight">What it adds to the tie's weight.</param>
public sealed record CollaborationEvidence(CollaborationKinds Kind, string? ThroughId, IReadOnlyList<string> LinkIds, DateOnly? From, DateOnly? To, double Weight);

/// <summary>The collaboration between two organisations: its kinds, weight, first and last date, and all its evidence.</summary>
public sealed record CollaborationTie(
    string OrganizationId, string PartnerId, CollaborationKinds Kinds, double Weight, DateOnly? FirstDate, DateOnly? LastDate,
    IReadOnlyList<CollaborationEvidence> Evidence);

/// <summary>An organisation reached from another through collaborations: how far, and the tie that reached it (from <see cref="Via"/>).</summary>
public sealed record Collaborator(string OrganizationId, int Distance, string Via, CollaborationTie Tie);

/// <summary>A shortest chain of collaborations between two organisations, with the evidence of every step.</summary>
public sealed record CollaborationPath(IReadOnlyList<string> OrganizationIds, IReadOnlyList<CollaborationTie> Steps)
{
    /// <summary>The number of steps.</summary>
    public int Hops => Steps.Count;
}

/// <summary>Whether a network selection lists the ties that cross its boundary.</summary>
public enum NetworkBoundary
{
    /// <summary>Only the ties with both organisations in the selection (crossing ties are only counted in the statistics).</summary>
    Exclude,
    /// <summary>Also the ties from a selected organisation to one outside the selection, and those outside partners.</summary>
    Include,
}

/// <summary>An organisation of a network selection; <see cref="Outside"/> when it is a partner outside the selection, reached by a crossing tie.</summary>
public sealed record NetworkNode(string Id, NodeKind Kind, string? Region, IReadOnlyList<string> Fields, RegionLocality? Locality, bool Outside = false);

/// <summary>
/// A tie of a network selection (undirected; <see cref="SourceId"/> sorts before <see cref="TargetId"/>); <see cref="Crossing"/>
/// when one of its organisations is outside the selection; <see cref="Ongoing"/> when some of its evidence has no end
/// date (it lasts beyond <see cref="LastDate"/>, the latest date known).
/// </summary>
public sealed record NetworkEdge(
    string SourceId, string TargetId, CollaborationKinds Kinds, double Weight, DateOnly? FirstDate, DateOnly? LastDate, bool Crossing = false, bool Ongoing = false);

/// <summary>How many of a network's listed ties join two kinds of organisation (<see cref="First"/> is the lower kind).</summary>
public sealed record OrganizationKindPairCount(NodeKind First, NodeKind Second, int Ties);

/// <summary>How many of a network's listed ties have a kind of collaboration (a tie of several kinds counts under each).</summary>
public sealed record CollaborationKindCount(CollaborationKinds Kind, int Ties);

/// <summary>The listed ties of a network (crossing ones included when the boundary is included), counted by pair of organisation kinds and by collaboration kind.</summary>
public sealed record TieCounts(int Ties, int CrossingTies, IReadOnlyList<OrganizationKindPairCount> ByOrganizationKinds, IReadOnlyList<CollaborationKindCount> ByKind);

/// <summary>
/// The summary of a network selection. Ties inside the selection are 区内 when both organisations are in the home
/// province and 区外 otherwise; external ties go from a selected organisation to one outside the selection.
/// </summary>
public sealed record NetworkStatistics(
    int Nodes, int Edges, double Density, int Components, int LargestComponent, int Isolated,
    int InRegionTies, int OutOfRegionTies, double InRegionShare,
    int ExternalTies, int ExternalInRegionTies, int ExternalOutOfRegionTies, double TotalWeight);

/// <summary>
/// A network selection: its organisations, the partners outside it reached by crossing ties (when the boundary is
/// included), its ties, and their statistics and counts, computed when first read (an export needs neither).
/// </summary>
public sealed class CollaborationNetwork(
    IReadOnlyList<NetworkNode> nodes, IReadOnlyList<NetworkNode> outsidePartners, IReadOnlyList<NetworkEdge> edges, Func<NetworkStatistics> statistics)
{
    readonly Lazy<NetworkStatistics> _statistics = new(statistics);
    readonly Lazy<TieCounts> _counts = new(() => Count(nodes, outsidePartners, edges));

    /// <summary>The selected organisations.</summary>
    public IReadOnlyList<NetworkNode> Nodes { get; } = nodes;

    /// <summary>The data version the projection stood at when the network was selected (−1 when unknown).</summary>
    public long DataVersion { get; init; } = -1;

    /// <summary>The organisations outside the selection at the far end of a crossing tie; empty unless the boundary is included.</summary>
    public IReadOnlyList<NetworkNode> OutsidePartners { get; } = outsidePartners;

    /// <summary>The ties among the selected organisations, then (boundary included) the crossing ties.</summary>
    public IReadOnlyList<NetworkEdge> Edges { get; } = edges;

    /// <summary>The statistics of the selection itself (crossing ties count only as external ties).</summary>
    public NetworkStatistics Statistics => _statistics.Value;

    /// <summary>The listed ties by pair of organisation kinds and by collaboration kind.</summary>
    public TieCounts TieCounts => _counts.Value;

    static TieCounts Count(IReadOnlyList<NetworkNode> nodes, IReadOnlyList<NetworkNode> outside, IReadOnlyList<NetworkEdge> edges)
    {
        var kindOf = new Dictionary<string, NodeKind>(nodes.Count + outside.Count, StringComparer.Ordinal);
        foreach (var node in nodes.Concat(outside)) kindOf[node.Id] = node.Kind;
        var pairs = new Dictionary<(NodeKind, NodeKind), int>();
        var kinds = new Dictionary<CollaborationKinds, int>();
        var crossing = 0;
        foreach (var edge in edges)
        {
            var (a, b) = (kindOf[edge.SourceId], kindOf[edge.TargetId]);
            var pair = a <= b ? (a, b) : (b, a);
            pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
            foreach (var kind in CollaborationRules.Split(edge.Kinds)) kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            if (edge.Crossing) crossing++;
        }
        return new TieCounts(edges.Count, crossing,
            pairs.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).Select(p => new OrganizationKindPairCount(p.Key.Item1, p.Key.Item2, p.Value)).ToList(),
            kinds.OrderBy(k => k.Key).Select(k => new CollaborationKindCount(k.Key, k.Value)).ToList());
    }
}

/// <summary>What a ranking measures.</summary>
public enum RankingMetric
{
    /// <summary>Number of collaborating organisations.</summary>
    Degree,
    /// <summary>Sum of tie weights.</summary>
    WeightedDegree,
    /// <summary>PageRank (α = 0.85) over the weighted ties.</summary>
    PageRank,
    /// <summary>Normalized shortest-path betweenness (exact up to a size, sampled above it).</summary>
    Betweenness,
    /// <summary>Burt's structural-hole constraint; lowest first (the best brokers).</summary>
    Constraint,
    /// <summary>Distinct other prefecture-level regions among its partners: a bridge between regions.</summary>
    RegionBridging,
    /// <summary>Distinct other top-level fields among its partners: a bridge between industries.</summary>
    FieldBridging,
}

/// <summary>One organisation's place in a ranking.</summary>
public sealed record RankedOrganization(int Rank, string OrganizationId, double Score);

/// <summary>
/// A ranking of a network selection. <see cref="Exact"/> is false when betweenness was estimated from
/// <see cref="Samples"/> source organisations; then every score is within <see cref="ErrorBound"/> of the exact one
/// with 95 % probability (Hoeffding's inequality with a union bound over the organisations).
/// </summary>
public sealed record Ranking(RankingMetric Metric, int Organizations, IReadOnlyList<RankedOrganization> Top, bool Exact, int Samples, double ErrorBound);

/// <summary>One community: its members, its internal ties.</summary>
public sealed record Community(int Index, IReadOnlyList<string> MemberIds, int InternalTies);

/// <summary>The communities of a network selection, largest first, and the partition's modularity.</summary>
public sealed record CommunityPartition(string Algorithm, double Modularity, IReadOnlyList<Community> Communities);

/// <summary>How a selection's network changed between two years: the ties alive in the later year and not the earlier (new) and the reverse (lost).</summary>
public sealed record NetworkChange(
    int FromYear, int ToYear, NetworkStatistics FromStatistics, NetworkStatistics ToStatistics,
    IReadOnlyList<NetworkEdge> NewTies, IReadOnlyList<NetworkEdge> LostTies, int KeptTies);
