using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Store.Tests;

/// <summary>The journal: an entry per committed write, in the write's transaction, with the contents before and after.</summary>
public abstract partial class GraphStoreConformanceTests
{
    static readonly Actor Alice = new("alice", ["editor", "analyst"]);

    static WriteRequest Request(string operation, params WriteOperation[] operations) => WriteRequest.Of(Alice, operation, operations);

    // Valid for the write path's checks: real check characters, known regions.
    static NodeInput Firm(int serial, string name) => new(NodeKind.Enterprise, CreditCode.Create(FormattableString.Invariant($"91450200MA5K{serial:D5}")), name,
        Properties: PropertyBag.Of(("region", "450200"), ("revenue", 1000m + serial)));

    static readonly NodeInput LiuGong = Firm(1, "广西柳工示例机械有限公司");
    static readonly NodeInput Yuchai = Firm(2, "广西玉柴示例动力有限公司");
    static readonly NodeInput Gxu = new(NodeKind.University, "gxu", "广西大学", Properties: PropertyBag.Of(("region", "450100")));
    static readonly LinkInput YuchaiPairing = new(LinkType.PairedWith, Yuchai.Id, Gxu.Id, StartDate: new DateOnly(2022, 1, 1));
    static readonly LinkInput LiuGongPairing = new(LinkType.PairedWith, LiuGong.Id, Gxu.Id);

