using System.Text;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// The embedded store's link scan: types in name order, each type's links in the order SQLite gives their id text
/// (its UTF-8 bytes), however the scan groups the types it reads together.
/// </summary>
public sealed class SqliteLinkScanTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("kg-link-scan-").FullName;

    [Fact]
    public async Task LinksOfATypeComeInTheByteOrderOfTheirIdTextEvenPastUFFFF()
    {
        await using var store = await CreateStoreAsync();
        // U+FF21 (fullwidth A) orders before U+20000 (a supplementary ideograph) by code point, after it by UTF-16 unit.
        var enterprise = new NodeInput(NodeKind.Enterprise, "e", "示例企业");
        NodeInput[] universities =
        [
            new(NodeKind.University, "u\uFF21", "全角大学"),
            new(NodeKind.University, "u\U00020000", "补充大学"),
            new(NodeKind.University, "u", "短号大学"),
            new(NodeKind.University, "u2", "二号大学"),
        ];
        LinkInput[] agreements = [.. universities.SelectMany(u => new LinkInput[]
        {
            new(LinkType.CooperationAgreement, u.Id, enterprise.Id),
            new(LinkType.CooperationAgreement, u.Id, enterprise.Id, "\U00020001"),
            new(LinkType.CooperationAgreement, u.Id, enterprise.Id, "\uFF22"),
        })];
        await WriteAsync(store, [enterprise, .. universities], agreements);

        var scanned = await ScanAsync(store.ScanLinksAsync(LinkType.CooperationAgreement));

        Assert.Equal(InByteOrder(agreements.Select(a => a.Id)), scanned.Select(l => l.Id));
        Assert.Equal("COOPERATION_AGREEMENT|University:u2|Enterprise:e", scanned[0].Id);
        Assert.Equal("COOPERATION_AGREEMENT|University:u\U00020000|Enterprise:e|\U00020001", scanned[^1].Id);
    }

    [Fact]
    public async Task AScanOfEveryLinkIsEachTypeInNameOrderWithItsLinksAsTheirOwnScanGivesThem()
    {
        await using var store = await CreateStoreAsync();
        // Types of very different sizes, so that some are read together and the largest alone.
        var enterprises = Enumerable.Range(0, 12).Select(i => new NodeInput(NodeKind.Enterprise, $"e{11 - i}", $"企业{i}")).ToArray();
        var university = new NodeInput(NodeKind.University, "u", "示例大学");
        var platform = new NodeInput(NodeKind.Platform, "p", "示例平台");
        var links = new List<LinkInput>();
        links.AddRange(enterprises.Select(e => new LinkInput(LinkType.CooperationAgreement, university.Id, e.Id, "2024")));
        links.AddRange(enterprises.Take(2).Select(e => new LinkInput(LinkType.PairedWith, e.Id, university.Id)));
        links.AddRange(enterprises.Skip(1).Select((e, i) => new LinkInput(LinkType.SubsidiaryOf, e.Id, enterprises[i].Id)));
        links.Add(new LinkInput(LinkType.CoBuilds, enterprises[3].Id, platform.Id));
        await WriteAsync(store, [.. enterprises, university, platform], links);

        var scanned = await ScanAsync(store.ScanLinksAsync());
        var byType = new List<string>();
        foreach (var type in GraphCatalog.LinkTypes.OrderBy(t => t.Name, StringComparer.Ordinal))
            byType.AddRange((await ScanAsync(store.ScanLinksAsync(type.Type))).Select(l => l.Id));

        Assert.Equal(links.Count, scanned.Count);
        Assert.Equal(byType, scanned.Select(l => l.Id));
        Assert.Equal(
            links.GroupBy(l => GraphCatalog.Of(l.Type).Name).OrderBy(g => g.Key, StringComparer.Ordinal).SelectMany(g => InByteOrder(g.Select(l => l.Id))),
            scanned.Select(l => l.Id));
        Assert.All(scanned, l => Assert.True(l.HasSameContent(links.Single(i => i.Id == l.Id))));
    }

    [Fact]
    public async Task AWriteCommittedWhileAScanIsReadIsNotInItAndBreaksNothing()
    {
        await using var store = await CreateStoreAsync();
        // COOPERATION_AGREEMENT, the largest type, is read in a batch of its own before PAIRED_WITH.
        var enterprises = Enumerable.Range(0, 3).Select(i => new NodeInput(NodeKind.Enterprise, $"e{i}", $"企业{i}")).ToArray();
        var university = new NodeInput(NodeKind.University, "u", "示例大学");
        List<LinkInput> links =
        [
            .. enterprises.Select(e => new LinkInput(LinkType.CooperationAgreement, university.Id, e.Id)),
            new(LinkType.PairedWith, enterprises[0].Id, university.Id),
        ];
        await WriteAsync(store, [.. enterprises, university], links);

        var scanned = new List<string>();
        await foreach (var link in store.ScanLinksAsync())
        {
            if (scanned.Count == 0)
                // A node the scan's ids do not hold, and a link to it of a type the scan has not read yet.
                await WriteAsync(store, [new NodeInput(NodeKind.Enterprise, "late", "后来企业")], [new LinkInput(LinkType.PairedWith, "Enterprise:late", university.Id)]);
            scanned.Add(link.Id);
        }

        Assert.Equal(links.Select(l => l.Id).Order(StringComparer.Ordinal), scanned.Order(StringComparer.Ordinal));
        Assert.Contains("PAIRED_WITH|Enterprise:late|University:u", (await ScanAsync(store.ScanLinksAsync())).Select(l => l.Id));
    }

    [Fact]
    public async Task ANodesRowTakenByANewNodeIsScannedUnderTheNewId()
    {
        await using var store = await CreateStoreAsync();
        var university = new NodeInput(NodeKind.University, "u", "示例大学");
        var first = new NodeInput(NodeKind.Enterprise, "first", "先来企业");
        await WriteAsync(store, [university, first], [new LinkInput(LinkType.PairedWith, first.Id, university.Id)]);
        Assert.Equal(["PAIRED_WITH|Enterprise:first|University:u"], (await ScanAsync(store.ScanLinksAsync())).Select(l => l.Id));

        // The newest row deleted, the next node takes its row number: a scan must not name it by the ids read before.
        await store.WriteAsync(new WriteBatch([new WriteOperation.DeleteNode(first.Id)]));
        var second = new NodeInput(NodeKind.Enterprise, "second", "后来企业");
        await WriteAsync(store, [second], [new LinkInput(LinkType.PairedWith, second.Id, university.Id)]);

        Assert.Equal(["PAIRED_WITH|Enterprise:second|University:u"], (await ScanAsync(store.ScanLinksAsync())).Select(l => l.Id));
    }

    async Task<SqliteGraphStore> CreateStoreAsync()
    {
        var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")));
        await store.InitializeAsync();
        return store;
    }

    static Task<WriteResult> WriteAsync(SqliteGraphStore store, IEnumerable<NodeInput> nodes, IEnumerable<LinkInput> links) =>
        store.WriteAsync(new WriteBatch([
            .. nodes.Select(n => (WriteOperation)new WriteOperation.UpsertNode(n)),
            .. links.Select(l => (WriteOperation)new WriteOperation.UpsertLink(l)),
        ]));

    static string[] InByteOrder(IEnumerable<string> ids) =>
        [.. ids.OrderBy(id => Encoding.UTF8.GetBytes(id), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))];

    static async Task<List<T>> ScanAsync<T>(IAsyncEnumerable<T> scan)
    {
        var items = new List<T>();
        await foreach (var item in scan) items.Add(item);
        return items;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
