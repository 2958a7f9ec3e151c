using System.Globalization;
using System.Text.Json;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Tests.Matchmaking;

/// <summary>
/// The matchmaking index kept up to date by journal changes answers exactly as an index built afresh from the same
/// nodes and links: every recommendation (scores, parts, evidence, explanations, introducers) and every list of similar
/// organisations, after each of many random batches of writes.
/// </summary>
public sealed class IncrementalIndexTests
{
    static readonly DateTimeOffset Stamp = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly DateOnly Day = new(2026, 6, 30);
    static readonly NodeKind[] Organisations = [NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute, NodeKind.GovernmentBody];
    static readonly NodeKind[] Others = [NodeKind.Platform, NodeKind.Consortium, NodeKind.Project, NodeKind.Challenge, NodeKind.Achievement, NodeKind.Person, NodeKind.Instrument];
    static readonly string[] FieldCodes =
        ["manufacturing", "automotive", "new-energy-vehicles", "auto-parts", "machinery", "construction-machinery", "internal-combustion-engines", "intelligent-manufacturing"];
    static readonly string[] Regions = ["450200", "450202", "450100", "450000", "110000", "440300"];
    static readonly string[] PlatformTypes = ["KeyLaboratory", "EngineeringResearchCenter", "PostdoctoralStation", "Incubator"];

    // Link patterns the index or the projection reads, as (type, from kinds, to kind).
    static readonly (LinkType Type, NodeKind[] From, NodeKind To)[] Patterns =
    [
        (LinkType.SubsidiaryOf, [NodeKind.Enterprise], NodeKind.Enterprise),
        (LinkType.Hosts, Organisations, NodeKind.Platform),
        (LinkType.CoBuilds, Organisations, NodeKind.Platform),
        (LinkType.Leads, Organisations, NodeKind.Platform),
        (LinkType.Leads, Organisations, NodeKind.Consortium),
        (LinkType.MemberOf, Organisations, NodeKind.Consortium),
        (LinkType.ParticipatesIn, Organisations, NodeKind.Project),
        (LinkType.Posts, Organisations, NodeKind.Challenge),
        (LinkType.AppliesTo, [.. Organisations, NodeKind.Consortium], NodeKind.Challenge),
        (LinkType.Awarded, [.. Organisations, NodeKind.Consortium], NodeKind.Challenge),
        (LinkType.PairedWith, [NodeKind.Enterprise], NodeKind.University),
        (LinkType.PairedWith, [NodeKind.Enterprise], NodeKind.ResearchInstitute),
        (LinkType.Transfers, [NodeKind.University, NodeKind.ResearchInstitute, NodeKind.Enterprise], NodeKind.Enterprise),
        (LinkType.CooperationAgreement, Organisations, NodeKind.GovernmentBody),
        (LinkType.EmployedBy, [NodeKind.Person], NodeKind.University),
        (LinkType.CommissionedTo, [NodeKind.Person], NodeKind.Enterprise),
    ];

    sealed class World(int seed)
    {
        public readonly Random Random = new(seed);
        public readonly Dictionary<string, Node> Nodes = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Link> Links = new(StringComparer.Ordinal);
        int _created;

        public List<JournalChange> Changes { get; } = [];

