using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;
using KnowledgeGraph.Synthetic;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// The bulk load of the embedded store (an import into an empty store writes its links at the end, in key order)
/// gives what the row-by-row path gives: the same counts, the same content, the later of two upserts winning.
/// </summary>
public sealed class SqliteBulkImportTests
{
    static readonly LinkInput Repriced = Sample.AcademyApplies with { Properties = PropertyBag.Of(("price", 440.5m)) };
    static readonly LinkInput Resourced = Sample.Hosts with { Source = "示例年报" };

    /// <summary>Repeats of links in one import: the same content, other content, and other content repeated.</summary>
    static readonly WriteOperation[] Repeats =
    [
        new WriteOperation.UpsertLink(Sample.LiuGongPairing),
        new WriteOperation.UpsertLink(Repriced),
        new WriteOperation.UpsertLink(Repriced),
        new WriteOperation.UpsertLink(Resourced),
        new WriteOperation.UpsertLink(Sample.FirstAgreement),
    ];

    static async Task<SqliteGraphStore> CreateStoreAsync(bool bulk)
    {
        var options = SqliteStoreOptions.InMemory("bulk-" + Guid.NewGuid().ToString("N")) with { BulkImportBelowNodes = bulk ? 20_000 : 0 };
        var store = new SqliteGraphStore(options);
        await store.InitializeAsync();
        return store;
    }

    static async Task<(ImportResult Result, GraphCounts Counts, List<Link?> Links)> ImportAsync(bool bulk, IEnumerable<WriteOperation> more)
    {
        await using var store = await CreateStoreAsync(bulk);
        var result = await store.ImportAsync(Sample.Stream(more));
        var links = new List<Link?>();
        foreach (var link in Sample.Links) links.Add(await store.GetLinkAsync(link.Id));
        return (result, await store.CountAsync(), links);
    }

    static void AssertSame((ImportResult Result, GraphCounts Counts, List<Link?> Links) bulk, (ImportResult Result, GraphCounts Counts, List<Link?> Links) direct)
    {
        Assert.Equal(direct.Result, bulk.Result with { DataVersion = direct.Result.DataVersion });
        Assert.Equal(direct.Counts.Links.OrderBy(c => c.Key), bulk.Counts.Links.OrderBy(c => c.Key));
        Assert.Equal(direct.Links.Count, bulk.Links.Count);
        for (var i = 0; i < direct.Links.Count; i++)
        {
            Assert.Equal(direct.Links[i] is null, bulk.Links[i] is null);
            if (direct.Links[i] is { } expected) Assert.Equal(expected, bulk.Links[i]! with { CreatedAt = expected.CreatedAt, UpdatedAt = expected.UpdatedAt });
        }
    }

    [Fact]
    public async Task RepeatedLinksInABulkLoadCountAndEndAsRowByRow()
    {
        var bulk = await ImportAsync(bulk: true, Repeats);
        var direct = await ImportAsync(bulk: false, Repeats);

        AssertSame(bulk, direct);
        Assert.Equal(new ImportResult(Sample.Nodes.Length, 0, 0, Sample.Links.Length, 2, 3, bulk.Result.DataVersion), bulk.Result);
        Assert.Equal(440.5m, bulk.Links[Array.IndexOf(Sample.Links, Sample.AcademyApplies)]!.Properties.Decimal("price"));
        Assert.Equal("示例年报", bulk.Links[Array.IndexOf(Sample.Links, Sample.Hosts)]!.Source);
    }

