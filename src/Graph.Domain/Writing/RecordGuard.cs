using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// The per-record optimistic-concurrency check (<see cref="WriteRequest.ExpectedVersion"/>): a write is stale only when a
/// node or link it names changed in a data version after the one the client read it at, or a bulk load replaced the
/// data since. Judged from the journal, which records every committed write with the records it changed, so writes to
/// other records in between are no conflict. Run under the writer's gate, so no write of this process slips in between
/// the check and the write; another process's write is caught by the store's data-version check and the write retried.
/// </summary>
internal static class RecordGuard
{
    // Journal entries read per page while looking for a change to one record.
    const int Page = 200;

    // The subjects of bulk loads (import, migrate, the sample data): their entries carry no rows, so any one counts.
    internal static readonly string[] BulkSubjects = ["import", "migrate", "service"];

    /// <summary>Throws CONFLICT, located at the write, when a record the request writes changed after <paramref name="expected"/>.</summary>
    public static async Task CheckAsync(IGraphStore store, IReadOnlyList<PendingWrite> writes, long expected, long current, CancellationToken cancellationToken)
    {
        if (expected < 0)
            throw new InvalidInputException($"expectedVersion: {expected} is not a data version; give the `dataVersion` (or a record's `version`) you read");
        if (expected > current)
            throw new ConflictException($"expectedVersion: the store is at data version {current}, before {expected}: the data was read from another state of the store (restored?); read it again");
        if (expected == current) return;
        foreach (var subject in BulkSubjects)
        {
            if (await FirstAsync(store, new JournalQuery(expected, Page, Subject: subject), e => e.Bulk, cancellationToken).ConfigureAwait(false) is { } bulk)
                throw new ConflictException($"expectedVersion: {bulk.Operation} replaced the data in data version {bulk.DataVersion}, after {expected}; read it again");
        }
        var checkedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            if (Record(write.Operation) is not var (id, at) || !checkedIds.Add(id)) continue;
            var entry = await FirstAsync(store, new JournalQuery(expected, Page, NodeId: at), e => e.Changes.Any(c => c.Id == id), cancellationToken).ConfigureAwait(false);
            if (entry is not null)
                throw new LocatedWriteException(new ConflictException(
                    $"{write.Path}: {id} changed in data version {entry.DataVersion} ({entry.Operation}), after the expected version {expected}: read it again and retry"), write.Path);
        }
    }

    /// <summary>The record a write names, and the node under which the journal files its changes.</summary>
    static (string Id, string At)? Record(WriteOperation operation) => operation switch
    {
        WriteOperation.UpsertNode { Node: var node } => (node.Id, node.Id),
        WriteOperation.PatchNode { Id: var id } => (id, id),
        WriteOperation.DeleteNode { Id: var id } => (id, id),
        WriteOperation.UpsertLink { Link: var link } => (link.Id, link.FromId),
        WriteOperation.DeleteLink { Id: var id } when LinkId.TryParse(id, out _, out var fromId, out _, out _) => (id, fromId),
        _ => null,
    };

    // The first entry after the query's version that matches, paging through the journal.
    static async Task<JournalEntry?> FirstAsync(IGraphStore store, JournalQuery query, Func<JournalEntry, bool> matches, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entries = await store.GetJournalAsync(query, cancellationToken).ConfigureAwait(false);
            if (entries.FirstOrDefault(matches) is { } entry) return entry;
            if (entries.Count < query.First) return null;
            query = query with { After = entries[^1].DataVersion };
        }
    }
}
