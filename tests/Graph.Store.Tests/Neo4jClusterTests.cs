using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Neo4j;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// What the store does on a Neo4j cluster, against <see cref="FakeNeo4j"/> (the test Neo4j, 3.1, has no cluster and
/// no bookmarks): every transaction begun after a write carries that write's bookmark, on the transactional endpoint
/// and on the Query API; a server without bookmarks is sent none; with several addresses the store moves past a
/// member that is down or not the leader.
/// </summary>
public sealed class Neo4jClusterTests
{
    static NodeInput Enterprise(int i) => new(NodeKind.Enterprise, $"9145020000000{i:D4}X", $"集群测试企业{i}");

    static WriteBatch Upsert(int i) => WriteBatch.Of(new WriteOperation.UpsertNode(Enterprise(i)));

    static Neo4jGraphStore Store(FakeNeo4j server, string? urls = null) => new(new HttpClient(server), new Neo4jStoreOptions
    {
        Url = new Uri("http://neo4j-a:7474"),
        Urls = urls,
        MaxRetries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    });

    static bool Begins(FakeRequest r, bool queryApi) => r.Method == "POST" &&
        (queryApi ? r.Path is "/db/neo4j/query/v2" or "/db/neo4j/query/v2/tx" : r.Path is "/db/neo4j/tx" or "/db/neo4j/tx/commit");

    [Fact]
    public async Task OnTheTransactionalEndpointEveryTransactionAfterAWriteCarriesItsBookmark()
    {
        var server = new FakeNeo4j(version: "5.20.0");
        await using var store = Store(server);

        Assert.Equal(0, await store.GetDataVersionAsync());
        Assert.Equal(1, (await store.WriteAsync(Upsert(1))).DataVersion);
        var afterFirst = server.Requests.Count;
        Assert.Equal(1, await store.GetDataVersionAsync());
        Assert.Equal(2, (await store.WriteAsync(Upsert(2))).DataVersion);
        var afterSecond = server.Requests.Count;
        Assert.Equal(2, await store.GetDataVersionAsync());

        var begun = server.Requests.Select((r, i) => (r, i)).Where(x => Begins(x.r, queryApi: false)).ToList();
        // Before the first write there is nothing to wait for.
        Assert.All(begun.Where(x => x.i < afterFirst), x => Assert.Null(x.r.Bookmarks));
        Assert.All(begun.Where(x => x.i >= afterFirst && x.i < afterSecond), x => Assert.Equal("""["FB:1"]""", x.r.Bookmarks));
        Assert.All(begun.Where(x => x.i >= afterSecond), x => Assert.Equal("""["FB:2"]""", x.r.Bookmarks));
        Assert.Equal(3, begun.Count(x => x.i >= afterFirst));
    }

    [Fact]
    public async Task OnTheQueryApiEveryTransactionAfterAWriteCarriesItsBookmarkInTheBody()
    {
        var server = new FakeNeo4j(queryApi: true);
        await using var store = Store(server);

        await store.WriteAsync(Upsert(1));
        var afterWrite = server.Requests.Count;
        Assert.Equal(1, await store.GetDataVersionAsync());
        await store.WriteAsync(Upsert(2));

        var begun = server.Requests.Skip(afterWrite).Where(r => Begins(r, queryApi: true)).ToList();
        Assert.Equal(2, begun.Count);
        Assert.All(begun, r => Assert.Equal(["FB:1"], r.BodyBookmarks ?? []));
        Assert.All(server.Requests, r => Assert.Null(r.Bookmarks));
        // Statements inside a transaction and the commit carry none: the transaction waited when it began.
        Assert.All(server.Requests.Where(r => !Begins(r, queryApi: true)), r => Assert.Null(r.BodyBookmarks));
    }

    [Fact]
    public async Task AServerThatGivesNoBookmarksIsSentNone()
    {
        var server = new FakeNeo4j(version: "4.4.30", bookmarks: false);
        await using var store = Store(server);

        await store.WriteAsync(Upsert(1));
        await store.WriteAsync(Upsert(2));
        Assert.Equal(2, await store.GetDataVersionAsync());

        Assert.All(server.Requests, r => Assert.Null(r.Bookmarks));
    }

    [Fact]
    public async Task WritesMoveOnFromAFollowerToTheLeaderAndStayThere()
    {
        var server = new FakeNeo4j(version: "5.20.0");
        server.Followers.Add("neo4j-a:7474");
        await using var store = Store(server, urls: "http://neo4j-a:7474, http://neo4j-b:7474,http://neo4j-c:7474");

        Assert.Equal(1, (await store.WriteAsync(Upsert(1))).DataVersion);
        var refused = server.Requests.Count(r => r.Host == "neo4j-a:7474");
        Assert.Equal(2, (await store.WriteAsync(Upsert(2))).DataVersion);
        Assert.Equal(2, await store.GetDataVersionAsync());

        // The follower was asked once (the lock) and refused; the rest went to the next member.
        Assert.Equal(refused, server.Requests.Count(r => r.Host == "neo4j-a:7474"));
        Assert.Contains(server.Requests, r => r.Host == "neo4j-b:7474" && r.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMemberThatIsDownIsPassedOverAndTheListWrapsAround()
    {
        var server = new FakeNeo4j(version: "5.20.0");
        server.Down.Add("neo4j-a:7474");
        await using var store = Store(server, urls: "http://neo4j-a:7474,http://neo4j-b:7474");

        Assert.Equal(1, (await store.WriteAsync(Upsert(1))).DataVersion);
        // b goes down and a comes back: the store goes round to a.
        server.Down.Clear();
        server.Down.Add("neo4j-b:7474");
        Assert.Equal(2, (await store.WriteAsync(Upsert(2))).DataVersion);
        Assert.Equal(2, await store.GetDataVersionAsync());
        Assert.Equal("neo4j-a:7474", server.Requests[^1].Host);
    }

    [Fact]
    public async Task WhenNoMemberCanBeReachedTheErrorSaysSoAfterEachWasTried()
    {
        var server = new FakeNeo4j(version: "5.20.0");
        server.Down.UnionWith(["neo4j-a:7474", "neo4j-b:7474"]);
        await using var store = Store(server, urls: "http://neo4j-a:7474,http://neo4j-b:7474");

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync(Upsert(1)));

        Assert.Equal(ErrorCodes.StoreUnavailable, error.Code);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        // MaxRetries 1: two rounds over both members.
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(2, server.Requests.Count(r => r.Host == "neo4j-a:7474"));
        Assert.Equal(0, server.DataVersion);
    }

    [Fact]
    public void AnAddressInUrlsThatIsNotHttpIsRefusedSayingWhich()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Store(new FakeNeo4j(), urls: "http://neo4j-a:7474,neo4j-b:7474"));
        Assert.Contains("'neo4j-b:7474'", error.Message, StringComparison.Ordinal);
    }
}
