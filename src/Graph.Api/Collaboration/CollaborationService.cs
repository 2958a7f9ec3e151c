using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>What the collaboration endpoints and resolvers use: the current projection, and names from the store.</summary>
public sealed class CollaborationService(IGraphStore store, CollaborationProjectionHolder holder)
{
    const int JournalPage = 500;

    /// <summary>The projection, current as of the store's data version.</summary>
    public Task<CollaborationProjection> ProjectionAsync(CancellationToken cancellationToken) => holder.GetAsync(store, cancellationToken);

    /// <summary>The names and public identifiers of these nodes, by id, in one store call.</summary>
    public async Task<IReadOnlyDictionary<string, OrganizationLabel>> NamesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var nodes = await store.GetNodesAsync(ids.Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        return nodes.ToDictionary(n => n.Key, n => LabelOf(n.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// The names and public identifiers of these nodes as they were at <paramref name="dataVersion"/> (a projection's,
    /// so that an export names each organisation as its ties show it, not as a write since renamed it): read from the
    /// store now, then every node a later journal entry changed takes its content from before the first such entry.
    /// −1 reads the store as it is.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, OrganizationLabel>> NamesAtAsync(IReadOnlyList<string> ids, long dataVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var labels = new Dictionary<string, OrganizationLabel>(await NamesAsync(ids, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        if (dataVersion < 0) return labels;
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var settled = new HashSet<string>(StringComparer.Ordinal);
        // Read after the names, so the entries include every write the names can show.
        for (var after = dataVersion; ;)
        {
            var entries = await store.GetJournalAsync(new JournalQuery(after, JournalPage), cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                // A bulk load's entry has no rows: what it changed reads as now.
                foreach (var change in entry.Changes.OfType<NodeChange>())
                {
                    if (!wanted.Contains(change.Id) || !settled.Add(change.Id)) continue;
                    if (change.Before is { } before) labels[change.Id] = LabelOf(before);
                    else labels.Remove(change.Id);
                }
                after = entry.DataVersion;
            }
            if (entries.Count < JournalPage) return labels;
        }
    }

    static OrganizationLabel LabelOf(Node node) => new(
        node.Name,
        node.Kind == NodeKind.Enterprise ? node.Key : null,
        node.Properties.Text("moeCode"),
        node.Properties.Text("rorId"));
}
