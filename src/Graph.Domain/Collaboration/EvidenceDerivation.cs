using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// The derivation: the rules of <see cref="CollaborationRules"/> applied to one organisation's links, and nothing but
/// them. Every rule is read from the organisation's side, so re-deriving the organisations a change touches is enough to
/// keep the projection equal to a full rebuild.
/// </summary>
internal sealed class EvidenceDerivation(ProjectionGraph graph)
{
    /// <summary>
    /// Every piece of evidence of the organisation's collaborations that the filter admits; only with
    /// <paramref name="onlyPartner"/> or with the <paramref name="partners"/>, when given.
    /// </summary>
    public List<DerivedEvidence> Derive(int organisation, EvidenceFilter filter, int onlyPartner = -1, IReadOnlySet<int>? partners = null)
    {
        var found = new List<DerivedEvidence>();
        var sharedSeen = new HashSet<int>();
        foreach (var link in graph.Incident[organisation])
        {
            var record = graph.Links[link];
            if (!record.Alive) continue;
            foreach (var rule in CollaborationRules.Reading(record.Type))
            {
                if (rule.Through is null)
                {
                    Emit(rule, record.Other(organisation), -1, link, -1, -1, rule.Weight);
                }
                else if (rule.SharedByAll)
                {
                    if (record.From == organisation && graph.Nodes[record.To].Kind == rule.Through && sharedSeen.Add(record.To)) Shared(record.To, rule);
                }
                else if (record.Other(organisation) is var through && graph.Nodes[through].Kind == rule.Through)
                {
                    Pairs(rule, through, link, record.Type, standIn: -1);
                }
            }
            // Linked to a stand-in (a consortium it leads), the organisation takes its place in the stand-in's pairs.
            foreach (var rule in CollaborationRules.StandingInBy(record.Type))
            {
                if (record.From != organisation || graph.Nodes[record.To].Kind != rule.StandIn!.Kind) continue;
                foreach (var role in graph.Incident[record.To])
                {
                    var roleRecord = graph.Links[role];
                    if (roleRecord.Type == rule.StandIn.Role && roleRecord.From == record.To && graph.Nodes[roleRecord.To].Kind == rule.Through)
                        Pairs(rule, roleRecord.To, role, roleRecord.Type, standIn: link);
                }
            }
        }
        return found;

        void Emit(CollaborationRule rule, int partner, int through, int linkA, int linkB, int linkC, double weight)
        {
            if (onlyPartner >= 0 && partner != onlyPartner) return;
            if (partners is not null && !partners.Contains(partner)) return;
            if (partner == organisation || !graph.IsOrganization(partner)) return;
            int start = ProjectedLink.UnknownStart, end = ProjectedLink.UnknownEnd;
            foreach (var link in (ReadOnlySpan<int>)[linkA, linkB, linkC])
            {
                if (link < 0) continue;
                start = Math.Max(start, graph.Links[link].Start);
                end = Math.Min(end, graph.Links[link].End);
            }
            // Organisations linked to a shared node at times that never overlap did not work together through it.
            if (start > end) return;
            var evidence = new DerivedEvidence(rule.Kind, partner, through, linkA, linkB, linkC, start, end, weight);
            if (filter.Admits(evidence)) found.Add(evidence);
        }

        void Shared(int through, CollaborationRule rule)
        {
            // Most of a hub's shared nodes have none of the partners asked about: skip them before counting members.
            if (onlyPartner >= 0 && !AnyTakesPart(through, rule, member => member == onlyPartner)) return;
            if (partners is not null && !AnyTakesPart(through, rule, partners.Contains)) return;
            // One link per member stands for its part in the shared node: the earliest, whatever order links arrived in.
            var members = new Dictionary<int, int>();
            foreach (var link in graph.Incident[through])
            {
                var record = graph.Links[link];
                if (record.To != through || !rule.Links.Contains(record.Type) || !graph.IsOrganization(record.From)) continue;
                if (!members.TryGetValue(record.From, out var chosen) || Precedes(link, chosen)) members[record.From] = link;
            }
            if (members.Count < 2 || !members.TryGetValue(organisation, out var own)) return;
            var weight = rule.Weight / (members.Count - 1);
            foreach (var (member, link) in members)
                Emit(rule, member, through, own, link, -1, weight);
        }

        // The pairs of a rule that names them, from one side's link to the shared node: every node linked to it by the
        // rule's other link is the partner, or, when it is the rule's stand-in in the role, each organisation it stands
        // for. The evidence lists the rule's first link, its second, then the stand-in's link.
        void Pairs(CollaborationRule rule, int through, int ownLink, LinkType ownType, int standIn)
        {
            var ownIsFirst = ownType == rule.Links[0];
            var otherType = rule.Links[ownIsFirst ? 1 : 0];
            foreach (var link in graph.Incident[through])
            {
                var record = graph.Links[link];
                if (record.Type != otherType || record.Other(through) is var partner && partner == through) continue;
                var (first, second) = ownIsFirst ? (ownLink, link) : (link, ownLink);
                if (rule.StandIn is { } stand && graph.Nodes[partner].Kind == stand.Kind && record.Type == stand.Role && standIn < 0)
                {
                    foreach (var member in StoodFor(partner, stand))
                        Emit(rule, graph.Links[member].From, through, first, second, member, rule.Weight);
                }
                else
                {
                    Emit(rule, partner, through, first, second, standIn, rule.Weight);
                }
            }
        }
    }

