using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Collaboration;

// The derivation: CollaborationRules applied to one organisation's links. Every rule is read from the organisation's
// side, so re-deriving the organisations a change touches is enough to keep the projection equal to a full rebuild.
internal sealed partial class ProjectionGraph
{
    /// <summary>
    /// Every piece of evidence of the organisation's collaborations that the filter admits; only with
    /// <paramref name="onlyPartner"/> or with the <paramref name="partners"/>, when given.
    /// </summary>
    public List<DerivedEvidence> Derive(int organisation, EvidenceFilter filter, int onlyPartner = -1, IReadOnlySet<int>? partners = null)
    {
        var found = new List<DerivedEvidence>();
        var sharedSeen = new HashSet<int>();
        foreach (var link in Incident[organisation])
        {
            var record = Links[link];
            if (!record.Alive) continue;
            switch (record.Type)
            {
                case LinkType.PairedWith:
                    Direct(CollaborationKinds.Pairing, link);
                    break;
                case LinkType.CooperationAgreement:
                    Direct(CollaborationKinds.Agreement, link);
                    break;
                case LinkType.Transfers:
                    Direct(CollaborationKinds.TechnologyContract, link);
                    break;
                case LinkType.Hosts or LinkType.Leads or LinkType.CoBuilds or LinkType.MemberOf or LinkType.ParticipatesIn
                    when record.From == organisation:
                    if (sharedSeen.Add(record.To)) Shared(record.To);
                    if (record.Type == LinkType.Leads && Nodes[record.To].Kind == NodeKind.Consortium) ConsortiumChallenges(record.To, link);
                    break;
                case LinkType.Posts when record.From == organisation:
                    ChallengeAwardees(record.To, link);
                    break;
                case LinkType.Awarded when record.From == organisation:
                    ChallengePosters(record.To, link, -1);
                    break;
                case LinkType.EmployedBy when record.To == organisation:
                    Commissioner(record.From, link, LinkType.CommissionedTo, employerSide: true);
                    break;
                case LinkType.CommissionedTo when record.To == organisation:
                    Commissioner(record.From, link, LinkType.EmployedBy, employerSide: false);
                    break;
            }
        }
        return found;

        void Emit(CollaborationKinds kind, int partner, int through, int linkA, int linkB, int linkC, double weight)
        {
            if (onlyPartner >= 0 && partner != onlyPartner) return;
            if (partners is not null && !partners.Contains(partner)) return;
            if (partner == organisation || !IsOrganization(partner)) return;
            int start = ProjectedLink.UnknownStart, end = ProjectedLink.UnknownEnd;
            foreach (var link in (ReadOnlySpan<int>)[linkA, linkB, linkC])
            {
                if (link < 0) continue;
                start = Math.Max(start, Links[link].Start);
                end = Math.Min(end, Links[link].End);
            }
            // Organisations linked to a shared node at times that never overlap did not work together through it.
            if (start > end) return;
            var evidence = new DerivedEvidence(kind, partner, through, linkA, linkB, linkC, start, end, weight);
            if (filter.Admits(evidence)) found.Add(evidence);
        }

        void Direct(CollaborationKinds kind, int link) =>
            Emit(kind, Links[link].Other(organisation), -1, link, -1, -1, CollaborationRules.WeightOf(kind));

        void Shared(int through)
        {
            var kind = Nodes[through].Kind switch
            {
                NodeKind.Platform => CollaborationKinds.Platform,
                NodeKind.Consortium => CollaborationKinds.Consortium,
                NodeKind.Project => CollaborationKinds.Project,
                _ => CollaborationKinds.None,
            };
            if (kind == CollaborationKinds.None) return;
            var rule = CollaborationRules.Of(kind);
            // Most of a hub's shared nodes have none of the partners asked about: skip them before counting members.
            if (onlyPartner >= 0 && !AnyTakesPart(through, rule, member => member == onlyPartner)) return;
            if (partners is not null && !AnyTakesPart(through, rule, partners.Contains)) return;
            // One link per member stands for its part in the shared node: the earliest, whatever order links arrived in.
            var members = new Dictionary<int, int>();
            foreach (var link in Incident[through])
            {
                var record = Links[link];
                if (record.To != through || !rule.Links.Contains(record.Type) || !IsOrganization(record.From)) continue;
                if (!members.TryGetValue(record.From, out var chosen) || Precedes(link, chosen)) members[record.From] = link;
            }
            if (members.Count < 2 || !members.TryGetValue(organisation, out var own)) return;
            var weight = rule.Weight / (members.Count - 1);
            foreach (var (member, link) in members)
                Emit(kind, member, through, own, link, -1, weight);
        }

        void ChallengeAwardees(int challenge, int postLink)
        {
            foreach (var link in Incident[challenge])
            {
                var record = Links[link];
                if (record.Type != LinkType.Awarded || record.To != challenge) continue;
                if (Nodes[record.From].Kind == NodeKind.Consortium)
                {
                    foreach (var lead in LeadsOf(record.From))
                        Emit(CollaborationKinds.Challenge, Links[lead].From, challenge, postLink, link, lead, CollaborationRules.WeightOf(CollaborationKinds.Challenge));
                }
                else
                {
                    Emit(CollaborationKinds.Challenge, record.From, challenge, postLink, link, -1, CollaborationRules.WeightOf(CollaborationKinds.Challenge));
                }
            }
        }

        void ChallengePosters(int challenge, int awardLink, int leadLink)
        {
            foreach (var link in Incident[challenge])
            {
                var record = Links[link];
                if (record.Type == LinkType.Posts && record.To == challenge)
                    Emit(CollaborationKinds.Challenge, record.From, challenge, link, awardLink, leadLink, CollaborationRules.WeightOf(CollaborationKinds.Challenge));
            }
        }

        void ConsortiumChallenges(int consortium, int leadLink)
        {
            foreach (var link in Incident[consortium])
            {
                var record = Links[link];
                if (record.Type == LinkType.Awarded && record.From == consortium) ChallengePosters(record.To, link, leadLink);
            }
        }

        void Commissioner(int person, int ownLink, LinkType otherSide, bool employerSide)
        {
            foreach (var link in Incident[person])
            {
                var record = Links[link];
                if (record.Type != otherSide || record.From != person) continue;
                var (employment, commission) = employerSide ? (ownLink, link) : (link, ownLink);
                Emit(CollaborationKinds.Commissioner, record.To, person, employment, commission, -1, CollaborationRules.WeightOf(CollaborationKinds.Commissioner));
            }
        }
    }

