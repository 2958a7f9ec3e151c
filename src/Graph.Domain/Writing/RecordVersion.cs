using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// A record's version: the data version of the change that gave a node or link the content as read, from the journal.
/// Given back as <c>expectedVersion</c>, it guards a write against any later change of the record (<see cref="RecordGuard"/>).
/// </summary>
public static class RecordVersion
{
    // Entries read per record at first: the newest entry at a record mostly gave it its content (a record edited many
    // times has many, and each read entry is decoded). Then more of those records that had none, then all of theirs.
    const int FirstPage = 4;
    const int Page = 50;

    /// <summary>The version of one node; see <see cref="OfAsync(IGraphStore, IReadOnlyList{ReadRecord}, CancellationToken)"/>.</summary>
    public static async Task<long> OfAsync(IGraphStore store, Node node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return (await OfAsync(store, [ReadRecord.Of(node)], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// The versions of these records, in order: for each, the data version of the newest journal entry that left it with
    /// the content read, or of the newest bulk load when that came later (or the record came with one). A change
    /// committed after the record was read is passed over, so the version never vouches for content the caller has not
    /// seen. The journal is read for all of them at once: the newest bulk load once, the records' newest few entries in one
    /// call, more in one more for the records those do not settle.
    /// </summary>
    public static async Task<IReadOnlyList<long>> OfAsync(IGraphStore store, IReadOnlyList<ReadRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return [];
        var loaded = await NewestBulkLoadAsync(store, cancellationToken).ConfigureAwait(false);
        var versions = new long[records.Count];
        var pending = Enumerable.Range(0, records.Count).ToList();
        foreach (var page in (int[])[FirstPage, Page])
        {
            var journalNodes = pending.Select(i => records[i].JournalNodeId).Distinct(StringComparer.Ordinal).ToList();
            var newest = await store.GetNewestJournalByNodeAsync(journalNodes, page, cancellationToken).ConfigureAwait(false);
            var unsettled = new List<int>();
            foreach (var i in pending)
            {
                var entries = newest.GetValueOrDefault(records[i].JournalNodeId) ?? [];
                var changed = entries.FirstOrDefault(records[i].GotContentFrom);
                if (changed is null && entries.Count >= page)
                {
                    unsettled.Add(i);
                    continue;
                }
                versions[i] = Math.Max(changed?.DataVersion ?? 0, loaded);
            }
            pending = unsettled;
            if (pending.Count == 0) break;
        }
        foreach (var i in pending)
        {
            var record = records[i];
            var all = await store.GetJournalAsync(new JournalQuery(0, int.MaxValue, NodeId: record.JournalNodeId) { NewestFirst = true }, cancellationToken).ConfigureAwait(false);
            versions[i] = Math.Max(all.FirstOrDefault(record.GotContentFrom)?.DataVersion ?? 0, loaded);
        }
        return versions;
    }

    // The data version of the newest bulk load (import, migrate, the sample data), or 0: the same for every record.
    static async Task<long> NewestBulkLoadAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        long version = 0;
        foreach (var subject in RecordGuard.BulkSubjects)
        {
            var query = new JournalQuery(0, Page, Subject: subject) { NewestFirst = true };
            var entries = await store.GetJournalAsync(query, cancellationToken).ConfigureAwait(false);
            var load = entries.FirstOrDefault(e => e.Bulk);
            if (load is null && entries.Count >= Page)
                load = (await store.GetJournalAsync(query with { First = int.MaxValue }, cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.Bulk);
            if (load is not null) version = Math.Max(version, load.DataVersion);
        }
        return version;
    }
}

/// <summary>A node or link as a client read it: the record whose version is asked for.</summary>
public sealed class ReadRecord
{
    readonly Func<JournalChange, bool> _gaveContent;

    ReadRecord(string id, string journalNodeId, Func<JournalChange, bool> gaveContent)
    {
        Id = id;
        JournalNodeId = journalNodeId;
        _gaveContent = gaveContent;
    }

    /// <summary>The node's or link's id.</summary>
    public string Id { get; }

    /// <summary>The node the journal files the record's changes under: the node itself, or the link's start.</summary>
    public string JournalNodeId { get; }

    /// <summary>A node as read.</summary>
    public static ReadRecord Of(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(node.Id, node.Id, c => c is NodeChange { After: { } after } && c.Id == node.Id && SameContent(after, node));
    }

    /// <summary>A link as read.</summary>
    public static ReadRecord Of(Link link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new(link.Id, link.FromId, c => c is LinkChange { After: { } after } && c.Id == link.Id && SameContent(after, link));
    }

    /// <summary>Whether the entry left the record with the content read.</summary>
    internal bool GotContentFrom(JournalEntry entry) => entry.Changes.Any(_gaveContent);

    // What a client reads and writes back; timestamps are not content.
    static bool SameContent(Node stored, Node read) =>
        stored.Name == read.Name && stored.NameEn == read.NameEn && stored.Aliases.SequenceEqual(read.Aliases) && stored.Properties.Equals(read.Properties);

    static bool SameContent(Link stored, Link read) =>
        stored.Type == read.Type && stored.FromId == read.FromId && stored.ToId == read.ToId && stored.Key == read.Key
        && stored.StartDate == read.StartDate && stored.EndDate == read.EndDate && stored.Source == read.Source && stored.Properties.Equals(read.Properties);
}
