using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// Spells out what the projection holds in the answers' terms: an organisation asked for by id, a tie as a
/// <see cref="NetworkEdge"/>, and the collaboration of two organisations with its evidence.
/// </summary>
internal static class CollaborationDescriber
{
    /// <summary>The projection index of an organisation asked for; NOT_FOUND or INVALID_INPUT naming the argument otherwise.</summary>
    public static int RequireOrganization(ProjectionGraph graph, string id, string argument)
    {
        var index = graph.IndexOf(id);
        if (index >= 0 && graph.IsOrganization(index)) return index;
        if (index >= 0)
            throw new InvalidInputException($"{argument}: '{id}' is a {graph.Nodes[index].Kind}, not an organisation (Enterprise, University, ResearchInstitute, GovernmentBody)");
        throw new NotFoundException($"{argument}: no organisation with id '{id}'");
    }

    public static DateOnly? Day(int dayNumber) =>
        dayNumber is ProjectedLink.UnknownStart or ProjectedLink.UnknownEnd ? null : DateOnly.FromDayNumber(dayNumber);

    public static NetworkEdge ToEdge(ProjectionGraph graph, int node, Tie tie)
    {
        var (a, b) = (graph.Nodes[node].Id, graph.Nodes[tie.Other].Id);
        if (string.CompareOrdinal(a, b) > 0) (a, b) = (b, a);
        return new NetworkEdge(a, b, tie.Kinds, Math.Round(tie.Weight, 6), Day(tie.First), Day(tie.Last), Ongoing: tie.Ongoing);
    }

    /// <summary>The collaboration of two organisations with all its evidence under the filter, or null when there is none.</summary>
    public static CollaborationTie? Describe(ProjectionGraph graph, int organisation, int partner, EvidenceFilter filter)
    {
        // Evidence is the same from either side: derive it from the side with fewer links (a hub has thousands), and
        // put a shared node's two links back in the asker's order.
        var fromPartner = graph.Incident[partner].Count < graph.Incident[organisation].Count;
        var found = fromPartner
            ? graph.Derive(partner, filter, organisation).Select(e => CollaborationRules.Of(e.Kind).SharedByAll
                ? e with { Partner = partner, LinkA = e.LinkB, LinkB = e.LinkA }
                : e with { Partner = partner }).ToList()
            : graph.Derive(organisation, filter, partner);
        return Describe(graph, organisation, partner, found);
    }

    /// <summary>
    /// The collaboration of two organisations from its evidence as derived from the organisation's side, in an order
    /// that does not depend on the side it was derived from: by start, kind, then link ids.
    /// </summary>
    public static CollaborationTie? Describe(ProjectionGraph graph, int organisation, int partner, List<DerivedEvidence> found)
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
        return new CollaborationTie(
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
}
