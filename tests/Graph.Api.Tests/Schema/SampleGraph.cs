using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Tests.Schema;

/// <summary>
/// A small hand-made graph with Chinese names, written through <see cref="IGraphStore.WriteAsync"/> over the reference
/// regions and fields the host seeds: a few organisations of every kind, platforms, a consortium, a challenge, a project, an
/// achievement, a person, and links of every type between them.
/// </summary>
public static class SampleGraph
{
    public static readonly string Liugong = CreditCode.Create("91450204MA5K00001");
    public static readonly string Yuchai = CreditCode.Create("91450902MA5K00002");
    public static readonly string NanningNev = CreditCode.Create("91450100MA5K00003");
    public static readonly string GuilinTech = CreditCode.Create("91450300MA5K00004");

    public static string Enterprise(string code) => NodeId.Of(NodeKind.Enterprise, code);

    public static readonly IReadOnlyList<NodeInput> Nodes =
    [
        new(NodeKind.Enterprise, Liugong, "柳州工程机械股份有限公司", "Liuzhou Construction Machinery Co., Ltd.", ["柳工机械"], PropertyBag.Of(
            ("region", "450204"), ("fields", new[] { "machinery" }), ("employees", 12000L), ("revenue", 2800000.5m), ("rdExpenditure", 95000m),
            ("dataYear", 2024L), ("hasRdActivity", true), ("highTech", true), ("inventionPatents", 320L), ("foundedOn", new DateOnly(1958, 1, 1)))),
        new(NodeKind.Enterprise, Yuchai, "玉林动力机械有限公司", "Yulin Power Machinery Co., Ltd.", ["玉柴动力"], PropertyBag.Of(
            ("region", "450902"), ("fields", new[] { "internal-combustion-engines" }), ("employees", 8000L), ("revenue", 1500000m),
            ("hasRdActivity", true), ("highTech", true), ("inventionPatents", 150L), ("foundedOn", new DateOnly(1951, 6, 1)))),
        new(NodeKind.Enterprise, NanningNev, "南宁新能源汽车有限公司", "Nanning New Energy Vehicles Co., Ltd.", [], PropertyBag.Of(
            ("region", "450100"), ("fields", new[] { "new-energy-vehicles" }), ("employees", 300L), ("revenue", 20000m),
            ("hasRdActivity", false), ("highTech", false), ("techSme", true), ("inventionPatents", 4L), ("foundedOn", new DateOnly(2019, 5, 20)))),
        new(NodeKind.Enterprise, GuilinTech, "桂林示例科技有限公司", null, [], PropertyBag.Of(("region", "450300"), ("example", true))),
        new(NodeKind.University, "gxu", "广西大学", "Guangxi University", ["西大"], PropertyBag.Of(("region", "450100"), ("locality", "InRegion"), ("fields", new[] { "machinery", "automotive" }))),
        new(NodeKind.University, "guet", "桂林电子科技大学", "Guilin University of Electronic Technology", ["桂电"], PropertyBag.Of(("region", "450300"), ("locality", "InRegion"))),
        new(NodeKind.University, "thu", "清华大学", "Tsinghua University", [], PropertyBag.Of(("region", "110000"), ("locality", "OutOfRegion"))),
        new(NodeKind.ResearchInstitute, "cas-giec", "中国科学院广州能源研究所", "Guangzhou Institute of Energy Conversion, CAS", ["广州能源所"], PropertyBag.Of(("region", "440000"), ("locality", "OutOfRegion"))),
        new(NodeKind.GovernmentBody, "gx-kjt", "广西壮族自治区科学技术厅", "Department of Science and Technology of Guangxi", ["自治区科技厅"], PropertyBag.Of(("region", "450000"), ("level", "Provincial"))),
        new(NodeKind.Platform, "liugong-etc", "柳州工程机械企业技术中心", null, [], PropertyBag.Of(("region", "450204"), ("platformType", "EnterpriseTechnologyCenter"), ("level", "National"), ("status", "Accredited"), ("statusDate", new DateOnly(2012, 12, 1)))),
        new(NodeKind.Platform, "gx-nev-erc", "广西新能源汽车工程技术研究中心", null, [], PropertyBag.Of(("region", "450100"), ("platformType", "EngineeringResearchCenter"), ("level", "Provincial"), ("status", "Filed"))),
        new(NodeKind.Consortium, "gx-cm", "广西工程机械创新联合体", null, [], PropertyBag.Of(("region", "450200"), ("consortiumType", "InnovationConsortium"))),
        new(NodeKind.Challenge, "ch-battery", "新能源汽车电池热管理技术攻关", null, [], PropertyBag.Of(("region", "450100"), ("challengeKind", "TechnologyBreakthrough"), ("status", "Published"), ("budget", 500m), ("deadline", new DateOnly(2025, 6, 30)))),
        new(NodeKind.Project, "pr-smart", "智能工程机械关键技术研究", null, [], PropertyBag.Of(("region", "450200"), ("programme", "重点研发计划"), ("totalFunding", 2000m), ("publicFunding", 800m))),
        new(NodeKind.Achievement, "ach-thermal", "一种动力电池热管理方法", null, [], PropertyBag.Of(("achievementType", "专利"))),
        new(NodeKind.Person, "zhang-wei", "张伟", "Zhang Wei", [], PropertyBag.Of(("region", "450100"), ("title", "教授"))),
    ];

