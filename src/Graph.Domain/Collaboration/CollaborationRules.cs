using System.Collections.Frozen;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>The kinds of collaboration between two organisations (DOMAIN.md, "Collaboration").</summary>
[Flags]
public enum CollaborationKinds : byte
{
    /// <summary>No kind.</summary>
    None = 0,
    /// <summary>共建平台: both host, lead or co-build the same platform.</summary>
    Platform = 1,
    /// <summary>创新联合体: both lead or are members of the same consortium.</summary>
    Consortium = 2,
    /// <summary>结对子: an enterprise is paired with a university or institute.</summary>
    Pairing = 4,
    /// <summary>科技项目: both participate in the same project.</summary>
    Project = 8,
    /// <summary>揭榜挂帅: one was awarded the other's challenge.</summary>
    Challenge = 16,
    /// <summary>科技合作协议: they signed a cooperation agreement.</summary>
    Agreement = 32,
    /// <summary>技术合同: one transferred an achievement to the other by a technology contract.</summary>
    TechnologyContract = 64,
    /// <summary>科技特派员: a person employed by one serves the other as tech commissioner.</summary>
    Commissioner = 128,
    /// <summary>Every kind.</summary>
    All = 255,
}

/// <summary>How one kind of collaboration is derived from the typed links, and what it weighs.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Through">The node kind both organisations are linked to, or null when one link joins them directly.</param>
/// <param name="Links">The link types that make the collaboration.</param>
/// <param name="Weight">The weight of one piece of evidence of this kind.</param>
/// <param name="SharedByAll">For a shared node: whether every pair of its organisations collaborates (then each pair gets
/// <see cref="Weight"/> / (n − 1) for n organisations); otherwise only the pairs the rule names.</param>
/// <param name="Rule">The rule in words.</param>
/// <remarks>
/// A rule through a shared node that names its pairs (not <paramref name="SharedByAll"/>) has two links: each pair is an
/// organisation linked to the node by the first and one linked to it by the second.
/// </remarks>
public sealed record CollaborationRule(
    CollaborationKinds Kind, NodeKind? Through, IReadOnlyList<LinkType> Links, double Weight, bool SharedByAll, string Rule)
{
    /// <summary>A node that may take an organisation's place in a pair of this rule, and whom it stands for; none when null.</summary>
    public CollaborationStandIn? StandIn { get; init; }
}

/// <summary>
/// A node of <paramref name="Kind"/> linked by <paramref name="Role"/> in an organisation's place stands for the
/// organisations linked to it by <paramref name="StandsFor"/> (a consortium awarded a challenge, for its leads).
/// </summary>
public sealed record CollaborationStandIn(NodeKind Kind, LinkType Role, LinkType StandsFor);

