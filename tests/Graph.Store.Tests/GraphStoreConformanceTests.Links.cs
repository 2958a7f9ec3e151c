using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Tests;

public abstract partial class GraphStoreConformanceTests
{
    static string[] IdsOf(IEnumerable<LinkInput> links) => links.Select(l => l.Id).Order(StringComparer.Ordinal).ToArray();

    [StoreFact]
    public async Task AStoredLinkIsFoundByIdWithItsContent()
    {
        await using var store = await CreateSampleStoreAsync();

        var link = await store.GetLinkAsync(Sample.FirstAgreement.Id);

        Assert.NotNull(link);
        Assert.Equal("COOPERATION_AGREEMENT|Enterprise:91450900MA5K000002|University:gxu|2023-001", link.Id);
        Assert.True(link.HasSameContent(Sample.FirstAgreement));
        Assert.Equal("产学研合作协议", link.Properties.Text("title"));
        Assert.Equal(new DateOnly(2026, 2, 28), link.EndDate);
        Assert.Equal("示例协议", link.Source);
        Assert.Null((await store.GetLinkAsync(Sample.Hosts.Id))!.Key);
    }

    [StoreFact]
    public async Task AMissingLinkIsNull()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Null(await store.GetLinkAsync(LinkId.Of(LinkType.PairedWith, Sample.Yuchai.Id, Sample.Academy.Id)));
        Assert.Null(await store.GetLinkAsync(LinkId.Of(LinkType.CooperationAgreement, Sample.Yuchai.Id, Sample.University.Id)));
        Assert.Null(await store.GetLinkAsync("NO_SUCH_TYPE|a|b"));
        Assert.Null(await store.GetLinkAsync("nonsense"));
    }

    [StoreFact]
    public async Task TwoLinksOfATypeBetweenTheSameNodesAreToldApartByKey()
    {
        await using var store = await CreateSampleStoreAsync();

        var links = await store.GetLinksAsync(new LinkQuery([Sample.Yuchai.Id], Direction.Out, [LinkType.CooperationAgreement]));

        Assert.Equal(IdsOf([Sample.FirstAgreement, Sample.SecondAgreement]), links.Select(l => l.Id));
        Assert.Equal(["2023-001", "2024-007"], links.Select(l => l.Key));
        Assert.Equal(2, (await store.CountAsync()).Links[LinkType.CooperationAgreement]);
    }

    [StoreFact]
    public async Task TheLinksOfManyNodesComeInOneCallOrderedById()
    {
        await using var store = await CreateSampleStoreAsync();

        var links = await store.GetLinksAsync(new LinkQuery([Sample.LiuGong.Id, Sample.Yuchai.Id, "Enterprise:missing"], Direction.Out));

        Assert.Equal(IdsOf(Sample.Links.Where(l => l.FromId == Sample.LiuGong.Id || l.FromId == Sample.Yuchai.Id)), links.Select(l => l.Id));
        var pairing = links.Single(l => l.Id == Sample.LiuGongPairing.Id);
        Assert.True(pairing.HasSameContent(Sample.LiuGongPairing));
    }

    [StoreFact]
    public async Task DirectionAndTypesChooseWhichLinksOfTheNodes()
    {
        await using var store = await CreateSampleStoreAsync();

        async Task<IEnumerable<string>> IdsAsync(LinkQuery query) => (await store.GetLinksAsync(query)).Select(l => l.Id);

        Assert.Equal(IdsOf([Sample.LiuGongPairing, Sample.YuchaiPairing, Sample.FirstAgreement, Sample.SecondAgreement]),
            await IdsAsync(new LinkQuery([Sample.University.Id], Direction.In)));
        Assert.Equal(IdsOf([Sample.UniversityApplies]), await IdsAsync(new LinkQuery([Sample.University.Id], Direction.Out)));
        Assert.Equal(IdsOf([Sample.LiuGongPairing, Sample.YuchaiPairing]),
            await IdsAsync(new LinkQuery([Sample.University.Id], Direction.In, [LinkType.PairedWith])));
        Assert.Equal(IdsOf([Sample.LiuGongPairing, Sample.YuchaiPairing, Sample.UniversityApplies]),
            await IdsAsync(new LinkQuery([Sample.University.Id], Direction.Both, [LinkType.PairedWith, LinkType.AppliesTo])));
        Assert.Equal(IdsOf([Sample.Hosts, Sample.Subsidiary, Sample.LiuGongPairing, Sample.AcademyPairing, Sample.Posts]),
            await IdsAsync(new LinkQuery([Sample.LiuGong.Id])));
        Assert.Equal(IdsOf([Sample.Hosts, Sample.Subsidiary, Sample.LiuGongPairing, Sample.AcademyPairing, Sample.Posts]),
            await IdsAsync(new LinkQuery([Sample.LiuGong.Id, Sample.PartsMaker.Id], Direction.Both)));
        Assert.Equal(IdsOf([Sample.Posts, Sample.UniversityApplies, Sample.AcademyApplies]),
            await IdsAsync(new LinkQuery([Sample.Challenge.Id], Direction.In)));
        Assert.Empty(await IdsAsync(new LinkQuery([Sample.Challenge.Id], Direction.Out)));
        Assert.Equal(IdsOf([Sample.LiuGongPairing, Sample.YuchaiPairing, Sample.UniversityApplies, Sample.AcademyApplies]),
            await IdsAsync(new LinkQuery([Sample.University.Id, Sample.Challenge.Id, "University:missing"], Direction.In, [LinkType.PairedWith, LinkType.AppliesTo])));
        Assert.Empty(await IdsAsync(new LinkQuery(["Enterprise:missing"], Direction.Out)));
        Assert.Empty(await IdsAsync(new LinkQuery(["Enterprise:missing"], Direction.In, [LinkType.PairedWith])));
        Assert.Empty(await IdsAsync(new LinkQuery([])));
        Assert.Empty(await IdsAsync(new LinkQuery([Sample.LiuGong.Id], Direction.Both, [])));
    }

    [StoreFact]
    public async Task ScansGiveEveryNodeAndLinkInIdOrder()
    {
        await using var store = await CreateSampleStoreAsync();

        var nodes = await ScanAsync(store.ScanNodesAsync());
        var enterprises = await ScanAsync(store.ScanNodesAsync(NodeKind.Enterprise));
        var links = await ScanAsync(store.ScanLinksAsync());
        var pairings = await ScanAsync(store.ScanLinksAsync(LinkType.PairedWith));

        Assert.Equal(Sample.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), nodes.Select(n => n.Id));
        AssertContent(Sample.Academy, nodes.Single(n => n.Id == Sample.Academy.Id));
        Assert.Equal(Sample.Enterprises.Select(n => n.Id), enterprises.Select(n => n.Id));
        Assert.Equal(IdsOf(Sample.Links), links.Select(l => l.Id));
        Assert.True(links.Single(l => l.Id == Sample.Subsidiary.Id).HasSameContent(Sample.Subsidiary));
        Assert.Equal(IdsOf([Sample.LiuGongPairing, Sample.YuchaiPairing, Sample.AcademyPairing]), pairings.Select(l => l.Id));
    }

    [StoreFact]
    public async Task LinksAreOrderedByTheirIdTextEvenWhenOneNodeIdStartsAnother()
    {
        await using var store = await CreateStoreAsync();
        var enterprise = new NodeInput(NodeKind.Enterprise, "e", "示例企业");
        var short_ = new NodeInput(NodeKind.University, "gx", "示例大学");
        var long_ = new NodeInput(NodeKind.University, "gx2", "示例二大学");
        LinkInput[] agreements =
        [
            new(LinkType.CooperationAgreement, short_.Id, enterprise.Id),
            new(LinkType.CooperationAgreement, short_.Id, enterprise.Id, "k"),
            new(LinkType.CooperationAgreement, long_.Id, enterprise.Id),
        ];
        await store.WriteAsync(new WriteBatch([
            new WriteOperation.UpsertNode(enterprise), new WriteOperation.UpsertNode(short_), new WriteOperation.UpsertNode(long_),
            .. agreements.Select(a => (WriteOperation)new WriteOperation.UpsertLink(a)),
        ]));

        var scanned = await ScanAsync(store.ScanLinksAsync());
        var loaded = await store.GetLinksAsync(new LinkQuery([enterprise.Id]));

        Assert.Equal(IdsOf(agreements), scanned.Select(l => l.Id));
        Assert.Equal(IdsOf(agreements), loaded.Select(l => l.Id));
        Assert.StartsWith("COOPERATION_AGREEMENT|University:gx2|", scanned[0].Id, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task CountsGiveNodesByKindAndLinksByType()
    {
        await using var store = await CreateSampleStoreAsync();

        var counts = await store.CountAsync();

        Assert.Equal(Sample.Nodes.Length, counts.NodeTotal);
        Assert.Equal(Sample.Links.Length, counts.LinkTotal);
        Assert.Equal(4, counts.Nodes[NodeKind.Enterprise]);
        Assert.Equal(1, counts.Nodes[NodeKind.Region]);
        Assert.Equal(0, counts.Nodes.GetValueOrDefault(NodeKind.Person));
        Assert.Equal(3, counts.Links[LinkType.PairedWith]);
        Assert.Equal(2, counts.Links[LinkType.AppliesTo]);
        Assert.Equal(0, counts.Links.GetValueOrDefault(LinkType.Transfers));
    }

    [StoreFact]
    public async Task ALinkReadFromEitherEndHasItsTypeEndsAndKeyEvenWhenTheKeyHoldsTheSeparator()
    {
        await using var store = await CreateSampleStoreAsync();
        var keyed = new LinkInput(LinkType.CooperationAgreement, Sample.Yuchai.Id, Sample.University.Id, Key: "2025|补充", Source: "补充协议");
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertLink(keyed)));

        var byId = await store.GetLinkAsync(keyed.Id);
        var outOfYuchai = await store.GetLinksAsync(new LinkQuery([Sample.Yuchai.Id], Direction.Out, [LinkType.CooperationAgreement]));
        var intoUniversity = await store.GetLinksAsync(new LinkQuery([Sample.University.Id], Direction.In, [LinkType.CooperationAgreement]));
        var atUniversity = await store.GetLinksAsync(new LinkQuery([Sample.University.Id], Direction.Both, [LinkType.CooperationAgreement]));
        var scanned = await ScanAsync(store.ScanLinksAsync(LinkType.CooperationAgreement));

        foreach (var link in new[] { byId }.Concat(outOfYuchai).Concat(intoUniversity).Concat(atUniversity).Concat(scanned).Where(l => l?.Id == keyed.Id))
        {
            Assert.Equal(LinkType.CooperationAgreement, link!.Type);
            Assert.Equal(Sample.Yuchai.Id, link.FromId);
            Assert.Equal(Sample.University.Id, link.ToId);
            Assert.Equal("2025|补充", link.Key);
            Assert.True(link.HasSameContent(keyed));
        }
        Assert.NotNull(byId);
        Assert.Contains(keyed.Id, outOfYuchai.Select(l => l.Id));
        Assert.Contains(keyed.Id, intoUniversity.Select(l => l.Id));
        Assert.Contains(keyed.Id, atUniversity.Select(l => l.Id));
        Assert.Contains(keyed.Id, scanned.Select(l => l.Id));
        Assert.All(atUniversity, l => Assert.Equal(Sample.University.Id, l.ToId));
    }
}
