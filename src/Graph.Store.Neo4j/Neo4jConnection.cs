using System.Collections.Concurrent;
using System.Text.Json;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// Cypher over Neo4j's HTTP APIs, the server found by discovery: statements in transactions of their own, and the
/// life of explicit transactions — begun with a time limit, committed, rolled back, a rollback that could not be
/// delivered delivered later, a commit whose answer was lost looked up. The requests and answers are
/// <see cref="Neo4jHttp"/>'s; which server, the bookmarks and the retries are <see cref="Neo4jRouting"/>'s.
/// </summary>
internal sealed class Neo4jConnection
{
    readonly Neo4jStoreOptions _options;
    readonly Neo4jRouting _routing;
    readonly Neo4jHttp _http;
    Neo4jServer? _server;
    // Transactions whose rollback could not be delivered: rolled back before the next one begins, so a lock they hold
    // is released as soon as Neo4j can be reached again, not when Neo4j gives up on them.
    readonly ConcurrentQueue<(Uri Location, string? Affinity)> _abandoned = new();

    public Neo4jConnection(HttpClient http, Neo4jStoreOptions options, TimeProvider? time = null)
    {
        _options = options;
        _routing = new Neo4jRouting(options, time ?? TimeProvider.System);
        _http = new Neo4jHttp(http, options, _routing);
    }

