using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// The collaborators of an organisation: a breadth-first search over the projection's ties, level by level, paged,
/// listed, or only counted.
/// </summary>
internal sealed class CollaboratorSearch(CollaborationProjection projection)
{
    /// <summary>
    /// The organisations within <paramref name="depth"/> collaborations of one (1–3), nearest first, then by the weight
    /// of the tie that reached them, then by id. Ties count only evidence the filter admits; the selection filters the
    /// answer, not the traversal. Each collaborator carries the tie from the organisation one step nearer
    /// (<see cref="Collaborator.Via"/>). At most <paramref name="limit"/> are returned, starting after the collaborator
    /// <paramref name="after"/> when given (the last of the previous page); a level beyond the page is not searched, and
    /// only the page's ties are described.
    /// </summary>
    public IReadOnlyList<Collaborator> Collaborators(
        string organizationId, int depth = 1, CollaborationFilter? filter = null, OrganizationSelection? where = null, int limit = 1000,
        string? after = null)
    {
        var evidenceFilter = CheckCollaboratorQuery(depth, filter, where);
        if (limit < 1) throw new InvalidInputException($"limit must be positive, not {limit}");
        return projection.Read(graph =>
        {
            var start = CollaborationDescriber.RequireOrganization(graph, organizationId, "of");
            var cursor = after is null ? -1 : CollaborationDescriber.RequireOrganization(graph, after, "after");
            var selection = where is null ? null : new SelectionMatcher(graph, where);
            var buffers = graph.SearchBuffers.Rent(graph.NodeCount);
            try
            {
                var (distanceOf, parentOf, compare) = (buffers.Distance, buffers.Parent, AnswerOrder(graph, buffers));
                var seen = buffers.ForwardStamp;
                var stamp = buffers.Begin();
                bool Reached(int node) => node != start && seen[node] == stamp;
                // The page is full once the levels searched hold `limit` answers after the cursor: deeper ones come later.
                bool PageFull(List<int> found) =>
                    cursor < 0 ? found.Count >= limit : Reached(cursor) && found.Count(node => compare(node, cursor) > 0) >= limit;
                var found = ReachCollaborators(graph, buffers, stamp, start, depth, evidenceFilter, selection, PageFull);
                if (cursor >= 0 && !Reached(cursor))
                    throw new InvalidInputException($"after: '{after}' is not a collaborator of '{organizationId}' within {depth} step{(depth == 1 ? "" : "s")}");
                var page = Best(cursor < 0 ? found : found.FindAll(node => compare(node, cursor) > 0), limit, compare);
                // An organisation that reached several answers (a hub's partners) has its evidence with them derived in one
                // pass over its links, not once per answer from each partner's side.
                var evidenceFrom = page.GroupBy(node => parentOf[node]).Where(group => group.Skip(1).Any()).ToDictionary(
                    group => group.Key,
                    group => graph.Derive(group.Key, evidenceFilter, partners: group.ToHashSet()).ToLookup(evidence => evidence.Partner));
                return page
                    .Select(node => new Collaborator(
                        graph.Nodes[node].Id, distanceOf[node], graph.Nodes[parentOf[node]].Id,
                        (evidenceFrom.TryGetValue(parentOf[node], out var byPartner)
                            ? CollaborationDescriber.Describe(graph, parentOf[node], node, byPartner[node].ToList())
                            : CollaborationDescriber.Describe(graph, parentOf[node], node, evidenceFilter))!))
                    .ToList();
            }
            finally
            {
                graph.SearchBuffers.Return(buffers);
            }
        });
    }

    /// <summary>
    /// The ids of every organisation <see cref="Collaborators"/> lists for these arguments, in its order, without
    /// describing their ties: the whole search at the cost of the walk alone, for counting an answer and for paging it
    /// backwards.
    /// </summary>
    public IReadOnlyList<string> CollaboratorIds(
        string organizationId, int depth = 1, CollaborationFilter? filter = null, OrganizationSelection? where = null) =>
        WholeAnswer(organizationId, depth, filter, where, (graph, buffers, start, evidenceFilter, selection) =>
        {
            var found = ReachCollaborators(graph, buffers, buffers.Begin(), start, depth, evidenceFilter, selection, _ => false);
            found.Sort(AnswerOrder(graph, buffers));
            return found.ConvertAll(node => graph.Nodes[node].Id);
        });

    /// <summary>
    /// How many organisations <see cref="Collaborators"/> lists for these arguments: the same walk, counting what it
    /// reaches in place (a bit per node and a queue over the search buffers), with no order, ids or per-collaborator record.
    /// </summary>
    public int CollaboratorCount(
        string organizationId, int depth = 1, CollaborationFilter? filter = null, OrganizationSelection? where = null) =>
        WholeAnswer(organizationId, depth, filter, where, (graph, buffers, start, evidenceFilter, selection) =>
            CountCollaborators(graph, buffers, start, depth, evidenceFilter, selection));

    delegate T WholeAnswerSearch<T>(ProjectionGraph graph, SearchBuffers buffers, int start, EvidenceFilter filter, SelectionMatcher? selection);

    // A search over the whole answer of a collaborators question, checked, under the read lock, with rented buffers.
    T WholeAnswer<T>(string organizationId, int depth, CollaborationFilter? filter, OrganizationSelection? where, WholeAnswerSearch<T> search)
    {
        var evidenceFilter = CheckCollaboratorQuery(depth, filter, where);
        return projection.Read(graph =>
        {
            var start = CollaborationDescriber.RequireOrganization(graph, organizationId, "of");
            var selection = where is null ? null : new SelectionMatcher(graph, where);
            var buffers = graph.SearchBuffers.Rent(graph.NodeCount);
            try
            {
                return search(graph, buffers, start, evidenceFilter, selection);
            }
            finally
            {
                graph.SearchBuffers.Return(buffers);
            }
        });
    }

