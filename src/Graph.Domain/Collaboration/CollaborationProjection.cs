using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// The in-memory collaboration network every collaboration query runs on (ARCHITECTURE.md, graph algorithms): built
/// once from the store's scans, then kept equal to the store by <see cref="Apply"/> after every write, which re-derives
/// only the organisations the write touched. Thread-safe: queries read concurrently, a write waits for them.
/// </summary>
public sealed class CollaborationProjection : IDisposable
{
    // The organisations re-derived by each Apply, in order, for views built on the ties (the matchmaking index) to
    // refresh only those; bounded, so a view too far behind refreshes all (TiesChangedSince returns null).
    const int MaxTieLog = 1 << 20;

    readonly ReaderWriterLockSlim _lock = new();
    readonly List<string> _tieLog = [];
    long _tieLogStart;
    ProjectionGraph _graph;
    long _dataVersion = -1;

    readonly CollaboratorSearch _collaborators;
    readonly PathSearch _paths;
    readonly NetworkAnalysis _networks;

    CollaborationProjection(ProjectionGraph graph)
    {
        _graph = graph;
        _collaborators = new CollaboratorSearch(this);
        _paths = new PathSearch(this);
        _networks = new NetworkAnalysis(this);
    }

    /// <summary>The province 区内 and 区外 are seen from.</summary>
    public HomeProvince Home => _graph.Home;

    /// <summary>
    /// The store's data version the projection stands at, as its holder last said (−1 when none did): what a selection
    /// made now shows, so that what is read beside it from the store (names) can be read at that version too.
    /// </summary>
    public long DataVersion => Read(_ => _dataVersion);

