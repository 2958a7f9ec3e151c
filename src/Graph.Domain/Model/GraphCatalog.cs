using System.Collections.Frozen;

namespace KnowledgeGraph.Domain.Model;

/// <summary>
/// The catalog of node kinds, link types and their properties (DOMAIN.md). The one place that says what
/// the graph can hold: stores, import/export and the GraphQL schema all read it.
/// Money is in 万元 (10,000 yuan), as the policy texts count it. The node kinds are declared in
/// <see cref="NodeKindCatalog"/>, the link types in <see cref="LinkTypeCatalog"/>; this is their one public face.
/// (Those two read this class's value lists as they initialise; this class reads them only in its members, so the
/// static initialisers never wait on each other.)
/// </summary>
public static class GraphCatalog
{
    /// <summary>The organisation kinds: they collaborate, post, apply, pair and sign.</summary>
    public static readonly FrozenSet<NodeKind> OrganizationKinds =
        new[] { NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute, NodeKind.GovernmentBody }.ToFrozenSet();

    /// <summary>Universities and research institutes (高校院所).</summary>
    public static readonly FrozenSet<NodeKind> AcademicKinds =
        new[] { NodeKind.University, NodeKind.ResearchInstitute }.ToFrozenSet();

    /// <summary>Platform types named in the seeds (000, 001, 002, 003, 004).</summary>
    public static readonly IReadOnlyList<EnumValue> PlatformTypes =
    [
        new("EnterpriseTechnologyCenter", "企业技术中心"),
        new("EngineeringResearchCenter", "工程技术研究中心"),
        new("DevelopmentCenter", "开发中心"),
        new("PilotBase", "中试基地"),
        new("TestBase", "试验基地"),
        new("KeyLaboratory", "重点实验室"),
        new("EnterpriseKeyLaboratory", "企业类重点实验室"),
        new("TechnologyInnovationCenter", "技术创新中心"),
        new("NewTypeRdInstitution", "新型研发机构"),
        new("PostdoctoralStation", "博士后工作站"),
        new("AcademicianStation", "院士工作站"),
        new("CommissionerStation", "科技特派员工作站"),
        new("JointRdCenter", "联合研发中心"),
        new("GroupResearchInstitute", "研究院"),
        new("IndustrialTechnologyInstitute", "产业技术研究院"),
        new("InnovationEnclave", "创新飞地"),
        new("EngineeringLaboratory", "工程实验室"),
        new("InspectionTestingCenter", "检验检测中心"),
        new("TechnologyTradingPlatform", "技术交易平台"),
        new("InstrumentSharingPlatform", "大型科研仪器共享平台"),
        new("RdInstitution", "研发机构"),
        new("Incubator", "孵化器"),
        new("SciencePark", "科技园"),
    ];

    /// <summary>Platform levels (000, 004).</summary>
    public static readonly IReadOnlyList<EnumValue> PlatformLevels =
    [
        new("National", "国家级"), new("Provincial", "自治区级"), new("City", "市级"), new("Departmental", "厅局级"),
    ];

    /// <summary>Platform status over time (000, 001, 002, 004).</summary>
    public static readonly IReadOnlyList<EnumValue> PlatformStatuses =
    [
        new("Filed", "备案"), new("UnderConstruction", "筹建"), new("Accredited", "认定"), new("Delisted", "摘牌"),
    ];

    /// <summary>Challenge lifecycle states (003).</summary>
    public static readonly IReadOnlyList<EnumValue> ChallengeStatuses =
    [
        new("Collecting", "征集"), new("Published", "发榜"), new("Applying", "揭榜申报"), new("Reviewing", "评审"),
        new("Negotiating", "对接洽谈"), new("Awarded", "立项"), new("Completed", "完成"), new("Terminated", "终止"),
    ];

    /// <summary>How an R&amp;D institution is built (002 四); names match <c>Policy.FilingMode</c>.</summary>
    public static readonly IReadOnlyList<EnumValue> ConstructionModes =
    [
        new("Single", "单建"), new("MultiEnterprise", "多企联建"), new("IndustryCoBuilding", "产业共建"),
    ];

    /// <summary>Which filing standard an R&amp;D institution is checked against; names match <c>Policy.FilingVariant</c>.</summary>
    public static readonly IReadOnlyList<EnumValue> FilingStandards =
    [
        new("SixHave", "六有"), new("SevenHave", "七有"),
    ];

    /// <summary>Who provides the expert service team of an 产业共建 institution (002 四(三)); names match <c>Policy.ExpertTeamProvider</c>.</summary>
    public static readonly IReadOnlyList<EnumValue> ExpertTeamProviders =
    [
        new("IndustrialTechnologyInstitute", "产业技术研究院"), new("InnovationCommunity", "创新创业共同体"), new("IndustryAlliance", "产业技术创新联盟"),
    ];

    /// <summary>The level a body is certified at; names match <c>Policy.CertificationLevel</c>.</summary>
    public static readonly IReadOnlyList<EnumValue> CertificationLevels =
    [
        new("None", "未认证"), new("County", "县级"), new("City", "市级"), new("Provincial", "省级"), new("National", "国家级"),
    ];

    /// <summary>Where an application of a filing round stands (002 六(三)); names match <c>Policy.RoundApplicationStatus</c>.</summary>
    public static readonly IReadOnlyList<EnumValue> RoundApplicationStatuses =
    [
        new("Submitted", "已申报"), new("Reviewed", "已评审"), new("Recognised", "已认定"), new("Rejected", "未予认定"),
    ];

    /// <summary>What a person serves as (003 二); names match <c>Policy.ServiceRole</c>.</summary>
    public static readonly IReadOnlyList<EnumValue> ServiceRoles =
    [
        new("Commissioner", "科技特派员"), new("TechnologyManager", "技术经理人"),
    ];

    /// <summary>Whether an instrument is shared (000); names match <c>Policy.SharingStatus</c>.</summary>
    public static readonly IReadOnlyList<EnumValue> SharingStatuses =
    [
        new("Shared", "已共享"), new("NotShared", "未共享"), new("Suspended", "暂停共享"),
    ];

    /// <summary>Every node kind, in declaration order.</summary>
    public static IReadOnlyList<NodeKindInfo> NodeKinds => NodeKindCatalog.All;

    /// <summary>Every link type, in declaration order.</summary>
    public static IReadOnlyList<LinkTypeInfo> LinkTypes => LinkTypeCatalog.All;

    /// <summary>The catalog entry of a node kind.</summary>
    public static NodeKindInfo Of(NodeKind kind) => NodeKindCatalog.ByKind[kind];

    /// <summary>The catalog entry of a link type.</summary>
    public static LinkTypeInfo Of(LinkType type) => LinkTypeCatalog.ByType[type];

    /// <summary>The link type with that name (SUBSIDIARY_OF, …), or null.</summary>
    public static LinkTypeInfo? FindLinkType(string name) => LinkTypeCatalog.ByName.GetValueOrDefault(name);

    /// <summary>The node kind with that name (Enterprise, …), or null.</summary>
    public static NodeKind? FindNodeKind(string name) =>
        Enum.TryParse<NodeKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;
}
