using System.Collections.Immutable;
using System.Net;
using System.Text;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Neo4j;

namespace KnowledgeGraph.Store.Tests;

[Collection("Neo4j")]
public sealed class Neo4jGraphStoreTests : IDisposable
{
    readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    static NodeInput Enterprise(string code, string name, params (string, object?)[] props) =>
        new(NodeKind.Enterprise, code, name, Aliases: ["柳工"], Properties: PropertyBag.Of(props));

    [Neo4jFact]
    public async Task DiscoveryFindsTheServerVersion()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var version = await store.GetServerVersionAsync();
        Assert.True(version.Major >= 3);
    }

    [Neo4jFact]
    public async Task ANodeRoundTripsWithTypedProperties()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var input = Enterprise("91450200MA5K000001", "广西柳工机械股份有限公司",
            ("revenue", 123456.789m), ("employees", 42L), ("hasRdActivity", true),
            ("foundedOn", new DateOnly(1958, 1, 1)), ("fields", ImmutableArray.Create("A", "B")));
        var result = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(input)));
        Assert.Equal(Change.Created, result.Outcomes[0].Change);

        var stored = await store.GetNodeAsync(input.Id);
        Assert.NotNull(stored);
        Assert.True(stored.HasSameContent(input), stored.Properties.ToString());
        Assert.Equal(123456.789m, stored.Properties.Decimal("revenue"));
    }

    [Neo4jFact]
    public async Task RepeatingAnUpsertIsUnchangedAndKeepsTheDataVersion()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var input = Enterprise("91450200MA5K000002", "玉柴");
        var first = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(input)));
        var second = await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(input)));
        Assert.Equal(Change.Unchanged, second.Outcomes[0].Change);
        Assert.Equal(first.DataVersion, second.DataVersion);
        Assert.Equal(first.DataVersion, await store.GetDataVersionAsync());
    }

    [Neo4jFact]
    public async Task AFailingBatchWritesNothing()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var a = Enterprise("91450200MA5K000003", "甲");
        var link = new LinkInput(LinkType.SubsidiaryOf, a.Id, "Enterprise:missing");
        await Assert.ThrowsAsync<NotFoundException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(a), new WriteOperation.UpsertLink(link))));
        Assert.Null(await store.GetNodeAsync(a.Id));
    }

    [Neo4jFact]
    public async Task AStaleExpectedDataVersionIsAConflict()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var version = await store.GetDataVersionAsync();
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(Enterprise("91450200MA5K000004", "乙"))));
        var error = await Assert.ThrowsAsync<ConflictException>(() => store.WriteAsync(
            new WriteBatch([new WriteOperation.UpsertNode(Enterprise("91450200MA5K000005", "丙"))], version)));
        Assert.Equal(ErrorCodes.Conflict, error.Code);
    }

    [Neo4jFact]
    public async Task LinksAreFoundFromEitherEndAndDeleted()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var parent = Enterprise("91450200MA5K000006", "母公司");
        var child = Enterprise("91450200MA5K000007", "子公司");
        var link = new LinkInput(LinkType.SubsidiaryOf, child.Id, parent.Id, StartDate: new DateOnly(2020, 5, 1));
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(parent), new WriteOperation.UpsertNode(child), new WriteOperation.UpsertLink(link)));

        Assert.Equal(new DateOnly(2020, 5, 1), (await store.GetLinkAsync(link.Id))?.StartDate);
        Assert.Single(await store.GetLinksAsync(new LinkQuery([parent.Id], Direction.In)));
        Assert.Empty(await store.GetLinksAsync(new LinkQuery([parent.Id], Direction.Out)));
        var deleted = await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteLink(link.Id)));
        Assert.Equal(Change.Deleted, deleted.Outcomes[0].Change);
        Assert.Null(await store.GetLinkAsync(link.Id));
    }

    [Neo4jFact]
    public async Task FiltersSortAndPage()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        await store.WriteAsync(new WriteBatch([.. Enumerable.Range(1, 5).Select(i =>
            (WriteOperation)new WriteOperation.UpsertNode(Enterprise($"9145020000000000{i}", $"企业{i}", ("employees", (long)i * 10))))]));
        var page = await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise],
            new NodeFilter.Compare("employees", FilterOp.Gte, 20L), [new SortField("employees", true)], Skip: 1, Take: 2));
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(["企业4", "企业3"], page.Items.Select(n => n.Name));
    }

    [Neo4jFact]
    public async Task FiltersOnListsLinksAndAbsentValues()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var a = new NodeInput(NodeKind.Enterprise, "9145020000000001A", "Alpha Motors", Aliases: ["阿尔法"], Properties: PropertyBag.Of(("fields", ImmutableArray.Create("auto", "ev"))));
        var b = new NodeInput(NodeKind.Enterprise, "9145020000000001B", "Beta", Properties: PropertyBag.Of(("fields", ImmutableArray.Create("chem"))));
        var c = new NodeInput(NodeKind.Enterprise, "9145020000000001C", "Gamma");
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(a), new WriteOperation.UpsertNode(b), new WriteOperation.UpsertNode(c),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.SubsidiaryOf, b.Id, a.Id))));

        async Task<string[]> NamesAsync(NodeFilter filter) =>
            [.. (await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], filter, [new SortField("name")]))).Items.Select(n => n.Name)];

        Assert.Equal(["Alpha Motors"], await NamesAsync(new NodeFilter.Compare("fields", FilterOp.Eq, "ev")));
        Assert.Equal(["Beta", "Gamma"], await NamesAsync(new NodeFilter.Compare("fields", FilterOp.Neq, "ev")));
        Assert.Equal(["Gamma"], await NamesAsync(new NodeFilter.Compare("fields", FilterOp.IsNull, true)));
        Assert.Equal(["Alpha Motors"], await NamesAsync(new NodeFilter.Compare("name", FilterOp.Contains, "MOTOR")));
        Assert.Equal(["Alpha Motors"], await NamesAsync(new NodeFilter.Compare("aliases", FilterOp.In, new[] { "阿尔法" })));
        Assert.Equal(["Beta"], await NamesAsync(new NodeFilter.HasLink(LinkType.SubsidiaryOf, Direction.Out)));
        Assert.Equal(["Alpha Motors"], await NamesAsync(new NodeFilter.HasLink(LinkType.SubsidiaryOf, Direction.In, [b.Id])));
        Assert.Equal(["Alpha Motors", "Gamma"], await NamesAsync(new NodeFilter.Not(new NodeFilter.HasLink(LinkType.SubsidiaryOf, Direction.Out))));
        Assert.Equal(["Beta", "Gamma"], await NamesAsync(new NodeFilter.AnyOf([
            new NodeFilter.Compare("name", FilterOp.StartsWith, "G"), new NodeFilter.Compare("fields", FilterOp.In, new[] { "chem" })])));
        await Assert.ThrowsAsync<InvalidInputException>(() => NamesAsync(new NodeFilter.Compare("nmae", FilterOp.Eq, "x")));
    }

    [Neo4jFact]
    public async Task DeletingANodeDeletesItsLinks()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var parent = Enterprise("9145020000000002A", "甲");
        var child = Enterprise("9145020000000002B", "乙");
        var link = new LinkInput(LinkType.SubsidiaryOf, child.Id, parent.Id);
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(parent), new WriteOperation.UpsertNode(child), new WriteOperation.UpsertLink(link)));
        var before = await store.GetDataVersionAsync();
        var result = await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode(parent.Id), new WriteOperation.DeleteNode(parent.Id)));
        Assert.Equal([Change.Deleted, Change.NotFound], result.Outcomes.Select(o => o.Change));
        Assert.Equal(before + 1, result.DataVersion);
        Assert.Null(await store.GetLinkAsync(link.Id));
        Assert.Equal(["乙"], (await store.GetNodesAsync([parent.Id, child.Id])).Values.Select(n => n.Name));
    }

    [Neo4jFact]
    public async Task ALinkBetweenTheWrongKindsBreaksARule()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var region = new NodeInput(NodeKind.Region, "450200", "柳州市");
        var firm = Enterprise("9145020000000003A", "甲");
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(region), new WriteOperation.UpsertNode(firm)));
        await Assert.ThrowsAsync<RuleViolationException>(() => store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertLink(new LinkInput(LinkType.SubsidiaryOf, firm.Id, region.Id)))));
    }

    [Neo4jFact]
    public async Task ConcurrentWritesEachMoveTheDataVersionOnce()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var before = await store.GetDataVersionAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(Enterprise($"914502000000004{i:D2}", $"并发{i}"))))));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => before + i), results.Select(r => r.DataVersion).Order());
        Assert.Equal(before + 8, await store.GetDataVersionAsync());
    }

    [Neo4jFact]
    public async Task SearchFindsTwoCharacterChineseNamesExactFirst()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        await store.WriteAsync(WriteBatch.Of(
            new WriteOperation.UpsertNode(new NodeInput(NodeKind.Enterprise, "91450200MA5K00000A", "广西柳工集团")),
            new WriteOperation.UpsertNode(new NodeInput(NodeKind.Enterprise, "91450200MA5K00000B", "柳工"))));
        var found = await store.SearchAsync(new SearchQuery("柳工"));
        Assert.Equal(["柳工", "广西柳工集团"], found.Select(n => n.Name));
    }

    [Neo4jFact]
    public async Task ImportCountsAndScansInIdOrder()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var result = await store.ImportAsync(Operations());
        Assert.Equal(3, result.NodesCreated);
        Assert.Equal(1, result.LinksCreated);
        var ids = new List<string>();
        await foreach (var n in store.ScanNodesAsync()) ids.Add(n.Id);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(3, (await store.CountAsync()).NodeTotal);

        static async IAsyncEnumerable<WriteOperation> Operations()
        {
            await Task.Yield();
            yield return new WriteOperation.UpsertNode(Enterprise("9145020000000000C", "丙"));
            yield return new WriteOperation.UpsertNode(Enterprise("9145020000000000A", "甲"));
            yield return new WriteOperation.UpsertNode(Enterprise("9145020000000000B", "乙"));
            yield return new WriteOperation.UpsertLink(new LinkInput(LinkType.SubsidiaryOf, "Enterprise:9145020000000000A", "Enterprise:9145020000000000B"));
        }
    }
}

