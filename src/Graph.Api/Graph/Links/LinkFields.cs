using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Links;

/// <summary>
/// The name of every link seen from one end: the field on the node types at that end, and what it lists.
/// Out fields are on the link's from-kinds and lead to its to-end; In fields the reverse; Both (for symmetric
/// links) lists the links at either end and leads to the other one.
/// </summary>
public sealed record LinkField(LinkType Type, Direction Direction, string Name, string Description)
{
    /// <summary>Every link field, both ends of every link type.</summary>
    public static readonly IReadOnlyList<LinkField> All =
    [
        new(LinkType.SubsidiaryOf, Direction.Out, "parentCompanies", "Enterprises this enterprise is a subsidiary of, with the shareholding"),
        new(LinkType.SubsidiaryOf, Direction.In, "subsidiaries", "Subsidiaries of this enterprise, with the shareholding"),
        new(LinkType.Hosts, Direction.Out, "hostedPlatforms", "Platforms this organisation hosts (依托单位)"),
        new(LinkType.Hosts, Direction.In, "hosts", "Organisations hosting this platform (依托单位)"),
        new(LinkType.Leads, Direction.Out, "leads", "Platforms and consortia this organisation leads (牵头单位)"),
        new(LinkType.Leads, Direction.In, "leaders", "Organisations leading this platform or consortium (牵头单位)"),
        new(LinkType.CoBuilds, Direction.Out, "coBuiltPlatforms", "Platforms this organisation co-builds (共建单位)"),
        new(LinkType.CoBuilds, Direction.In, "coBuilders", "Organisations co-building this platform (共建单位)"),
        new(LinkType.MemberOf, Direction.Out, "memberships", "Consortia this organisation is a member of"),
        new(LinkType.MemberOf, Direction.In, "members", "Members of this consortium"),
        new(LinkType.Posts, Direction.Out, "postedChallenges", "Challenges this organisation posted (发榜)"),
        new(LinkType.Posts, Direction.In, "posters", "Organisations that posted this challenge (发榜单位)"),
        new(LinkType.AppliesTo, Direction.Out, "challengeApplications", "Challenges applied to (揭榜申报), with the price offered"),
        new(LinkType.AppliesTo, Direction.In, "applicants", "Organisations and consortia that applied to this challenge (揭榜申报), with the price offered"),
        new(LinkType.Awarded, Direction.Out, "awardedChallenges", "Challenges awarded (揭榜立项), with the amount"),
        new(LinkType.Awarded, Direction.In, "awardees", "Organisations and consortia awarded this challenge (揭榜立项), with the amount"),
        new(LinkType.PairedWith, Direction.Out, "pairings", "Universities and institutes this enterprise is paired with (结对子)"),
        new(LinkType.PairedWith, Direction.In, "pairings", "Enterprises paired with this university or institute (结对子)"),
        new(LinkType.ParticipatesIn, Direction.Out, "projects", "Projects this organisation takes part in, with its role and funding share"),
        new(LinkType.ParticipatesIn, Direction.In, "participants", "Organisations taking part in this project, with their role and funding share"),
        new(LinkType.CooperationAgreement, Direction.Both, "cooperationAgreements", "Organisations this one signed a cooperation agreement with, whichever end it is at (科技合作协议)"),
        new(LinkType.Transfers, Direction.Out, "transfersMade", "Technology contracts by which this organisation transferred an achievement to another (技术合同, 转让方)"),
        new(LinkType.Transfers, Direction.In, "transfersReceived", "Technology contracts by which this organisation received an achievement (技术合同, 受让方)"),
        new(LinkType.Holds, Direction.Out, "heldAchievements", "Achievements this organisation holds"),
        new(LinkType.Holds, Direction.In, "holders", "Organisations holding this achievement"),
        new(LinkType.About, Direction.Out, "achievements", "Achievements this achievement-transformation challenge is about"),
        new(LinkType.About, Direction.In, "challenges", "Achievement-transformation challenges about this achievement"),
        new(LinkType.EmployedBy, Direction.Out, "employers", "Organisations this person works for"),
        new(LinkType.EmployedBy, Direction.In, "staff", "People working for this organisation"),
        new(LinkType.CommissionedTo, Direction.Out, "commissionedEnterprises", "Enterprises this person serves as tech commissioner (科技特派员)"),
        new(LinkType.CommissionedTo, Direction.In, "techCommissioners", "Tech commissioners serving this enterprise (科技特派员)"),
        new(LinkType.ServesOn, Direction.Out, "diagnosisTeams", "一业一团 diagnosis teams this person serves on, with the role and the organisation"),
        new(LinkType.ServesOn, Direction.In, "experts", "People serving on this diagnosis team (诊断专家), with their role and organisation"),
        new(LinkType.Diagnosed, Direction.Out, "reports", "Diagnosis reports this team wrote (诊断报告)"),
        new(LinkType.Diagnosed, Direction.In, "teams", "The diagnosis team that wrote this report"),
        new(LinkType.Identifies, Direction.Out, "problems", "Technology problems this report names (技术难题)"),
        new(LinkType.Identifies, Direction.In, "diagnosisReports", "The diagnosis report that names this problem"),
        new(LinkType.PostedAs, Direction.Out, "postedAs", "The 揭榜挂帅 challenge this problem was posted as"),
        new(LinkType.PostedAs, Direction.In, "diagnosedProblems", "The diagnosed technology problem this challenge was posted for (一业一团)"),
    ];

    /// <summary>The kinds that have this field: the link's from-kinds (Out), to-kinds (In) or both.</summary>
    public IReadOnlySet<NodeKind> Owners => KindsAt(Direction);

    /// <summary>The kinds at the other end.</summary>
    public IReadOnlySet<NodeKind> OtherKinds => KindsAt(Direction switch { Direction.Out => Direction.In, Direction.In => Direction.Out, _ => Direction.Both });

    /// <summary>The kinds at the from-end (Out), the to-end (In), or either.</summary>
    private IReadOnlySet<NodeKind> KindsAt(Direction end)
    {
        var info = GraphCatalog.Of(Type);
        return end switch
        {
            Direction.Out => info.FromKinds,
            Direction.In => info.ToKinds,
            _ => info.FromKinds.Union(info.ToKinds).ToHashSet(),
        };
    }

    /// <summary>The name of its connection type: <c>HostsOut</c>, <c>HostsIn</c>, <c>CooperationAgreement</c>.</summary>
    public string ConnectionName => Direction == Direction.Both ? Type.ToString() : $"{Type}{Direction}";
}
