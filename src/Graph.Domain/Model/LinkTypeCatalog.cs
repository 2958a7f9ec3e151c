using System.Collections.Frozen;
using static KnowledgeGraph.Domain.Model.CatalogProperties;
using static KnowledgeGraph.Domain.Model.GraphCatalog;

namespace KnowledgeGraph.Domain.Model;

/// <summary>The link types of <see cref="GraphCatalog"/>: their ends and properties (DOMAIN.md), in declaration order.</summary>
internal static class LinkTypeCatalog
{
    static readonly FrozenSet<NodeKind> Orgs = OrganizationKinds;
    static FrozenSet<NodeKind> Set(params NodeKind[] kinds) => kinds.ToFrozenSet();
    static FrozenSet<NodeKind> OrgsAnd(params NodeKind[] kinds) => Orgs.Concat(kinds).ToFrozenSet();

    /// <summary>Every link type, in declaration order.</summary>
    public static readonly LinkTypeInfo[] All =
    [
        new(LinkType.SubsidiaryOf, "SUBSIDIARY_OF", "子公司", "an enterprise is a subsidiary of another (group structure)",
            Set(NodeKind.Enterprise), Set(NodeKind.Enterprise),
            [Percent("shareholding", "持股比例", "the parent's shareholding (%)")]),
        new(LinkType.Hosts, "HOSTS", "依托", "an organisation hosts a platform (its own R&D institution)",
            Orgs, Set(NodeKind.Platform), []),
        new(LinkType.Leads, "LEADS", "牵头", "an organisation leads a platform or consortium",
            Orgs, Set(NodeKind.Platform, NodeKind.Consortium), []),
        new(LinkType.CoBuilds, "CO_BUILDS", "共建", "an organisation co-builds a platform (共建单位)",
            Orgs, Set(NodeKind.Platform), []),
        new(LinkType.MemberOf, "MEMBER_OF", "成员", "an organisation is a member of a consortium",
            Orgs, Set(NodeKind.Consortium), []),
        new(LinkType.Posts, "POSTS", "发榜", "an organisation posts a challenge",
            Orgs, Set(NodeKind.Challenge), []),
        new(LinkType.AppliesTo, "APPLIES_TO", "揭榜申报", "an organisation or consortium applies to a challenge",
            OrgsAnd(NodeKind.Consortium), Set(NodeKind.Challenge),
            [
                Money("price", "报价", "the price offered (万元)"),
                Percent("reviewScore", "评审得分", "the review's score (0–100), on price and quality"),
                Text("reviewReason", "评审意见", "the review's reasons for its score"),
                Day("reviewedOn", "评审日期", "date reviewed"),
            ]),
        new(LinkType.Awarded, "AWARDED", "揭榜立项", "an organisation or consortium is awarded a challenge",
            OrgsAnd(NodeKind.Consortium), Set(NodeKind.Challenge),
            [
                Money("amount", "合同金额", "the amount awarded (万元)"),
                Percent("share", "份额", "赛马制: the awardee's share of the challenge (%)"),
                Text("reason", "择优理由", "why it was chosen, on price and quality"),
            ]),
        new(LinkType.PairedWith, "PAIRED_WITH", "结对子", "an enterprise is paired with a university or institute",
            Set(NodeKind.Enterprise), AcademicKinds,
            [new("commissioner", PropertyType.Text, "承担特派员", "key of the tech commissioner (科技特派员) who carries the pairing", References: NodeKind.Person)]),
        new(LinkType.ParticipatesIn, "PARTICIPATES_IN", "参与项目", "an organisation participates in a project",
            Orgs, Set(NodeKind.Project),
            [
                Choice("role", "角色", "lead or partner", [new("Lead", "牵头"), new("Partner", "参与")]),
                Percent("fundingShare", "经费占比", "share of the project's public S&T funding it receives (%)"),
            ]),
        new(LinkType.CooperationAgreement, "COOPERATION_AGREEMENT", "科技合作协议", "two organisations signed a cooperation agreement",
            Orgs, Orgs, [Text("title", "协议名称", "title of the agreement")]),
        new(LinkType.Transfers, "TRANSFERS", "技术合同", "an organisation transfers an achievement to another by a technology contract",
            Orgs, Orgs,
            [
                new("achievement", PropertyType.Text, "科技成果", "key of the achievement transferred", References: NodeKind.Achievement),
                Money("amount", "合同金额", "contract amount (万元)"),
            ]),
        new(LinkType.Holds, "HOLDS", "持有成果", "an organisation holds an achievement",
            Orgs, Set(NodeKind.Achievement), []),
        new(LinkType.About, "ABOUT", "榜单成果", "an achievement-transformation challenge is about an achievement",
            Set(NodeKind.Challenge), Set(NodeKind.Achievement), []),
        new(LinkType.EmployedBy, "EMPLOYED_BY", "任职", "a person is employed by an organisation",
            Set(NodeKind.Person), Orgs, []),
        new(LinkType.CommissionedTo, "COMMISSIONED_TO", "科技特派员", "a person serves an enterprise as tech commissioner",
            Set(NodeKind.Person), Set(NodeKind.Enterprise),
            [
                Text("commissionedBy", "选派单位", "id of the organisation that commissioned the person (a government body, university or institute)"),
                new("region", PropertyType.Text, "服务地区", "GB/T 2260 code of the region served", References: NodeKind.Region),
                Text("duty", "服务内容", "what the commissioner does for the enterprise"),
            ]),
        new(LinkType.ServesOn, "SERVES_ON", "诊断专家", "a person serves on a 一业一团 diagnosis team",
            Set(NodeKind.Person), Set(NodeKind.DiagnosisTeam),
            [
                Choice("role", "角色", "leader or member", [new("Leader", "组长"), new("Member", "成员")]),
                new("organization", PropertyType.Text, "所在单位", "id of the organisation the person comes from"),
            ]),
        new(LinkType.Diagnosed, "DIAGNOSED", "诊断报告", "a diagnosis team wrote a diagnosis report",
            Set(NodeKind.DiagnosisTeam), Set(NodeKind.DiagnosisReport), []),
        new(LinkType.Identifies, "IDENTIFIES", "技术难题", "a diagnosis report names a technology problem",
            Set(NodeKind.DiagnosisReport), Set(NodeKind.TechnologyProblem), []),
        new(LinkType.PostedAs, "POSTED_AS", "揭榜挂帅", "a technology problem was posted as a 揭榜挂帅 challenge",
            Set(NodeKind.TechnologyProblem), Set(NodeKind.Challenge), []),
    ];

    /// <summary>The link types by type.</summary>
    public static readonly FrozenDictionary<LinkType, LinkTypeInfo> ByType = All.ToFrozenDictionary(l => l.Type);

    /// <summary>The link types by name (SUBSIDIARY_OF, …), in any case.</summary>
    public static readonly FrozenDictionary<string, LinkTypeInfo> ByName = All.ToFrozenDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
}
