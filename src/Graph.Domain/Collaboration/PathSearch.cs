using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>The shortest chains of collaborations between two organisations, by a bidirectional breadth-first search.</summary>
internal sealed class PathSearch(CollaborationProjection projection)
{
    /// <summary>
    /// Every shortest chain of collaborations between two organisations (up to <paramref name="limit"/> of them, at most
    /// <paramref name="maxHops"/> steps), found by a bidirectional breadth-first search, each step with its evidence.
    /// Empty when they are not connected within maxHops.
    /// </summary>
    public IReadOnlyList<CollaborationPath> Paths(string fromId, string toId, int maxHops = 4, CollaborationFilter? filter = null, int limit = 10)
    {
        if (maxHops is < 1 or > CollaborationProjection.MaxPathHops) throw new InvalidInputException($"maxHops must be 1 to {CollaborationProjection.MaxPathHops}, not {maxHops}");
        if (limit < 1) throw new InvalidInputException($"limit must be positive, not {limit}");
        var evidenceFilter = (filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
        return projection.Read(graph =>
        {
            var from = CollaborationDescriber.RequireOrganization(graph, fromId, "from");
            var to = CollaborationDescriber.RequireOrganization(graph, toId, "to");
            if (from == to) throw new InvalidInputException("from and to are the same organisation");
            var buffers = graph.SearchBuffers.Rent(graph.NodeCount);
            try
            {
                var search = new BidirectionalSearch(graph, buffers, evidenceFilter, from, to, maxHops);
                return search.ShortestPaths(limit)
                    .Select(path => new CollaborationPath(
                        path.Select(n => graph.Nodes[n].Id).ToList(),
                        path.Zip(path.Skip(1), (a, b) => CollaborationDescriber.Describe(graph, a, b, evidenceFilter)!).ToList()))
                    .ToList();
            }
            finally
            {
                graph.SearchBuffers.Return(buffers);
            }
        });
    }

    // The two sides' distances live in the search buffers: a node is on a side when its stamp there is this search's.
    sealed class BidirectionalSearch
    {
        readonly ProjectionGraph _graph;
        readonly EvidenceFilter _filter;
        readonly int _from, _to, _maxHops, _stamp;
        readonly Side _forward, _backward;
        readonly Dictionary<int, Tie[]> _ties = [];

        public BidirectionalSearch(ProjectionGraph graph, SearchBuffers buffers, EvidenceFilter filter, int from, int to, int maxHops)
        {
            (_graph, _filter, _from, _to, _maxHops) = (graph, filter, from, to, maxHops);
            _stamp = buffers.Begin();
            _forward = new Side(buffers.ForwardStamp, buffers.Distance, _stamp);
            _backward = new Side(buffers.BackwardStamp, buffers.BackwardDistance, _stamp);
            _forward.Add(from, 0);
            _backward.Add(to, 0);
        }

        readonly struct Side(int[] stamps, int[] distances, int stamp)
        {
            public bool Contains(int node) => stamps[node] == stamp;

            public int DistanceOf(int node) => stamps[node] == stamp ? distances[node] : -1;

            public void Add(int node, int distance)
            {
                stamps[node] = stamp;
                distances[node] = distance;
            }
        }

        // Stored ties cost nothing to read; filtered ones are derived once per node and search.
        Tie[] TiesOf(int node)
        {
            if (_filter.IsEverything) return _graph.TiesOf(node, _filter);
            if (!_ties.TryGetValue(node, out var ties)) _ties[node] = ties = _graph.TiesOf(node, _filter);
            return ties;
        }

        public List<List<int>> ShortestPaths(int limit)
        {
            var forwardFrontier = new List<int> { _from };
            var backwardFrontier = new List<int> { _to };
            int forwardDepth = 0, backwardDepth = 0;
            List<int> meeting = [];
            while (forwardDepth + backwardDepth < _maxHops && forwardFrontier.Count > 0 && backwardFrontier.Count > 0)
            {
                // Expand the smaller side a whole level; the first level that touches the other side fixes the length.
                var forward = forwardFrontier.Count <= backwardFrontier.Count;
                var (frontier, seen, other) = forward ? (forwardFrontier, _forward, _backward) : (backwardFrontier, _backward, _forward);
                var depth = (forward ? forwardDepth : backwardDepth) + 1;
                var next = new List<int>();
                foreach (var node in frontier)
                {
                    foreach (var tie in TiesOf(node))
                    {
                        if (seen.Contains(tie.Other)) continue;
                        seen.Add(tie.Other, depth);
                        next.Add(tie.Other);
                        if (other.Contains(tie.Other)) meeting.Add(tie.Other);
                    }
                }
                if (forward)
                {
                    forwardFrontier = next;
                    forwardDepth = depth;
                }
                else
                {
                    backwardFrontier = next;
                    backwardDepth = depth;
                }
                if (meeting.Count > 0) break;
            }
            var paths = new List<List<int>>();
            if (meeting.Count == 0) return paths;
            foreach (var middle in meeting.OrderBy(m => _graph.Nodes[m].Id, StringComparer.Ordinal))
            {
                foreach (var head in Chains(middle, _forward))
                {
                    foreach (var tail in Chains(middle, _backward))
                    {
                        var path = new List<int>(head);
                        path.Reverse();
                        path.AddRange(tail.Skip(1));
                        paths.Add(path);
                        if (paths.Count >= limit) return paths;
                    }
                }
            }
            return paths;
        }

        // Every chain from a node back to the side's root, one step nearer each time: the node first, the root last.
        IEnumerable<List<int>> Chains(int node, Side side)
        {
            var distance = side.DistanceOf(node);
            if (distance == 0)
            {
                yield return [node];
                yield break;
            }
            var previous = TiesOf(node)
                .Where(t => side.DistanceOf(t.Other) == distance - 1)
                .Select(t => t.Other)
                .OrderBy(n => _graph.Nodes[n].Id, StringComparer.Ordinal)
                .ToList();
            foreach (var step in previous)
            {
                foreach (var chain in Chains(step, side))
                {
                    var full = new List<int>(chain.Count + 1) { node };
                    full.AddRange(chain);
                    yield return full;
                }
            }
        }
    }
}
