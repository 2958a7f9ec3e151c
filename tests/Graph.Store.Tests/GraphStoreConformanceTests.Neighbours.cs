using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Tests;

public abstract partial class GraphStoreConformanceTests
{
    /// <summary>The neighbours the sample's links give each of these nodes, worked out from the sample itself.</summary>
    static Dictionary<string, string[]> NeighboursInSample(IEnumerable<string> ids, Direction direction, IReadOnlyCollection<LinkType>? types = null)
    {
        var links = Sample.Links.Where(l => types is null || types.Contains(l.Type)).ToList();
        var neighbours = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct())
        {
            var outgoing = direction is Direction.Out or Direction.Both ? links.Where(l => l.FromId == id).Select(l => l.ToId) : [];
            var incoming = direction is Direction.In or Direction.Both ? links.Where(l => l.ToId == id).Select(l => l.FromId) : [];
            var ends = outgoing.Concat(incoming).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (ends.Length > 0) neighbours[id] = ends;
        }
        return neighbours;
    }

    static Dictionary<string, string[]> Plain(IReadOnlyDictionary<string, IReadOnlyList<string>> neighbours) =>
        neighbours.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

    [StoreFact]
    public async Task TheNeighbourIdsOfManyNodesComeInOneCallEachOnceInIdOrder()
    {
        await using var store = await CreateSampleStoreAsync();
        string[] ids = [Sample.University.Id, Sample.LiuGong.Id, Sample.Yuchai.Id, Sample.Province.Id, "Enterprise:missing", Sample.LiuGong.Id];

        var neighbours = await store.GetNeighbourIdsAsync(new LinkQuery(ids));

        Assert.Equal(NeighboursInSample(ids, Direction.Both), Plain(neighbours));
        // Two agreements and a pairing join 玉柴 and the university: one neighbour each way.
        Assert.Equal([Sample.University.Id], neighbours[Sample.Yuchai.Id]);
        Assert.Equal([Sample.Challenge.Id, Sample.PartsMaker.Id, Sample.Centre.Id, Sample.Academy.Id, Sample.University.Id], neighbours[Sample.LiuGong.Id]);
        Assert.False(neighbours.ContainsKey(Sample.Province.Id));
        Assert.False(neighbours.ContainsKey("Enterprise:missing"));
    }

    [StoreFact]
    public async Task DirectionAndTypesChooseWhichNeighbours()
    {
        await using var store = await CreateSampleStoreAsync();

        async Task<Dictionary<string, string[]>> NeighboursAsync(LinkQuery query) => Plain(await store.GetNeighbourIdsAsync(query));

        LinkQuery[] queries =
        [
            new([Sample.University.Id], Direction.In),
            new([Sample.University.Id], Direction.Out),
            new([Sample.University.Id], Direction.In, [LinkType.PairedWith]),
            new([Sample.University.Id, Sample.Challenge.Id], Direction.Both, [LinkType.PairedWith, LinkType.AppliesTo]),
            new([Sample.Challenge.Id, Sample.PartsMaker.Id], Direction.In),
            new([Sample.Challenge.Id], Direction.Out),
        ];
        foreach (var query in queries)
        {
            Assert.Equal(NeighboursInSample(query.NodeIds, query.Direction, query.Types), await NeighboursAsync(query));
        }
        Assert.Equal([Sample.LiuGong.Id, Sample.Yuchai.Id], (await NeighboursAsync(queries[0]))[Sample.University.Id]);
        Assert.Equal([Sample.Challenge.Id], (await NeighboursAsync(queries[1]))[Sample.University.Id]);
        Assert.Empty(await NeighboursAsync(new LinkQuery([Sample.Challenge.Id], Direction.Out)));
        Assert.Empty(await NeighboursAsync(new LinkQuery([])));
        Assert.Empty(await NeighboursAsync(new LinkQuery([Sample.LiuGong.Id], Direction.Both, [])));
    }

    [StoreFact]
    public async Task NeighbourIdsFollowWrites()
    {
        await using var store = await CreateSampleStoreAsync();

        await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteLink(Sample.LiuGongPairing.Id), new WriteOperation.DeleteNode(Sample.Centre.Id)));
        var neighbours = await store.GetNeighbourIdsAsync(new LinkQuery([Sample.LiuGong.Id]));

        Assert.Equal([Sample.Challenge.Id, Sample.PartsMaker.Id, Sample.Academy.Id], neighbours[Sample.LiuGong.Id]);
    }
}
