using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// What the matchmaking index's facts are derived from, besides the organisations' own nodes: the platforms, projects,
/// achievements, challenges and shared instruments it reads, and the links it reads, each held once (as a
/// <see cref="HeldLink"/>) in the lists of the nodes at its ends and of the achievement it names.
/// </summary>
internal sealed class HeldGraph
{
    internal readonly record struct PlatformNode(string Name, string Type, int Field, bool Capable);

    internal readonly record struct ChallengeNode(string Name, ChallengeKind Kind, int[] Fields);

    // An instrument and the platform that owns it (its id); only shared large ones (SharedInstruments) are kept.
    internal readonly record struct InstrumentNode(string Name, string? Platform, int Field, decimal Value);

    /// <summary>Platform types that count as capability (DOMAIN.md platform list: labs, centres, stations).</summary>
    internal static readonly IReadOnlySet<string> CapabilityTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "KeyLaboratory", "EnterpriseKeyLaboratory", "EngineeringResearchCenter", "EngineeringLaboratory", "TechnologyInnovationCenter",
        "PostdoctoralStation", "AcademicianStation", "NewTypeRdInstitution", "IndustrialTechnologyInstitute",
    };

    internal readonly Dictionary<string, PlatformNode> Platforms = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, int> ProjectFields = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, int> AchievementFields = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, ChallengeNode> Challenges = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, InstrumentNode> Instruments = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, SortedSet<string>> InstrumentsOf = new(StringComparer.Ordinal);
    static readonly List<HeldLink> NoLinks = [];
    readonly Dictionary<string, List<HeldLink>> _linksAt = new(StringComparer.Ordinal);
    readonly HashSet<string> _sharedIds = new(StringComparer.Ordinal);
    // Short texts many organisations repeat (region codes, school levels, platform types, designations), held once.
    readonly HashSet<string> _sharedTexts = new(StringComparer.Ordinal);

    /// <summary>Records a platform, project, achievement, challenge or instrument node (others are not held here).</summary>
    internal void Put(Node node)
    {
        var fields = node.Properties.List("fields");
        var field = fields.Length > 0 ? IndexedFacts.FieldIndex(fields[0]) : -1;
        switch (node.Kind)
        {
            case NodeKind.Platform:
                var type = node.Properties.Text("platformType") ?? "";
                var capable = CapabilityTypes.Contains(type) && node.Properties.Text("status") != "Delisted";
                Platforms[node.Id] = new PlatformNode(node.Name, SharedText(type)!, field, capable);
                break;
            case NodeKind.Project:
                ProjectFields[node.Id] = field;
                break;
            case NodeKind.Achievement:
                AchievementFields[node.Id] = field;
                break;
            case NodeKind.Challenge:
                var kind = node.Properties.Text("challengeKind") == nameof(ChallengeKind.AchievementTransformation)
                    ? ChallengeKind.AchievementTransformation : ChallengeKind.TechnologyBreakthrough;
                Challenges[node.Id] = new ChallengeNode(node.Name, kind, IndexedFacts.FieldIndices(fields));
                break;
            case NodeKind.Instrument:
                ForgetInstrument(node.Id);
                if (!SharedInstruments.Counts(node.Properties)) break;
                var owner = node.Properties.Text("platform") is { } key ? NodeId.Of(NodeKind.Platform, key) : null;
                Instruments[node.Id] = new InstrumentNode(node.Name, owner, field, node.Properties.Decimal("value") ?? 0);
                if (owner is not null)
                {
                    if (!InstrumentsOf.TryGetValue(owner, out var owned)) InstrumentsOf[owner] = owned = new SortedSet<string>(StringComparer.Ordinal);
                    owned.Add(node.Id);
                }
                break;
        }
    }

    /// <summary>Forgets a platform, project, achievement, challenge or instrument node.</summary>
    internal void Forget(string id, NodeKind kind)
    {
        switch (kind)
        {
            case NodeKind.Platform: Platforms.Remove(id); break;
            case NodeKind.Project: ProjectFields.Remove(id); break;
            case NodeKind.Achievement: AchievementFields.Remove(id); break;
            case NodeKind.Challenge: Challenges.Remove(id); break;
            case NodeKind.Instrument: ForgetInstrument(id); break;
        }
    }

    void ForgetInstrument(string id)
    {
        if (!Instruments.Remove(id, out var old) || old.Platform is null) return;
        if (InstrumentsOf.TryGetValue(old.Platform, out var owned) && owned.Remove(id) && owned.Count == 0) InstrumentsOf.Remove(old.Platform);
    }

    /// <summary>
    /// Holds a link the index reads. A store hands each link its own copies of its ends' ids; millions of links are held,
    /// so they share one.
    /// </summary>
    internal HeldLink? Put(Link link)
    {
        if (!MatchmakingIndex.IndexedLinkTypes.Contains(link.Type)) return null;
        var achievement = link.Type == LinkType.Transfers && link.Properties.Text("achievement") is { } key ? NodeId.Of(NodeKind.Achievement, key) : null;
        var held = new HeldLink(link.Type, SharedId(link.FromId), SharedId(link.ToId), string.IsNullOrEmpty(link.Key) ? null : link.Key,
            link.StartDate, link.EndDate, achievement is null ? null : SharedId(achievement));
        At(held.FromId).Add(held);
        if (held.ToId != held.FromId) At(held.ToId).Add(held);
        if (held.Achievement is { } named) At(named).Add(held);
        return held;
    }

    internal void Unlink(HeldLink link)
    {
        foreach (var end in (ReadOnlySpan<string?>)[link.FromId, link.ToId, link.Achievement])
        {
            if (end is not null && _linksAt.TryGetValue(end, out var at) && at.Remove(link) && at.Count == 0) _linksAt.Remove(end);
        }
    }

    /// <summary>The held link of this id, if any (looked up at its start).</summary>
    internal HeldLink? Held(string linkId) =>
        LinkId.TryParse(linkId, out var type, out var from, out var to, out var key) && _linksAt.TryGetValue(from, out var at)
            ? at.Find(link => link.Is(type, from, to, key))
            : null;

    /// <summary>The links at a node (an achievement's are the technology contracts naming it); not to be changed by the caller.</summary>
    internal List<HeldLink> LinksAt(string id) => _linksAt.TryGetValue(id, out var at) ? at : NoLinks;

    /// <summary>The one instance of a node id the index holds (an id stays when its node is deleted: a few bytes).</summary>
    internal string SharedId(string id)
    {
        if (_sharedIds.TryGetValue(id, out var shared)) return shared;
        _sharedIds.Add(id);
        return id;
    }

    internal string? SharedText(string? text)
    {
        if (text is null) return null;
        if (_sharedTexts.TryGetValue(text, out var shared)) return shared;
        _sharedTexts.Add(text);
        return text;
    }

    List<HeldLink> At(string id)
    {
        if (!_linksAt.TryGetValue(id, out var at)) _linksAt[id] = at = new List<HeldLink>(1);
        return at;
    }
}
