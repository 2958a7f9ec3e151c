using System.Diagnostics;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>How a view came to be at a data version: built from the store, or by applying journal entries.</summary>
public enum ViewRefreshKind
{
    /// <summary>Built from the store's scans.</summary>
    Built,
    /// <summary>Read the entries it missed (another process's writes) from the journal and applied them.</summary>
    CaughtUp,
}

/// <summary>One refresh of a view: how, from which data version (−1 for none) to which, with how many entries, how long.</summary>
public sealed record ViewRefresh(ViewRefreshKind Kind, long FromVersion, long ToVersion, int Entries, TimeSpan Elapsed);

/// <summary>What a view has done since the process started.</summary>
/// <param name="Builds">Builds from the store.</param>
/// <param name="CatchUps">Catch-ups from the journal (another process's writes).</param>
/// <param name="EntriesCaughtUp">Entries applied in those catch-ups.</param>
/// <param name="EntriesApplied">Entries of this process's writes applied as they committed.</param>
/// <param name="DataVersion">The data version the view is at; −1 before it is built or when it must rebuild.</param>
public sealed record JournalViewCounts(int Builds, int CatchUps, long EntriesCaughtUp, long EntriesApplied, long DataVersion);

/// <summary>
/// Holds one view derived from the graph (the collaboration projection, the matchmaking index) and keeps it equal to the
/// store by following the journal: built on first use; told of each write of this process as it commits; when the store
/// is further on (another process wrote), it reads the entries it missed from the journal and applies them, in
/// data-version order. It rebuilds only after a bulk load, or when the view cannot apply an entry. A build runs outside
/// the lock that committing writes take, so no write waits for one; readers with no current view wait for it.
/// </summary>
public abstract class JournalView<TView> : IJournalObserver, IDisposable
    where TView : class
{
    // The most entries read from the journal to catch up; further behind, a rebuild is cheaper.
    const int MaxCatchUp = 10_000;

    readonly SemaphoreSlim _gate = new(1, 1);
    TView? _view;
    long _version = -1;
    // The build under way, shared by every reader that needs it.
    Task<(TView View, long Version, TimeSpan Elapsed)>? _build;
    int _builds;
    int _catchUps;
    long _entriesCaughtUp;
    long _entriesApplied;

    /// <summary>Builds the view from the store as it is at <paramref name="version"/> (read before the build).</summary>
    protected abstract Task<TView> BuildAsync(IGraphStore store, long version, CancellationToken cancellationToken);

    /// <summary>Applies one committed entry to the view; false when it cannot (the view is then rebuilt).</summary>
    protected abstract bool Apply(TView view, JournalEntry entry);

    /// <summary>Told after each build and each catch-up from the journal (for the log).</summary>
    protected virtual void OnRefreshed(ViewRefresh refresh)
    {
    }

    /// <summary>What the view has done since the process started.</summary>
    public JournalViewCounts Counts =>
        new(Volatile.Read(ref _builds), Volatile.Read(ref _catchUps), Interlocked.Read(ref _entriesCaughtUp), Interlocked.Read(ref _entriesApplied), Volatile.Read(ref _version));

    /// <summary>The view, current as of the store's data version now.</summary>
    public async Task<TView> GetAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        if (_view is { } current && Volatile.Read(ref _version) >= version) return current;
        while (true)
        {
            Task<(TView View, long Version, TimeSpan Elapsed)> build;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
                if (_view is not null && _version >= version) return _view;
                if (_view is not null && _version >= 0 && version - _version <= MaxCatchUp
                    && await CatchUpAsync(store, version, cancellationToken).ConfigureAwait(false))
                    return _view;
                // The version read before the build: a write during it is caught up with from the journal afterwards.
                build = _build ??= BuildAtAsync(store, version);
            }
            finally
            {
                _gate.Release();
            }
            (TView View, long Version, TimeSpan Elapsed) built;
            try
            {
                built = await build.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch when (build.IsFaulted || build.IsCanceled)
            {
                await ForgetAsync(build).ConfigureAwait(false);
                throw;
            }
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (ReferenceEquals(_build, build))
                {
                    _build = null;
                    var previous = _view;
                    _view = built.View;
                    Volatile.Write(ref _version, built.Version);
                    Interlocked.Increment(ref _builds);
                    OnRefreshed(new ViewRefresh(ViewRefreshKind.Built, -1, built.Version, 0, built.Elapsed));
                    if (!ReferenceEquals(previous, built.View)) (previous as IDisposable)?.Dispose();
                }
            }
            finally
            {
                _gate.Release();
            }
            // Round again: writes committed during the build are caught up with from the journal.
        }
    }

    // A build not tied to one reader's cancellation: others may be waiting for it.
    async Task<(TView View, long Version, TimeSpan Elapsed)> BuildAtAsync(IGraphStore store, long version)
    {
        await Task.Yield();
        var started = Stopwatch.StartNew();
        var view = await BuildAsync(store, version, CancellationToken.None).ConfigureAwait(false);
        return (view, version, started.Elapsed);
    }

    async Task ForgetAsync(Task build)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(_build, build)) _build = null;
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
            {
                var applied = Apply(_view, entry);
                Volatile.Write(ref _version, applied ? entry.DataVersion : -1);
                if (applied) Interlocked.Increment(ref _entriesApplied);
            }
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
        var started = Stopwatch.StartNew();
        var from = _version;
        var entries = await store.GetJournalAsync(new JournalQuery(_version, (int)(version - _version)), cancellationToken).ConfigureAwait(false);
        var expected = _version + 1;
        var applied = 0;
        try
        {
            foreach (var entry in entries)
            {
                if (entry.DataVersion != expected || entry.Bulk || !Apply(_view!, entry)) return false;
                Volatile.Write(ref _version, entry.DataVersion);
                expected++;
                applied++;
            }
            return _version >= version;
        }
        finally
        {
            if (applied > 0)
            {
                Interlocked.Increment(ref _catchUps);
                Interlocked.Add(ref _entriesCaughtUp, applied);
                OnRefreshed(new ViewRefresh(ViewRefreshKind.CaughtUp, from, _version, applied, started.Elapsed));
            }
        }
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
