using System.Collections.Concurrent;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// Per-node arrays one breadth-first search works in, indexed by projection index: a node counts as reached by the
/// current search only when its stamp is the search's, so starting a search clears nothing. Two sides (forward and
/// backward) for the bidirectional path search. Rented from a <see cref="SearchBufferPool"/> and returned after the query.
/// </summary>
internal sealed class SearchBuffers(int capacity)
{
    int _stamp;

    public int Capacity { get; } = capacity;
    public int[] ForwardStamp { get; } = new int[capacity];
    public int[] BackwardStamp { get; } = new int[capacity];
    public int[] Distance { get; } = new int[capacity];
    public int[] BackwardDistance { get; } = new int[capacity];
    public int[] Parent { get; } = new int[capacity];
    public float[] Weight { get; } = new float[capacity];

    /// <summary>
    /// One bit per node, for a search that only needs to know whether a node was reached: 1/32 of the stamps' size,
    /// so a walk that tests it millions of times in no order finds it in the cache. The search that uses it clears it.
    /// </summary>
    public ulong[] Reached { get; } = new ulong[(capacity + 63) / 64];

    /// <summary>The stamp of a new search: nothing carries this stamp yet.</summary>
    public int Begin()
    {
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(ForwardStamp);
            Array.Clear(BackwardStamp);
            _stamp = 1;
        }
        return _stamp;
    }
}

/// <summary>Search buffers for concurrent queries: one per query in flight, reused, grown when the projection grows.</summary>
internal sealed class SearchBufferPool
{
    readonly ConcurrentBag<SearchBuffers> _free = [];

    public SearchBuffers Rent(int nodeCount)
    {
        while (_free.TryTake(out var buffers))
        {
            if (buffers.Capacity >= nodeCount) return buffers;
        }
        // Room for a few hundred nodes added by writes before the next buffer has to be made.
        return new SearchBuffers(nodeCount + 1024);
    }

    public void Return(SearchBuffers buffers) => _free.Add(buffers);
}
