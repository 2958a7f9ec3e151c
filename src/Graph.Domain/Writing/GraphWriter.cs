using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// The one write path. Every writer — the generic mutations, the policy workflows, import, migrate — hands its writes
/// here: defaults → validation (values, existence, link ends) → what the caller may write (confidential figures,
/// governed state, reference data) → the policy rules on the graph as the batch leaves it → one store transaction
/// with its journal entry → the views told of the entry. The first problem fails the whole write, so nothing is
/// half-written. The caller is answered once the transaction commits: the views are told in data-version order behind
/// it, so a write never waits for a view that a long query is reading (a view behind the store catches up from the
/// journal on its next read).
/// </summary>
public sealed class GraphWriter(IGraphStore store, IEnumerable<IJournalObserver> observers) : IDisposable
{
    // A write decided on a state that another process changed is decided again on the new one, a few times.
    const int MaxAttempts = 5;

    // One writer at a time in this process: the checks read the state the write then changes, and the views are told
    // of the entries in data-version order.
    readonly SemaphoreSlim _gate = new(1, 1);
    readonly IReadOnlyList<IJournalObserver> _observers = [.. observers];
    // The observers told of the last committed entry; extended under the gate, so they are told in data-version order.
    Task _notified = Task.CompletedTask;

    /// <summary>The store written to.</summary>
    public IGraphStore Store => store;

    /// <summary>
    /// Checks and applies the writes, all or nothing; <c>CONFLICT</c> when the data version is not the expected one, or
    /// when a record the request writes changed after its expected version.
    /// </summary>
    public async Task<WriteResult> WriteAsync(WriteRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
                if (request.ExpectedDataVersion is { } expected && expected != version)
                    throw new ConflictException($"the data changed: expected data version {expected}, the store is at {version}");
                if (request.ExpectedVersion is { } read)
                    await RecordGuard.CheckAsync(store, request.Writes, read, version, cancellationToken).ConfigureAwait(false);
                var plan = await WritePlan.PrepareAsync(store, request, cancellationToken).ConfigureAwait(false);
                WriteResult result;
                try
                {
                    result = await store.WriteAsync(new WriteBatch(plan.Operations, version) { Journal = plan.Journal }, cancellationToken).ConfigureAwait(false);
                }
                catch (ConflictException) when (request.ExpectedDataVersion is null && attempt < MaxAttempts)
                {
                    continue;
                }
                if (result.Journal is { } entry) _notified = NotifyAfterAsync(_notified, entry);
                return result;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>
    /// A bulk load (import, migrate): the operations are the caller's to have checked (<see cref="CheckRulesAsync"/>);
    /// one journal entry records it, and the views rebuild from the store.
    /// </summary>
    public async Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, Actor actor, string operation, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var draft = JournalDraft.BulkLoad(actor, operation);
            var result = await store.ImportAsync(operations, progress, draft, cancellationToken).ConfigureAwait(false);
            var entries = await store.GetJournalAsync(new JournalQuery(result.DataVersion - 1, 1), cancellationToken).ConfigureAwait(false);
            // Told even when the entry cannot be read back (an import that changed nothing has none): the views rebuild.
            var notified = _notified = NotifyAfterAsync(_notified,
                entries.Count > 0 ? entries[0] : new JournalEntry(result.DataVersion, DateTimeOffset.UtcNow, actor, operation, false, [], Bulk: true));
            // A bulk load is rare and long: its caller is answered once the views know they must rebuild.
            await notified.ConfigureAwait(false);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The policy rules over the challenges, centres, pairings, diagnosis teams, filing rounds and cases that a bulk load touches, judged on the
    /// store with the load's nodes and links laid over it (only those the rules read need be given): every problem, for an import's report.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckRulesAsync(IGraphStore store, IEnumerable<NodeInput> nodes, IEnumerable<LinkInput> links, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(links);
        var loaded = nodes.ToList();
        // A government body's row replaces the stored one: the rounds it held are judged as well as those it lists.
        var holders = await store.GetNodesAsync([.. loaded.Where(n => n.Kind == NodeKind.GovernmentBody).Select(n => n.Id)], cancellationToken).ConfigureAwait(false);
        var state = new BatchState(new StoreRuleReader(store));
        var operations = new List<WriteOperation>();
        foreach (var node in loaded)
        {
            state.Upsert(node, null);
            operations.Add(new WriteOperation.UpsertNode(node));
        }
        foreach (var link in links)
        {
            state.Upsert(link, null);
            operations.Add(new WriteOperation.UpsertLink(link));
        }
        var problems = await PolicyWriteRules.CheckAsync(state, WriteRuleScope.Touched(operations, before: holders), DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
        return [.. problems.Select(p => p.Message)];
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Waits until every entry committed before has been told, then tells the observers of this one. A view that fails
    /// to apply it is left behind the store and catches up from the journal on its next read; the entries after are
    /// still told.
    /// </summary>
    async Task NotifyAfterAsync(Task previous, JournalEntry entry)
    {
        // Off the writer's thread: applying an entry can wait for a view's readers.
        await Task.Yield();
        await previous.ConfigureAwait(false);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.AppliedAsync(entry).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Left behind the store, the view catches up from the journal on its next read; the service may be stopping.
            }
        }
    }

    /// <summary>Completes once the observers have been told of every entry committed so far.</summary>
    public Task ObserversToldAsync() => Volatile.Read(ref _notified);
}
