using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Domain.Matchmaking.IndexedFacts;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// Keeps the <see cref="IndexedFacts"/> equal to the graph: records the nodes and links read (from the build's scans or a
/// write's changes), and derives every organisation's and challenge's facts from the links at it, by one method for
/// the build and a write alike, each list in an order of ids alone, so an index kept up to date answers exactly as one
/// built afresh. A write re-derives only the organisations and challenges whose facts can depend on what it changed.
/// </summary>
internal sealed class FactDerivation(IndexedFacts facts, HeldGraph held, TieCopy ties)
{
    // Candidates are looked up by field and by what they may be asked as.
    enum CandidateList : byte { None, Academic, InRegionEnterprise, OtherEnterprise }

    readonly List<CandidateList> _listedAs = [];
    readonly List<int[]> _listedUnder = [];

    /// <summary>Records a node the index reads (an organisation gets or keeps its slot).</summary>
    internal void Put(Node node)
    {
        if (!GraphCatalog.OrganizationKinds.Contains(node.Kind))
        {
            held.Put(node);
            return;
        }
        if (!facts.Slots.TryGetValue(node.Id, out var org))
        {
            org = facts.AddSlot(held.SharedId(node.Id), node.Kind);
            _listedAs.Add(CandidateList.None);
            _listedUnder.Add([]);
        }
        if (!facts.Alive[org])
        {
            facts.Alive[org] = true;
            facts.Live[facts.Ids[org]] = org;
            ties.Pending(facts.Ids[org]);
        }
        var region = node.Properties.Text("region");
        var abroad = node.Properties.Text("locality") == nameof(RegionLocality.Abroad);
        facts.Names[org] = node.Name;
        facts.RegionCodes[org] = held.SharedText(region);
        facts.Localities[org] = facts.Home.LocalityOf(region, abroad);
        facts.OwnFields[org] = FieldIndices(node.Properties.List("fields"));
        facts.TechEnterprise[org] = node.Properties.Flag("highTech") == true || node.Properties.Flag("techSme") == true;
        facts.Designations[org] = [.. node.Properties.List("designations").Select(held.SharedText).OfType<string>()];
        facts.SchoolLevels[org] = held.SharedText(node.Properties.Text("schoolLevel"));
        if (node.Kind == NodeKind.University && facts.OwnFields[org].Length == 0) facts.FieldlessUniversities.Add(org);
        else facts.FieldlessUniversities.Remove(org);
    }

    /// <summary>Derives every challenge and organisation (after the build's scans).</summary>
    internal void DeriveAll()
    {
        foreach (var id in held.Challenges.Keys) DeriveChallenge(id);
        DeriveOrganisations();
    }

    internal void DeriveOrganisations()
    {
        for (var org = 0; org < facts.Count; org++) Derive(org);
    }

