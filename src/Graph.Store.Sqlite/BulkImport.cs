using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Store;
using Microsoft.Data.Sqlite;
using static KnowledgeGraph.Store.Sqlite.SqlCommands;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// An import of any size in one transaction; into a (nearly) empty store a bulk load: out of the log, indexes built
/// once, links staged and written in key order (<see cref="WriteSession"/>).
/// </summary>
internal sealed class BulkImport(SqliteConnections connections)
{
    const int ImportProgressEvery = 10_000;

    public async Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress, JournalDraft? journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var codes = connections.Codes;
        await connections.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = connections.OpenWriter();
            // For this connection only: a bigger page cache, as the link table takes random inserts (768 MiB keeps the
            // country preset's import under 1.5 GiB); and no foreign key enforcement, which costs a sixth of the rate
            // while the session checks both ends of every link anyway. No memory-mapped reads: the pages the load reads
            // back would count as resident memory on top of its own.
            var synchronous = (long)Scalar(connection, null, "PRAGMA synchronous")!;
            Execute(connection, null, "PRAGMA cache_size = -786432; PRAGMA foreign_keys = OFF; PRAGMA mmap_size = 0;");
            var leftWal = false;
            try
            {
                var nodesBefore = (long)Scalar(connection, null, SqlStatements.CountNodes)!;
                var bulk = nodesBefore < connections.Options.BulkImportBelowNodes;
                leftWal = bulk && !connections.InMemory && LeaveWal(connection);
                // A bulk load skips the sync of the log at commit; in WAL mode that can lose the import on power loss,
                // never half of it, and the store had (next to) nothing to lose. Its index builds sort on every core.
                if (bulk) Execute(connection, null, FormattableString.Invariant($"PRAGMA synchronous = NORMAL; PRAGMA threads = {Environment.ProcessorCount};"));
                using var transaction = connection.BeginTransaction(deferred: false);
                // Into a store without links, a bulk load stages the links and writes them at the end in the order of
                // their key: the clustered links table is then built by appends.
                var stageLinks = bulk && (long)Scalar(connection, transaction, SqlStatements.HasNoLinks)! == 1;
                // The staged links take the memory the random inserts needed for pages: 256 MiB holds the nodes' indexes.
                if (stageLinks) Execute(connection, transaction, "PRAGMA cache_size = -262144;");
                using var session = new WriteSession(connection, transaction, codes, DateTimeOffset.UtcNow, bulk, stageLinks, emptyStore: nodesBefore == 0);
                long done = 0, nodesCreated = 0, nodesUpdated = 0, nodesUnchanged = 0, linksCreated = 0, linksUpdated = 0, linksUnchanged = 0;
                await foreach (var operation in operations.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    switch (operation)
                    {
                        case WriteOperation.UpsertNode upsert:
                            switch (session.UpsertNode(upsert.Node, materialize: false).Change)
                            {
                                case Change.Created: nodesCreated++; break;
                                case Change.Updated: nodesUpdated++; break;
                                default: nodesUnchanged++; break;
                            }
                            break;
                        case WriteOperation.UpsertLink upsert:
                            switch (session.UpsertLink(upsert.Link, materialize: false).Change)
                            {
                                case Change.Created: linksCreated++; break;
                                case Change.Updated: linksUpdated++; break;
                                default: linksUnchanged++; break;
                            }
                            break;
                        case WriteOperation.DeleteNode delete:
                            session.DeleteNode(delete.Id);
                            break;
                        case WriteOperation.DeleteLink delete:
                            session.DeleteLink(delete.Id);
                            break;
                        default:
                            throw new InvalidInputException($"unknown write operation {operation?.GetType().Name ?? "null"}");
                    }
                    if (++done % ImportProgressEvery == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        progress?.Report(done);
                    }
                }
                cancellationToken.ThrowIfCancellationRequested();
                var version = session.Finish();
                if (session.Changed && journal is not null)
                    SqliteJournal.Append(connection, transaction, journal.Complete(version, DateTimeOffset.UtcNow, []));
                transaction.Commit();
                progress?.Report(done);
                // Staged links were reported as created; the repeats among them are known once they are written.
                linksCreated -= session.RepeatedLinksUpdated + session.RepeatedLinksUnchanged;
                linksUpdated += session.RepeatedLinksUpdated;
                linksUnchanged += session.RepeatedLinksUnchanged;
                // So were the repeats of the nodes written on another thread, reported as unchanged.
                nodesUnchanged -= session.RepeatedNodesUpdated;
                nodesUpdated += session.RepeatedNodesUpdated;
                return new ImportResult(nodesCreated, nodesUpdated, nodesUnchanged, linksCreated, linksUpdated, linksUnchanged, version);
            }
            finally
            {
                if (leftWal) Execute(connection, null, "PRAGMA journal_mode = WAL;");
                Execute(connection, null, FormattableString.Invariant(
                    $"PRAGMA cache_size = -{connections.Options.CacheSizeKib}; PRAGMA foreign_keys = ON; PRAGMA synchronous = {synchronous}; PRAGMA threads = 0; PRAGMA optimize; PRAGMA mmap_size = {connections.Options.MmapSizeBytes};"));
                JournalStatistics.Forget(connection, null);
            }
        }
        catch (SqliteException e)
        {
            throw connections.Unavailable(e);
        }
        finally
        {
            connections.WriteLock.Release();
        }
    }

    /// <summary>
    /// Switches the file from the log (WAL) to a rollback journal for a bulk load. The journal of a load into a (nearly)
    /// empty store holds only the few pages the store had, as pages added beyond the end of the file need none, so the
    /// load is written once, into the file, instead of into the log and again by the checkpoint at its end; a failed
    /// load still rolls back, and a crash leaves the journal to roll it back on the next open. Leaving WAL needs the file
    /// to itself: the idle connections are closed, and when another connection (another process) has the file open the
    /// load keeps the log. Readers wait while the load writes; <see cref="ImportAsync"/> switches back to WAL at its end.
    /// </summary>
    bool LeaveWal(SqliteConnection connection)
    {
        connections.Readers.CloseIdle();
        SqliteConnection.ClearPool(connection);
        Execute(connection, null, "PRAGMA busy_timeout = 0;");
        try
        {
            using var command = Command(connection, null, "PRAGMA journal_mode = DELETE;");
            command.CommandTimeout = 1;
            return command.ExecuteScalar() is "delete";
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            return false;
        }
        finally
        {
            Execute(connection, null, FormattableString.Invariant($"PRAGMA busy_timeout = {(long)connections.Options.BusyTimeout.TotalMilliseconds};"));
        }
    }
}
