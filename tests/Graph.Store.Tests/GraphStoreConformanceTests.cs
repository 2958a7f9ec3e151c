using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// What every <see cref="IGraphStore"/> must do, as tests: a store's test class inherits this and says how to
/// make a fresh, empty, initialized store. Nothing here depends on timing, so a slow store passes too.
/// The other parts of this class are in the files beside it (queries, search, links, import and scans).
/// </summary>
public abstract partial class GraphStoreConformanceTests
{
    /// <summary>A new, empty, initialized store that no other test uses.</summary>
    protected abstract Task<IGraphStore> CreateStoreAsync();

    /// <summary>A new store holding <see cref="Sample"/>.</summary>
    protected async Task<IGraphStore> CreateSampleStoreAsync()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync(Sample.Batch());
        return store;
    }

    [StoreFact]
    public async Task ANewStoreIsEmptyAtDataVersionZero()
    {
        await using var store = await CreateStoreAsync();

        var counts = await store.CountAsync();

        Assert.Equal(0, counts.NodeTotal);
        Assert.Equal(0, counts.LinkTotal);
        Assert.Equal(0, await store.GetDataVersionAsync());
        Assert.Empty(await ScanAsync(store.ScanNodesAsync()));
    }

    [StoreFact]
    public async Task InitializingAgainKeepsTheData()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();

        await store.InitializeAsync();

        Assert.Equal(Sample.Nodes.Length, (await store.CountAsync()).NodeTotal);
        Assert.Equal(version, await store.GetDataVersionAsync());
    }

    [StoreFact]
    public async Task AStoredNodeIsFoundByIdAndByKey()
    {
        await using var store = await CreateSampleStoreAsync();

        var byId = await store.GetNodeAsync(Sample.LiuGong.Id);
        var byKey = await store.GetNodeByKeyAsync(NodeKind.Enterprise, Sample.LiuGong.Key);

        AssertContent(Sample.LiuGong, byId);
        AssertContent(Sample.LiuGong, byKey);
        Assert.Equal("Enterprise:91450200MA5K000001", byId!.Id);
    }

    [StoreFact]
    public async Task AMissingNodeIsNull()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Null(await store.GetNodeAsync("Enterprise:nope"));
        Assert.Null(await store.GetNodeAsync("not an id"));
        Assert.Null(await store.GetNodeByKeyAsync(NodeKind.University, Sample.LiuGong.Key));
    }

    [StoreFact]
    public async Task ABatchedGetReturnsTheFoundNodesAndLeavesOutMissingIds()
    {
        await using var store = await CreateSampleStoreAsync();

        var nodes = await store.GetNodesAsync([Sample.LiuGong.Id, "Enterprise:missing", Sample.University.Id, Sample.LiuGong.Id]);

        Assert.Equal([Sample.LiuGong.Id, Sample.University.Id], nodes.Keys.Order(StringComparer.Ordinal));
        AssertContent(Sample.University, nodes[Sample.University.Id]);
        Assert.Empty(await store.GetNodesAsync([]));
        Assert.Empty(await store.GetNodesAsync(["Enterprise:missing"]));
        var one = Assert.Single(await store.GetNodesAsync([Sample.Academy.Id]));
        AssertContent(Sample.Academy, one.Value);
    }

    [StoreFact]
    public async Task PropertiesComeBackWithTheirTypesAndExactValues()
    {
        await using var store = await CreateSampleStoreAsync();

        var node = (await store.GetNodeAsync(Sample.LiuGong.Id))!;
        var fromList = (await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new NodeFilter.Compare("key", FilterOp.Eq, Sample.LiuGong.Key)))).Items.Single();
        var fromScan = (await ScanAsync(store.ScanNodesAsync(NodeKind.Enterprise))).Single(n => n.Id == Sample.LiuGong.Id);

        foreach (var read in new[] { node, fromList, fromScan })
        {
            Assert.IsType<decimal>(read.Properties["revenue"]);
            Assert.Equal("52000.50", ((decimal)read.Properties["revenue"]).ToString(CultureInfo.InvariantCulture));
            Assert.IsType<long>(read.Properties["employees"]);
            Assert.Equal(1200L, read.Properties.Integer("employees"));
            Assert.Equal(true, read.Properties.Flag("highTech"));
            Assert.Equal(new DateOnly(1993, 1, 1), read.Properties.Date("foundedOn"));
            Assert.Equal(["machinery", "auto"], read.Properties.List("fields").AsEnumerable());
            Assert.Equal("450200", read.Properties.Text("region"));
            Assert.Equal(["柳工示例", "柳工"], read.Aliases.AsEnumerable());
            Assert.Equal(Sample.LiuGong.Properties, read.Properties);
        }
        var challenge = (await store.GetNodeAsync(Sample.Challenge.Id))!;
        Assert.Equal("500.50", challenge.Properties.Decimal("budget")!.Value.ToString(CultureInfo.InvariantCulture));
        var link = (await store.GetLinkAsync(Sample.Subsidiary.Id))!;
        Assert.Equal("51.50", link.Properties.Decimal("shareholding")!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(new DateOnly(2010, 1, 1), link.StartDate);
        Assert.Null(link.EndDate);
    }

    [StoreFact]
    public async Task AWholeNumberGivenForADecimalPropertyIsStoredAsADecimal()
    {
        await using var store = await CreateStoreAsync();
        var input = Sample.SoftwareHouse with { Properties = Sample.SoftwareHouse.Properties.With("revenue", 300L) };

        var written = (await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(input)))).Outcomes[0].Node!;
        var again = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(input)));

        Assert.IsType<decimal>(written.Properties["revenue"]);
        Assert.IsType<decimal>((await store.GetNodeAsync(input.Id))!.Properties["revenue"]);
        Assert.Equal(Change.Unchanged, again.Outcomes[0].Change);
    }

    [StoreFact]
    public async Task WriteOutcomesComeInOperationOrderWithWhatIsNowStored()
    {
        await using var store = await CreateStoreAsync();

        var result = await store.WriteAsync(Sample.Batch());

        Assert.Equal(Sample.Batch().Operations.Count, result.Outcomes.Count);
        Assert.All(result.Outcomes, o => Assert.Equal(Change.Created, o.Change));
        Assert.Equal(Sample.Nodes.Select(n => n.Id).Concat(Sample.Links.Select(l => l.Id)), result.Outcomes.Select(o => o.Id));
        Assert.True(result.Changed);
        Assert.Equal(await store.GetDataVersionAsync(), result.DataVersion);
        var node = result.Outcomes[0].Node!;
        var stored = (await store.GetNodeAsync(node.Id))!;
        AssertContent(Sample.LiuGong, node);
        Assert.Equal(stored.CreatedAt, node.CreatedAt);
        Assert.Equal(stored.UpdatedAt, node.UpdatedAt);
        var link = result.Outcomes.Single(o => o.Id == Sample.FirstAgreement.Id).Link!;
        Assert.True(link.HasSameContent(Sample.FirstAgreement));
        Assert.Equal((await store.GetLinkAsync(link.Id))!.CreatedAt, link.CreatedAt);
    }

    [StoreFact]
    public async Task UpsertingTheSameContentAgainChangesNothing()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();
        var before = (await store.GetNodeAsync(Sample.LiuGong.Id))!;
        var linkBefore = (await store.GetLinkAsync(Sample.FirstAgreement.Id))!;

        var result = await store.WriteAsync(Sample.Batch());

        Assert.All(result.Outcomes, o => Assert.Equal(Change.Unchanged, o.Change));
        Assert.False(result.Changed);
        Assert.Equal(version, result.DataVersion);
        Assert.Equal(version, await store.GetDataVersionAsync());
        var after = (await store.GetNodeAsync(Sample.LiuGong.Id))!;
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(before.UpdatedAt, result.Outcomes[0].Node!.UpdatedAt);
        var linkAfter = (await store.GetLinkAsync(Sample.FirstAgreement.Id))!;
        Assert.Equal(linkBefore.UpdatedAt, linkAfter.UpdatedAt);
    }

    [StoreFact]
    public async Task ChangedContentReplacesTheNodeKeepsCreatedAtAndMovesUpdatedAt()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();
        var before = (await store.GetNodeAsync(Sample.Yuchai.Id))!;
        await Task.Delay(20);
        var changed = Sample.Yuchai with
        {
            Name = "广西玉柴示例动力股份有限公司",
            Aliases = [],
            Properties = PropertyBag.Of(("region", "450900"), ("employees", 900L)),
        };

        var result = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(changed)));

        Assert.Equal(Change.Updated, result.Outcomes[0].Change);
        Assert.Equal(version + 1, result.DataVersion);
        var after = (await store.GetNodeAsync(Sample.Yuchai.Id))!;
        AssertContent(changed, after);
        Assert.False(after.Properties.ContainsKey("revenue"));
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.True(after.UpdatedAt > before.UpdatedAt);
        Assert.Equal(after.UpdatedAt, result.Outcomes[0].Node!.UpdatedAt);
    }

    [StoreFact]
    public async Task ChangedLinkContentReplacesTheLink()
    {
        await using var store = await CreateSampleStoreAsync();
        var before = (await store.GetLinkAsync(Sample.UniversityApplies.Id))!;
        await Task.Delay(20);
        var changed = Sample.UniversityApplies with { Properties = PropertyBag.Of(("price", 470m)), Source = "复核" };

        var result = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertLink(changed)));

        Assert.Equal(Change.Updated, result.Outcomes[0].Change);
        var after = (await store.GetLinkAsync(changed.Id))!;
        Assert.True(after.HasSameContent(changed));
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.True(after.UpdatedAt > before.UpdatedAt);
        Assert.Equal(Sample.Links.Length, (await store.CountAsync()).LinkTotal);
    }

    [StoreFact]
    public async Task TheDataVersionMovesOnEveryCommitThatChangesData()
    {
        await using var store = await CreateStoreAsync();

        var first = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(Sample.University)));
        var second = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(Sample.Academy)));
        var repeat = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(Sample.Academy)));
        var deleted = await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode(Sample.Academy.Id)));

        Assert.True(first.DataVersion > 0);
        Assert.True(second.DataVersion > first.DataVersion);
        Assert.Equal(second.DataVersion, repeat.DataVersion);
        Assert.True(deleted.DataVersion > second.DataVersion);
        Assert.Equal(deleted.DataVersion, await store.GetDataVersionAsync());
    }

    [StoreFact]
    public async Task ALinkToANodeCreatedEarlierInTheSameBatchIsWritten()
    {
        await using var store = await CreateStoreAsync();

        var result = await store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(Sample.LiuGong),
            new WriteOperation.UpsertNode(Sample.University),
            new WriteOperation.UpsertLink(Sample.LiuGongPairing)));

        Assert.Equal(Change.Created, result.Outcomes[2].Change);
        Assert.NotNull(await store.GetLinkAsync(Sample.LiuGongPairing.Id));
    }

    [StoreFact]
    public async Task ALinkToAMissingNodeIsNotFoundAndWritesNothing()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();
        var counts = await store.CountAsync();
        var newcomer = new NodeInput(NodeKind.Enterprise, "91450300MA5K000005", "桂林示例光电有限公司");

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(newcomer),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, newcomer.Id, "University:missing")))));

        Assert.Contains("University:missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.NotFound, error.Code);
        Assert.Null(await store.GetNodeAsync(newcomer.Id));
        Assert.Equal(version, await store.GetDataVersionAsync());
        await AssertCountsAsync(counts, store);
    }

    [StoreFact]
    public async Task ALinkBetweenKindsItsTypeDoesNotAllowIsARuleViolation()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();

        var wrongFrom = await Assert.ThrowsAsync<RuleViolationException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertLink(new LinkInput(LinkType.Hosts, Sample.Province.Id, Sample.Centre.Id)))));
        var wrongTo = await Assert.ThrowsAsync<RuleViolationException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, Sample.LiuGong.Id, Sample.Centre.Id)))));

        Assert.Contains(Sample.Province.Id, wrongFrom.Message, StringComparison.Ordinal);
        Assert.Contains(Sample.Centre.Id, wrongTo.Message, StringComparison.Ordinal);
        Assert.Equal(version, await store.GetDataVersionAsync());
        Assert.Equal(Sample.Links.Length, (await store.CountAsync()).LinkTotal);
    }

    [StoreTheory]
    [InlineData("", "名称")]
    [InlineData("  ", "名称")]
    [InlineData("a|b", "名称")]
    [InlineData("key", "")]
    [InlineData("key", "   ")]
    public async Task ANodeNeedsAKeyWithoutBarsAndAName(string key, string name)
    {
        await using var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<InvalidInputException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(new NodeInput(NodeKind.University, key, name)))));

        Assert.Equal(0, (await store.CountAsync()).NodeTotal);
    }

    [StoreFact]
    public async Task APropertyOfTheWrongTypeOrUnknownToTheCatalogIsInvalidInput()
    {
        await using var store = await CreateStoreAsync();

        var wrongType = await Assert.ThrowsAsync<InvalidInputException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(Sample.SoftwareHouse with { Properties = PropertyBag.Of(("revenue", "很多")) }))));
        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(Sample.SoftwareHouse with { Properties = PropertyBag.Of(("budget", 5m)) }))));

        Assert.Contains("revenue", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("budget", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.CountAsync()).NodeTotal);
    }

    [StoreFact]
    public async Task DeletingANodeRemovesItsLinks()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();

        var result = await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode(Sample.LiuGong.Id)));

        Assert.Equal(Change.Deleted, result.Outcomes[0].Change);
        Assert.True(result.DataVersion > version);
        Assert.Null(await store.GetNodeAsync(Sample.LiuGong.Id));
        Assert.Null(await store.GetLinkAsync(Sample.Hosts.Id));
        Assert.Null(await store.GetLinkAsync(Sample.Subsidiary.Id));
        Assert.Empty(await store.GetLinksAsync(new LinkQuery([Sample.LiuGong.Id])));
        var atUniversity = await store.GetLinksAsync(new LinkQuery([Sample.University.Id]));
        Assert.DoesNotContain(atUniversity, l => l.FromId == Sample.LiuGong.Id);
        var counts = await store.CountAsync();
        Assert.Equal(Sample.Links.Length - 5, counts.LinkTotal);
        Assert.Equal(0, counts.Links.GetValueOrDefault(LinkType.Hosts));
        Assert.Equal(Sample.Nodes.Length - 1, counts.NodeTotal);
        Assert.Empty(await store.SearchAsync(new SearchQuery("柳工示例机械")));
    }

    [StoreFact]
    public async Task DeletingALinkLeavesItsEnds()
    {
        await using var store = await CreateSampleStoreAsync();

        var result = await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteLink(Sample.FirstAgreement.Id)));

        Assert.Equal(Change.Deleted, result.Outcomes[0].Change);
        Assert.Null(await store.GetLinkAsync(Sample.FirstAgreement.Id));
        Assert.NotNull(await store.GetLinkAsync(Sample.SecondAgreement.Id));
        Assert.NotNull(await store.GetNodeAsync(Sample.Yuchai.Id));
        Assert.Equal(Sample.Links.Length - 1, (await store.CountAsync()).LinkTotal);
    }

    [StoreFact]
    public async Task DeletingSomethingMissingIsNotFoundAndChangesNothing()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();

        var result = await store.WriteAsync(WriteBatch.Of(
            new WriteOperation.DeleteNode("Enterprise:missing"),
            new WriteOperation.DeleteLink(LinkId.Of(LinkType.PairedWith, Sample.Yuchai.Id, Sample.Academy.Id)),
            new WriteOperation.DeleteLink("not a link id")));

        Assert.All(result.Outcomes, o => Assert.Equal(Change.NotFound, o.Change));
        Assert.False(result.Changed);
        Assert.Equal(version, result.DataVersion);
        Assert.Equal(version, await store.GetDataVersionAsync());
    }

    [StoreFact]
    public async Task AWriteExpectingAnOlderDataVersionConflictsAndWritesNothing()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();
        var renamed = Sample.University with { Name = "广西大学（示例）" };

        var error = await Assert.ThrowsAsync<ConflictException>(() => store.WriteAsync(
            new WriteBatch([new WriteOperation.UpsertNode(renamed)], ExpectedDataVersion: version - 1)));
        var unchanged = (await store.GetNodeAsync(renamed.Id))!;
        var accepted = await store.WriteAsync(new WriteBatch([new WriteOperation.UpsertNode(renamed)], ExpectedDataVersion: version));

        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Equal(Sample.University.Name, unchanged.Name);
        Assert.Equal(Change.Updated, accepted.Outcomes[0].Change);
        Assert.Equal(renamed.Name, (await store.GetNodeAsync(renamed.Id))!.Name);
    }

    [StoreFact]
    public async Task AFailingBatchLeavesNoPartialData()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();
        var counts = await store.CountAsync();
        var newcomer = new NodeInput(NodeKind.University, "glut", "桂林理工大学");

        await Assert.ThrowsAsync<RuleViolationException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(newcomer),
            new WriteOperation.UpsertNode(Sample.LiuGong with { Name = "改名示例" }),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, Sample.PartsMaker.Id, newcomer.Id)),
            new WriteOperation.DeleteNode(Sample.Yuchai.Id),
            new WriteOperation.DeleteLink(Sample.Hosts.Id),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.Posts, Sample.Challenge.Id, Sample.LiuGong.Id)))));

        Assert.Null(await store.GetNodeAsync(newcomer.Id));
        Assert.Equal(Sample.LiuGong.Name, (await store.GetNodeAsync(Sample.LiuGong.Id))!.Name);
        Assert.NotNull(await store.GetNodeAsync(Sample.Yuchai.Id));
        Assert.NotNull(await store.GetLinkAsync(Sample.Hosts.Id));
        Assert.NotNull(await store.GetLinkAsync(Sample.FirstAgreement.Id));
        Assert.Equal(version, await store.GetDataVersionAsync());
        await AssertCountsAsync(counts, store);
        Assert.Empty(await store.SearchAsync(new SearchQuery("改名示例")));
        Assert.Empty(await store.SearchAsync(new SearchQuery("桂林理工")));
        Assert.Single(await store.SearchAsync(new SearchQuery("玉柴", [NodeKind.Enterprise])));
    }

    [StoreFact]
    public async Task ConcurrentWritersAndReadersAllSucceed()
    {
        await using var store = await CreateSampleStoreAsync();
        var version = await store.GetDataVersionAsync();

        var writers = Enumerable.Range(0, 12).Select(i => Task.Run(() => store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(
            new NodeInput(NodeKind.Person, "p" + i.ToString(CultureInfo.InvariantCulture), "示例人员" + i.ToString(CultureInfo.InvariantCulture))))))).ToList();
        var readers = Enumerable.Range(0, 12).Select(_ => Task.Run(() => store.GetNodesAsync(Sample.Nodes.Select(n => n.Id).ToList()))).ToList();
        await Task.WhenAll(writers.Cast<Task>().Concat(readers));

        Assert.Equal(12, (await store.CountAsync()).Nodes[NodeKind.Person]);
        Assert.Equal(version + 12, await store.GetDataVersionAsync());
        foreach (var read in readers) Assert.Equal(Sample.Nodes.Length, (await read).Count);
    }

    [StoreFact]
    public async Task AnOperationWhoseCallerHasGivenUpIsCancelled()
    {
        await using var store = await CreateSampleStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise]), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SearchAsync(new SearchQuery("柳工"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode(Sample.LiuGong.Id)), cancelled.Token));

        Assert.NotNull(await store.GetNodeAsync(Sample.LiuGong.Id));
    }

    /// <summary>Asserts that the stored node has exactly the input's content.</summary>
    protected static void AssertContent(NodeInput expected, Node? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.NameEn, actual.NameEn);
        Assert.Equal(expected.Aliases.AsEnumerable(), actual.Aliases.AsEnumerable());
        Assert.Equal(expected.Properties, actual.Properties);
        Assert.True(actual.HasSameContent(expected));
    }

    static async Task AssertCountsAsync(GraphCounts expected, IGraphStore store)
    {
        var actual = await store.CountAsync();
        Assert.Equal(expected.NodeTotal, actual.NodeTotal);
        Assert.Equal(expected.LinkTotal, actual.LinkTotal);
        foreach (var kind in Enum.GetValues<NodeKind>()) Assert.Equal(expected.Nodes.GetValueOrDefault(kind), actual.Nodes.GetValueOrDefault(kind));
        foreach (var type in Enum.GetValues<LinkType>()) Assert.Equal(expected.Links.GetValueOrDefault(type), actual.Links.GetValueOrDefault(type));
    }

    /// <summary>Everything a scan yields.</summary>
    protected static async Task<List<T>> ScanAsync<T>(IAsyncEnumerable<T> scan)
    {
        var items = new List<T>();
        await foreach (var item in scan) items.Add(item);
        return items;
    }
}
