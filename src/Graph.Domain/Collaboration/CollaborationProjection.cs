using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// The in-memory collaboration network every collaboration query runs on (ARCHITECTURE.md, graph algorithms): built
/// once from the store's scans, then kept equal to the store by <see cref="Apply"/> after every write, which re-derives
/// only the organisations the write touched. Thread-safe: queries read concurrently, a write waits for them.
/// </summary>
public sealed partial class CollaborationProjection : IDisposable
{
    // The organisations re-derived by each Apply, in order, for views built on the ties (the matchmaking index) to
    // refresh only those; bounded, so a view too far behind refreshes all (TiesChangedSince returns null).
    const int MaxTieLog = 1 << 20;

    readonly ReaderWriterLockSlim _lock = new();
    readonly List<string> _tieLog = [];
    long _tieLogStart;
    ProjectionGraph _graph;
    long _dataVersion = -1;

    CollaborationProjection(ProjectionGraph graph) => _graph = graph;

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
                var edge = ToEdge(graph, node, tie);
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
                ties[id] = Array.ConvertAll(graph.Ties[node], tie => ToEdge(graph, node, tie));
            }
            return ties;
        });
    }

    T Read<T>(Func<ProjectionGraph, T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read(_graph);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    static int RequireOrganization(ProjectionGraph graph, string id, string argument)
    {
        var index = graph.IndexOf(id);
        if (index >= 0 && graph.IsOrganization(index)) return index;
        if (index >= 0)
            throw new InvalidInputException($"{argument}: '{id}' is a {graph.Nodes[index].Kind}, not an organisation (Enterprise, University, ResearchInstitute, GovernmentBody)");
        throw new NotFoundException($"{argument}: no organisation with id '{id}'");
    }

    internal static DateOnly? Day(int dayNumber) =>
        dayNumber is ProjectedLink.UnknownStart or ProjectedLink.UnknownEnd ? null : DateOnly.FromDayNumber(dayNumber);

    static NetworkEdge ToEdge(ProjectionGraph graph, int node, Tie tie)
    {
        var (a, b) = (graph.Nodes[node].Id, graph.Nodes[tie.Other].Id);
        if (string.CompareOrdinal(a, b) > 0) (a, b) = (b, a);
        return new NetworkEdge(a, b, tie.Kinds, Math.Round(tie.Weight, 6), Day(tie.First), Day(tie.Last), Ongoing: tie.Ongoing);
    }

    /// <summary>The collaboration between two organisations with all its evidence under the filter, or null when there is none.</summary>
    public Collaboration? Between(string organizationId, string partnerId, CollaborationFilter? filter = null)
    {
        var evidenceFilter = (filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
        return Read(graph =>
        {
            var a = RequireOrganization(graph, organizationId, "organization");
            var b = RequireOrganization(graph, partnerId, "partner");
            return Describe(graph, a, b, evidenceFilter);
        });
    }

    static Collaboration? Describe(ProjectionGraph graph, int organisation, int partner, EvidenceFilter filter)
    {
        // Evidence is the same from either side: derive it from the side with fewer links (a hub has thousands), and
        // put a shared node's two links back in the asker's order.
        var fromPartner = graph.Incident[partner].Count < graph.Incident[organisation].Count;
        var found = fromPartner
            ? graph.Derive(partner, filter, organisation).Select(e => e with
            {
                Partner = partner,
                LinkA = e.Kind is CollaborationKinds.Platform or CollaborationKinds.Consortium or CollaborationKinds.Project ? e.LinkB : e.LinkA,
                LinkB = e.Kind is CollaborationKinds.Platform or CollaborationKinds.Consortium or CollaborationKinds.Project ? e.LinkA : e.LinkB,
            }).ToList()
            : graph.Derive(organisation, filter, partner);
        return Describe(graph, organisation, partner, found);
    }

    // The collaboration of two organisations from its evidence as derived from the organisation's side, in an order that
    // does not depend on the side it was derived from: by start, kind, then link ids.
    static Collaboration? Describe(ProjectionGraph graph, int organisation, int partner, List<DerivedEvidence> found)
    {
        if (found.Count == 0) return null;
        var items = new List<(CollaborationEvidence Evidence, double Weight)>(found.Count);
        var kinds = CollaborationKinds.None;
        DateOnly? first = null, last = null;
        foreach (var e in found)
        {
            var linkIds = new List<string>(3) { graph.LinkIdOf(e.LinkA) };
            if (e.LinkB >= 0) linkIds.Add(graph.LinkIdOf(e.LinkB));
            if (e.LinkC >= 0) linkIds.Add(graph.LinkIdOf(e.LinkC));
            var evidence = new CollaborationEvidence(
                e.Kind, e.Through >= 0 ? graph.Nodes[e.Through].Id : null, linkIds, Day(e.Start), Day(e.End), Math.Round(e.Weight, 6));
            items.Add((evidence, e.Weight));
            kinds |= e.Kind;
            if (evidence.From is { } from && (first is null || from < first)) first = from;
            if ((evidence.To ?? evidence.From) is { } end && (last is null || end > last)) last = end;
        }
        items.Sort((x, y) => CompareEvidence(x.Evidence, y.Evidence));
        double weight = 0;
        foreach (var item in items) weight += item.Weight;
        return new Collaboration(
            graph.Nodes[organisation].Id, graph.Nodes[partner].Id, kinds, Math.Round(weight, 6), first, last,
            items.ConvertAll(item => item.Evidence));
    }

    static int CompareEvidence(CollaborationEvidence x, CollaborationEvidence y)
    {
        var byStart = (x.From ?? DateOnly.MaxValue).CompareTo(y.From ?? DateOnly.MaxValue);
        if (byStart != 0) return byStart;
        if (x.Kind != y.Kind) return x.Kind.CompareTo(y.Kind);
        for (var i = 0; i < Math.Min(x.LinkIds.Count, y.LinkIds.Count); i++)
        {
            var byLink = string.CompareOrdinal(x.LinkIds[i], y.LinkIds[i]);
            if (byLink != 0) return byLink;
        }
        return x.LinkIds.Count.CompareTo(y.LinkIds.Count);
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();
}

/// <summary>How much the projection holds.</summary>
public sealed record ProjectionSize(int Organizations, long Ties, int Nodes, int Links);
