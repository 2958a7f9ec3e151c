using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// The matchmaking index of a process, kept equal to the store by following the journal
/// (<see cref="JournalView{TView}"/>): built from the store and the collaboration projection on first use, then kept up
/// to date entry by entry — each write of this process as it commits, another process's from the journal — and given
/// the ties the projection re-derived when asked (<see cref="IndexAsync"/>).
/// </summary>
/// <param name="projection">The collaboration projection, current as of the store (the index's ties come from it).</param>
/// <param name="clock">Today, for recency and current pairings.</param>
public class MatchmakingIndexView(Func<CancellationToken, Task<CollaborationProjection>> projection, TimeProvider clock) : JournalView<MatchmakingIndex>
{
    /// <summary>The index, current as of the store's data version, with the projection's ties as of then.</summary>
    public async Task<MatchmakingIndex> IndexAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var index = await GetAsync(store, cancellationToken).ConfigureAwait(false);
        index.Refresh(await projection(cancellationToken).ConfigureAwait(false), Today);
        return index;
    }

    DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    protected override async Task<MatchmakingIndex> BuildAsync(IGraphStore store, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var ties = await projection(cancellationToken).ConfigureAwait(false);
        return await MatchmakingIndex.BuildAsync(store, ties, Today, cancellationToken).ConfigureAwait(false);
    }

    protected override bool Apply(MatchmakingIndex view, JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entry);
        view.Apply(entry.Changes);
        return true;
    }
}
