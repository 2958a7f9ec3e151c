using System.Runtime.InteropServices;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// A link of a bulk load waiting to be written, with its ends as node numbers and its type as a code; its place in the
/// staged list orders its repeats (the later one wins). Dates stay values until they are bound: millions of links hold
/// no date strings.
/// </summary>
internal readonly record struct StagedLink(long From, long Type, long To, string Key, DateOnly? Start, DateOnly? End, string? Source, string? Props);

/// <summary>The order in which staged links are written: the links table's key (from, type, to, key), then staging order.</summary>
internal static class StagedLinkOrder
{
    const int NodeBits = 28;
    const int TypeBits = 8;

    /// <summary>
    /// The positions of the links in key order. When the node numbers and type codes fit, each link's (from, type, to)
    /// is packed into one integer and the integers are sorted, which is several times faster than comparing records;
    /// links with the same packed key (repeats, or links told apart by their key) are then ordered among themselves.
    /// </summary>
    public static int[] Sort(List<StagedLink> staged)
    {
        var links = CollectionsMarshal.AsSpan(staged);
        var order = new int[links.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        long maxNode = 0, maxType = 0;
        foreach (ref readonly var link in links)
        {
            maxNode = Math.Max(maxNode, Math.Max(link.From, link.To));
            maxType = Math.Max(maxType, link.Type);
        }
        int Compare(int a, int b) => CompareLinks(CollectionsMarshal.AsSpan(staged)[a], CollectionsMarshal.AsSpan(staged)[b], a, b);
        if (maxNode >= 1L << NodeBits || maxType >= 1L << TypeBits)
        {
            order.AsSpan().Sort(Compare);
            return order;
        }
        var keys = new ulong[links.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            ref readonly var link = ref links[i];
            keys[i] = ((ulong)link.From << (NodeBits + TypeBits)) | ((ulong)link.Type << NodeBits) | (ulong)link.To;
        }
        Array.Sort(keys, order);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) order.AsSpan(start, end - start).Sort(Compare);
            start = end;
        }
        return order;
    }

    static int CompareLinks(in StagedLink a, in StagedLink b, int aPlace, int bPlace)
    {
        var order = a.From.CompareTo(b.From);
        if (order == 0) order = a.Type.CompareTo(b.Type);
        if (order == 0) order = a.To.CompareTo(b.To);
        if (order == 0) order = string.CompareOrdinal(a.Key, b.Key);
        return order != 0 ? order : aPlace.CompareTo(bPlace);
    }
}