    // Whether an organisation that passes the test takes part in the shared node under the rule.
    bool AnyTakesPart(int through, CollaborationRule rule, Func<int, bool> test)
    {
        foreach (var link in Incident[through])
        {
            var record = Links[link];
            if (record.To == through && test(record.From) && rule.Links.Contains(record.Type)) return true;
        }
        return false;
    }

    bool Precedes(int link, int other)
    {
        var (a, b) = (Links[link], Links[other]);
        if (a.Start != b.Start) return a.Start < b.Start;
        if (a.End != b.End) return a.End > b.End;
        if (a.Type != b.Type) return a.Type < b.Type;
        return string.CompareOrdinal(a.Key, b.Key) < 0;
    }

    IEnumerable<int> LeadsOf(int consortium)
    {
        foreach (var link in Incident[consortium])
        {
            var record = Links[link];
            if (record.Type == LinkType.Leads && record.To == consortium && IsOrganization(record.From)) yield return link;
        }
    }

    /// <summary>The organisations whose collaborations may change when this link changes (it must still be present).</summary>
    public void CollectAffected(int link, HashSet<int> affected)
    {
        var record = Links[link];
        foreach (var end in (ReadOnlySpan<int>)[record.From, record.To])
        {
            if (IsOrganization(end)) affected.Add(end);
            else Participants(end, affected);
        }
    }

    // Everyone a shared node joins, and through a consortium's won challenges the posters, and through a challenge won
    // by a consortium its leads: every organisation whose evidence can pass through the node.
    void Participants(int through, HashSet<int> affected)
    {
        foreach (var link in Incident[through])
        {
            var record = Links[link];
            var other = record.Other(through);
            if (IsOrganization(other)) affected.Add(other);
            if (record.Type != LinkType.Awarded) continue;
            if (record.From == through)
            {
                foreach (var post in Incident[record.To])
                {
                    if (Links[post].Type == LinkType.Posts) affected.Add(Links[post].From);
                }
            }
            else if (Nodes[record.From].Kind == NodeKind.Consortium)
            {
                foreach (var lead in LeadsOf(record.From)) affected.Add(Links[lead].From);
            }
        }
    }
}
