using GraphQL.DataLoader;

namespace KnowledgeGraph.Api.Hosting.Loading;

/// <summary>
/// A keyed batch loader, modelled on graphql-dotnet's <c>DataLoaderBase</c>: resolvers ask for keys and get an
/// <see cref="IDataLoaderResult{T}"/>; graphql-dotnet resolves those only after every other field of the level,
/// so the first result awaited fetches all keys asked for so far in one store call. Values are cached for the
/// request (a loader is scoped to it). Thread-safe: queries resolve fields in parallel.
/// </summary>
public abstract class BatchLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly object _sync = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> _cache;
    private Dictionary<TKey, TaskCompletionSource<TValue>>? _pending;

    protected BatchLoader(IEqualityComparer<TKey>? comparer = null)
    {
        _cache = new Dictionary<TKey, TaskCompletionSource<TValue>>(comparer);
    }

    /// <summary>The value of this key, fetched with every other key asked for in the same level.</summary>
    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_sync)
        {
            if (!_cache.TryGetValue(key, out var completion))
            {
                completion = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                _cache.Add(key, completion);
                _pending ??= new Dictionary<TKey, TaskCompletionSource<TValue>>(_cache.Comparer);
                _pending.Add(key, completion);
            }
            return new Result(this, completion.Task);
        }
    }

    /// <summary>The values of these keys, in order, fetched in one batch with the rest of the level.</summary>
    public IDataLoaderResult<IReadOnlyList<TValue>> LoadMany(IEnumerable<TKey> keys)
    {
        var results = keys.Select(Load).ToList();
        return new Combined(results);
    }

    /// <summary>Fetches the values of many keys in one call; a key missing from the answer gets <c>default</c>.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken);

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        Dictionary<TKey, TaskCompletionSource<TValue>>? batch;
        lock (_sync)
        {
            batch = _pending;
            _pending = null;
        }
        if (batch is null)
            return;
        try
        {
            var values = await FetchAsync(batch.Keys, cancellationToken).ConfigureAwait(false);
            foreach (var (key, completion) in batch)
                completion.TrySetResult(values.TryGetValue(key, out var value) ? value : default!);
        }
        catch (Exception ex)
        {
            foreach (var completion in batch.Values)
                completion.TrySetException(ex);
        }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, Task<TValue> value) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!value.IsCompleted)
                await loader.DispatchAsync(cancellationToken).ConfigureAwait(false);
            return await value.ConfigureAwait(false);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Combined(IReadOnlyList<IDataLoaderResult<TValue>> parts) : IDataLoaderResult<IReadOnlyList<TValue>>
    {
        public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new TValue[parts.Count];
            for (var i = 0; i < parts.Count; i++)
                values[i] = await parts[i].GetResultAsync(cancellationToken).ConfigureAwait(false);
            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Turns a pending result into another once it is there.</summary>
public static class DataLoaderResultExtensions
{
    /// <summary>The pending result, transformed when it resolves.</summary>
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> transform) =>
        new Mapped<TIn, TOut>(result, transform);

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> transform) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            transform(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
