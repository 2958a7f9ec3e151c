using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>A node of the projection: an organisation or a node organisations collaborate through.</summary>
internal struct ProjectedNode
{
    public string Id;
    public NodeKind Kind;
    public string? Region;
    public string[] Fields;
    public RegionLocality? Locality;
    public bool Alive;
}

/// <summary>A link the derivation reads, with its ends as projection indices and its dates as day numbers.</summary>
internal struct ProjectedLink
{
    public const int UnknownStart = int.MinValue;
    public const int UnknownEnd = int.MaxValue;

    public LinkType Type;
    public int From;
    public int To;
    public string? Key;
    public int Start;
    public int End;
    public bool Alive;

    public readonly int Other(int node) => From == node ? To : From;
}

/// <summary>
/// A derived tie from one organisation to another: its kinds, weight and first and last day. The kinds and the flag
/// come after the four numbers, so a tie takes 20 bytes rather than 24: a country-sized projection holds millions.
/// </summary>
internal readonly record struct Tie(int Other, float Weight, int First, int Last, CollaborationKinds Kinds, bool Ongoing = false);

/// <summary>One piece of evidence of a collaboration as the derivation finds it.</summary>
internal readonly record struct DerivedEvidence(
    CollaborationKinds Kind, int Partner, int Through, int LinkA, int LinkB, int LinkC, int Start, int End, double Weight);

/// <summary>Which evidence counts: its kinds and a time window (day numbers, inclusive).</summary>
internal readonly record struct EvidenceFilter(CollaborationKinds Kinds, int Since, int Until)
{
    public static readonly EvidenceFilter Everything = new(CollaborationKinds.All, ProjectedLink.UnknownStart, ProjectedLink.UnknownEnd);

    public bool IsEverything => Kinds == CollaborationKinds.All && Since == ProjectedLink.UnknownStart && Until == ProjectedLink.UnknownEnd;

    public bool Admits(in DerivedEvidence evidence) =>
        (Kinds & evidence.Kind) != 0 && evidence.Start <= Until && evidence.End >= Since;
}

/// <summary>
/// The in-memory collaboration projection: organisations and the nodes they collaborate through, the links the
/// derivation reads (per-node incidence lists of int ids) and, per organisation, its ties sorted by partner.
/// Not thread-safe: <see cref="CollaborationProjection"/> guards it.
/// </summary>
internal sealed class ProjectionGraph
{
    static readonly Tie[] NoTies = [];
    static readonly int[] NoPartners = [];

    readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    readonly Dictionary<string, string[]> _fieldSets = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _regions = new(StringComparer.Ordinal);
    readonly Stack<int> _freeLinks = new();
    readonly Stack<int> _freeNodes = new();

    internal readonly List<ProjectedNode> Nodes = [];
    internal readonly List<ProjectedLink> Links = [];
    internal readonly List<List<int>> Incident = [];
    internal readonly List<Tie[]> Ties = [];
    /// <summary>
    /// The other end of each of an organisation's stored ties, in the ties' order: a sixth of the ties' bytes, for the
    /// walks that only ask who is reached (a hub's second level streams millions of them).
    /// </summary>
    internal readonly List<int[]> Partners = [];
    internal readonly SearchBufferPool SearchBuffers = new();

    readonly EvidenceDerivation _derivation;

    public ProjectionGraph(HomeProvince home)
    {
        Home = home;
        _derivation = new EvidenceDerivation(this);
    }

    public HomeProvince Home { get; }

    /// <summary>Whether a node kind belongs in the projection.</summary>
    public static bool Projects(NodeKind kind) =>
        GraphCatalog.OrganizationKinds.Contains(kind) || CollaborationRules.SharedNodeKinds.Contains(kind);

    public int NodeCount => Nodes.Count;

    public int IndexOf(string id) => _index.TryGetValue(id, out var index) && Nodes[index].Alive ? index : -1;

    public bool IsOrganization(int node) => Nodes[node].Alive && GraphCatalog.OrganizationKinds.Contains(Nodes[node].Kind);