    // Breadth-first search level by level that only counts: what was reached is a bit per node, the queue is the
    // buffers' parent array (a node enters it once, when first reached), and the deepest level is counted without
    // being queued.
    static int CountCollaborators(ProjectionGraph graph, SearchBuffers buffers, int start, int depth, EvidenceFilter filter, SelectionMatcher? selection)
    {
        var (reached, queue) = (buffers.Reached, buffers.Parent);
        Array.Clear(reached, 0, (graph.NodeCount + 63) / 64);
        reached[start >> 6] |= 1UL << start;
        queue[0] = start;
        int head = 0, tail = 1, count = 0;
        for (var distance = 1; distance <= depth && head < tail; distance++)
        {
            var (levelEnd, deepest) = (tail, distance == depth);
            for (; head < levelEnd; head++)
            {
                var partners = graph.PartnersOf(queue[head], filter).AsSpan();
                if (deepest && selection is null)
                {
                    count += MarkAndCountNew(reached, partners);
                    continue;
                }
                foreach (var other in partners)
                {
                    ref var word = ref reached[other >> 6];
                    var bit = 1UL << other; // a shift of a ulong takes its count modulo 64: the node's bit in its word
                    if ((word & bit) != 0) continue;
                    word |= bit;
                    if (!deepest) queue[tail++] = other;
                    if (selection?.Matches(other) ?? true) count++;
                }
            }
        }
        return count;
    }

    // The deepest level of a count with no selection, where most partners were reached already: each marked and
    // counted if new without a branch on it, which the processor could not predict.
    static int MarkAndCountNew(ulong[] reached, ReadOnlySpan<int> partners)
    {
        var count = 0;
        foreach (var other in partners)
        {
            ref var word = ref reached[other >> 6];
            var before = word;
            word = before | (1UL << other);
            count += (int)((~before >> other) & 1);
        }
        return count;
    }

    static EvidenceFilter CheckCollaboratorQuery(int depth, CollaborationFilter? filter, OrganizationSelection? where)
    {
        if (depth is < 1 or > CollaborationProjection.MaxDepth) throw new InvalidInputException($"depth must be 1 to {CollaborationProjection.MaxDepth}, not {depth}");
        where?.Validate();
        return (filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
    }

    // The order of an answer, over the buffers a search filled: nearest first, then by the weight of the tie that
    // reached them, then by id.
    static Comparison<int> AnswerOrder(ProjectionGraph graph, SearchBuffers buffers)
    {
        var (distanceOf, weightOf) = (buffers.Distance, buffers.Weight);
        return (x, y) =>
            distanceOf[x] != distanceOf[y] ? distanceOf[x].CompareTo(distanceOf[y])
            : weightOf[x] != weightOf[y] ? weightOf[y].CompareTo(weightOf[x])
            : string.CompareOrdinal(graph.Nodes[x].Id, graph.Nodes[y].Id);
    }

    // Breadth-first search level by level over the buffers, marking what it reaches with the stamp: every organisation
    // reached, with its distance, the node one step nearer and the weight of that tie in the buffers; returns those the
    // selection matches. Stops after the level that fills the page.
    static List<int> ReachCollaborators(
        ProjectionGraph graph, SearchBuffers buffers, int stamp, int start, int depth, EvidenceFilter filter, SelectionMatcher? selection,
        Func<List<int>, bool> pageFull)
    {
        var (seen, distanceOf, parentOf, weightOf) = (buffers.ForwardStamp, buffers.Distance, buffers.Parent, buffers.Weight);
        seen[start] = stamp;
        distanceOf[start] = 0;
        var matched = new List<int>();
        var frontier = new List<int> { start };
        for (var distance = 1; distance <= depth && frontier.Count > 0 && !pageFull(matched); distance++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                foreach (var tie in graph.TiesOf(node, filter))
                {
                    var other = tie.Other;
                    if (seen[other] == stamp)
                    {
                        // The same distance through a heavier tie wins, so the answer does not depend on visiting order.
                        if (distanceOf[other] == distance && tie.Weight > weightOf[other])
                        {
                            parentOf[other] = node;
                            weightOf[other] = tie.Weight;
                        }
                        continue;
                    }
                    seen[other] = stamp;
                    distanceOf[other] = distance;
                    parentOf[other] = node;
                    weightOf[other] = tie.Weight;
                    next.Add(other);
                    if (selection?.Matches(other) ?? true) matched.Add(other);
                }
            }
            frontier = next;
        }
        return matched;
    }

    /// <summary>The first <paramref name="limit"/> items in the order given, sorted; a bounded heap when there are more.</summary>
    static List<int> Best(List<int> items, int limit, Comparison<int> compare)
    {
        if (items.Count > limit)
        {
            // The heap's top is the worst item kept; one comparison per further item decides whether it enters.
            var heap = new PriorityQueue<int, int>(limit + 1, Comparer<int>.Create((x, y) => compare(y, x)));
            foreach (var item in items)
            {
                if (heap.Count < limit) heap.Enqueue(item, item);
                else if (compare(item, heap.Peek()) < 0) heap.DequeueEnqueue(item, item);
            }
            items = heap.UnorderedItems.Select(entry => entry.Element).ToList();
        }
        items.Sort(compare);
        return items;
    }
}
