using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Neo4j;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// Writes on the test Neo4j through a <see cref="FaultProxy"/> that breaks one step of the write transaction: no write
/// is lost (it succeeds, or fails saying nothing was written), none is applied twice (the data version moves once, the
/// node is there once), and the next write is not blocked by the data-version lock of the broken one.
/// </summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jFaultTests : IDisposable
{
    readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    // The steps of a write transaction as they cross the wire (the statements' opening comments name them).
    static readonly Dictionary<string, Func<ProxiedRequest, bool>> Steps = new()
    {
        ["begin"] = r => r.Method == "POST" && (r.Path.EndsWith("/transaction", StringComparison.Ordinal) || r.Path.EndsWith("/tx", StringComparison.Ordinal)),
        ["lock"] = r => r.Body.Contains("Takes the write lock", StringComparison.Ordinal),
        ["upsert"] = r => r.Body.Contains("Creates or replaces nodes", StringComparison.Ordinal),
        ["bump"] = r => r.Body.Contains("Moves the data version on", StringComparison.Ordinal),
        ["commit"] = r => r.Body.Contains("Marks the write transaction", StringComparison.Ordinal),
    };

    public static TheoryData<Fault, string> EveryFaultAtEveryStep()
    {
        var data = new TheoryData<Fault, string>();
        foreach (var fault in new[] { Fault.DropRequest, Fault.ResetRequest, Fault.DropResponse, Fault.ResetResponse, Fault.ServiceUnavailable, Fault.NotALeader, Fault.TransientError })
        {
            foreach (var step in Steps.Keys) data.Add(fault, step);
        }
        return data;
    }

    static NodeInput Enterprise(int i) => new(NodeKind.Enterprise, $"9145020000000{i:D4}X", $"故障测试企业{i}");

    static WriteBatch Upsert(int i) => WriteBatch.Of(new WriteOperation.UpsertNode(Enterprise(i)));

    Neo4jGraphStore Through(FaultProxy proxy, TimeSpan? timeout = null, int maxRetries = 3)
    {
        var options = Neo4jFixture.Options();
        options.Url = proxy.Url;
        options.Timeout = timeout ?? TimeSpan.FromSeconds(20);
        options.MaxRetries = maxRetries;
        options.RetryDelay = TimeSpan.FromMilliseconds(50);
        return new Neo4jGraphStore(_http, options);
    }

    static async Task<int> EnterprisesAsync(Neo4jGraphStore store) => (int)(await store.CountAsync()).Nodes[NodeKind.Enterprise];

    [StoreTheory]
    [MemberData(nameof(EveryFaultAtEveryStep))]
    public async Task AWriteBrokenAtAnyStepIsAppliedExactlyOnceAndBlocksNothing(Fault fault, string step)
    {
        await using var direct = await Neo4jFixture.EmptyStoreAsync(_http);
        await using var proxy = new FaultProxy(Neo4jFixture.Options().Url);
        await using var store = Through(proxy);
        var before = await direct.GetDataVersionAsync();

        proxy.Inject(fault, Steps[step]);
        var result = await store.WriteAsync(Upsert(1));

        Assert.Single(proxy.Injected);
        Assert.Equal(Change.Created, result.Outcomes[0].Change);
        Assert.Equal(before + 1, result.DataVersion);
        Assert.Equal(before + 1, await direct.GetDataVersionAsync());
        Assert.Equal(1, await EnterprisesAsync(direct));
        // The next write goes through at once, on the same store and on another.
        Assert.Equal(before + 2, (await store.WriteAsync(Upsert(2))).DataVersion);
        Assert.Equal(before + 3, (await direct.WriteAsync(Upsert(3))).DataVersion);
    }

    public static TheoryData<Fault, string> MemberFaults() => new()
    {
        { Fault.ResetRequest, "every request" },
        { Fault.ServiceUnavailable, "every request" },
        { Fault.NotALeader, "lock" },
        { Fault.NotALeader, "upsert" },
        { Fault.ResetResponse, "commit" },
    };

    [StoreTheory]
    [MemberData(nameof(MemberFaults))]
    public async Task WithSeveralUrlsAWriteMovesOnFromAMemberThatIsDownOrNotTheLeaderAndIsAppliedOnce(Fault fault, string step)
    {
        await using var direct = await Neo4jFixture.EmptyStoreAsync(_http);
        await using var first = new FaultProxy(Neo4jFixture.Options().Url);
        await using var second = new FaultProxy(Neo4jFixture.Options().Url);
        var options = Neo4jFixture.Options();
        options.Urls = $"{first.Url},{second.Url}";
        options.RetryDelay = TimeSpan.FromMilliseconds(50);
        await using var store = new Neo4jGraphStore(_http, options);
        var before = await direct.GetDataVersionAsync();

        first.Inject(fault, step == "every request" ? _ => true : Steps[step], times: 1000);
        var result = await store.WriteAsync(Upsert(1));

        Assert.NotEmpty(first.Injected);
        Assert.Equal(before + 1, result.DataVersion);
        Assert.Equal(before + 1, await direct.GetDataVersionAsync());
        Assert.Equal(1, await EnterprisesAsync(direct));
        // The store stays on the member that took the write: the next write and a read go there, first time.
        var firstSeen = first.Requests.Count;
        Assert.Equal(before + 2, (await store.WriteAsync(Upsert(2))).DataVersion);
        Assert.Equal("故障测试企业2", (await store.GetNodeAsync(Enterprise(2).Id))?.Name);
        Assert.Equal(firstSeen, first.Requests.Count);
        Assert.Contains(second.Requests, r => r.Body.Contains("The nodes with these ids", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task AStatementAnsweredTooLateIsRolledBackAndTheNextWriteGoesThrough()
    {
        await using var direct = await Neo4jFixture.EmptyStoreAsync(_http);
        await using var proxy = new FaultProxy(Neo4jFixture.Options().Url);
        await using var store = Through(proxy, timeout: TimeSpan.FromSeconds(4));
        var before = await direct.GetDataVersionAsync();

        proxy.Inject(Fault.DelayResponse, Steps["upsert"], delay: TimeSpan.FromSeconds(8));
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync(Upsert(1)));

        Assert.Equal(ErrorCodes.StoreUnavailable, error.Code);
        Assert.Contains("nothing of it was written", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await direct.GetDataVersionAsync());
        Assert.Equal(0, await EnterprisesAsync(direct));
        Assert.Equal(before + 1, (await direct.WriteAsync(Upsert(2))).DataVersion);
    }

    [StoreFact]
    public async Task ACommitAnsweredTooLateIsFoundCommittedAndNotRepeated()
    {
        await using var direct = await Neo4jFixture.EmptyStoreAsync(_http);
        await using var proxy = new FaultProxy(Neo4jFixture.Options().Url);
        await using var store = Through(proxy, timeout: TimeSpan.FromSeconds(4));
        var before = await direct.GetDataVersionAsync();

        proxy.Inject(Fault.DelayResponse, Steps["commit"], delay: TimeSpan.FromSeconds(8));
        var result = await store.WriteAsync(Upsert(1));

        Assert.Equal(before + 1, result.DataVersion);
        Assert.Equal(before + 1, await direct.GetDataVersionAsync());
        Assert.Equal(1, await EnterprisesAsync(direct));
        // Resolved by asking Neo4j, not by running the write again.
        Assert.True(proxy.Requests.Count(Steps["lock"]) == 1, string.Join("\n", proxy.Requests.Select(r => $"{r.Method} {r.Path} {r.Body[..Math.Min(120, r.Body.Length)]}")));
    }

    [StoreFact]
    public async Task ACancelledWriteIsRolledBackBeforeTheCancellationReturns()
    {
        await using var direct = await Neo4jFixture.EmptyStoreAsync(_http);
        await using var proxy = new FaultProxy(Neo4jFixture.Options().Url);
        await using var store = Through(proxy);
        var before = await direct.GetDataVersionAsync();
        using var cancellation = new CancellationTokenSource();

        proxy.Inject(Fault.DelayResponse, Steps["upsert"], delay: TimeSpan.FromSeconds(30));
        var write = store.WriteAsync(Upsert(1), cancellation.Token);
        while (proxy.Injected.Count == 0) await Task.Delay(50);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);

        // Rolled back: another store, whose writes may wait no longer than a few seconds, writes at once.
        Assert.Equal(before, await direct.GetDataVersionAsync());
        await using var other = Through(proxy, timeout: TimeSpan.FromSeconds(5), maxRetries: 0);
        Assert.Equal(before + 1, (await other.WriteAsync(Upsert(2))).DataVersion);
        Assert.Equal(1, await EnterprisesAsync(direct));
    }

    [StoreFact]
    public async Task ATransactionWhoseRollbackIsLostIsRolledBackOnceNeo4jCanBeReachedAgain()
    {
        await using var direct = await Neo4jFixture.EmptyStoreAsync(_http);
        await using var proxy = new FaultProxy(Neo4jFixture.Options().Url);
        await using var store = Through(proxy, timeout: TimeSpan.FromSeconds(5), maxRetries: 1);
        var before = await direct.GetDataVersionAsync();

        // The network goes after the lock is taken: the write's statement and every rollback of it are lost.
        proxy.Inject(Fault.DropRequest, r => Steps["upsert"](r) || r.Method == "DELETE", times: 1000);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync(Upsert(1)));
        Assert.Contains(proxy.Injected, i => i.Request.Method == "DELETE");

        // Back again: the next write (allowed 5 s, where Neo4j would keep the lock a minute) rolls the lost one back first.
        proxy.Heal();
        Assert.Equal(before + 1, (await store.WriteAsync(Upsert(2))).DataVersion);
        Assert.Equal(before + 2, (await direct.WriteAsync(Upsert(3))).DataVersion);
        Assert.Equal(2, await EnterprisesAsync(direct));
    }

    [StoreFact]
    public async Task ReadsAreRetriedAfterALostConnection()
    {
        await using var direct = await Neo4jFixture.EmptyStoreAsync(_http);
        await direct.WriteAsync(Upsert(1));
        await using var proxy = new FaultProxy(Neo4jFixture.Options().Url);
        await using var store = Through(proxy);

        proxy.Inject(Fault.ResetRequest, r => r.Body.Contains("The nodes with these ids", StringComparison.Ordinal));
        proxy.Inject(Fault.ServiceUnavailable, r => r.Body.Contains("The nodes with these ids", StringComparison.Ordinal));

        Assert.Equal("故障测试企业1", (await store.GetNodeAsync(Enterprise(1).Id))?.Name);
        Assert.Equal(2, proxy.Injected.Count);
    }

    [StoreFact]
    public async Task ALargeImportInterruptedCommitsWhatItGotToAndFinishesWhenRunAgain()
    {
        await using var direct = await Neo4jFixture.EmptyStoreAsync(_http);
        await using var proxy = new FaultProxy(Neo4jFixture.Options().Url);
        await using var store = Through(proxy, maxRetries: 1);
        const int count = 5_300;
        static async IAsyncEnumerable<WriteOperation> Nodes()
        {
            await Task.Yield();
            for (var i = 0; i < count; i++) yield return new WriteOperation.UpsertNode(Enterprise(i));
        }

        // The second transaction (the 5,001st node on) cannot commit, however often it is tried.
        var commits = 0;
        proxy.Inject(Fault.ResetRequest, r => Steps["commit"](r) && ++commits > 1, times: 1000);
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ImportAsync(Nodes()));
        Assert.Contains("run the same import again", error.Message, StringComparison.Ordinal);
        Assert.Equal(5_000, await EnterprisesAsync(direct));

        proxy.Heal();
        var again = await store.ImportAsync(Nodes());
        Assert.Equal((300, 5_000), (again.NodesCreated, again.NodesUnchanged));
        Assert.Equal(count, await EnterprisesAsync(direct));
        Assert.Equal(again.DataVersion, await direct.GetDataVersionAsync());
    }
}