    /// <summary>
    /// One committed write's changes (nodes and links before and after): the raw facts are replaced, then only the
    /// organisations and challenges whose facts can depend on them are derived again.
    /// </summary>
    internal void Apply(IEnumerable<JournalChange> changes)
    {
        var organisations = new HashSet<string>(StringComparer.Ordinal);
        var challenges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            switch (change)
            {
                case NodeChange node:
                    if (NodeId.KindOf(node.Id) is not { } kind || !MatchmakingIndex.IndexedKinds.Contains(kind)) break;
                    if (node.After is { } changed && GraphCatalog.OrganizationKinds.Contains(kind) && facts.Live.ContainsKey(node.Id))
                    {
                        // An organisation that stays: others' facts read only its fields (the enterprise side of a
                        // pairing, the receiving side of a contract), so a hub's change does not reach all its partners.
                        organisations.Add(node.Id);
                        foreach (var link in held.LinksAt(node.Id))
                        {
                            if (link.Type == LinkType.PairedWith && link.FromId == node.Id) organisations.Add(link.ToId);
                            else if (link.Type == LinkType.Transfers && link.ToId == node.Id) organisations.Add(link.FromId);
                        }
                        Put(changed);
                        break;
                    }
                    // Whoever the node's facts reach (its links are the same before and after; a deleted node's go with it).
                    Around(node.Id, organisations, challenges);
                    if (node.After is { } after) Put(after);
                    else Remove(node.Id, kind, organisations, challenges);
                    // An instrument moved to another platform reaches that platform's organisations too.
                    if (node.After is not null && kind == NodeKind.Instrument) Touch(node.Id, organisations, challenges);
                    break;
                case LinkChange link:
                    if (held.Held(link.Id) is { } old)
                    {
                        Ends(old, organisations, challenges);
                        held.Unlink(old);
                    }
                    if (link.After is { } added && held.Put(added) is { } now) Ends(now, organisations, challenges);
                    break;
            }
        }
        foreach (var id in challenges) DeriveChallenge(id);
        foreach (var id in organisations)
        {
            if (facts.Slots.TryGetValue(id, out var org)) Derive(org);
        }
    }

    // Forgets a deleted node, and the links still held at it (the store deleted them with it).
    void Remove(string id, NodeKind kind, HashSet<string> organisations, HashSet<string> challenges)
    {
        foreach (var link in held.LinksAt(id).ToArray())
        {
            if (link.FromId != id && link.ToId != id) continue;
            Ends(link, organisations, challenges);
            held.Unlink(link);
        }
        if (!GraphCatalog.OrganizationKinds.Contains(kind))
        {
            held.Forget(id, kind);
        }
        else if (facts.Slots.TryGetValue(id, out var org) && facts.Alive[org])
        {
            facts.Alive[org] = false;
            facts.Live.Remove(id);
            ties.Pending(id);
        }
    }

    // Whose facts a node's facts reach: the node itself, and whatever is at the ends of its links.
    void Around(string id, HashSet<string> organisations, HashSet<string> challenges)
    {
        Touch(id, organisations, challenges);
        foreach (var link in held.LinksAt(id).ToList()) Ends(link, organisations, challenges);
    }

    void Ends(HeldLink link, HashSet<string> organisations, HashSet<string> challenges)
    {
        Touch(link.FromId, organisations, challenges);
        Touch(link.ToId, organisations, challenges);
    }

    // An organisation or challenge is derived again; a consortium stands for its leads and the challenges it took part in.
    void Touch(string id, HashSet<string> organisations, HashSet<string> challenges)
    {
        switch (NodeId.KindOf(id))
        {
            case NodeKind.Enterprise or NodeKind.University or NodeKind.ResearchInstitute or NodeKind.GovernmentBody:
                organisations.Add(id);
                break;
            case NodeKind.Challenge:
                challenges.Add(id);
                break;
            case NodeKind.Instrument when held.Instruments.TryGetValue(id, out var instrument) && instrument.Platform is { } platform:
                foreach (var link in held.LinksAt(platform))
                {
                    if (link.Type is LinkType.Hosts or LinkType.Leads or LinkType.CoBuilds && link.ToId == platform) organisations.Add(link.FromId);
                }
                break;
            case NodeKind.Consortium:
                foreach (var link in held.LinksAt(id))
                {
                    if (link.Type == LinkType.Leads && link.ToId == id) organisations.Add(link.FromId);
                    else if (link.Type is LinkType.AppliesTo or LinkType.Awarded && link.FromId == id) challenges.Add(link.ToId);
                }
                break;
        }
    }

    // The organisations a party to a challenge stands for: itself, or a consortium's lead organisations.
    List<int> Organisations(string id)
    {
        if (facts.IndexOf(id) is var org and >= 0) return [org];
        if (NodeId.KindOf(id) != NodeKind.Consortium) return [];
        return held.LinksAt(id).Where(l => l.Type == LinkType.Leads && l.ToId == id)
            .Select(l => facts.IndexOf(l.FromId)).Where(o => o >= 0).ToList();
    }

    // A challenge's facts: its poster (the first POSTS by link id) and everyone who applied or was awarded it.
    void DeriveChallenge(string id)
    {
        if (!held.Challenges.TryGetValue(id, out var node))
        {
            facts.Challenges.Remove(id);
            return;
        }
        var links = held.LinksAt(id).Where(l => l.ToId == id).ToList();
        var post = links.Where(l => l.Type == LinkType.Posts).MinBy(l => l.Id, StringComparer.Ordinal);
        var applicants = new HashSet<int>();
        foreach (var link in links)
        {
            if (link.Type is LinkType.AppliesTo or LinkType.Awarded) applicants.UnionWith(Organisations(link.FromId));
        }
        facts.Challenges[id] = new ChallengeFact(id, node.Name, node.Kind, node.Fields, post is null ? -1 : facts.IndexOf(post.FromId), applicants);
    }

    // One organisation's facts from the links at it, each list in an order of ids alone.
    void Derive(int org)
    {
        var id = facts.Ids[org];
        var asOf = facts.AsOf;
        var parents = new List<int>();
        var children = new List<int>();
        var platforms = new List<PlatformFact>();
        var instruments = new SortedDictionary<string, InstrumentFact>(StringComparer.Ordinal);
        var records = new List<RecordEvent>();
        var pairings = 0;
        void Award(HeldLink award)
        {
            if (held.Challenges.TryGetValue(award.ToId, out var challenge) && challenge.Fields.Length > 0)
                records.Add(new RecordEvent(RecordKind.Challenge, challenge.Fields[0], award.StartDate?.Year ?? asOf.Year));
        }
        foreach (var link in facts.Alive[org] ? held.LinksAt(id) : [])
        {
            var from = facts.IndexOf(link.FromId);
            var to = facts.IndexOf(link.ToId);
            var year = link.StartDate?.Year ?? asOf.Year;
            switch (link.Type)
            {
                case LinkType.SubsidiaryOf when from >= 0 && to >= 0:
                    if (from == org) parents.Add(to);
                    if (to == org) children.Add(from);
                    break;
                case LinkType.Hosts or LinkType.Leads or LinkType.CoBuilds when from == org:
                    if (held.Platforms.TryGetValue(link.ToId, out var platform))
                    {
                        if (platform.Field >= 0) platforms.Add(new PlatformFact(link.ToId, platform.Name, platform.Type, platform.Field, platform.Capable));
                        foreach (var owned in held.InstrumentsOf.GetValueOrDefault(link.ToId) ?? [])
                        {
                            var instrument = held.Instruments[owned];
                            if (instrument.Field >= 0) instruments[owned] = new InstrumentFact(owned, instrument.Name, instrument.Field, instrument.Value);
                        }
                    }
                    else if (link.Type == LinkType.Leads && NodeId.KindOf(link.ToId) == NodeKind.Consortium)
                    {
                        // A challenge won by a consortium counts for its leads.
                        foreach (var award in held.LinksAt(link.ToId).Where(l => l.Type == LinkType.Awarded && l.FromId == link.ToId)) Award(award);
                    }
                    break;
                case LinkType.ParticipatesIn when from == org && held.ProjectFields.TryGetValue(link.ToId, out var projectField) && projectField >= 0:
                    records.Add(new RecordEvent(RecordKind.Project, projectField, year));
                    break;
                case LinkType.Transfers when from >= 0 && to >= 0:
                    var field = link.Achievement is { } achievement ? held.AchievementFields.GetValueOrDefault(achievement, -1) : -1;
                    if (field < 0) field = facts.OwnFields[to].FirstOrDefault(-1);
                    if (field < 0) break;
                    if (from == org) records.Add(new RecordEvent(RecordKind.Contract, field, year));
                    if (to == org) records.Add(new RecordEvent(RecordKind.Contract, field, year));
                    break;
                case LinkType.PairedWith when from >= 0 && to == org:
                    if (facts.OwnFields[from].Length > 0) records.Add(new RecordEvent(RecordKind.Pairing, facts.OwnFields[from][0], year));
                    if (link.InForceOn(asOf)) pairings++;
                    break;
                case LinkType.Awarded when from == org:
                    Award(link);
                    break;
            }
        }
        parents.Sort(facts.ById);
        children.Sort(facts.ById);
        platforms.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        records.Sort((a, b) => (a.Kind, a.Field, a.Year).CompareTo((b.Kind, b.Field, b.Year)));
        facts.Parents[org] = [.. parents];
        facts.Children[org] = [.. children];
        facts.Platforms[org] = [.. platforms];
        facts.Records[org] = [.. records];
        facts.CurrentPairings[org] = pairings;
        facts.PlatformFields[org] = platforms.Select(p => p.Field).Distinct().Except(facts.OwnFields[org]).ToArray();
        facts.CapabilityPlatformCounts[org] = platforms.Count(p => p.Capable);
        facts.Instruments[org] = [.. instruments.Values];
        var total = 0.0;
        foreach (var item in records) total += facts.Recency(item.Year);
        facts.RecordTotals[org] = total;
        List(org);
    }

    // Puts the organisation on the per-field lists it belongs on now, and off those it left.
    void List(int org)
    {
        var alive = facts.Alive[org];
        var listedAs = !alive ? CandidateList.None
            : facts.IsAcademic(org) ? CandidateList.Academic
            : facts.Kinds[org] != NodeKind.Enterprise ? CandidateList.None
            : facts.Localities[org] == RegionLocality.InRegion ? CandidateList.InRegionEnterprise : CandidateList.OtherEnterprise;
        int[] under = alive ? [.. facts.OwnFields[org], .. facts.PlatformFields[org]] : [];
        if (listedAs == _listedAs[org] && under.AsSpan().SequenceEqual(_listedUnder[org])) return;
        foreach (var field in _listedUnder[org])
        {
            Unlist(facts.OrganizationsByField[field], org);
            if (ListsFor(_listedAs[org]) is { } lists) Unlist(lists[field], org);
        }
        foreach (var field in under)
        {
            Enlist(facts.OrganizationsByField[field], org);
            if (ListsFor(listedAs) is { } lists) Enlist(lists[field], org);
        }
        (_listedAs[org], _listedUnder[org]) = (listedAs, under);
    }

    List<int>[]? ListsFor(CandidateList list) => list switch
    {
        CandidateList.Academic => facts.AcademicsByField,
        CandidateList.InRegionEnterprise => facts.InRegionEnterprisesByField,
        CandidateList.OtherEnterprise => facts.OtherEnterprisesByField,
        _ => null,
    };

    static void Enlist(List<int> list, int org)
    {
        var at = list.BinarySearch(org);
        if (at < 0) list.Insert(~at, org);
    }

    static void Unlist(List<int> list, int org)
    {
        var at = list.BinarySearch(org);
        if (at >= 0) list.RemoveAt(at);
    }
}
