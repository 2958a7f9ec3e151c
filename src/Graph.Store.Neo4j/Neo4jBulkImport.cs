using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>A stream of upserts into the store, in transactions that fit the server's heap.</summary>
internal sealed class Neo4jBulkImport(Neo4jConnection connection, Neo4jWrites writes)
{
    const int ImportChunk = 500;
    const int ImportTransaction = 5000;

    /// <summary>
    /// Imports in transactions of <see cref="ImportTransaction"/> operations: an import that fits in one is all or
    /// nothing; a larger one commits as it goes (Neo4j holds a transaction's changes in its heap, and one of a whole
    /// province does not fit a small server), each transaction retried as a write is, and each that changed anything
    /// journaled as a bulk entry. After a failure, running the same import again finishes it: what was already written
    /// is found unchanged.
    /// </summary>
    public async Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress, JournalDraft? journal, CancellationToken cancellationToken)
    {
        var totals = new long[6];
        long committed = 0, reported = 0;
        long? version = null;
        var batch = new List<WriteOperation>(ImportTransaction);
        void Report(long done)
        {
            // A transaction that runs again does not move the progress back.
            if (done <= reported) return;
            reported = done;
            progress?.Report(done);
        }
        async Task CommitBatchAsync()
        {
            var (counts, batchVersion) = await connection.RetryAsync(ct => ImportTransactionAsync(batch, journal, done => Report(committed + done), ct), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < totals.Length; i++) totals[i] += counts[i];
            version = batchVersion;
            committed += batch.Count;
            batch.Clear();
        }
        try
        {
            await foreach (var operation in operations.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (operation is not (WriteOperation.UpsertNode or WriteOperation.UpsertLink))
                    throw new InvalidInputException($"An import holds upserts only, not {operation.GetType().Name}.");
                batch.Add(operation);
                if (batch.Count == ImportTransaction) await CommitBatchAsync().ConfigureAwait(false);
            }
            if (batch.Count > 0 || version is null) await CommitBatchAsync().ConfigureAwait(false);
        }
        catch (StoreUnavailableException e) when (committed > 0)
        {
            throw new StoreUnavailableException(
                $"{e.Message} The import stopped after {committed:N0} operations, committed in transactions of {ImportTransaction:N0}; " +
                "run the same import again to finish it (what is already written is found unchanged).", e);
        }
        Report(committed);
        return new ImportResult(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], version!.Value);
    }

    /// <summary>One transaction of an import: the counts of created, updated, unchanged nodes and links, and the data version after.</summary>
    async Task<(long[] Counts, long Version)> ImportTransactionAsync(List<WriteOperation> operations, JournalDraft? journal, Action<long> report, CancellationToken ct)
    {
        var tx = await connection.BeginAsync(ct).ConfigureAwait(false);
        await using var rollback = tx.ConfigureAwait(false);
        var version = await Neo4jWrites.LockVersionAsync(tx, ct).ConfigureAwait(false);
        long done = 0;
        var counts = new long[6];
        var nodes = new List<NodeInput>();
        var links = new List<LinkInput>();
        async Task FlushAsync()
        {
            if (nodes.Count > 0) Count(await writes.UpsertNodesAsync(tx, nodes, ct).ConfigureAwait(false), 0);
            if (links.Count > 0) Count(await writes.UpsertLinksAsync(tx, links, ct).ConfigureAwait(false), 3);
            done += nodes.Count + links.Count;
            nodes.Clear();
            links.Clear();
            report(done);
        }
        void Count(IReadOnlyList<WriteOutcome> outcomes, int offset)
        {
            foreach (var o in outcomes) counts[offset + o.Change switch { Change.Created => 0, Change.Updated => 1, _ => 2 }]++;
        }
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case WriteOperation.UpsertNode n:
                    if (links.Count > 0) await FlushAsync().ConfigureAwait(false);
                    nodes.Add(n.Node);
                    break;
                case WriteOperation.UpsertLink l:
                    if (nodes.Count > 0) await FlushAsync().ConfigureAwait(false);
                    links.Add(l.Link);
                    break;
            }
            if (nodes.Count + links.Count >= ImportChunk) await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);
        if (counts[0] + counts[1] + counts[3] + counts[4] > 0)
        {
            version = await Neo4jWrites.BumpVersionAsync(tx, ct).ConfigureAwait(false);
            if (journal is not null) await Neo4jWrites.AppendJournalAsync(tx, journal.Complete(version, DateTimeOffset.UtcNow, []), ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return (counts, version);
    }
}
