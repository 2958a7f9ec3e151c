using System.Globalization;
using System.Text.Json;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// An explicit transaction: statements run one by one, then commit. Any failure of a statement — an error from Neo4j,
/// a lost or reset connection, a timeout, the caller's cancellation — rolls it back before the error reaches the caller,
/// so the data-version lock it holds is released at once; disposing it uncommitted rolls it back too. A commit whose
/// answer is lost is resolved before returning: either it took effect (and the write succeeded) or it did not, and
/// then the failure is transient, so the whole transaction may safely run again.
/// </summary>
internal sealed class Neo4jTransaction(
    Neo4jConnection connection, Neo4jServer server, Uri location, string? affinity, CancellationTokenSource deadline, Neo4jStoreOptions options)
    : IAsyncDisposable
{
    bool _finished;
    string? _affinity = affinity;

    public Neo4jServer Server => server;

    public async Task<IReadOnlyList<JsonElement>> RunAsync(string statement, object? parameters, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var (rows, response) = await connection.PostAsync(server, location, statement, parameters, _affinity, linked.Token).ConfigureAwait(false);
            _affinity = response.Affinity;
            return rows;
        }
        catch (Exception e)
        {
            await RollbackAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                throw TookTooLong(e);
            if (e is StoreUnavailableException) throw RolledBack(e);
            throw;
        }
    }

    /// <summary>A timeout or an unexpected answer once the transaction is rolled back: it says that nothing was written.</summary>
    static StoreUnavailableException RolledBack(Exception e) => new($"{e.Message} The write was rolled back: nothing of it was written.", e);

    StoreUnavailableException TookTooLong(Exception e) => new(
        $"The write took longer than Store:Neo4j:Timeout ({options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s) and was rolled back; " +
        "nothing of it was written. Write less at a time, or allow more time.", e);

    /// <summary>Commits. Once the commit is sent it is seen through: the caller's cancellation no longer applies.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (deadline.IsCancellationRequested)
        {
            await RollbackAsync().ConfigureAwait(false);
            throw TookTooLong(new TimeoutException());
        }
        var token = Guid.NewGuid().ToString("N");
        try
        {
            await connection.CommitAsync(server, location, CypherStatements.Get("queries/mark-commit"), new { commit = token }, _affinity, CancellationToken.None).ConfigureAwait(false);
            _finished = true;
        }
        catch (Exception e)
        {
            await RollbackAsync().ConfigureAwait(false);
            if (await connection.FindCommitAsync(token).ConfigureAwait(false) is not { } committed)
            {
                throw new StoreUnavailableException(
                    "Neo4j did not confirm the commit of a write and cannot be reached to tell whether it took effect; read the data version before repeating it.", e);
            }
            if (!committed)
            {
                if (e is StoreUnavailableException) throw RolledBack(e);
                throw;
            }
        }
        finally
        {
            deadline.Dispose();
        }
    }

    /// <summary>
    /// Rolls back, a few times over a failing connection; one still undelivered is left to the connection, which
    /// delivers it before the next transaction begins (and Neo4j ends it at its timeout in any case).
    /// </summary>
    async Task RollbackAsync()
    {
        if (_finished) return;
        _finished = true;
        var delay = options.RetryDelay;
        for (var attempt = 0; attempt <= options.MaxRetries; attempt++)
        {
            try
            {
                await connection.RollbackAsync(location, _affinity, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is DomainException or Neo4jTransientException)
            {
                if (attempt == options.MaxRetries) break;
                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }
        }
        connection.Abandon(location, _affinity);
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync().ConfigureAwait(false);
        deadline.Dispose();
    }
}
