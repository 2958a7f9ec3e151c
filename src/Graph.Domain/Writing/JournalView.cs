using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// Holds one view derived from the graph (the collaboration projection, the matchmaking index) and keeps it equal to the
/// store by following the journal: built on first use; told of each write of this process as it commits; when the store
/// is further on (another process wrote), it reads the entries it missed from the journal and applies them, in
/// data-version order. It rebuilds only after a bulk load, or when the view cannot apply an entry.
/// </summary>
public abstract class JournalView<TView> : IJournalObserver, IDisposable
    where TView : class
{
    // The most entries read from the journal to catch up; further behind, a rebuild is cheaper.
    const int MaxCatchUp = 10_000;

    readonly SemaphoreSlim _gate = new(1, 1);
    TView? _view;
    long _version = -1;

    /// <summary>Builds the view from the store as it is at <paramref name="version"/> (read before the build).</summary>
    protected abstract Task<TView> BuildAsync(IGraphStore store, long version, CancellationToken cancellationToken);

    /// <summary>Applies one committed entry to the view; false when it cannot (the view is then rebuilt).</summary>
    protected abstract bool Apply(TView view, JournalEntry entry);

    /// <summary>The view, current as of the store's data version now.</summary>
    public async Task<TView> GetAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        if (_view is { } current && Volatile.Read(ref _version) >= version) return current;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
            if (_view is not null && _version >= version) return _view;
            if (_view is not null && _version >= 0 && version - _version <= MaxCatchUp
                && await CatchUpAsync(store, version, cancellationToken).ConfigureAwait(false))
                return _view;
            // The version read before the build: a write during it is caught up with from the journal on the next call.
            var built = await BuildAsync(store, version, cancellationToken).ConfigureAwait(false);
            var previous = _view;
            _view = built;
            Volatile.Write(ref _version, version);
            if (!ReferenceEquals(previous, built)) (previous as IDisposable)?.Dispose();
            return built;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies an entry this process committed; one that comes after a gap is left for the next read to catch up.</summary>
    public async Task AppliedAsync(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Not cancellable: the write has committed, so the view must follow it.
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_view is null || entry.DataVersion <= _version) return;
            if (entry.Bulk)
                Volatile.Write(ref _version, -1);
            else if (entry.DataVersion == _version + 1)
                Volatile.Write(ref _version, Apply(_view, entry) ? entry.DataVersion : -1);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether the view is built and at this data version or later.</summary>
    public bool IsCurrentAt(long version) => _view is not null && Volatile.Read(ref _version) >= version;

    // Reads the entries after the view's version and applies them; false when one is missing, a bulk load, or refused.
    async Task<bool> CatchUpAsync(IGraphStore store, long version, CancellationToken cancellationToken)
    {
        var entries = await store.GetJournalAsync(new JournalQuery(_version, (int)(version - _version)), cancellationToken).ConfigureAwait(false);
        var expected = _version + 1;
        foreach (var entry in entries)
        {
            if (entry.DataVersion != expected || entry.Bulk || !Apply(_view!, entry)) return false;
            Volatile.Write(ref _version, entry.DataVersion);
            expected++;
        }
        return _version >= version;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the view and the gate.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        (_view as IDisposable)?.Dispose();
        _gate.Dispose();
    }
}
