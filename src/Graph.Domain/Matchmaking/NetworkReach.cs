using System.Collections.Concurrent;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// How far each organisation is from the enterprise a query is for (up to two collaboration steps), through whom,
/// and how many partners they share, and which candidates a query has looked at: per-organisation arrays indexed like
/// the <see cref="MatchmakingIndex"/>, stamped per query so that nothing is cleared between queries. Rented from a <see cref="NetworkReachPool"/>; disposing returns it.
/// </summary>
internal sealed class NetworkReach : IDisposable
{
    readonly NetworkReachPool _pool;
    readonly int[] _stamp;
    readonly int[] _distance;
    readonly int[] _through;
    readonly bool[] _throughGroup;
    readonly int[] _sharedStamp;
    readonly int[] _shared;
    readonly int[] _candidateStamp;
    int _current;
    int _candidates;

    internal NetworkReach(NetworkReachPool pool, int organisations)
    {
        _pool = pool;
        _stamp = new int[organisations];
        _distance = new int[organisations];
        _through = new int[organisations];
        _throughGroup = new bool[organisations];
        _sharedStamp = new int[organisations];
        _shared = new int[organisations];
        _candidateStamp = new int[organisations];
    }

    internal void Begin()
    {
        if (++_current == int.MaxValue)
        {
            Array.Clear(_stamp);
            Array.Clear(_sharedStamp);
            _current = 1;
        }
    }

    public bool Contains(int organisation) => _stamp[organisation] == _current;

    public bool TryGet(int organisation, out (int Distance, int Through, bool ThroughGroup) reached)
    {
        reached = Contains(organisation) ? (_distance[organisation], _through[organisation], _throughGroup[organisation]) : default;
        return Contains(organisation);
    }

    public int DistanceOf(int organisation) => Contains(organisation) ? _distance[organisation] : int.MaxValue;

    public int ThroughOf(int organisation) => _through[organisation];

    /// <summary>Records (or replaces) how an organisation is reached.</summary>
    public void Set(int organisation, int distance, int through, bool throughGroup)
    {
        _stamp[organisation] = _current;
        _distance[organisation] = distance;
        _through[organisation] = through;
        _throughGroup[organisation] = throughGroup;
    }

    /// <summary>The number of partners the enterprise shares with the organisation.</summary>
    public int SharedWith(int organisation) => _sharedStamp[organisation] == _current ? _shared[organisation] : 0;

    public void CountShared(int organisation)
    {
        if (_sharedStamp[organisation] != _current)
        {
            _sharedStamp[organisation] = _current;
            _shared[organisation] = 0;
        }
        _shared[organisation]++;
    }

    /// <summary>Starts a pass over the candidates: none is visited yet.</summary>
    public void BeginCandidates()
    {
        if (++_candidates == int.MaxValue)
        {
            Array.Clear(_candidateStamp);
            _candidates = 1;
        }
    }

    /// <summary>True the first time an organisation is visited in this pass over the candidates.</summary>
    public bool FirstCandidateVisit(int organisation)
    {
        if (_candidateStamp[organisation] == _candidates) return false;
        _candidateStamp[organisation] = _candidates;
        return true;
    }

    /// <summary>Returns the arrays to the pool for the next query.</summary>
    public void Dispose() => _pool.Return(this);
}

/// <summary>Reach buffers for concurrent queries on one index: one per query in flight, reused.</summary>
internal sealed class NetworkReachPool(int organisations)
{
    readonly ConcurrentBag<NetworkReach> _free = [];

    /// <summary>How many organisations each buffer holds.</summary>
    public int Organisations => organisations;

    public NetworkReach Rent()
    {
        var reach = _free.TryTake(out var free) ? free : new NetworkReach(this, organisations);
        reach.Begin();
        return reach;
    }

    internal void Return(NetworkReach reach) => _free.Add(reach);
}
