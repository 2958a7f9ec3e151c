using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Tests;

public abstract partial class GraphStoreConformanceTests
{
    static async Task<string[]> SearchLabelsAsync(IGraphStore store, string text, IReadOnlyCollection<NodeKind>? kinds = null, int limit = 20) =>
        (await store.SearchAsync(new SearchQuery(text, kinds, limit))).Select(n => Labels[n.Id]).ToArray();

    [StoreFact]
    public async Task ATwoCharacterChineseQueryFindsNamesThatContainIt()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["YC"], await SearchLabelsAsync(store, "玉柴"));
        Assert.Equal(["PM"], await SearchLabelsAsync(store, "柳州"));
        Assert.Equal(["GXU"], await SearchLabelsAsync(store, "西大"));
        Assert.Equal(["GX", "GXU", "LG", "YC", "ERC"], await SearchLabelsAsync(store, "广西"));
    }

    [StoreFact]
    public async Task AOneCharacterQueryFindsNamesThatContainIt()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["YC"], await SearchLabelsAsync(store, "柴"));
        Assert.Equal(["SH"], await SearchLabelsAsync(store, "宁"));
    }

    [StoreFact]
    public async Task ALongerQueryFindsNamesThatContainItAnywhere()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["LG"], await SearchLabelsAsync(store, "示例机械"));
        Assert.Equal(["PM"], await SearchLabelsAsync(store, "汽车零部件"));
        Assert.Equal(["CAS"], await SearchLabelsAsync(store, "中国科学院"));
        Assert.Empty(await SearchLabelsAsync(store, "机械示例"));
    }

    [StoreFact]
    public async Task EnglishNamesAreFoundWhateverTheirCase()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["GXU"], await SearchLabelsAsync(store, "guangxi university"));
        Assert.Equal(["LG"], await SearchLabelsAsync(store, "LIUGONG"));
        Assert.Equal(["CAS"], await SearchLabelsAsync(store, "Academy of"));
    }

    [StoreFact]
    public async Task ExactMatchesComeFirstThenPrefixesThenSubstringsShorterNamesFirst()
    {
        await using var store = await CreateSampleStoreAsync();

        // LG has the alias 柳工; ACH starts with it; CH (9 characters) and ERC (14) contain it.
        Assert.Equal(["LG", "ACH", "CH", "ERC"], await SearchLabelsAsync(store, "柳工"));
        Assert.Equal(["LG", "ACH", "CH", "ERC"], await SearchLabelsAsync(store, "柳工示例"));
        Assert.Equal(["GX", "GXU", "LG", "YC", "ERC"], await SearchLabelsAsync(store, "广西"));
    }

    [StoreFact]
    public async Task EquallyRankedNamesAreOrderedByIdWhereTheLimitCutsBetweenThem()
    {
        await using var store = await CreateStoreAsync();
        await store.WriteAsync(new WriteBatch(Sample.Nodes.Reverse().Select(n => (WriteOperation)new WriteOperation.UpsertNode(n)).ToList()));

        // LG and YC both start with 广西 and are 12 characters long; LG has the smaller id.
        Assert.Equal(["GX", "GXU", "LG"], await SearchLabelsAsync(store, "广西", limit: 3));
        Assert.Equal(["GX", "GXU", "LG", "YC"], await SearchLabelsAsync(store, "广西", limit: 4));
    }

    [StoreFact]
    public async Task SearchKeepsToTheKindsAskedForAndTheLimit()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["ERC"], await SearchLabelsAsync(store, "柳工", [NodeKind.Platform]));
        Assert.Equal(["LG", "ERC"], await SearchLabelsAsync(store, "柳工", [NodeKind.Platform, NodeKind.Enterprise]));
        Assert.Equal(["LG", "ACH"], await SearchLabelsAsync(store, "柳工", limit: 2));
        Assert.Empty(await SearchLabelsAsync(store, "柳工", [NodeKind.Person]));
    }

    [StoreFact]
    public async Task AQueryThatMatchesNothingOrIsBlankFindsNothing()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Empty(await SearchLabelsAsync(store, "深圳"));
        Assert.Empty(await SearchLabelsAsync(store, "不存在的名称"));
        Assert.Empty(await SearchLabelsAsync(store, "   "));
        Assert.Empty(await SearchLabelsAsync(store, "%"));
        Assert.Empty(await SearchLabelsAsync(store, "\"柳工"));
    }

    [StoreFact]
    public async Task SearchFollowsRenamesAndDeletes()
    {
        await using var store = await CreateSampleStoreAsync();

        await store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(Sample.Yuchai with { Name = "广西示例动力有限公司", Aliases = ["桂动"] }),
            new WriteOperation.DeleteNode(Sample.Academy.Id)));

        Assert.Empty(await SearchLabelsAsync(store, "玉柴"));
        Assert.Equal(["YC"], await SearchLabelsAsync(store, "桂动"));
        Assert.Equal(["YC"], await SearchLabelsAsync(store, "示例动力"));
        Assert.Empty(await SearchLabelsAsync(store, "中国科学院"));
        Assert.Empty(await SearchLabelsAsync(store, "Academy"));
    }
}