    async Task<IGraphStore> CreateJournalStoreAsync()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(LiuGong), new WriteOperation.UpsertNode(Yuchai), new WriteOperation.UpsertNode(Gxu),
            new WriteOperation.UpsertLink(YuchaiPairing), new WriteOperation.UpsertLink(LiuGongPairing)));
        return store;
    }

    [StoreFact]
    public async Task AWriteAppendsOneEntryWithTheContentBeforeAndAfter()
    {
        await using var store = await CreateJournalStoreAsync();
        using var writer = new GraphWriter(store, []);
        var before = await store.GetNodeAsync(Yuchai.Id);

        var renamed = Yuchai with { Name = "广西玉柴示例动力股份有限公司" };
        var result = await writer.WriteAsync(Request("upsertEnterprise", new WriteOperation.UpsertNode(renamed), new WriteOperation.DeleteLink(YuchaiPairing.Id)));

        var entries = await store.GetJournalAsync(new JournalQuery(result.DataVersion - 1));
        var entry = Assert.Single(entries);
        Assert.Equal(result.DataVersion, entry.DataVersion);
        Assert.Equal(("alice", "upsertEnterprise", false), (entry.Actor.Subject, entry.Operation, entry.Override));
        Assert.Equal<string>(["editor", "analyst"], entry.Actor.Roles);
        var node = Assert.IsType<NodeChange>(entry.Changes[0]);
        Assert.Equal((Change.Updated, before!.Name, renamed.Name), (node.Change, node.Before!.Name, node.After!.Name));
        Assert.Equal(before.Properties, node.Before.Properties);
        var link = Assert.IsType<LinkChange>(entry.Changes[1]);
        Assert.Equal((Change.Deleted, YuchaiPairing.Id), (link.Change, link.Before!.Id));
        Assert.Null(link.After);
    }

    [StoreFact]
    public async Task DeletingANodeJournalsTheLinksThatWentWithIt()
    {
        await using var store = await CreateJournalStoreAsync();
        using var writer = new GraphWriter(store, []);
        var links = await store.GetLinksAsync(new LinkQuery([Gxu.Id]));

        var result = await writer.WriteAsync(Request("deleteNode", new WriteOperation.DeleteNode(Gxu.Id)));

        var entry = Assert.Single(await store.GetJournalAsync(new JournalQuery(result.DataVersion - 1)));
        Assert.Equal(Gxu.Id, Assert.IsType<NodeChange>(entry.Changes[0]).Before!.Id);
        Assert.Equal(links.Select(l => l.Id).Order(StringComparer.Ordinal),
            entry.Changes.OfType<LinkChange>().Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(entry.Changes, c => Assert.Equal(Change.Deleted, c.Change));
    }

    [StoreFact]
    public async Task AnUnchangedOrFailedWriteAppendsNothing()
    {
        await using var store = await CreateJournalStoreAsync();
        using var writer = new GraphWriter(store, []);
        var version = await store.GetDataVersionAsync();

        await writer.WriteAsync(Request("upsertEnterprise", new WriteOperation.UpsertNode(LiuGong)));
        await Assert.ThrowsAsync<LocatedWriteException>(() => writer.WriteAsync(Request("linkPairedWith",
            new WriteOperation.UpsertNode(Yuchai with { Name = "改名" }),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, Yuchai.Id, "University:nowhere")))));

        Assert.Equal(version, await store.GetDataVersionAsync());
        Assert.Empty(await store.GetJournalAsync(new JournalQuery(version)));
    }

    [StoreFact]
    public async Task TheJournalIsReadByNodeBySubjectAndInPages()
    {
        await using var store = await CreateJournalStoreAsync();
        using var writer = new GraphWriter(store, []);
        var start = await store.GetDataVersionAsync();
        for (var i = 1; i <= 5; i++)
        {
            var node = i % 2 == 0 ? LiuGong : Yuchai;
            var actor = new Actor(i <= 3 ? "alice" : "bob", ["editor"]);
            await writer.WriteAsync(WriteRequest.Of(actor, "upsertEnterprise", [new WriteOperation.UpsertNode(node with { NameEn = $"Name {i}" })]));
        }

        var all = await store.GetJournalAsync(new JournalQuery(start));
        var firstTwo = await store.GetJournalAsync(new JournalQuery(start, 2));
        var rest = await store.GetJournalAsync(new JournalQuery(firstTwo[^1].DataVersion));
        var liuGong = await store.GetJournalAsync(new JournalQuery(start, NodeId: LiuGong.Id));
        var bob = await store.GetJournalAsync(new JournalQuery(start, Subject: "bob"));
        var newestOfLiuGong = await store.GetJournalAsync(new JournalQuery(start, 1, NodeId: LiuGong.Id) { NewestFirst = true });
        var newest = await store.GetJournalAsync(new JournalQuery(start + 1, 10) { NewestFirst = true });

        Assert.Equal(Enumerable.Range(1, 5).Select(i => start + i), all.Select(e => e.DataVersion));
        Assert.Equal(all.Select(e => e.DataVersion), firstTwo.Concat(rest).Select(e => e.DataVersion));
        Assert.Equal([start + 2, start + 4], liuGong.Select(e => e.DataVersion));
        Assert.Equal([start + 4, start + 5], bob.Select(e => e.DataVersion));
        Assert.Equal([start + 4], newestOfLiuGong.Select(e => e.DataVersion));
        Assert.Equal([start + 5, start + 4, start + 3, start + 2], newest.Select(e => e.DataVersion));
    }

    [StoreFact]
    public async Task TheNewestEntriesOfManyNodesAreReadInOneCall()
    {
        await using var store = await CreateJournalStoreAsync();
        using var writer = new GraphWriter(store, []);
        var start = await store.GetDataVersionAsync();
        for (var i = 1; i <= 5; i++)
        {
            var node = i % 2 == 0 ? LiuGong : Yuchai;
            await writer.WriteAsync(Request("upsertEnterprise", new WriteOperation.UpsertNode(node with { NameEn = $"Name {i}" })));
        }
        // A link's write is filed under both of its ends.
        await writer.WriteAsync(Request("linkPairedWith", new WriteOperation.UpsertLink(LiuGongPairing with { Source = "结对子名单" })));

        var newest = await store.GetNewestJournalByNodeAsync([LiuGong.Id, Yuchai.Id, Gxu.Id, "University:nowhere"], 2);

        Assert.Equal([start + 6, start + 4], newest[LiuGong.Id].Select(e => e.DataVersion));
        Assert.Equal([start + 5, start + 3], newest[Yuchai.Id].Select(e => e.DataVersion));
        Assert.Equal(start + 6, newest[Gxu.Id][0].DataVersion);
        Assert.Equal(LiuGongPairing.Id, Assert.IsType<LinkChange>(Assert.Single(newest[Gxu.Id][0].Changes)).Id);
        Assert.Equal("Name 5", Assert.IsType<NodeChange>(Assert.Single(newest[Yuchai.Id][0].Changes)).After!.NameEn);
        Assert.False(newest.ContainsKey("University:nowhere"));
        Assert.Empty(await store.GetNewestJournalByNodeAsync([], 2));
    }

    [StoreFact]
    public async Task AnImportIsJournaledAsOneBulkEntry()
    {
        await using var store = await CreateStoreAsync();
        using var writer = new GraphWriter(store, []);

        var result = await writer.ImportAsync(Sample.Stream(), Actor.Import("data/sample"), "import sample");

        var entry = Assert.Single(await store.GetJournalAsync(new JournalQuery()));
        Assert.Equal((result.DataVersion, true, "import", "data/sample"), (entry.DataVersion, entry.Bulk, entry.Actor.Channel, entry.Actor.Source));
    }

    /// <summary>
    /// Random batches, some of them failing, then the journal replayed into an empty store: the same graph. So the journal
    /// holds exactly the committed writes, each with its content after.
    /// </summary>
    [StoreFact]
    public async Task TheJournalReplaysToTheSameGraph()
    {
        await using var store = await CreateJournalStoreAsync();
        using var writer = new GraphWriter(store, []);
        var random = new Random(20261206);
        var universities = Enumerable.Range(0, 6).Select(i => new NodeInput(NodeKind.University, $"u{i}", $"示例大学{i}")).ToArray();
        var enterprises = new[] { LiuGong, Yuchai, Firm(3, "柳州示例汽车零部件有限公司") };
        var failures = 0;
        for (var round = 0; round < 40; round++)
        {
            var operations = new List<WriteOperation>();
            for (var i = random.Next(1, 5); i > 0; i--)
            {
                var university = universities[random.Next(universities.Length)];
                var enterprise = enterprises[random.Next(enterprises.Length)];
                operations.Add(random.Next(6) switch
                {
                    0 => new WriteOperation.UpsertNode(university with { NameEn = $"University {random.Next(3)}" }),
                    1 => new WriteOperation.UpsertNode(enterprise with { Aliases = [$"别名{random.Next(3)}"] }),
                    2 => new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, enterprise.Id, university.Id, StartDate: new DateOnly(2020 + random.Next(5), 1, 1))),
                    3 => new WriteOperation.DeleteLink(LinkId.Of(LinkType.PairedWith, enterprise.Id, university.Id)),
                    4 => new WriteOperation.DeleteNode(university.Id),
                    // Fails: the other end does not exist, so the whole batch writes nothing.
                    _ => new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, enterprise.Id, "University:missing")),
                });
            }
            try
            {
                await writer.WriteAsync(WriteRequest.Of(Alice, "applyBatch", operations));
            }
            catch (LocatedWriteException e) when (e.Error is NotFoundException)
            {
                failures++;
            }
        }

        await using var replica = await CreateJournalStoreAsync();
        foreach (var entry in await store.GetJournalAsync(new JournalQuery(0, 1000)))
        {
            var replay = entry.Changes.Select<JournalChange, WriteOperation>(change => change switch
            {
                NodeChange { After: { } node } => new WriteOperation.UpsertNode(new NodeInput(node.Kind, node.Key, node.Name, node.NameEn, node.Aliases, node.Properties)),
                LinkChange { After: { } link } => new WriteOperation.UpsertLink(new LinkInput(link.Type, link.FromId, link.ToId, link.Key, link.StartDate, link.EndDate, link.Source, link.Properties)),
                NodeChange n => new WriteOperation.DeleteNode(n.Id),
                _ => new WriteOperation.DeleteLink(change.Id),
            }).OrderBy(o => o is WriteOperation.UpsertNode ? 0 : o is WriteOperation.UpsertLink ? 1 : 2).ToList();
            await replica.WriteAsync(new WriteBatch(replay));
        }

        Assert.InRange(failures, 1, 39);
        Assert.Equal(await Content(store), await Content(replica));
    }

    static async Task<List<string>> Content(IGraphStore store) =>
        [.. (await ScanAsync(store.ScanNodesAsync())).Select(n => $"{n.Id} {n.Name} {n.NameEn} {string.Join(",", n.Aliases)} {n.Properties}"),
            .. (await ScanAsync(store.ScanLinksAsync())).Select(l => $"{l.Id} {l.StartDate} {l.Properties}")];
}