    /// <summary>Adds or refreshes a node; returns its index.</summary>
    public int UpsertNode(Node node)
    {
        var index = EnsureNode(node.Id, node.Kind);
        var record = Nodes[index];
        record.Region = Intern(node.Properties.Text("region"));
        record.Fields = FieldSet(node.Properties.List("fields"));
        var abroad = node.Properties.Text("locality") == nameof(RegionLocality.Abroad);
        record.Locality = Home.LocalityOf(record.Region, abroad);
        Nodes[index] = record;
        return index;
    }

    int EnsureNode(string id, NodeKind kind)
    {
        if (_index.TryGetValue(id, out var index))
        {
            var existing = Nodes[index];
            if (!existing.Alive || existing.Kind != kind)
            {
                existing.Alive = true;
                existing.Kind = kind;
                Nodes[index] = existing;
            }
            return index;
        }
        var added = new ProjectedNode { Id = id, Kind = kind, Fields = [], Alive = true };
        // A deleted node's place is taken first (its links, ties and partners went with it), so a service that creates
        // and deletes keeps a projection the size of what is alive.
        if (_freeNodes.TryPop(out index))
        {
            Nodes[index] = added;
        }
        else
        {
            index = Nodes.Count;
            Nodes.Add(added);
            Incident.Add([]);
            Ties.Add(NoTies);
            Partners.Add(NoPartners);
        }
        _index[id] = index;
        return index;
    }

    string? Intern(string? region)
    {
        if (region is null) return null;
        if (_regions.TryGetValue(region, out var shared)) return shared;
        _regions[region] = region;
        return region;
    }

    string[] FieldSet(IReadOnlyList<string> fields)
    {
        if (fields.Count == 0) return [];
        var key = string.Join('\u001f', fields);
        if (_fieldSets.TryGetValue(key, out var shared)) return shared;
        var set = fields.ToArray();
        _fieldSets[key] = set;
        return set;
    }

    /// <summary>Marks a node deleted, removes its links (the store deletes them with it) and frees its place for the next node.</summary>
    public void RemoveNode(int node)
    {
        foreach (var link in Incident[node].ToArray()) RemoveLink(link);
        var record = Nodes[node];
        record.Alive = false;
        Nodes[node] = record;
        Ties[node] = NoTies;
        Partners[node] = NoPartners;
        _index.Remove(record.Id);
        _freeNodes.Push(node);
    }

    /// <summary>Adds a link when the derivation reads its type and both ends are in the projection; returns its index or −1.</summary>
    public int AddLink(Link link)
    {
        if (!CollaborationRules.LinkTypes.Contains(link.Type)) return -1;
        var from = EnsureEnd(link.FromId);
        var to = EnsureEnd(link.ToId);
        if (from < 0 || to < 0) return -1;
        var record = new ProjectedLink
        {
            Type = link.Type, From = from, To = to, Key = link.Key, Alive = true,
            Start = link.StartDate?.DayNumber ?? ProjectedLink.UnknownStart,
            End = link.EndDate?.DayNumber ?? ProjectedLink.UnknownEnd,
        };
        int index;
        if (_freeLinks.Count > 0)
        {
            index = _freeLinks.Pop();
            Links[index] = record;
        }
        else
        {
            index = Links.Count;
            Links.Add(record);
        }
        Incident[from].Add(index);
        if (to != from) Incident[to].Add(index);
        return index;
    }

    // A link's end written in the same batch as the link is known; one the projection never saw is added by its id's kind.
    int EnsureEnd(string id)
    {
        if (IndexOf(id) is var index and >= 0) return index;
        return NodeId.KindOf(id) is { } kind && Projects(kind) ? EnsureNode(id, kind) : -1;
    }

    public void RemoveLink(int link)
    {
        var record = Links[link];
        if (!record.Alive) return;
        Incident[record.From].Remove(link);
        if (record.To != record.From) Incident[record.To].Remove(link);
        record.Alive = false;
        record.Key = null;
        Links[link] = record;
        _freeLinks.Push(link);
    }

    /// <summary>The id of a projected link, as every store spells it.</summary>
    public string LinkIdOf(int link)
    {
        var record = Links[link];
        return LinkId.Of(record.Type, Nodes[record.From].Id, Nodes[record.To].Id, record.Key);
    }

