using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Tests.Collaboration;

/// <summary>
/// The application (its configured SQLite store, which AddCollaboration wraps) holding a small collaboration network.
/// <code>
///   柳州工程机械 (Liuzhou) ─ 广西大学 (Nanning)        pairing 2019
///   柳州工程机械 ─ 柳州汽车零部件 (Liuzhou)             technology contract 2022
///   柳州汽车零部件 ─ 南宁大数据 (Nanning)               co-built platform 2020
///   广西大学 ─ 南宁大数据                               agreement 2021
///   南宁大数据 ─ 清华大学 (Beijing)                     agreement 2023
///   清华大学 ─ 柳州汽车零部件                           technology contract 2020
/// </code>
/// </summary>
public sealed class CollaborationApplication : KnowledgeGraphApplication
{
    public const string Machinery = "Enterprise:91450200MA5K000001";
    public const string AutoParts = "Enterprise:91450200MA5K000002";
    public const string BigData = "Enterprise:91450100MA5K000003";
    public const string Gxu = "University:gxu";
    public const string Tsinghua = "University:tsinghua";
    public const string Platform = "Platform:liuzhou-lab";

    /// <summary>A new application holding the network above.</summary>
    public static async Task<CollaborationApplication> SeededAsync()
    {
        var app = new CollaborationApplication();
        await app.SeedAsync();
        return app;
    }

    /// <summary>Writes the network above.</summary>
    public async Task SeedAsync()
    {
        WriteOperation Org(NodeKind kind, string id, string name, string region, string field) =>
            new WriteOperation.UpsertNode(new NodeInput(kind, id[(id.IndexOf(':') + 1)..], name,
                Properties: PropertyBag.Of(("region", region), ("fields", new[] { field }))));
        WriteOperation Tie(LinkType type, string from, string to, int year) =>
            new WriteOperation.UpsertLink(new LinkInput(type, from, to, StartDate: new DateOnly(year, 1, 1)));

        await Store.WriteAsync(WriteBatch.Of(
            Org(NodeKind.Enterprise, Machinery, "柳州工程机械, 股份", "450205", "construction-machinery"),
            Org(NodeKind.Enterprise, AutoParts, "柳州汽车零部件", "450202", "auto-parts"),
            Org(NodeKind.Enterprise, BigData, "南宁\"大数据\"", "450103", "big-data"),
            Org(NodeKind.University, Gxu, "广西大学", "450107", "machinery"),
            Org(NodeKind.University, Tsinghua, "清华大学", "110108", "machinery"),
            new WriteOperation.UpsertNode(new NodeInput(NodeKind.Platform, "liuzhou-lab", "柳州联合实验室")),
            Tie(LinkType.PairedWith, Machinery, Gxu, 2019),
            Tie(LinkType.Transfers, AutoParts, Machinery, 2022),
            Tie(LinkType.Hosts, AutoParts, Platform, 2020),
            Tie(LinkType.CoBuilds, BigData, Platform, 2020),
            Tie(LinkType.CooperationAgreement, Gxu, BigData, 2021),
            Tie(LinkType.CooperationAgreement, BigData, Tsinghua, 2023),
            Tie(LinkType.Transfers, Tsinghua, AutoParts, 2020)));
    }
}
