using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// A node's version: the data version of the change that gave it the content as read, from the journal. Given back as
/// <c>expectedVersion</c>, it guards a write against any later change of the node (<see cref="RecordGuard"/>).
/// </summary>
public static class RecordVersion
{
    const int Page = 50;

    /// <summary>
    /// The data version of the newest journal entry that left the node with this content, or of the newest bulk load
    /// when that came later (or the node came with one). A change committed after the node was read is passed over, so
    /// the version never vouches for content the caller has not seen.
    /// </summary>
    public static async Task<long> OfAsync(IGraphStore store, Node node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(node);
        var changed = await NewestAsync(store, new JournalQuery(0, Page, NodeId: node.Id),
            e => e.Changes.OfType<NodeChange>().Any(c => c.Id == node.Id && c.After is { } after && SameContent(after, node)), cancellationToken).ConfigureAwait(false);
        var version = changed?.DataVersion ?? 0;
        foreach (var subject in RecordGuard.BulkSubjects)
        {
            if (await NewestAsync(store, new JournalQuery(0, Page, Subject: subject), e => e.Bulk, cancellationToken).ConfigureAwait(false) is { } load)
                version = Math.Max(version, load.DataVersion);
        }
        return version;
    }

    // The newest entry that matches: from the newest page, else from all of them (a record changed many times since).
    static async Task<JournalEntry?> NewestAsync(IGraphStore store, JournalQuery query, Func<JournalEntry, bool> matches, CancellationToken cancellationToken)
    {
        var newest = await store.GetJournalAsync(query with { NewestFirst = true }, cancellationToken).ConfigureAwait(false);
        var entry = newest.FirstOrDefault(matches);
        if (entry is not null || newest.Count < query.First) return entry;
        var all = await store.GetJournalAsync(query with { NewestFirst = true, First = int.MaxValue }, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(matches);
    }

    static bool SameContent(Node stored, Node read) =>
        stored.Name == read.Name && stored.NameEn == read.NameEn && stored.Aliases.SequenceEqual(read.Aliases) && stored.Properties.Equals(read.Properties);
}
