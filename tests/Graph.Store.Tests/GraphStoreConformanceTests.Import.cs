using System.Runtime.CompilerServices;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Tests;

public abstract partial class GraphStoreConformanceTests
{
    /// <summary>Records progress as it is reported, on the reporting thread.</summary>
    sealed class ProgressRecorder : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value)
        {
            lock (Values) Values.Add(value);
        }
    }

    [StoreFact]
    public async Task AnImportCreatesEverythingAndSaysWhat()
    {
        await using var store = await CreateStoreAsync();
        var progress = new ProgressRecorder();

        var result = await store.ImportAsync(Sample.Stream(), progress);

        Assert.Equal(new ImportResult(Sample.Nodes.Length, 0, 0, Sample.Links.Length, 0, 0, result.DataVersion), result);
        Assert.True(result.DataVersion > 0);
        Assert.Equal(result.DataVersion, await store.GetDataVersionAsync());
        Assert.Equal(Sample.Nodes.Length + Sample.Links.Length, progress.Values[^1]);
        foreach (var node in Sample.Nodes) AssertContent(node, await store.GetNodeAsync(node.Id));
        foreach (var link in Sample.Links) Assert.True((await store.GetLinkAsync(link.Id))!.HasSameContent(link));
    }

    [StoreFact]
    public async Task ImportingTheSameDataAgainChangesNothing()
    {
        await using var store = await CreateStoreAsync();
        var first = await store.ImportAsync(Sample.Stream());
        var before = (await store.GetNodeAsync(Sample.LiuGong.Id))!;

        var second = await store.ImportAsync(Sample.Stream());

        Assert.Equal(new ImportResult(0, 0, Sample.Nodes.Length, 0, 0, Sample.Links.Length, first.DataVersion), second);
        Assert.Equal(first.DataVersion, await store.GetDataVersionAsync());
        Assert.Equal(before.UpdatedAt, (await store.GetNodeAsync(Sample.LiuGong.Id))!.UpdatedAt);
    }

    [StoreFact]
    public async Task AnImportReplacesWhatChanged()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();
        var renamed = Sample.Yuchai with { Name = "广西示例动力有限公司", Aliases = ["桂动"] };
        var repriced = Sample.AcademyApplies with { Properties = PropertyBag.Of(("price", 440.5m)) };

        var result = await store.ImportAsync(Sample.Stream([new WriteOperation.UpsertNode(renamed), new WriteOperation.UpsertLink(repriced)]));

        Assert.Equal(1, result.NodesUpdated);
        Assert.Equal(Sample.Nodes.Length, result.NodesUnchanged);
        Assert.Equal(1, result.LinksUpdated);
        Assert.Equal(Sample.Links.Length, result.LinksUnchanged);
        Assert.True(result.DataVersion > version);
        AssertContent(renamed, await store.GetNodeAsync(renamed.Id));
        Assert.Equal(440.5m, (await store.GetLinkAsync(repriced.Id))!.Properties.Decimal("price"));
        Assert.Equal(["YC"], await SearchLabelsAsync(store, "桂动"));
        Assert.Empty(await SearchLabelsAsync(store, "玉柴"));
    }

    [StoreFact]
    public async Task AnImportWithALinkToAMissingNodeWritesNothing()
    {
        await using var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.ImportAsync(Sample.Stream(
            [new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, Sample.SoftwareHouse.Id, "ResearchInstitute:missing"))])));

        Assert.Contains("ResearchInstitute:missing", error.Message, StringComparison.Ordinal);
        await AssertEmptyAsync(store);
    }

    [StoreFact]
    public async Task AnImportWithALinkBetweenWrongKindsWritesNothing()
    {
        await using var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<RuleViolationException>(() => store.ImportAsync(Sample.Stream(
            [new WriteOperation.UpsertLink(new LinkInput(LinkType.About, Sample.Achievement.Id, Sample.Challenge.Id))])));

        await AssertEmptyAsync(store);
    }

    [StoreFact]
    public async Task AnImportWithAnInvalidNodeWritesNothing()
    {
        await using var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<InvalidInputException>(() => store.ImportAsync(Sample.Stream(
            [new WriteOperation.UpsertNode(new NodeInput(NodeKind.Person, "p|1", "示例人员"))])));

        await AssertEmptyAsync(store);
    }

    [StoreFact]
    public async Task ACancelledImportWritesNothing()
    {
        await using var store = await CreateStoreAsync();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.ImportAsync(CancelAfterAsync(Sample.Stream(), 5, cancellation), cancellationToken: cancellation.Token));

        await AssertEmptyAsync(store);
    }

    [StoreFact]
    public async Task ImportedNamesAreSearchable()
    {
        await using var store = await CreateStoreAsync();

        await store.ImportAsync(Sample.Stream());

        Assert.Equal(["LG", "ACH", "CH", "ERC"], await SearchLabelsAsync(store, "柳工"));
        Assert.Equal(["YC"], await SearchLabelsAsync(store, "柴"));
        Assert.Equal(["PM"], await SearchLabelsAsync(store, "汽车零部件"));
        Assert.Equal(["GXU"], await SearchLabelsAsync(store, "Guangxi University"));
    }

    [StoreFact]
    public async Task AnImportIntoAStoreWithDataKeepsBothSearchable()
    {
        await using var store = await CreateSampleStoreAsync();
        var expert = new NodeInput(NodeKind.Person, "expert-1", "玉林示例专家", Aliases: ["柳工专家"]);

        await store.ImportAsync(ToAsync([new WriteOperation.UpsertNode(expert)]));

        Assert.Equal(["YC"], await SearchLabelsAsync(store, "玉柴"));
        Assert.Equal(expert.Id, (await store.SearchAsync(new SearchQuery("柳工专家"))).Single().Id);
        Assert.Equal(expert.Id, (await store.SearchAsync(new SearchQuery("玉林"))).Single().Id);
        Assert.Equal(5, (await store.SearchAsync(new SearchQuery("柳工"))).Count);
    }

    async Task AssertEmptyAsync(IGraphStore store)
    {
        var counts = await store.CountAsync();
        Assert.Equal(0, counts.NodeTotal);
        Assert.Equal(0, counts.LinkTotal);
        Assert.Equal(0, await store.GetDataVersionAsync());
        Assert.Null(await store.GetNodeAsync(Sample.LiuGong.Id));
        Assert.Empty(await store.SearchAsync(new SearchQuery("柳工")));
        Assert.Empty(await store.SearchAsync(new SearchQuery("示例机械")));
        Assert.Empty(await ScanAsync(store.ScanNodesAsync()));
    }

    static async IAsyncEnumerable<WriteOperation> ToAsync(IEnumerable<WriteOperation> operations)
    {
        foreach (var operation in operations)
        {
            await Task.Yield();
            yield return operation;
        }
    }

    static async IAsyncEnumerable<WriteOperation> CancelAfterAsync(
        IAsyncEnumerable<WriteOperation> operations, int count, CancellationTokenSource cancellation,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var given = 0;
        await foreach (var operation in operations)
        {
            if (given++ == count) await cancellation.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            yield return operation;
        }
    }
}