    public static readonly IReadOnlyList<LinkInput> Links =
    [
        Link(LinkType.Hosts, Enterprise(Liugong), "Platform:liugong-etc", start: new DateOnly(2010, 6, 1), source: "国家企业技术中心认定文件"),
        Link(LinkType.Hosts, Enterprise(NanningNev), "Platform:gx-nev-erc", start: new DateOnly(2020, 1, 1)),
        Link(LinkType.CoBuilds, "University:gxu", "Platform:liugong-etc", start: new DateOnly(2015, 3, 1)),
        Link(LinkType.CoBuilds, "University:guet", "Platform:gx-nev-erc"),
        Link(LinkType.PairedWith, Enterprise(Liugong), "University:gxu", start: new DateOnly(2021, 3, 1), source: "企业与高校院所结对子名单"),
        Link(LinkType.PairedWith, Enterprise(Liugong), "University:guet", start: new DateOnly(2022, 1, 1)),
        Link(LinkType.PairedWith, Enterprise(Liugong), "ResearchInstitute:cas-giec", start: new DateOnly(2023, 9, 1)),
        Link(LinkType.PairedWith, Enterprise(Yuchai), "University:gxu", start: new DateOnly(2021, 5, 1)),
        Link(LinkType.PairedWith, Enterprise(NanningNev), "University:guet", start: new DateOnly(2022, 7, 1)),
        Link(LinkType.ParticipatesIn, Enterprise(Liugong), "Project:pr-smart", properties: PropertyBag.Of(("role", "Lead"), ("fundingShare", 60m))),
        Link(LinkType.ParticipatesIn, "University:gxu", "Project:pr-smart", properties: PropertyBag.Of(("role", "Partner"), ("fundingShare", 40m))),
        Link(LinkType.SubsidiaryOf, Enterprise(GuilinTech), Enterprise(Liugong), properties: PropertyBag.Of(("shareholding", 51m))),
        Link(LinkType.Posts, Enterprise(NanningNev), "Challenge:ch-battery", start: new DateOnly(2025, 3, 1)),
        Link(LinkType.AppliesTo, "University:guet", "Challenge:ch-battery", properties: PropertyBag.Of(("price", 450m))),
        Link(LinkType.Awarded, "University:guet", "Challenge:ch-battery", properties: PropertyBag.Of(("amount", 480m))),
        Link(LinkType.MemberOf, Enterprise(Liugong), "Consortium:gx-cm"),
        Link(LinkType.MemberOf, "University:gxu", "Consortium:gx-cm"),
        Link(LinkType.Leads, Enterprise(Liugong), "Consortium:gx-cm"),
        Link(LinkType.CooperationAgreement, Enterprise(Liugong), "University:thu", properties: PropertyBag.Of(("title", "战略合作协议"))),
        Link(LinkType.CooperationAgreement, "ResearchInstitute:cas-giec", Enterprise(Liugong), properties: PropertyBag.Of(("title", "联合实验室协议"))),
        Link(LinkType.Transfers, "University:gxu", Enterprise(NanningNev), key: "2023-001", properties: PropertyBag.Of(("achievement", "ach-thermal"), ("amount", 120m))),
        Link(LinkType.Holds, "University:gxu", "Achievement:ach-thermal"),
        Link(LinkType.About, "Challenge:ch-battery", "Achievement:ach-thermal"),
        Link(LinkType.EmployedBy, "Person:zhang-wei", "University:gxu"),
        Link(LinkType.CommissionedTo, "Person:zhang-wei", Enterprise(Liugong), start: new DateOnly(2024, 1, 1)),
    ];

    /// <summary>Writes the sample graph in one batch (the host seeds the reference regions and fields at start).</summary>
    public static Task WriteAsync(IGraphStore store) =>
        store.WriteAsync(new WriteBatch(
            Nodes.Select(n => (WriteOperation)new WriteOperation.UpsertNode(n))
                .Concat(Links.Select(l => new WriteOperation.UpsertLink(l)))
                .ToList()));

    private static LinkInput Link(LinkType type, string from, string to, string? key = null, DateOnly? start = null, string? source = null, PropertyBag? properties = null) =>
        new(type, from, to, key, start, null, source, properties);
}

/// <summary>The application over the sample graph, shared by a test class.</summary>
public class SampleGraphApplication : KnowledgeGraphApplication, IAsyncLifetime
{
    public SampleGraphApplication()
    {
    }

    protected SampleGraphApplication(TestStore store)
        : base(store)
    {
    }

    public async Task InitializeAsync() => await SampleGraph.WriteAsync(Store);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>The application over the sample graph in the test Neo4j.</summary>
public sealed class Neo4jSampleGraphApplication() : SampleGraphApplication(TestStore.Neo4j);