    [Fact]
    public async Task NodesChangedAfterTheFirstLinkOfABulkLoadAreSearchedAsRowByRow()
    {
        var renamed = Sample.Yuchai with { Name = "广西示例动力有限公司", Aliases = ["桂动"] };
        var expert = new NodeInput(NodeKind.Person, "expert-1", "玉林示例专家", Aliases: ["柳工专家"]);
        WriteOperation[] more =
        [
            new WriteOperation.UpsertNode(renamed),
            new WriteOperation.DeleteNode(Sample.PartsMaker.Id),
            new WriteOperation.UpsertNode(expert),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.EmployedBy, expert.Id, Sample.LiuGong.Id)),
        ];
        string[] terms = ["玉柴", "桂动", "柳工", "柳工专家", "零部件", "示例", "广西"];

        async Task<List<string[]>> SearchAfterImportAsync(bool bulk)
        {
            await using var store = await CreateStoreAsync(bulk);
            await store.ImportAsync(Sample.Stream(more));
            var found = new List<string[]>();
            foreach (var term in terms) found.Add([.. (await store.SearchAsync(new SearchQuery(term))).Select(n => n.Id)]);
            found.Add([.. (await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], Filter: null))).Items.Select(n => n.Id)]);
            return found;
        }

        var direct = await SearchAfterImportAsync(bulk: false);
        var bulk = await SearchAfterImportAsync(bulk: true);

        Assert.Equal(direct, bulk);
        Assert.Equal([renamed.Id], direct[1]);
        Assert.Empty(direct[0]);
        Assert.Empty(direct[4]);
    }

    [Fact]
    public async Task RepeatedNodesBeforeTheFirstLinkOfABulkLoadCountAndEndAsRowByRow()
    {
        // Into an empty store the nodes that come first are written on another thread: repeats among them still count,
        // end and are searched as row by row.
        var renamed = Sample.Yuchai with { Name = "广西示例动力有限公司", Aliases = ["桂动"] };
        var operations = Sample.Batch().Operations;
        var nodes = operations.TakeWhile(o => o is WriteOperation.UpsertNode).ToList();
        WriteOperation[] repeats =
        [
            new WriteOperation.UpsertNode(Sample.LiuGong),
            new WriteOperation.UpsertNode(renamed),
            new WriteOperation.UpsertNode(renamed),
        ];
        string[] terms = ["玉柴", "桂动", "柳工", "示例"];

        async Task<(ImportResult Result, Node? Yuchai, List<string[]> Found)> ImportAsync(bool bulk)
        {
            await using var store = await CreateStoreAsync(bulk);
            async IAsyncEnumerable<WriteOperation> Stream()
            {
                foreach (var operation in nodes.Concat(repeats).Concat(operations.Skip(nodes.Count)))
                {
                    await Task.Yield();
                    yield return operation;
                }
            }
            var result = await store.ImportAsync(Stream());
            var found = new List<string[]>();
            foreach (var term in terms) found.Add([.. (await store.SearchAsync(new SearchQuery(term))).Select(n => n.Id)]);
            return (result, await store.GetNodeAsync(renamed.Id), found);
        }

        var direct = await ImportAsync(bulk: false);
        var bulk = await ImportAsync(bulk: true);

        Assert.Equal(direct.Result, bulk.Result with { DataVersion = direct.Result.DataVersion });
        Assert.Equal((1, 2), (direct.Result.NodesUpdated, direct.Result.NodesUnchanged));
        Assert.Equal(renamed.Name, direct.Yuchai!.Name);
        Assert.Equal(direct.Yuchai.Name, bulk.Yuchai!.Name);
        Assert.Equal(direct.Yuchai.Aliases.ToArray(), bulk.Yuchai.Aliases.ToArray());
        Assert.Equal(direct.Yuchai.Properties, bulk.Yuchai.Properties);
        Assert.Equal(direct.Found, bulk.Found);
        Assert.Equal([renamed.Id], bulk.Found[1]);
    }

    [Fact]
    public async Task AnImportThatFailsWhileItsNodesAreWrittenWritesNothing()
    {
        // Into an empty store the first nodes are written on another thread while the next are checked: a bad node, or
        // a source that fails, among them ends the import with that error and leaves the store as it was.
        var nodes = Sample.Batch().Operations.TakeWhile(o => o is WriteOperation.UpsertNode).ToList();
        static async IAsyncEnumerable<WriteOperation> Stream(IEnumerable<WriteOperation> operations, Exception? end = null)
        {
            foreach (var operation in operations)
            {
                await Task.Yield();
                yield return operation;
            }
            if (end is not null) throw end;
        }
        WriteOperation badNode = new WriteOperation.UpsertNode(new NodeInput(NodeKind.Person, "p-1", " "));

        await using var store = await CreateStoreAsync(bulk: true);

        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => store.ImportAsync(Stream([.. nodes, badNode])));
        var failed = await Assert.ThrowsAsync<IOException>(() => store.ImportAsync(Stream(nodes, new IOException("the file ended early"))));

        Assert.Contains("Person:p-1", invalid.Message, StringComparison.Ordinal);
        Assert.Equal("the file ended early", failed.Message);
        Assert.Equal(0, (await store.CountAsync()).NodeTotal);
        Assert.Empty(await store.SearchAsync(new SearchQuery("示例")));
        Assert.Equal(nodes.Count, (await store.ImportAsync(Stream(nodes))).NodesCreated);
        Assert.NotEmpty(await store.SearchAsync(new SearchQuery("示例")));
    }

    [Fact]
    public async Task ABulkLoadOfAGeneratedGraphIntoAFileEndsAsRowByRow()
    {
        var graph = SyntheticGraph.Create(SyntheticPreset.Tiny, 11);
        var directory = Directory.CreateTempSubdirectory("kg-bulk-").FullName;
        try
        {
            await using var bulk = new SqliteGraphStore(SqliteStoreOptions.ForFile(Path.Combine(directory, "graph.db")));
            await bulk.InitializeAsync();
            await using var direct = await CreateStoreAsync(bulk: false);

            var bulkResult = await bulk.ImportAsync(Sample.Stream(graph.Operations()));
            var directResult = await direct.ImportAsync(Sample.Stream(graph.Operations()));

            Assert.Equal(directResult, bulkResult with { DataVersion = directResult.DataVersion });
            Assert.True(bulkResult.LinksCreated > 1_000, $"only {bulkResult.LinksCreated} links");
            Assert.Equal((await direct.CountAsync()).Links.OrderBy(c => c.Key), (await bulk.CountAsync()).Links.OrderBy(c => c.Key));
            var expected = await direct.ScanLinksAsync().ToListAsync();
            var actual = await bulk.ScanLinksAsync().ToListAsync();
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i], actual[i] with { CreatedAt = expected[i].CreatedAt, UpdatedAt = expected[i].UpdatedAt });
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task DeletesInABulkLoadSeeTheLinksBeforeThem()
    {
        WriteOperation[] more =
        [
            .. Repeats,
            new WriteOperation.DeleteLink(Sample.Posts.Id),
            new WriteOperation.DeleteNode(Sample.Academy.Id),
            new WriteOperation.UpsertLink(Sample.Posts),
            new WriteOperation.UpsertLink(Sample.Posts),
            new WriteOperation.DeleteLink(Sample.Hosts.Id),
        ];

        var bulk = await ImportAsync(bulk: true, more);
        var direct = await ImportAsync(bulk: false, more);

        AssertSame(bulk, direct);
        Assert.Null(bulk.Links[Array.IndexOf(Sample.Links, Sample.AcademyApplies)]);
        Assert.Null(bulk.Links[Array.IndexOf(Sample.Links, Sample.Hosts)]);
        Assert.NotNull(bulk.Links[Array.IndexOf(Sample.Links, Sample.Posts)]);
        Assert.Equal(Sample.Links.Length - 3, bulk.Counts.LinkTotal);
    }

    [Fact]
    public async Task AnImportFailsAtItsFirstBadOperationAsWrittenOneByOne()
    {
        var missing = new LinkInput(LinkType.PairedWith, Sample.SoftwareHouse.Id, "ResearchInstitute:missing") with
        {
            Properties = PropertyBag.Of(("nonsense", 1L)),
        };
        WriteOperation[] more =
        [
            new WriteOperation.UpsertLink(missing),
            new WriteOperation.UpsertNode(new NodeInput(NodeKind.Person, "p|1", "示例人员")),
        ];

        foreach (var bulk in new[] { true, false })
        {
            await using var store = await CreateStoreAsync(bulk);

            // The link comes first, and its ends are checked before its properties.
            var error = await Assert.ThrowsAsync<NotFoundException>(() => store.ImportAsync(Sample.Stream(more)));

            Assert.Contains("ResearchInstitute:missing", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, (await store.CountAsync()).NodeTotal);
        }
    }

    [Fact]
    public async Task AnImportWhoseOperationsFailHalfwayWritesNothing()
    {
        static async IAsyncEnumerable<WriteOperation> FailingAfterTheSample()
        {
            await foreach (var operation in Sample.Stream()) yield return operation;
            throw new IOException("the file ended early");
        }
        await using var store = await CreateStoreAsync(bulk: true);

        var error = await Assert.ThrowsAsync<IOException>(() => store.ImportAsync(FailingAfterTheSample()));

        Assert.Equal("the file ended early", error.Message);
        Assert.Equal(0, (await store.CountAsync()).NodeTotal);
        Assert.Equal(Sample.Nodes.Length, (await store.ImportAsync(Sample.Stream())).NodesCreated);
    }
}
