using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// A small fictional graph (示例) that the conformance tests read: four enterprises with every kind of
/// property value and some absent ones, academics, a platform, a challenge, an achievement, and links
/// between them, including two links of one type between the same nodes told apart by key.
/// </summary>
internal static class Sample
{
    public static readonly NodeInput LiuGong = new(NodeKind.Enterprise, "91450200MA5K000001", "广西柳工示例机械有限公司",
        "Guangxi LiuGong Example Machinery Co., Ltd.", ["柳工示例", "柳工"],
        PropertyBag.Of(
            ("region", "450200"), ("fields", new[] { "machinery", "auto" }), ("employees", 1200L), ("revenue", 52000.50m),
            ("highTech", true), ("foundedOn", new DateOnly(1993, 1, 1)), ("example", true)));

    public static readonly NodeInput Yuchai = new(NodeKind.Enterprise, "91450900MA5K000002", "广西玉柴示例动力有限公司",
        "Guangxi Yuchai Example Power Co., Ltd.", ["玉柴"],
        PropertyBag.Of(
            ("region", "450900"), ("fields", new[] { "auto" }), ("employees", 800L), ("revenue", 30000m),
            ("highTech", false), ("foundedOn", new DateOnly(1992, 5, 1)), ("example", true)));

    public static readonly NodeInput PartsMaker = new(NodeKind.Enterprise, "91450200MA5K000003", "柳州示例汽车零部件有限公司",
        Properties: PropertyBag.Of(("region", "450200"), ("fields", new[] { "auto" }), ("employees", 150L), ("revenue", 2000m), ("example", true)));

    public static readonly NodeInput SoftwareHouse = new(NodeKind.Enterprise, "91450100MA5K000004", "南宁示例信息技术有限公司",
        Properties: PropertyBag.Of(("employees", 20L), ("example", true)));

    public static readonly NodeInput University = new(NodeKind.University, "gxu", "广西大学", "Guangxi University", ["西大"],
        PropertyBag.Of(("region", "450100"), ("locality", "InRegion")));

    public static readonly NodeInput Academy = new(NodeKind.ResearchInstitute, "cas", "中国科学院", "Chinese Academy of Sciences",
        Properties: PropertyBag.Of(("locality", "OutOfRegion")));

    public static readonly NodeInput Centre = new(NodeKind.Platform, "lg-erc", "广西柳工示例工程技术研究中心",
        Properties: PropertyBag.Of(
            ("platformType", "EngineeringResearchCenter"), ("level", "Provincial"), ("status", "Accredited"),
            ("statusDate", new DateOnly(2020, 6, 30)), ("region", "450200")));

    public static readonly NodeInput Challenge = new(NodeKind.Challenge, "ch-1", "液压件柳工示例揭榜",
        Properties: PropertyBag.Of(("challengeKind", "TechnologyBreakthrough"), ("status", "Published"), ("budget", 500.50m)));

    public static readonly NodeInput Achievement = new(NodeKind.Achievement, "ach-1", "柳工示例液压技术",
        Properties: PropertyBag.Of(("achievementType", "技术")));

    public static readonly NodeInput Province = new(NodeKind.Region, "450000", "广西壮族自治区", "Guangxi", ["广西"],
        PropertyBag.Of(("level", "Province")));

    /// <summary>The enterprises, in id order.</summary>
    public static readonly NodeInput[] Enterprises = [SoftwareHouse, LiuGong, PartsMaker, Yuchai];

    public static readonly NodeInput[] Nodes = [LiuGong, Yuchai, PartsMaker, SoftwareHouse, University, Academy, Centre, Challenge, Achievement, Province];

    public static readonly LinkInput Hosts = new(LinkType.Hosts, LiuGong.Id, Centre.Id, Source: "示例");
    public static readonly LinkInput Subsidiary = new(LinkType.SubsidiaryOf, PartsMaker.Id, LiuGong.Id,
        StartDate: new DateOnly(2010, 1, 1), Properties: PropertyBag.Of(("shareholding", 51.50m)));
    public static readonly LinkInput LiuGongPairing = new(LinkType.PairedWith, LiuGong.Id, University.Id, StartDate: new DateOnly(2021, 3, 1));
    public static readonly LinkInput YuchaiPairing = new(LinkType.PairedWith, Yuchai.Id, University.Id);
    public static readonly LinkInput AcademyPairing = new(LinkType.PairedWith, LiuGong.Id, Academy.Id);
    public static readonly LinkInput Posts = new(LinkType.Posts, LiuGong.Id, Challenge.Id);
    public static readonly LinkInput UniversityApplies = new(LinkType.AppliesTo, University.Id, Challenge.Id,
        Properties: PropertyBag.Of(("price", 480.25m)));
    public static readonly LinkInput AcademyApplies = new(LinkType.AppliesTo, Academy.Id, Challenge.Id,
        Properties: PropertyBag.Of(("price", 450m)));
    public static readonly LinkInput FirstAgreement = new(LinkType.CooperationAgreement, Yuchai.Id, University.Id, "2023-001",
        new DateOnly(2023, 3, 1), new DateOnly(2026, 2, 28), "示例协议", PropertyBag.Of(("title", "产学研合作协议")));
    public static readonly LinkInput SecondAgreement = new(LinkType.CooperationAgreement, Yuchai.Id, University.Id, "2024-007",
        new DateOnly(2024, 7, 1));

    public static readonly LinkInput[] Links =
        [Hosts, Subsidiary, LiuGongPairing, YuchaiPairing, AcademyPairing, Posts, UniversityApplies, AcademyApplies, FirstAgreement, SecondAgreement];

    /// <summary>The whole sample as one batch, nodes first.</summary>
    public static WriteBatch Batch() => new([
        .. Nodes.Select(n => (WriteOperation)new WriteOperation.UpsertNode(n)),
        .. Links.Select(l => (WriteOperation)new WriteOperation.UpsertLink(l)),
    ]);

    /// <summary>The whole sample as an import stream, nodes first.</summary>
    public static async IAsyncEnumerable<WriteOperation> Stream(IEnumerable<WriteOperation>? more = null)
    {
        foreach (var operation in Batch().Operations.Concat(more ?? []))
        {
            await Task.Yield();
            yield return operation;
        }
    }
}
