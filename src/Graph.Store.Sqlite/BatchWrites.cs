using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Store;
using Microsoft.Data.Sqlite;
using static KnowledgeGraph.Store.Sqlite.SqlCommands;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>A write batch in one transaction: the expected data version checked, each operation's outcome, the journal entry.</summary>
internal sealed class BatchWrites(SqliteConnections connections)
{
    public async Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var codes = connections.Codes;
        await connections.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = connections.OpenWriter();
            using var transaction = connection.BeginTransaction(deferred: false);
            if (batch.ExpectedDataVersion is { } expected)
            {
                var actual = (long)Scalar(connection, transaction, SqlStatements.GetDataVersion)!;
                if (actual != expected)
                {
                    throw new ConflictException($"the data changed: expected data version {expected}, the store is at {actual}");
                }
            }
            using var session = new WriteSession(connection, transaction, codes, DateTimeOffset.UtcNow, bulk: false);
            var outcomes = new List<WriteOutcome>(batch.Operations.Count);
            foreach (var operation in batch.Operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case WriteOperation.UpsertNode upsert:
                        var (nodeChange, node) = session.UpsertNode(upsert.Node, materialize: true);
                        outcomes.Add(new WriteOutcome(upsert.Node.Id, nodeChange, Node: node));
                        break;
                    case WriteOperation.UpsertLink upsert:
                        var (linkChange, link) = session.UpsertLink(upsert.Link, materialize: true);
                        outcomes.Add(new WriteOutcome(upsert.Link.Id, linkChange, Link: link));
                        break;
                    case WriteOperation.DeleteNode delete:
                        outcomes.Add(new WriteOutcome(delete.Id, session.DeleteNode(delete.Id)));
                        break;
                    case WriteOperation.DeleteLink delete:
                        outcomes.Add(new WriteOutcome(delete.Id, session.DeleteLink(delete.Id)));
                        break;
                    default:
                        throw new InvalidInputException($"unknown write operation {operation?.GetType().Name ?? "null"}");
                }
            }
            var version = session.Finish();
            var entry = session.Changed ? batch.Journal?.Complete(version, DateTimeOffset.UtcNow, outcomes) : null;
            if (entry is not null) SqliteJournal.Append(connection, transaction, entry);
            transaction.Commit();
            return new WriteResult(outcomes, version) { Journal = entry };
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
}
