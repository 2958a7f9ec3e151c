using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// The collaboration projection of a process, kept equal to the store by following the journal
/// (<see cref="JournalView{TView}"/>): each committed write is applied incrementally, writes of other processes are
/// caught up with from the journal, and only a bulk load makes it rebuild.
/// </summary>
public class CollaborationProjectionView(HomeProvince home) : JournalView<CollaborationProjection>
{
    protected override async Task<CollaborationProjection> BuildAsync(IGraphStore store, long version, CancellationToken cancellationToken)
    {
        var projection = await CollaborationProjection.BuildAsync(store, home, cancellationToken).ConfigureAwait(false);
        projection.BuiltAt(version);
        return projection;
    }

    protected override bool Apply(CollaborationProjection view, JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entry);
        view.Apply(entry.Changes.Select(change => change switch
        {
            NodeChange n => new WriteOutcome(n.Id, n.Change, Node: n.After),
            LinkChange l => new WriteOutcome(l.Id, l.Change, Link: l.After),
            _ => new WriteOutcome(change.Id, change.Change),
        }), entry.DataVersion);
        return true;
    }
}
