using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// Holds the one collaboration projection of the process and keeps it equal to the store: built on first use, refreshed
/// incrementally from every write's outcomes, rebuilt after a bulk import or when the store's data version shows a write
/// it was not told about (another process, a restore).
/// </summary>
public sealed partial class CollaborationProjectionHolder(HomeProvince home, ILogger<CollaborationProjectionHolder> logger) : IDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    CollaborationProjection? _projection;
    long _version = -1;

    /// <summary>The projection, current as of the store's data version now.</summary>
    public async Task<CollaborationProjection> GetAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        if (_projection is { } current && Volatile.Read(ref _version) == version) return current;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
            if (_projection is not null && _version == version) return _projection;
            // The version read before the scan: a write during the scan makes the next call rebuild again, never miss it.
            var started = System.Diagnostics.Stopwatch.StartNew();
            var built = await CollaborationProjection.BuildAsync(store, home, cancellationToken).ConfigureAwait(false);
            var previous = _projection;
            _projection = built;
            Volatile.Write(ref _version, version);
            previous?.Dispose();
            var size = built.Size;
            LogBuilt(logger, size.Organizations, size.Ties, version, started.ElapsedMilliseconds);
            return built;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies a committed write's outcomes; a write that skipped a version leaves the projection to be rebuilt.</summary>
    public async Task WrittenAsync(WriteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Changed) return;
        // Not cancellable: the write has committed, so the projection must follow it.
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_projection is null) return;
            if (result.DataVersion != _version + 1)
            {
                Volatile.Write(ref _version, -1);
                return;
            }
            _projection.Apply(result.Outcomes);
            Volatile.Write(ref _version, result.DataVersion);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks the projection stale after a bulk import: the next query rebuilds it from the store.</summary>
    public void Invalidate() => Volatile.Write(ref _version, -1);

    /// <inheritdoc/>
    public void Dispose()
    {
        _projection?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collaboration projection built: {Organizations} organisations, {Ties} ties at data version {DataVersion} in {ElapsedMs} ms")]
    private static partial void LogBuilt(ILogger logger, int organizations, long ties, long dataVersion, long elapsedMs);
}
