using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeGraph.Api.Tests;

/// <summary>
/// A decorator around the configured store that counts the calls of each method and can be switched off:
/// for the batched-loading, startup and health tests.
/// </summary>
public sealed class CountingGraphStore : IGraphStore
{
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private IGraphStore? _inner;
    private int _journalEntriesRead;

    /// <summary>When true, the data version (what the readiness check asks) fails as an unreachable store does.</summary>
    public bool Unavailable { get; set; }

    /// <summary>When set, node scans (what the collaboration projection's build reads) wait for it.</summary>
    public Task? ScanGate { get; set; }

    /// <summary>Calls of one method so far.</summary>
    public int Calls(string method) => _calls.GetValueOrDefault(method);

    /// <summary>Calls of every read method so far.</summary>
    public int ReadCalls => _calls.Where(c => c.Key.StartsWith("Get", StringComparison.Ordinal) || c.Key is nameof(ListNodesAsync) or nameof(SearchAsync)).Sum(c => c.Value);

    /// <summary>Journal entries the store gave back (each one decoded), by journal page or by node, so far.</summary>
    public int JournalEntriesRead => Volatile.Read(ref _journalEntriesRead);

    /// <summary>Forgets the calls and journal entries so far.</summary>
    public void Reset()
    {
        _calls.Clear();
        Interlocked.Exchange(ref _journalEntriesRead, 0);
    }

    /// <summary>Puts this decorator around the store the application registers.</summary>
    public void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IGraphStore));
        services.AddSingleton<IGraphStore>(provider =>
        {
            _inner = original.ImplementationFactory is { } factory ? (IGraphStore)factory(provider)
                : original.ImplementationInstance as IGraphStore ?? throw new InvalidOperationException("the store is registered by type");
            return this;
        });
    }

    private IGraphStore Inner([CallerMemberName] string method = "")
    {
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        return _inner ?? throw new InvalidOperationException("not installed");
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Inner().InitializeAsync(cancellationToken);
    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) => Inner().GetNodeAsync(id, cancellationToken);
    public Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken = default) => Inner().GetNodeByKeyAsync(kind, key, cancellationToken);
    public Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) => Inner().GetNodesAsync(ids, cancellationToken);
    public Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken = default) => Inner().ListNodesAsync(query, cancellationToken);
    public Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => Inner().SearchAsync(query, cancellationToken);
    public Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken = default) => Inner().GetLinkAsync(id, cancellationToken);
    public Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default) => Inner().GetLinksAsync(query, cancellationToken);
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken = default) => Inner().GetNeighbourIdsAsync(query, cancellationToken);
    public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default) => Inner().WriteAsync(batch, cancellationToken);
    public Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress = null, JournalDraft? journal = null, CancellationToken cancellationToken = default) => Inner().ImportAsync(operations, progress, journal, cancellationToken);
    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(JournalQuery query, CancellationToken cancellationToken = default)
    {
        var entries = await Inner().GetJournalAsync(query, cancellationToken);
        Interlocked.Add(ref _journalEntriesRead, entries.Count);
        return entries;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>> GetNewestJournalByNodeAsync(IReadOnlyCollection<string> nodeIds, int perNode, CancellationToken cancellationToken = default)
    {
        var entries = await Inner().GetNewestJournalByNodeAsync(nodeIds, perNode, cancellationToken);
        Interlocked.Add(ref _journalEntriesRead, entries.Values.Sum(e => e.Count));
        return entries;
    }
    public IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind = null, CancellationToken cancellationToken = default) => Gated(Inner().ScanNodesAsync(kind, cancellationToken), cancellationToken);
    public IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type = null, CancellationToken cancellationToken = default) => Inner().ScanLinksAsync(type, cancellationToken);
    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default) => Inner().CountAsync(cancellationToken);

    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) =>
        Unavailable ? throw new StoreUnavailableException("The store is switched off for this test.") : Inner().GetDataVersionAsync(cancellationToken);

    private async IAsyncEnumerable<Node> Gated(IAsyncEnumerable<Node> nodes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (ScanGate is { } gate) await gate.WaitAsync(cancellationToken);
        await foreach (var node in nodes.WithCancellation(cancellationToken)) yield return node;
    }

    public ValueTask DisposeAsync() => _inner?.DisposeAsync() ?? default;
}
