using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Synthetic;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// What matchmaking needs, precomputed once per version of the data: every organisation's fields, place, platforms
/// (capability), record (challenges won, projects, contracts, pairings, with their years), current pairings, group
/// structure, and the collaboration ties of the <see cref="CollaborationProjection"/> as int adjacency arrays; the
/// challenges with their poster, fields and applicants; and per-field lists of organisations. Immutable once built, so
/// queries run concurrently without locks.
/// </summary>
public sealed partial class MatchmakingIndex
{
    internal enum RecordKind : byte { Challenge, Project, Contract, Pairing }

    internal readonly record struct RecordEvent(RecordKind Kind, int Field, int Year);

    internal readonly record struct PlatformFact(string Id, string Name, string Type, int Field, bool Capable);

    internal sealed record ChallengeFact(
        string Id, string Name, ChallengeKind Kind, int[] Fields, int Poster, HashSet<int> Applicants);

    /// <summary>Platform types that count as capability (DOMAIN.md platform list: labs, centres, stations).</summary>
    public static readonly IReadOnlySet<string> CapabilityTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "KeyLaboratory", "EnterpriseKeyLaboratory", "EngineeringResearchCenter", "EngineeringLaboratory", "TechnologyInnovationCenter",
        "PostdoctoralStation", "AcademicianStation", "NewTypeRdInstitution", "IndustrialTechnologyInstitute",
    };

    readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    internal readonly List<string> Ids = [];
    internal readonly List<string> Names = [];
    internal readonly List<NodeKind> Kinds = [];
    internal readonly List<string?> RegionCodes = [];
    internal readonly List<RegionLocality?> Localities = [];
    internal readonly List<int[]> OwnFields = [];
    internal readonly List<bool> TechEnterprise = [];
    internal readonly List<List<int>> Parents = [];
    internal readonly List<List<int>> Children = [];
    internal readonly List<List<PlatformFact>> Platforms = [];
    internal readonly List<List<RecordEvent>> Records = [];
    internal readonly List<int> CurrentPairings = [];
    internal readonly Dictionary<string, ChallengeFact> Challenges = new(StringComparer.Ordinal);
    internal int[][] Neighbours = [];
    internal float[][] TieWeights = [];
    internal int[][] OrganizationsByField = [];
    internal int[][] AcademicsByField = [];
    internal int[][] InRegionEnterprisesByField = [];
    internal int[][] OtherEnterprisesByField = [];
    internal int[][] PlatformFields = [];
    internal int[] CapabilityPlatformCounts = [];
    internal double[] RecordTotals = [];
    double[] _recencyByAge = [];
    NetworkReachPool _reachPool = new(0);

    MatchmakingIndex(HomeProvince home, DateOnly asOf)
    {
        Home = home;
        AsOf = asOf;
        _recencyByAge = Enumerable.Range(0, RecencyTableYears).Select(age => Math.Pow(0.5, age / RecordHalfLifeYears)).ToArray();
    }

    /// <summary>The province 区内 / 区外 are seen from.</summary>
    public HomeProvince Home { get; }

    /// <summary>The day recency and current pairings are measured at.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The number of organisations indexed.</summary>
    public int OrganizationCount => Ids.Count;

    internal static FieldFit Fit { get; } = new(Fields.All);

    static readonly Dictionary<string, int> FieldIndexByCode =
        Fields.All.Select((f, i) => (f.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);

    internal static int FieldIndex(string? code) => code is not null && FieldIndexByCode.TryGetValue(code, out var i) ? i : -1;

    internal static int[] FieldIndices(IEnumerable<string> codes) => codes.Select(FieldIndex).Where(i => i >= 0).Distinct().ToArray();

    internal int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;

    internal bool IsAcademic(int org) => GraphSchema.AcademicKinds.Contains(Kinds[org]);

    /// <summary>
    /// Builds the index from the graph's nodes and links (any order of kinds, but nodes before links) and the collaboration
    /// projection of the same data.
    /// </summary>
    public static MatchmakingIndex Build(IEnumerable<Node> nodes, IEnumerable<Link> links, CollaborationProjection projection, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(projection);
        var builder = new Builder(new MatchmakingIndex(projection.Home, asOf));
        foreach (var node in nodes) builder.Add(node);
        foreach (var link in links) builder.Add(link);
        return builder.Finish(projection.AllTies());
    }

    sealed class Builder(MatchmakingIndex index)
    {
        readonly Dictionary<string, (string Name, string Type, int Field, bool Capable)> _platforms = new(StringComparer.Ordinal);
        readonly Dictionary<string, int> _projectField = new(StringComparer.Ordinal);
        readonly Dictionary<string, int> _achievementField = new(StringComparer.Ordinal);
        readonly Dictionary<string, List<int>> _consortiumLeads = new(StringComparer.Ordinal);
        readonly List<Link> _awards = [];
        readonly List<Link> _applications = [];
        readonly List<Link> _posts = [];
        readonly Dictionary<string, (string Name, ChallengeKind Kind, int[] Fields)> _challenges = new(StringComparer.Ordinal);

        public void Add(Node node)
        {
            var fields = node.Properties.List("fields");
            switch (node.Kind)
            {
                case NodeKind.Enterprise or NodeKind.University or NodeKind.ResearchInstitute or NodeKind.GovernmentBody:
                    var region = node.Properties.Text("region");
                    var abroad = node.Properties.Text("locality") == nameof(RegionLocality.Abroad);
                    index._index[node.Id] = index.Ids.Count;
                    index.Ids.Add(node.Id);
                    index.Names.Add(node.Name);
                    index.Kinds.Add(node.Kind);
                    index.RegionCodes.Add(region);
                    index.Localities.Add(index.Home.LocalityOf(region, abroad));
                    index.OwnFields.Add(FieldIndices(fields));
                    index.TechEnterprise.Add(node.Properties.Flag("highTech") == true || node.Properties.Flag("techSme") == true);
                    index.Parents.Add([]);
                    index.Children.Add([]);
                    index.Platforms.Add([]);
                    index.Records.Add([]);
                    index.CurrentPairings.Add(0);
                    break;
                case NodeKind.Platform:
                    var type = node.Properties.Text("platformType") ?? "";
                    var capable = CapabilityTypes.Contains(type) && node.Properties.Text("status") != "Delisted";
                    _platforms[node.Id] = (node.Name, type, fields.Length > 0 ? FieldIndex(fields[0]) : -1, capable);
                    break;
                case NodeKind.Project:
                    _projectField[node.Id] = fields.Length > 0 ? FieldIndex(fields[0]) : -1;
                    break;
                case NodeKind.Achievement:
                    _achievementField[node.Id] = fields.Length > 0 ? FieldIndex(fields[0]) : -1;
                    break;
                case NodeKind.Challenge:
                    var kind = node.Properties.Text("challengeKind") == nameof(ChallengeKind.AchievementTransformation)
                        ? ChallengeKind.AchievementTransformation : ChallengeKind.TechnologyBreakthrough;
                    _challenges[node.Id] = (node.Name, kind, FieldIndices(fields));
                    break;
            }
        }

        public void Add(Link link)
        {
            var from = index.IndexOf(link.FromId);
            var to = index.IndexOf(link.ToId);
            var year = link.StartDate?.Year;
            switch (link.Type)
            {
                case LinkType.SubsidiaryOf when from >= 0 && to >= 0:
                    index.Parents[from].Add(to);
                    index.Children[to].Add(from);
                    break;
                case LinkType.Hosts or LinkType.Leads or LinkType.CoBuilds when from >= 0:
                    if (_platforms.TryGetValue(link.ToId, out var platform))
                    {
                        if (platform.Field >= 0) index.Platforms[from].Add(new PlatformFact(link.ToId, platform.Name, platform.Type, platform.Field, platform.Capable));
                    }
                    else if (link.Type == LinkType.Leads && NodeId.KindOf(link.ToId) == NodeKind.Consortium)
                    {
                        if (!_consortiumLeads.TryGetValue(link.ToId, out var leads)) _consortiumLeads[link.ToId] = leads = [];
                        leads.Add(from);
                    }
                    break;
                case LinkType.ParticipatesIn when from >= 0 && _projectField.TryGetValue(link.ToId, out var projectField) && projectField >= 0:
                    index.Records[from].Add(new RecordEvent(RecordKind.Project, projectField, year ?? index.AsOf.Year));
                    break;
                case LinkType.Transfers when from >= 0 && to >= 0:
                    var field = _achievementField.GetValueOrDefault(link.Properties.Text("achievement") is { } key ? NodeId.Of(NodeKind.Achievement, key) : "", -1);
                    if (field < 0) field = index.OwnFields[to].FirstOrDefault(-1);
                    if (field < 0) break;
                    index.Records[from].Add(new RecordEvent(RecordKind.Contract, field, year ?? index.AsOf.Year));
                    index.Records[to].Add(new RecordEvent(RecordKind.Contract, field, year ?? index.AsOf.Year));
                    break;
                case LinkType.PairedWith when from >= 0 && to >= 0:
                    if (index.OwnFields[from].Length > 0)
                        index.Records[to].Add(new RecordEvent(RecordKind.Pairing, index.OwnFields[from][0], year ?? index.AsOf.Year));
                    var current = (link.StartDate is null || link.StartDate <= index.AsOf) && (link.EndDate is null || link.EndDate >= index.AsOf);
                    if (current) index.CurrentPairings[to]++;
                    break;
                case LinkType.Posts:
                    _posts.Add(link);
                    break;
                case LinkType.AppliesTo:
                    _applications.Add(link);
                    break;
                case LinkType.Awarded:
                    _awards.Add(link);
                    break;
            }
        }

        List<int> Organisations(string id) =>
            index.IndexOf(id) is var org and >= 0 ? [org] : _consortiumLeads.GetValueOrDefault(id) ?? [];

        public MatchmakingIndex Finish(IReadOnlyList<NetworkEdge> ties)
        {
            var posters = _posts.GroupBy(p => p.ToId).ToDictionary(g => g.Key, g => index.IndexOf(g.First().FromId), StringComparer.Ordinal);
            foreach (var (id, (name, kind, fields)) in _challenges)
                index.Challenges[id] = new ChallengeFact(id, name, kind, fields, posters.GetValueOrDefault(id, -1), []);
            foreach (var link in _applications.Concat(_awards))
            {
                if (index.Challenges.TryGetValue(link.ToId, out var challenge))
                {
                    foreach (var org in Organisations(link.FromId)) challenge.Applicants.Add(org);
                }
            }
            foreach (var award in _awards)
            {
                if (!index.Challenges.TryGetValue(award.ToId, out var challenge) || challenge.Fields.Length == 0) continue;
                foreach (var org in Organisations(award.FromId))
                    index.Records[org].Add(new RecordEvent(RecordKind.Challenge, challenge.Fields[0], award.StartDate?.Year ?? index.AsOf.Year));
            }

            var count = index.Ids.Count;
            var neighbours = new List<(int Other, float Weight)>[count];
            for (var i = 0; i < count; i++) neighbours[i] = [];
            foreach (var tie in ties)
            {
                var a = index.IndexOf(tie.SourceId);
                var b = index.IndexOf(tie.TargetId);
                if (a < 0 || b < 0) continue;
                neighbours[a].Add((b, (float)tie.Weight));
                neighbours[b].Add((a, (float)tie.Weight));
            }
            index.Neighbours = new int[count][];
            index.TieWeights = new float[count][];
            index.PlatformFields = new int[count][];
            index.CapabilityPlatformCounts = new int[count];
            index.RecordTotals = new double[count];
            List<int>[] ByField() => Enumerable.Range(0, Fields.All.Count).Select(_ => new List<int>()).ToArray();
            var (byField, academics, inRegion, otherEnterprises) = (ByField(), ByField(), ByField(), ByField());
            for (var i = 0; i < count; i++)
            {
                var sorted = neighbours[i].OrderBy(n => n.Other).ToArray();
                index.Neighbours[i] = sorted.Select(n => n.Other).ToArray();
                index.TieWeights[i] = sorted.Select(n => n.Weight).ToArray();
                index.PlatformFields[i] = index.Platforms[i].Select(p => p.Field).Distinct().Except(index.OwnFields[i]).ToArray();
                index.CapabilityPlatformCounts[i] = index.Platforms[i].Count(p => p.Capable);
                foreach (var item in index.Records[i]) index.RecordTotals[i] += index.Recency(item.Year);
                // Candidates are looked up by field and by what they may be asked as: universities and institutes, or
                // enterprises in or out of the province (a 成果转化类 challenge admits in-region enterprises only).
                var asCandidate = index.IsAcademic(i) ? academics
                    : index.Kinds[i] != NodeKind.Enterprise ? null
                    : index.Localities[i] == RegionLocality.InRegion ? inRegion : otherEnterprises;
                foreach (var field in index.OwnFields[i].Concat(index.PlatformFields[i]))
                {
                    byField[field].Add(i);
                    asCandidate?[field].Add(i);
                }
            }
            int[][] Arrays(List<int>[] lists) => lists.Select(l => l.ToArray()).ToArray();
            index.OrganizationsByField = Arrays(byField);
            index.AcademicsByField = Arrays(academics);
            index.InRegionEnterprisesByField = Arrays(inRegion);
            index.OtherEnterprisesByField = Arrays(otherEnterprises);
            index._reachPool = new NetworkReachPool(count);
            return index;
        }
    }
}