/// <summary>The HTTP client's handling of errors, with a fake server.</summary>
public sealed class Neo4jHttpClientTests
{
    sealed class FakeNeo4j(Func<HttpRequestMessage, int, string> answer) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.RequestUri!.AbsolutePath == "/"
                ? """{"neo4j_version":"5.26.0","transaction":"http://x/db/{databaseName}/tx"}"""
                : answer(request, Calls++);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    static Neo4jStoreOptions Options() => new() { Url = new Uri("http://neo4j.test:7474"), RetryDelay = TimeSpan.FromMilliseconds(1) };

    const string Deadlock = """{"results":[],"errors":[{"code":"Neo.TransientError.Transaction.DeadlockDetected","message":"deadlock"}]}""";

    [Fact]
    public async Task TransientErrorsAreRetried()
    {
        var fake = new FakeNeo4j((_, call) => call < 2 ? Deadlock
            : """{"results":[{"columns":["version"],"data":[{"row":[7]}]}],"errors":[]}""");
        using var http = new HttpClient(fake);
        var store = new Neo4jGraphStore(http, Options());
        Assert.Equal(7, await store.GetDataVersionAsync());
        Assert.Equal(3, fake.Calls);
    }

    [Fact]
    public async Task TransientErrorsThatPersistMakeTheStoreUnavailable()
    {
        var fake = new FakeNeo4j((_, _) => Deadlock);
        using var http = new HttpClient(fake);
        var store = new Neo4jGraphStore(http, Options());
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetDataVersionAsync());
        Assert.Equal(ErrorCodes.StoreUnavailable, error.Code);
        Assert.Equal(4, fake.Calls);
    }

    [Fact]
    public async Task AConstraintViolationIsAConflict()
    {
        var fake = new FakeNeo4j((_, _) => """{"results":[],"errors":[{"code":"Neo.ClientError.Schema.ConstraintValidationFailed","message":"already exists"}]}""");
        using var http = new HttpClient(fake);
        var store = new Neo4jGraphStore(http, Options());
        await Assert.ThrowsAsync<ConflictException>(() => store.GetDataVersionAsync());
    }

    sealed class FakeQueryApi : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Requests.Add($"{request.Method} {path} {request.Headers.Authorization?.Scheme}");
            var body = path switch
            {
                "/" => """{"neo4j_version":"5.26.2","transaction":"http://x/db/{databaseName}/tx","query":"http://x/db/{databaseName}/query/v2"}""",
                "/db/graph/query/v2/tx" => """{"data":{"fields":["1"],"values":[[1]]},"transaction":{"id":"abc","expires":"2030-01-01T00:00:00Z"}}""",
                "/db/graph/query/v2/tx/abc/commit" => """{"data":{"fields":[],"values":[]}}""",
                _ when path.StartsWith("/db/graph/query/v2", StringComparison.Ordinal) => """{"data":{"fields":["version"],"values":[[5]]}}""",
                _ => """{"errors":[{"code":"Neo.ClientError.Request.Invalid","message":"unexpected path"}]}""",
            };
            var response = new HttpResponseMessage(path == "/" ? HttpStatusCode.OK : HttpStatusCode.Accepted) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            return Task.FromResult(response);
        }
    }

    [Fact]
    public async Task NewServersAreSpokenToThroughTheQueryApiWithBasicAuth()
    {
        var fake = new FakeQueryApi();
        using var http = new HttpClient(fake);
        var options = new Neo4jStoreOptions { Url = new Uri("http://neo4j.test:7474"), User = "neo4j", Password = "secret", Database = "graph" };
        var store = new Neo4jGraphStore(http, options);
        Assert.Equal(new Version(5, 26, 2), await store.GetServerVersionAsync());
        Assert.Equal(5, await store.GetDataVersionAsync());
        Assert.Equal(["GET / ", "POST /db/graph/query/v2 Basic"], fake.Requests);
    }

    [Fact]
    public async Task WritesOnTheQueryApiRunInAnExplicitTransaction()
    {
        var fake = new FakeQueryApi();
        using var http = new HttpClient(fake);
        var store = new Neo4jGraphStore(http, new Neo4jStoreOptions { Url = new Uri("http://neo4j.test:7474"), Database = "graph" });
        var result = await store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode("Enterprise:x")));
        Assert.Equal(Change.Deleted, result.Outcomes[0].Change);
        Assert.Equal("POST /db/graph/query/v2/tx ", fake.Requests[1]);
        Assert.All(fake.Requests.Skip(2).SkipLast(1), r => Assert.Equal("POST /db/graph/query/v2/tx/abc ", r));
        Assert.Equal("POST /db/graph/query/v2/tx/abc/commit ", fake.Requests[^1]);
    }

    /// <summary>A Neo4j 5.26 that records each request's body and access-mode header.</summary>
    sealed class RecordingNeo4j(bool queryApi) : HttpMessageHandler
    {
        public List<(string Path, string Body, string? AccessMode)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((path, body, request.Headers.TryGetValues("access-mode", out var mode) ? mode.Single() : null));
            var answer = path == "/" ? (queryApi
                    ? """{"neo4j_version":"5.26.0","transaction":"http://x/db/{databaseName}/tx","query":"http://x/db/{databaseName}/query/v2"}"""
                    : """{"neo4j_version":"5.26.0","transaction":"http://x/db/{databaseName}/tx"}""")
                : queryApi ? """{"data":{"fields":["version"],"values":[[3]]}}"""
                : """{"results":[{"columns":["version"],"data":[{"row":[3]}]}],"errors":[]}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }

    [Fact]
    public async Task ReadsAreMarkedAsReadsOnTheQueryApi()
    {
        var fake = new RecordingNeo4j(queryApi: true);
        using var http = new HttpClient(fake);
        var store = new Neo4jGraphStore(http, Options());
        Assert.Equal(3, await store.GetDataVersionAsync());
        Assert.Equal("/db/neo4j/query/v2", fake.Requests[^1].Path);
        Assert.Contains("\"accessMode\":\"Read\"", fake.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadsAreMarkedAsReadsOnTheTransactionEndpointAndWritesAreNot()
    {
        var fake = new RecordingNeo4j(queryApi: false);
        using var http = new HttpClient(fake);
        var store = new Neo4jGraphStore(http, Options());
        Assert.Equal(3, await store.GetDataVersionAsync());
        Assert.Equal(("/db/neo4j/tx/commit", "READ"), (fake.Requests[^1].Path, fake.Requests[^1].AccessMode));
        await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode("Enterprise:x"))));
        Assert.All(fake.Requests.Skip(2), r => Assert.Null(r.AccessMode));
    }

    [Fact]
    public async Task AnUnreachableServerMakesTheStoreUnavailable()
    {
        using var http = new HttpClient();
        var store = new Neo4jGraphStore(http, new Neo4jStoreOptions { Url = new Uri("http://127.0.0.1:1"), Timeout = TimeSpan.FromSeconds(5) });
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetDataVersionAsync());
    }
}