        public Node NodeOf(NodeKind kind, string key)
        {
            var r = Random;
            string[] fields = [.. Enumerable.Range(0, r.Next(0, 3)).Select(_ => FieldCodes[r.Next(FieldCodes.Length)]).Distinct()];
            var properties = kind switch
            {
                NodeKind.Enterprise or NodeKind.University or NodeKind.ResearchInstitute or NodeKind.GovernmentBody => PropertyBag.Of(
                    ("region", Regions[r.Next(Regions.Length)]), ("fields", fields), ("locality", r.Next(8) == 0 ? "Abroad" : null),
                    ("highTech", r.Next(3) == 0 ? true : null),
                    // What a reference university is known by: a field-less one may be named on these (weak evidence).
                    ("designations", kind == NodeKind.University && r.Next(3) == 0 ? System.Collections.Immutable.ImmutableArray.Create("211", "双一流") : null),
                    ("schoolLevel", kind == NodeKind.University && r.Next(2) == 0 ? "本科" : null)),
                NodeKind.Platform => PropertyBag.Of(("platformType", PlatformTypes[r.Next(PlatformTypes.Length)]), ("fields", fields),
                    ("status", r.Next(5) == 0 ? "Delisted" : null)),
                // Shared large or not (000), on a platform that may come and go or move to another.
                NodeKind.Instrument => PropertyBag.Of(("fields", fields),
                    ("platform", Pick(NodeKind.Platform) is { } platform ? platform[(platform.IndexOf(':', StringComparison.Ordinal) + 1)..] : null),
                    ("value", r.Next(3) == 0 ? 30m : 80m), ("sharingStatus", r.Next(4) == 0 ? "NotShared" : "Shared")),
                NodeKind.Challenge => PropertyBag.Of(("fields", fields),
                    ("challengeKind", r.Next(3) == 0 ? "AchievementTransformation" : "TechnologyBreakthrough")),
                _ => PropertyBag.Of(("fields", fields)),
            };
            return new Node(NodeId.Of(kind, key), kind, key, $"{kind}{key}", null, [], properties, Stamp, Stamp);
        }

        public void UpsertNode(NodeKind kind, string key)
        {
            var node = NodeOf(kind, key);
            var before = Nodes.GetValueOrDefault(node.Id);
            Nodes[node.Id] = node;
            Changes.Add(new NodeChange(node.Id, before is null ? Change.Created : Change.Updated, before, node));
        }

        public void DeleteNode()
        {
            var node = Nodes.Values.ElementAt(Random.Next(Nodes.Count));
            Nodes.Remove(node.Id);
            Changes.Add(new NodeChange(node.Id, Change.Deleted, node, null));
            foreach (var link in Links.Values.Where(l => l.FromId == node.Id || l.ToId == node.Id).ToList())
            {
                Links.Remove(link.Id);
                Changes.Add(new LinkChange(link.Id, Change.Deleted, link, null));
            }
        }

        public void UpsertLink()
        {
            var r = Random;
            var (type, fromKinds, toKind) = Patterns[r.Next(Patterns.Length)];
            var from = Pick(fromKinds[r.Next(fromKinds.Length)]);
            var to = Pick(toKind);
            if (from is null || to is null || from == to) return;
            DateOnly? start = r.Next(3) == 0 ? null : new DateOnly(r.Next(2012, 2027), r.Next(1, 13), 1);
            DateOnly? end = r.Next(3) == 0 ? new DateOnly(r.Next(2020, 2029), 12, 31) : null;
            if (start > end) end = null;
            var achievement = type == LinkType.Transfers && r.Next(2) == 0 ? Pick(NodeKind.Achievement) : null;
            var properties = achievement is null ? PropertyBag.Empty : PropertyBag.Of(("achievement", achievement[(achievement.IndexOf(':', StringComparison.Ordinal) + 1)..]));
            var key = r.Next(6) == 0 ? "k" : null;
            var link = new Link(LinkId.Of(type, from, to, key), type, from, to, key, start, end, "test", properties, Stamp, Stamp);
            var before = Links.GetValueOrDefault(link.Id);
            Links[link.Id] = link;
            Changes.Add(new LinkChange(link.Id, before is null ? Change.Created : Change.Updated, before, link));
        }

        public void DeleteLink()
        {
            if (Links.Count == 0) return;
            var link = Links.Values.ElementAt(Random.Next(Links.Count));
            Links.Remove(link.Id);
            Changes.Add(new LinkChange(link.Id, Change.Deleted, link, null));
        }