    // Whether an organisation that passes the test takes part in the shared node under the rule.
    bool AnyTakesPart(int through, CollaborationRule rule, Func<int, bool> test)
    {
        foreach (var link in graph.Incident[through])
        {
            var record = graph.Links[link];
            if (record.To == through && test(record.From) && rule.Links.Contains(record.Type)) return true;
        }
        return false;
    }

    bool Precedes(int link, int other)
    {
        var (a, b) = (graph.Links[link], graph.Links[other]);
        if (a.Start != b.Start) return a.Start < b.Start;
        if (a.End != b.End) return a.End > b.End;
        if (a.Type != b.Type) return a.Type < b.Type;
        return string.CompareOrdinal(a.Key, b.Key) < 0;
    }

    // The links of the organisations a stand-in stands for (a consortium's leads).
    IEnumerable<int> StoodFor(int standIn, CollaborationStandIn stand)
    {
        foreach (var link in graph.Incident[standIn])
        {
            var record = graph.Links[link];
            if (record.Type == stand.StandsFor && record.To == standIn && graph.IsOrganization(record.From)) yield return link;
        }
    }

    /// <summary>The organisations whose collaborations may change when this link changes (it must still be present).</summary>
    public void CollectAffected(int link, HashSet<int> affected)
    {
        var record = graph.Links[link];
        foreach (var end in (ReadOnlySpan<int>)[record.From, record.To])
        {
            if (graph.IsOrganization(end)) affected.Add(end);
            else Participants(end, affected);
        }
    }

    // Everyone a shared node joins, and across a stand-in's role the organisations on the far side: a consortium's
    // won challenges give their posters, a challenge won by a consortium its leads. Every organisation whose evidence
    // can pass through the node.
    void Participants(int through, HashSet<int> affected)
    {
        foreach (var link in graph.Incident[through])
        {
            var record = graph.Links[link];
            var other = record.Other(through);
            if (graph.IsOrganization(other)) affected.Add(other);
            foreach (var rule in CollaborationRules.Reading(record.Type))
            {
                if (rule.StandIn is not { } stand || record.Type != stand.Role) continue;
                if (record.From == through && graph.Nodes[through].Kind == stand.Kind)
                {
                    foreach (var far in graph.Incident[record.To])
                    {
                        var farRecord = graph.Links[far];
                        if (farRecord.Type != stand.Role && rule.Links.Contains(farRecord.Type) && graph.IsOrganization(farRecord.From)) affected.Add(farRecord.From);
                    }
                }
                else if (record.To == through && graph.Nodes[record.From].Kind == stand.Kind)
                {
                    foreach (var member in StoodFor(record.From, stand)) affected.Add(graph.Links[member].From);
                }
            }
        }
    }
}