    /// <summary>Runs a step, again after a failure that changed nothing (see <see cref="Neo4jRouting.RetryAsync"/>).</summary>
    public Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken) =>
        _routing.RetryAsync(step, cancellationToken);

    /// <summary>The server, discovered once by an unauthenticated GET /.</summary>
    public async Task<Neo4jServer> ServerAsync(CancellationToken cancellationToken)
    {
        // Two callers racing may both discover; they find the same server, so no lock is needed.
        return _server ??= await Neo4jServer.DiscoverAsync(_http, _routing.Current, _options.Database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one statement in a transaction of its own; a read is marked as one (see <see cref="Neo4jHttp.PostAsync"/>).</summary>
    public async Task<IReadOnlyList<JsonElement>> RunAsync(string statement, object? parameters, CancellationToken cancellationToken, bool read = false)
    {
        var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
        var (rows, response) = await _http.PostAsync(server, new Uri(_routing.Current, server.AutoCommitPath), statement, parameters, null, cancellationToken,
            read: read, bookmarks: _routing.Bookmarks).ConfigureAwait(false);
        // A read leaves the bookmarks as they are: one answered late must not set them back behind a write since.
        if (!read) _routing.Remember(response.Bookmarks);
        return rows;
    }

    /// <summary>Runs a read in a transaction of its own, marked as a read, again after transient failures.</summary>
    public Task<IReadOnlyList<JsonElement>> ReadAsync(string statement, object? parameters, CancellationToken cancellationToken) =>
        RetryAsync(ct => RunAsync(statement, parameters, ct, read: true), cancellationToken);

    /// <summary>Runs a statement that may write in a transaction of its own, again after transient failures.</summary>
    public Task<IReadOnlyList<JsonElement>> RunRetriedAsync(string statement, object? parameters, CancellationToken cancellationToken) =>
        RetryAsync(ct => RunAsync(statement, parameters, ct), cancellationToken);

    /// <summary>
    /// Opens an explicit transaction, which Neo4j ends by itself once it is older than <see cref="Neo4jStoreOptions.Timeout"/>
    /// (the <c>max-execution-time</c> header): whatever happens to this process or the network, the locks it takes,
    /// the data-version lock first, are not held longer. Dispose it without committing to roll it back.
    /// </summary>
    public async Task<Neo4jTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
        await RollbackAbandonedAsync().ConfigureAwait(false);
        // The client's deadline for the whole transaction starts before the server's, so the client never waits on a
        // transaction the server has already ended.
        var deadline = new CancellationTokenSource(_options.Timeout);
        try
        {
            var (location, affinity, _) = await OpenAsync(server, null, cancellationToken).ConfigureAwait(false);
            return new Neo4jTransaction(this, server, location, affinity, deadline, _options);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>Opens a transaction on the current server, running a first statement in it when given.</summary>
    async Task<(Uri Location, string? Affinity, IReadOnlyList<JsonElement> Rows)> OpenAsync(
        Neo4jServer server, string? statement, CancellationToken cancellationToken)
    {
        var at = _routing.Current;
        var (rows, response) = await _http.PostAsync(server, new Uri(at, server.BeginPath), statement, null, null, cancellationToken,
            transactionTimeout: _options.Timeout, bookmarks: _routing.Bookmarks).ConfigureAwait(false);
        var id = response.TransactionId ?? throw new StoreUnavailableException("Neo4j opened a transaction but did not say where it is.");
        // The transaction lives on the member that opened it: every later request goes there, whatever the current server.
        return (new Uri(at, $"{server.BeginPath}/{id}"), response.Affinity, rows);
    }

    /// <summary>Runs a statement in an open transaction at its address.</summary>
    internal Task<(IReadOnlyList<JsonElement> Rows, Neo4jHttp.PostResponse Response)> PostAsync(
        Neo4jServer server, Uri location, string statement, object? parameters, string? affinity, CancellationToken cancellationToken) =>
        _http.PostAsync(server, location, statement, parameters, affinity, cancellationToken);

    /// <summary>Commits a transaction, running a last statement in the same request where the API allows.</summary>
    internal async Task CommitAsync(Neo4jServer server, Uri location, string statement, object parameters, string? affinity, CancellationToken cancellationToken)
    {
        var commit = new Uri(location.AbsoluteUri + "/commit");
        if (server.QueryApi)
        {
            // The Query API's commit takes no statements.
            await _http.PostAsync(server, location, statement, parameters, affinity, cancellationToken).ConfigureAwait(false);
            _routing.Remember(await _http.PostCommitAsync(commit, affinity, cancellationToken).ConfigureAwait(false));
            return;
        }
        var (_, committed) = await _http.PostAsync(server, commit, statement, parameters, affinity, cancellationToken).ConfigureAwait(false);
        _routing.Remember(committed.Bookmarks);
    }

    /// <summary>Remembers a transaction whose rollback could not be delivered, to roll it back before the next one begins.</summary>
    internal void Abandon(Uri location, string? affinity) => _abandoned.Enqueue((location, affinity));

    async Task RollbackAbandonedAsync()
    {
        for (var pending = _abandoned.Count; pending > 0 && _abandoned.TryDequeue(out var abandoned); pending--)
        {
            try
            {
                await RollbackAsync(abandoned.Location, abandoned.Affinity, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DomainException or Neo4jTransientException)
            {
                _abandoned.Enqueue(abandoned);
            }
        }
    }

    /// <summary>Rolls back a transaction at its address; one already gone (ended by Neo4j or never opened) is no error.</summary>
    internal Task RollbackAsync(Uri location, string? affinity, CancellationToken cancellationToken) =>
        _http.DeleteTransactionAsync(location, affinity, cancellationToken);

    /// <summary>
    /// Whether the write transaction that marked itself with this token committed (mark-commit.cypher); null when
    /// Neo4j cannot be reached to tell. Asked under the data-version lock, so a commit still under way is waited for;
    /// on a cluster that is the leader, found as for a write.
    /// </summary>
    internal async Task<bool?> FindCommitAsync(string token)
    {
        try
        {
            return await RetryAsync(async _ =>
            {
                try
                {
                    var server = await ServerAsync(CancellationToken.None).ConfigureAwait(false);
                    var (location, affinity, rows) = await OpenAsync(server, CypherStatements.Get("queries/check-commit"), CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        await RollbackAsync(location, affinity, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is DomainException or Neo4jTransientException)
                    {
                        Abandon(location, affinity);
                    }
                    return rows.Count > 0 && rows[0][0].ValueKind == JsonValueKind.String && rows[0][0].GetString() == token;
                }
                catch (DomainException e)
                {
                    // A timeout or an unexpected answer: asking again is safe, the question writes nothing that stays.
                    throw new Neo4jTransientException(e.Code, e.Message, e);
                }
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return null;
        }
    }
}