        public void RandomWrite()
        {
            switch (Random.Next(20))
            {
                case < 9: UpsertLink(); break;
                case < 13: DeleteLink(); break;
                case < 14: DeleteNode(); break;
                case < 17:
                    // An existing node changes (its fields, region, type, status …).
                    var existing = Nodes.Values.ElementAt(Random.Next(Nodes.Count));
                    UpsertNode(existing.Kind, existing.Key);
                    break;
                default:
                    var kinds = Random.Next(3) == 0 ? Others : Organisations;
                    UpsertNode(kinds[Random.Next(kinds.Length)], $"new{_created++}");
                    break;
            }
        }

        string? Pick(NodeKind kind)
        {
            var candidates = Nodes.Values.Where(n => n.Kind == kind).ToList();
            return candidates.Count == 0 ? null : candidates[Random.Next(candidates.Count)].Id;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void AfterRandomWritesTheIndexAnswersAsARebuiltOne(int seed)
    {
        var world = new World(seed);
        foreach (var kind in Organisations.Concat(Others))
        {
            for (var i = 0; i < (Organisations.Contains(kind) ? 10 : 4); i++) world.UpsertNode(kind, $"{i}");
        }
        for (var i = 0; i < 150; i++) world.UpsertLink();
        world.Changes.Clear();
        using var projection = CollaborationProjection.Build(world.Nodes.Values, world.Links.Values);
        using var index = MatchmakingIndex.Build(world.Nodes.Values, world.Links.Values, projection, Day);

        for (var batch = 0; batch < 30; batch++)
        {
            // Several entries, and the ties taken only when the index is asked, as the service does.
            for (var entry = 0; entry < world.Random.Next(1, 4); entry++)
            {
                for (var step = 0; step < world.Random.Next(1, 6); step++) world.RandomWrite();
                projection.Apply(world.Changes.Select(c => c switch
                {
                    NodeChange n => new WriteOutcome(n.Id, n.Change, Node: n.After),
                    LinkChange l => new WriteOutcome(l.Id, l.Change, Link: l.After),
                    _ => new WriteOutcome(c.Id, c.Change),
                }));
                index.Apply(world.Changes);
                world.Changes.Clear();
            }
            index.Refresh(projection, Day);

            using var fresh = CollaborationProjection.Build(world.Nodes.Values, world.Links.Values);
            using var rebuilt = MatchmakingIndex.Build(world.Nodes.Values, world.Links.Values, fresh, Day);
            Assert.Equal(rebuilt.OrganizationCount, index.OrganizationCount);
            foreach (var question in Questions(world))
                Assert.Equal(question(rebuilt), question(index));
        }

        // A new day: current pairings and the recency of the record are measured anew.
        var nextYear = Day.AddYears(1);
        index.Refresh(projection, nextYear);
        using var later = MatchmakingIndex.Build(world.Nodes.Values, world.Links.Values, projection, nextYear);
        foreach (var question in Questions(world))
            Assert.Equal(question(later), question(index));
    }

    // Every question the index answers on this graph, each as the JSON of its full answer (or of its error).
    static IEnumerable<Func<MatchmakingIndex, string>> Questions(World world)
    {
        var organisations = world.Nodes.Values.Where(n => Organisations.Contains(n.Kind)).Select(n => n.Id).Order(StringComparer.Ordinal).ToList();
        var enterprises = world.Nodes.Values.Where(n => n.Kind == NodeKind.Enterprise).Select(n => n.Id).Order(StringComparer.Ordinal);
        var challenges = world.Nodes.Values.Where(n => n.Kind == NodeKind.Challenge).Select(n => n.Id).Order(StringComparer.Ordinal);
        foreach (var id in enterprises.Concat(challenges))
        {
            yield return index => Answer(() => index.RecommendPartners(new PartnerQuery(id, Limit: 100)));
            yield return index => Answer(() => index.RecommendPartners(new PartnerQuery(id, Kinds: [NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute], ExcludeExisting: false, Limit: 100)));
        }
        foreach (var id in organisations)
            yield return index => Answer(() => index.SimilarOrganizations(id, 100));
    }

    static string Answer<T>(Func<T> ask)
    {
        try
        {
            return JsonSerializer.Serialize(ask());
        }
        catch (Exception ex) when (ex is Errors.InvalidInputException or Errors.NotFoundException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
