using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// Holds the one collaboration projection of the process and keeps it equal to the store by following the journal
/// (<see cref="JournalView{TView}"/>): each committed write is applied incrementally, writes of other processes are
/// caught up with from the journal, and only a bulk load makes it rebuild.
/// </summary>
public sealed partial class CollaborationProjectionHolder(HomeProvince home, ILogger<CollaborationProjectionHolder> logger) : JournalView<CollaborationProjection>
{
    protected override async Task<CollaborationProjection> BuildAsync(IGraphStore store, long version, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var built = await CollaborationProjection.BuildAsync(store, home, cancellationToken).ConfigureAwait(false);
        var size = built.Size;
        LogBuilt(logger, size.Organizations, size.Ties, version, started.ElapsedMilliseconds);
        return built;
    }

    protected override bool Apply(CollaborationProjection view, JournalEntry entry)
    {
        view.Apply(entry.Changes.Select(change => change switch
        {
            NodeChange n => new WriteOutcome(n.Id, n.Change, Node: n.After),
            LinkChange l => new WriteOutcome(l.Id, l.Change, Link: l.After),
            _ => new WriteOutcome(change.Id, change.Change),
        }));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collaboration projection built: {Organizations} organisations, {Ties} ties at data version {DataVersion} in {ElapsedMs} ms")]
    private static partial void LogBuilt(ILogger logger, int organizations, long ties, long dataVersion, long elapsedMs);
}
