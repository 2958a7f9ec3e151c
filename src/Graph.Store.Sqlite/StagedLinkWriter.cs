using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// Writes the staged links of a bulk load in the order of the links table's key, so the clustered table is built by
/// appends; of a link's repeats only the last is written.
/// </summary>
internal static class StagedLinkWriter
{
    // How many staged links are copied out in key order at a time to be written.
    const int StagedLinkBatch = 4096;

    /// <summary>
    /// Writes the links; each repeat left out is given to <paramref name="dropRepeat"/> (its type code) and counted as
    /// updated (its content differed from the one after it) or unchanged.
    /// </summary>
    public static (long Updated, long Unchanged) Write(SqliteConnection connection, List<StagedLink> staged, long now, Action<long> dropRepeat)
    {
        long updated = 0, unchanged = 0;
        var order = StagedLinkOrder.Sort(staged);
        var links = CollectionsMarshal.AsSpan(staged);
        using var append = new RawStatement(connection, SqlStatements.AppendLink);
        // Parameters by position: $from, $type, $to, $key, $start, $end, $source, $props, $now. A value stays bound
        // from one row to the next, so only the values that differ from the row before are bound again.
        append.Bind(9, now);
        var batch = new StagedLink[StagedLinkBatch + 1];
        var previous = default(StagedLink);
        var first = true;
        for (var start = 0; start < order.Length; start += StagedLinkBatch)
        {
            // The links are copied out in key order a batch at a time, one beyond the batch to compare with: the copies
            // do not wait on each other as they jump around memory, where binding one link after another would.
            var count = Math.Min(StagedLinkBatch, order.Length - start);
            var copied = Math.Min(count + 1, order.Length - start);
            for (var i = 0; i < copied; i++) batch[i] = links[order[start + i]];
            for (var i = 0; i < count; i++)
            {
                ref readonly var link = ref batch[i];
                if (i + 1 < copied && batch[i + 1] is var next
                    && next.From == link.From && next.Type == link.Type && next.To == link.To && next.Key == link.Key)
                {
                    // The next one is a later upsert of the same link: as written directly, it would have found this one.
                    var same = next.Start == link.Start && next.End == link.End && next.Source == link.Source && next.Props == link.Props;
                    if (same) unchanged++;
                    else updated++;
                    dropRepeat(link.Type);
                    continue;
                }
                if (first || link.From != previous.From) append.Bind(1, link.From);
                if (first || link.Type != previous.Type) append.Bind(2, link.Type);
                append.Bind(3, link.To);
                if (first || !string.Equals(link.Key, previous.Key, StringComparison.Ordinal)) append.Bind(4, link.Key);
                if (first || link.Start != previous.Start) append.Bind(5, link.Start);
                if (first || link.End != previous.End) append.Bind(6, link.End);
                if (first || !string.Equals(link.Source, previous.Source, StringComparison.Ordinal)) append.Bind(7, link.Source);
                if (first || !string.Equals(link.Props, previous.Props, StringComparison.Ordinal)) append.Bind(8, link.Props);
                append.Run();
                previous = link;
                first = false;
            }
        }
        return (updated, unchanged);
    }
}
