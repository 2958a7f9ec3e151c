using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Collaboration;

// Collaborators and shortest collaboration paths.
public sealed partial class CollaborationProjection
{
    /// <summary>The most hops <see cref="Collaborators"/> follows.</summary>
    public const int MaxDepth = 3;

    /// <summary>The most hops <see cref="Paths"/> searches.</summary>
    public const int MaxPathHops = 8;

    /// <summary>
    /// The organisations within <paramref name="depth"/> collaborations of one (1–3), nearest first, then by the weight
    /// of the tie that reached them. Ties count only evidence the filter admits; the selection filters the answer, not the
    /// traversal. Each collaborator carries the tie from the organisation one step nearer (<see cref="Collaborator.Via"/>).
    /// At most <paramref name="limit"/> are returned; a level beyond the first <paramref name="limit"/> is not searched.
    /// </summary>
    public IReadOnlyList<Collaborator> Collaborators(
        string organizationId, int depth = 1, CollaborationFilter? filter = null, OrganizationSelection? where = null, int limit = 1000)
    {
        if (depth is < 1 or > MaxDepth) throw new InvalidInputException($"depth must be 1 to {MaxDepth}, not {depth}");
        if (limit < 1) throw new InvalidInputException($"limit must be positive, not {limit}");
        var evidenceFilter = (filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
        where?.Validate();
        return Read(graph =>
        {
            var start = RequireOrganization(graph, organizationId, "of");
            var via = new Dictionary<int, (int Parent, int Distance, Tie Tie)>();
            var frontier = new List<int> { start };
            var selection = where is null ? null : new SelectionMatcher(graph, where);
            var matched = 0;
            // Answers are nearest first: once the levels reached hold `limit` answers, deeper levels cannot enter them.
            for (var distance = 1; distance <= depth && frontier.Count > 0 && matched < limit; distance++)
            {
                var next = new List<int>();
                foreach (var node in frontier)
                {
                    foreach (var tie in graph.TiesOf(node, evidenceFilter))
                    {
                        if (tie.Other == start) continue;
                        if (via.TryGetValue(tie.Other, out var known))
                        {
                            // The same distance through a heavier tie wins, so the answer does not depend on visiting order.
                            if (known.Distance == distance && tie.Weight > known.Tie.Weight) via[tie.Other] = (node, distance, tie);
                            continue;
                        }
                        via[tie.Other] = (node, distance, tie);
                        next.Add(tie.Other);
                        if (selection?.Matches(tie.Other) ?? true) matched++;
                    }
                }
                frontier = next;
            }
            var found = via.Where(v => selection?.Matches(v.Key) ?? true).ToArray();
            Array.Sort(found, (x, y) =>
                x.Value.Distance != y.Value.Distance ? x.Value.Distance.CompareTo(y.Value.Distance)
                : x.Value.Tie.Weight != y.Value.Tie.Weight ? y.Value.Tie.Weight.CompareTo(x.Value.Tie.Weight)
                : string.CompareOrdinal(graph.Nodes[x.Key].Id, graph.Nodes[y.Key].Id));
            return found
                .Take(limit)
                .Select(v => new Collaborator(
                    graph.Nodes[v.Key].Id, v.Value.Distance, graph.Nodes[v.Value.Parent].Id,
                    Describe(graph, v.Value.Parent, v.Key, evidenceFilter)!))
                .ToList();
        });
    }

    /// <summary>
    /// Every shortest chain of collaborations between two organisations (up to <paramref name="limit"/> of them, at most
    /// <paramref name="maxHops"/> steps), found by a bidirectional breadth-first search, each step with its evidence.
    /// Empty when they are not connected within maxHops.
    /// </summary>
    public IReadOnlyList<CollaborationPath> Paths(string fromId, string toId, int maxHops = 4, CollaborationFilter? filter = null, int limit = 10)
    {
        if (maxHops is < 1 or > MaxPathHops) throw new InvalidInputException($"maxHops must be 1 to {MaxPathHops}, not {maxHops}");
        if (limit < 1) throw new InvalidInputException($"limit must be positive, not {limit}");
        var evidenceFilter = (filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
        return Read(graph =>
        {
            var from = RequireOrganization(graph, fromId, "from");
            var to = RequireOrganization(graph, toId, "to");
            if (from == to) throw new InvalidInputException("from and to are the same organisation");
            var search = new BidirectionalSearch(graph, evidenceFilter, from, to, maxHops);
            return search.ShortestPaths(limit)
                .Select(path => new CollaborationPath(
                    path.Select(n => graph.Nodes[n].Id).ToList(),
                    path.Zip(path.Skip(1), (a, b) => Describe(graph, a, b, evidenceFilter)!).ToList()))
                .ToList();
        });
    }

    sealed class BidirectionalSearch(ProjectionGraph graph, EvidenceFilter filter, int from, int to, int maxHops)
    {
        readonly Dictionary<int, int> _forward = new() { [from] = 0 };
        readonly Dictionary<int, int> _backward = new() { [to] = 0 };
        readonly Dictionary<int, Tie[]> _ties = [];

        Tie[] TiesOf(int node)
        {
            if (!_ties.TryGetValue(node, out var ties)) _ties[node] = ties = graph.TiesOf(node, filter);
            return ties;
        }

        public List<List<int>> ShortestPaths(int limit)
        {
            var forwardFrontier = new List<int> { from };
            var backwardFrontier = new List<int> { to };
            int forwardDepth = 0, backwardDepth = 0;
            List<int> meeting = [];
            while (forwardDepth + backwardDepth < maxHops && forwardFrontier.Count > 0 && backwardFrontier.Count > 0)
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
                        if (seen.ContainsKey(tie.Other)) continue;
                        seen[tie.Other] = depth;
                        next.Add(tie.Other);
                        if (other.ContainsKey(tie.Other)) meeting.Add(tie.Other);
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
            foreach (var middle in meeting.OrderBy(m => graph.Nodes[m].Id, StringComparer.Ordinal))
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
        IEnumerable<List<int>> Chains(int node, Dictionary<int, int> side)
        {
            var distance = side[node];
            if (distance == 0)
            {
                yield return [node];
                yield break;
            }
            var previous = TiesOf(node)
                .Where(t => side.TryGetValue(t.Other, out var d) && d == distance - 1)
                .Select(t => t.Other)
                .OrderBy(n => graph.Nodes[n].Id, StringComparer.Ordinal);
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
