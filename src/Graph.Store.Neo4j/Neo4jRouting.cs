using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// Which server to speak to, and how often to try. With several server addresses it uses one at a time and moves on to
/// the next when that one cannot be reached, answers 503 or is not the leader a write needs. It keeps the bookmarks of
/// the last write, so that every transaction begun after it is answered only by a cluster member that holds that write:
/// what this store wrote, it reads back, whichever member answers. A server that gives no bookmarks (3.x, 4.x) is sent none.
/// </summary>
internal sealed class Neo4jRouting(Neo4jStoreOptions options, TimeProvider time)
{
    readonly Uri[] _servers = options.Servers();
    int _current;
    string[] _bookmarks = [];

    /// <summary>The address in use: the first configured, until a failure moves the store on.</summary>
    public Uri Current => _servers[Volatile.Read(ref _current)];

    /// <summary>The bookmarks of this store's last write, sent with every transaction it begins (none before the first).</summary>
    public IReadOnlyList<string> Bookmarks => Volatile.Read(ref _bookmarks);

    /// <summary>Keeps the bookmarks of a committed write; an answer without any (a server without bookmarks) keeps none.</summary>
    public void Remember(IReadOnlyList<string> bookmarks)
    {
        if (bookmarks.Count > 0) Volatile.Write(ref _bookmarks, [.. bookmarks]);
    }

    /// <summary>
    /// Moves on from the server a request failed on to the next configured one, unless another failure already did.
    /// Called when the server cannot be reached, answers 503 or is not the leader.
    /// </summary>
    public void FailOver(Uri? request)
    {
        if (_servers.Length < 2 || request is null) return;
        var index = Array.FindIndex(_servers, s => s.IsBaseOf(request));
        if (index >= 0) Interlocked.CompareExchange(ref _current, (index + 1) % _servers.Length, index);
    }

    /// <summary>
    /// Runs a step, again after a failure that changed nothing (<see cref="Neo4jTransientException"/>). A failure that
    /// moved the store to another server is tried there at once, until every server has had its turn; then it waits,
    /// the wait doubling each round, for at most <see cref="Neo4jStoreOptions.MaxRetries"/> rounds.
    /// </summary>
    public async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        var delay = options.RetryDelay;
        var (waits, hops) = (0, 0);
        for (var attempt = 1; ; attempt++)
        {
            var server = Volatile.Read(ref _current);
            try
            {
                return await step(cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jTransientException e)
            {
                if (server != Volatile.Read(ref _current) && ++hops < _servers.Length) continue;
                hops = 0;
                if (waits++ >= options.MaxRetries)
                    throw new StoreUnavailableException($"Neo4j kept failing with a transient error after {attempt} attempts: {e.Message}", e);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }
}