/// <summary>
/// The one table that decides which link patterns make two organisations collaborate, and what each piece of evidence
/// weighs. Collaboration is derived from it, never typed in (DOMAIN.md, "Collaboration").
/// </summary>
/// <remarks>
/// Weighting: a direct link (pairing, agreement, technology contract) counts its kind's weight once per link. A node
/// shared by n organisations (a platform, a consortium, a project) gives each of its n(n − 1)/2 pairs weight / (n − 1),
/// as in Newman's weighting of co-authorship (Phys. Rev. E 64, 016132, 2001): a 40-member alliance says less about
/// any two members than a platform two units co-build. A challenge counts once per poster–awardee pair, a
/// commissioner once per employer–enterprise pair. A tie's weight is the sum over its evidence; no recency decay, so
/// a weight is reproducible from the evidence it lists.
/// </remarks>
public static class CollaborationRules
{
    /// <summary>The rules, one per kind.</summary>
    public static readonly IReadOnlyList<CollaborationRule> All =
    [
        new(CollaborationKinds.Platform, NodeKind.Platform, [LinkType.Hosts, LinkType.Leads, LinkType.CoBuilds], 3, true,
            "organisations that host, lead or co-build the same platform (依托/牵头/共建单位)"),
        new(CollaborationKinds.Consortium, NodeKind.Consortium, [LinkType.Leads, LinkType.MemberOf], 1, true,
            "the lead and the members of the same consortium or alliance"),
        new(CollaborationKinds.Pairing, null, [LinkType.PairedWith], 2, false,
            "an enterprise PAIRED_WITH a university or institute (结对子)"),
        new(CollaborationKinds.Project, NodeKind.Project, [LinkType.ParticipatesIn], 2, true,
            "organisations that PARTICIPATE_IN the same project"),
        new(CollaborationKinds.Challenge, NodeKind.Challenge, [LinkType.Posts, LinkType.Awarded], 3, false,
            "the poster of a challenge and the organisation AWARDED it; a consortium awarded it stands for its lead organisations")
        {
            StandIn = new(NodeKind.Consortium, LinkType.Awarded, LinkType.Leads),
        },
        new(CollaborationKinds.Agreement, null, [LinkType.CooperationAgreement], 2, false,
            "the two parties of a COOPERATION_AGREEMENT"),
        new(CollaborationKinds.TechnologyContract, null, [LinkType.Transfers], 3, false,
            "the two parties of a technology contract (TRANSFERS)"),
        new(CollaborationKinds.Commissioner, NodeKind.Person, [LinkType.EmployedBy, LinkType.CommissionedTo], 1, false,
            "the employer of a person and the enterprise the person serves as tech commissioner (科技特派员)"),
    ];

    static readonly FrozenDictionary<CollaborationKinds, CollaborationRule> ByKind = All.ToFrozenDictionary(r => r.Kind);

    /// <summary>The link types the derivation reads; others never change a collaboration.</summary>
    public static readonly FrozenSet<LinkType> LinkTypes = All.SelectMany(r => r.Links).ToFrozenSet();

    /// <summary>The node kinds through which two organisations can collaborate, or which stand in for organisations.</summary>
    public static readonly FrozenSet<NodeKind> SharedNodeKinds = All
        .SelectMany(r => new[] { r.Through, r.StandIn?.Kind })
        .Where(kind => kind is not null).Select(kind => kind!.Value).ToFrozenSet();

    // The rules that read each link type, and those whose stand-in stands for the organisations linked to it by each
    // link type, indexed by the type: the derivation asks once per link it reads.
    static readonly CollaborationRule[][] ByLinkType = IndexByLinkType((rule, type) => rule.Links.Contains(type));
    static readonly CollaborationRule[][] StandInsByLinkType = IndexByLinkType((rule, type) => rule.StandIn?.StandsFor == type);

    static CollaborationRule[][] IndexByLinkType(Func<CollaborationRule, LinkType, bool> reads)
    {
        var types = Enum.GetValues<LinkType>();
        var index = new CollaborationRule[types.Max(type => (int)type) + 1][];
        foreach (var type in types) index[(int)type] = All.Where(rule => reads(rule, type)).ToArray();
        return index;
    }

    /// <summary>The rules that read a link type, in table order.</summary>
    internal static ReadOnlySpan<CollaborationRule> Reading(LinkType type) => ByLinkType[(int)type];

    /// <summary>The rules whose stand-in stands for the organisations linked to it by this link type.</summary>
    internal static ReadOnlySpan<CollaborationRule> StandingInBy(LinkType type) => StandInsByLinkType[(int)type];

    /// <summary>The rule of a single kind.</summary>
    public static CollaborationRule Of(CollaborationKinds kind) => ByKind[kind];

    /// <summary>The weight of one piece of evidence of a kind.</summary>
    public static double WeightOf(CollaborationKinds kind) => ByKind[kind].Weight;

    /// <summary>The single kinds a set of kinds holds, in table order.</summary>
    public static IEnumerable<CollaborationKinds> Split(CollaborationKinds kinds) =>
        All.Select(r => r.Kind).Where(k => (kinds & k) != 0);
}