    /// <summary>Records the data version the projection was built at (its holder read it before the build).</summary>
    public void BuiltAt(long dataVersion)
    {
        _lock.EnterWriteLock();
        try
        {
            _dataVersion = dataVersion;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Builds the projection from the store's organisations, the nodes they collaborate through, and the links the rules read.</summary>
    public static async Task<CollaborationProjection> BuildAsync(IGraphStore store, HomeProvince? home = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new CollaborationProjection(await LoadAsync(store, home ?? HomeProvince.Default, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Builds the projection from nodes and links already in memory (the same rules as <see cref="BuildAsync"/>).</summary>
    public static CollaborationProjection Build(IEnumerable<Node> nodes, IEnumerable<Link> links, HomeProvince? home = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(links);
        var graph = new ProjectionGraph(home ?? HomeProvince.Default);
        foreach (var node in nodes)
        {
            if (ProjectionGraph.Projects(node.Kind)) graph.UpsertNode(node);
        }
        foreach (var link in links) graph.AddLink(link);
        Finish(graph);
        return new CollaborationProjection(graph);
    }

    /// <summary>Rebuilds from the store (after a bulk import) and swaps the result in; queries meanwhile see the old network.</summary>
    public async Task RebuildAsync(IGraphStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var graph = await LoadAsync(store, Home, cancellationToken).ConfigureAwait(false);
        _lock.EnterWriteLock();
        try
        {
            _graph = graph;
            _dataVersion = -1;
            _tieLogStart += _tieLog.Count;
            _tieLog.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    static async Task<ProjectionGraph> LoadAsync(IGraphStore store, HomeProvince home, CancellationToken cancellationToken)
    {
        var graph = new ProjectionGraph(home);
        foreach (var kind in Enum.GetValues<NodeKind>().Where(ProjectionGraph.Projects))
        {
            await foreach (var node in store.ScanNodesAsync(kind, cancellationToken).ConfigureAwait(false)) graph.UpsertNode(node);
        }
        foreach (var type in CollaborationRules.LinkTypes.Order())
        {
            await foreach (var link in store.ScanLinksAsync(type, cancellationToken).ConfigureAwait(false)) graph.AddLink(link);
        }
        Finish(graph);
        return graph;
    }

    static void Finish(ProjectionGraph graph)
    {
        foreach (var incident in graph.Incident) incident.TrimExcess();
        for (var node = 0; node < graph.NodeCount; node++)
        {
            if (graph.IsOrganization(node)) graph.Rederive(node);
        }
    }

    /// <summary>
    /// Brings the projection up to date with the outcomes of a committed write: nodes and links created, updated or
    /// deleted. Only the organisations whose evidence can pass through a changed link are re-derived. Returns how many.
    /// With <paramref name="dataVersion"/>, the projection then stands at that data version (<see cref="DataVersion"/>).
    /// </summary>
    public int Apply(IEnumerable<WriteOutcome> outcomes, long? dataVersion = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        _lock.EnterWriteLock();
        try
        {
            var graph = _graph;
            var affected = new HashSet<int>();
            foreach (var outcome in outcomes)
            {
                if (outcome.Change is Change.Unchanged or Change.NotFound) continue;
                if (outcome.Node is { } node)
                {
                    if (ProjectionGraph.Projects(node.Kind)) graph.UpsertNode(node);
                }
                else if (outcome.Link is { } link)
                {
                    RemoveLink(graph, graph.FindLink(link.Id), affected);
                    var added = graph.AddLink(link);
                    if (added >= 0) graph.CollectAffected(added, affected);
                }
                else if (outcome.Change == Change.Deleted && graph.IndexOf(outcome.Id) is var deletedNode and >= 0)
                {
                    foreach (var incident in graph.Incident[deletedNode].ToArray()) RemoveLink(graph, incident, affected);
                    graph.RemoveNode(deletedNode);
                    affected.Add(deletedNode);
                }
                else if (outcome.Change == Change.Deleted)
                {
                    RemoveLink(graph, graph.FindLink(outcome.Id), affected);
                }
            }
            foreach (var organisation in affected)
            {
                graph.Rederive(organisation);
                _tieLog.Add(graph.Nodes[organisation].Id);
            }
            if (_tieLog.Count > MaxTieLog)
            {
                _tieLogStart += _tieLog.Count / 2;
                _tieLog.RemoveRange(0, _tieLog.Count / 2);
            }
            if (dataVersion is { } version) _dataVersion = version;
            return affected.Count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    static void RemoveLink(ProjectionGraph graph, int link, HashSet<int> affected)
    {
        if (link < 0) return;
        graph.CollectAffected(link, affected);
        graph.RemoveLink(link);
    }

    /// <summary>Sizes of the projection: organisations, ties, nodes and links held.</summary>
    public ProjectionSize Size => Read(graph =>
    {
        int organisations = 0, nodes = 0, links = 0;
        long tieEntries = 0;
        for (var node = 0; node < graph.NodeCount; node++)
        {
            if (!graph.Nodes[node].Alive) continue;
            nodes++;
            if (graph.IsOrganization(node)) organisations++;
            tieEntries += graph.Ties[node].Length;
        }
        foreach (var link in graph.Links)
        {
            if (link.Alive) links++;
        }
        return new ProjectionSize(organisations, tieEntries / 2, nodes, links);
    });

    /// <summary>
    /// Every tie as (organisation id, partner id, kinds, weight, first, last), each pair once with the smaller id first,
    /// sorted: two projections of the same data list the same ties.
    /// </summary>
    public IReadOnlyList<NetworkEdge> AllTies() => Read(graph =>
    {
        var edges = new List<NetworkEdge>();
        for (var node = 0; node < graph.NodeCount; node++)
        {
            foreach (var tie in graph.Ties[node])
            {
                var edge = CollaborationDescriber.ToEdge(graph, node, tie);
                if (edge.SourceId == graph.Nodes[node].Id) edges.Add(edge);
            }
        }
        edges.Sort((a, b) => (string.CompareOrdinal(a.SourceId, b.SourceId), string.CompareOrdinal(a.TargetId, b.TargetId)) switch
        {
            (0, var byTarget) => byTarget,
            (var bySource, _) => bySource,
        });
        return edges;
    });

    /// <summary>
    /// Every tie once as <see cref="AllTies"/> spells it (the smaller id first, the weight rounded alike), in no order and
    /// without an edge per tie: for a reader that keeps the ties its own way and would otherwise hold two copies of them.
    /// </summary>
    public void VisitTies(Action<string, string, double> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        Read(graph =>
        {
            for (var node = 0; node < graph.NodeCount; node++)
            {
                var id = graph.Nodes[node].Id;
                foreach (var tie in graph.Ties[node])
                {
                    var other = graph.Nodes[tie.Other].Id;
                    if (string.CompareOrdinal(id, other) <= 0) visit(id, other, Math.Round(tie.Weight, 6));
                }
            }
            return 0;
        });
    }

    /// <summary>Where the log of re-derived organisations ends now: pass it to <see cref="TiesChangedSince"/> later.</summary>
    public long TieLogPosition => Read(_ => _tieLogStart + _tieLog.Count);

    /// <summary>
    /// The organisations whose ties may have changed since <paramref name="position"/> (a <see cref="TieLogPosition"/>),
    /// and the position now; null when the log no longer reaches back that far (every tie may have changed).
    /// </summary>
    public (IReadOnlyList<string>? Organizations, long Position) TiesChangedSince(long position) => Read(_ =>
    {
        var end = _tieLogStart + _tieLog.Count;
        if (position < _tieLogStart || position > end) return ((IReadOnlyList<string>?)null, end);
        return (_tieLog.GetRange((int)(position - _tieLogStart), (int)(end - position)), end);
    });

    /// <summary>The ties of each of these organisations, as <see cref="AllTies"/> spells them; none for an id that is no organisation.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<NetworkEdge>> TiesOf(IEnumerable<string> organizationIds)
    {
        ArgumentNullException.ThrowIfNull(organizationIds);
        return Read(graph =>
        {
            var ties = new Dictionary<string, IReadOnlyList<NetworkEdge>>(StringComparer.Ordinal);
            foreach (var id in organizationIds)
            {
                var node = graph.IndexOf(id);
                if (node < 0 || !graph.IsOrganization(node)) continue;
                ties[id] = Array.ConvertAll(graph.Ties[node], tie => CollaborationDescriber.ToEdge(graph, node, tie));
            }
            return ties;
        });
    }

    /// <summary>Runs a query on the network under the read lock: writes wait until it ends.</summary>
    internal T Read<T>(Func<ProjectionGraph, T> read) => Read((graph, _) => read(graph));

    /// <summary>Runs a query on the network and the data version it stands at, under the read lock.</summary>
    internal T Read<T>(Func<ProjectionGraph, long, T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read(_graph, _dataVersion);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The most hops <see cref="Collaborators"/> follows.</summary>
    public const int MaxDepth = 3;

    /// <summary>The most hops <see cref="Paths"/> searches.</summary>
    public const int MaxPathHops = 8;

    /// <summary>The collaboration between two organisations with all its evidence under the filter, or null when there is none.</summary>
    public CollaborationTie? Between(string organizationId, string partnerId, CollaborationFilter? filter = null)
    {
        var evidenceFilter = (filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
        return Read(graph =>
        {
            var a = CollaborationDescriber.RequireOrganization(graph, organizationId, "organization");
            var b = CollaborationDescriber.RequireOrganization(graph, partnerId, "partner");
            return CollaborationDescriber.Describe(graph, a, b, evidenceFilter);
        });
    }

    /// <inheritdoc cref="CollaboratorSearch.Collaborators"/>
    public IReadOnlyList<Collaborator> Collaborators(
        string organizationId, int depth = 1, CollaborationFilter? filter = null, OrganizationSelection? where = null, int limit = 1000,
        string? after = null) =>
        _collaborators.Collaborators(organizationId, depth, filter, where, limit, after);

    /// <inheritdoc cref="CollaboratorSearch.CollaboratorIds"/>
    public IReadOnlyList<string> CollaboratorIds(
        string organizationId, int depth = 1, CollaborationFilter? filter = null, OrganizationSelection? where = null) =>
        _collaborators.CollaboratorIds(organizationId, depth, filter, where);

    /// <inheritdoc cref="CollaboratorSearch.CollaboratorCount"/>
    public int CollaboratorCount(
        string organizationId, int depth = 1, CollaborationFilter? filter = null, OrganizationSelection? where = null) =>
        _collaborators.CollaboratorCount(organizationId, depth, filter, where);

    /// <inheritdoc cref="PathSearch.Paths"/>
    public IReadOnlyList<CollaborationPath> Paths(string fromId, string toId, int maxHops = 4, CollaborationFilter? filter = null, int limit = 10) =>
        _paths.Paths(fromId, toId, maxHops, filter, limit);

    /// <inheritdoc cref="NetworkAnalysis.Network"/>
    public CollaborationNetwork Network(NetworkQuery query) => _networks.Network(query);

    /// <inheritdoc cref="NetworkAnalysis.Rank"/>
    public Ranking Rank(
        NetworkQuery scope, RankingMetric metric, int top = 20, OrganizationSelection? listed = null, int exactBetweennessUpTo = 2000, int betweennessSamples = 500) =>
        _networks.Rank(scope, metric, top, listed, exactBetweennessUpTo, betweennessSamples);

    /// <inheritdoc cref="NetworkAnalysis.Communities"/>
    public CommunityPartition Communities(NetworkQuery query, string algorithm = "louvain", int seed = 42) =>
        _networks.Communities(query, algorithm, seed);

    /// <inheritdoc cref="NetworkAnalysis.Evolution"/>
    public NetworkChange Evolution(OrganizationSelection? where, int fromYear, int toYear, CollaborationKinds kinds = CollaborationKinds.All, double minWeight = 0) =>
        _networks.Evolution(where, fromYear, toYear, kinds, minWeight);

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();
}

/// <summary>How much the projection holds.</summary>
public sealed record ProjectionSize(int Organizations, long Ties, int Nodes, int Links);