    /// <summary>The index of the link with this id, or −1. Ids are "TYPE|from|to[|key]"; node keys may hold '|', so every split is tried.</summary>
    public int FindLink(string linkId)
    {
        var typeEnd = linkId.IndexOf('|', StringComparison.Ordinal);
        for (var split = linkId.IndexOf('|', typeEnd + 1); typeEnd > 0 && split > 0; split = linkId.IndexOf('|', split + 1))
        {
            var from = IndexOf(linkId[(typeEnd + 1)..split]);
            if (from < 0) continue;
            foreach (var link in Incident[from])
            {
                if (Links[link].From == from && LinkIdOf(link) == linkId) return link;
            }
        }
        return -1;
    }

    /// <inheritdoc cref="EvidenceDerivation.Derive"/>
    public List<DerivedEvidence> Derive(int organisation, EvidenceFilter filter, int onlyPartner = -1, IReadOnlySet<int>? partners = null) =>
        _derivation.Derive(organisation, filter, onlyPartner, partners);

    /// <inheritdoc cref="EvidenceDerivation.CollectAffected"/>
    public void CollectAffected(int link, HashSet<int> affected) => _derivation.CollectAffected(link, affected);

    /// <summary>Recomputes an organisation's ties from its evidence.</summary>
    public void Rederive(int organisation)
    {
        var ties = IsOrganization(organisation) ? Aggregate(Derive(organisation, EvidenceFilter.Everything)) : NoTies;
        Ties[organisation] = ties;
        Partners[organisation] = ties.Length == 0 ? NoPartners : Array.ConvertAll(ties, tie => tie.Other);
    }

    /// <summary>The ties of an organisation under a filter: the stored ones when nothing is filtered, else derived afresh.</summary>
    public Tie[] TiesOf(int organisation, EvidenceFilter filter) =>
        filter.IsEverything ? Ties[organisation] : Aggregate(Derive(organisation, filter));

    /// <summary>The other ends of <see cref="TiesOf"/>, in the same order.</summary>
    public int[] PartnersOf(int organisation, EvidenceFilter filter) =>
        filter.IsEverything ? Partners[organisation] : Array.ConvertAll(TiesOf(organisation, filter), tie => tie.Other);

    /// <summary>The stored tie between two organisations, or null.</summary>
    public Tie? TieBetween(int organisation, int partner)
    {
        var ties = Ties[organisation];
        int low = 0, high = ties.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var other = ties[middle].Other;
            if (other == partner) return ties[middle];
            if (other < partner) low = middle + 1;
            else high = middle - 1;
        }
        return null;
    }

    static Tie[] Aggregate(List<DerivedEvidence> evidence)
    {
        if (evidence.Count == 0) return NoTies;
        evidence.Sort((a, b) => a.Partner.CompareTo(b.Partner));
        var ties = new List<Tie>();
        var start = 0;
        for (var i = 1; i <= evidence.Count; i++)
        {
            if (i < evidence.Count && evidence[i].Partner == evidence[start].Partner) continue;
            double weight = 0;
            var kinds = CollaborationKinds.None;
            int first = ProjectedLink.UnknownEnd, last = ProjectedLink.UnknownStart;
            var ongoing = false;
            for (var j = start; j < i; j++)
            {
                var item = evidence[j];
                weight += item.Weight;
                kinds |= item.Kind;
                ongoing |= item.End == ProjectedLink.UnknownEnd;
                if (item.Start != ProjectedLink.UnknownStart) first = Math.Min(first, item.Start);
                var latest = item.End != ProjectedLink.UnknownEnd ? item.End : item.Start;
                if (latest != ProjectedLink.UnknownStart) last = Math.Max(last, latest);
            }
            ties.Add(new Tie(evidence[start].Partner, (float)weight,
                first == ProjectedLink.UnknownEnd ? ProjectedLink.UnknownStart : first,
                last == ProjectedLink.UnknownStart ? ProjectedLink.UnknownEnd : last, kinds, ongoing));
            start = i;
        }
        return [.. ties];
    }
}
