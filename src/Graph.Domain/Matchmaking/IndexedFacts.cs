using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// What matchmaking reads, one slot per organisation ever indexed (a deleted organisation keeps its slot, not alive):
/// its fields, place, platforms, instruments, record, current pairings, group structure and collaboration ties; the
/// challenges with their poster, fields and applicants; and per field, the organisations listed under it. Written by
/// <see cref="FactDerivation"/> and <see cref="TieCopy"/>, read by the searches.
/// </summary>
internal sealed class IndexedFacts
{
    internal enum RecordKind : byte { Challenge, Project, Contract, Pairing }

    internal readonly record struct RecordEvent(RecordKind Kind, int Field, int Year);

    internal readonly record struct PlatformFact(string Id, string Name, string Type, int Field, bool Capable);

    internal readonly record struct InstrumentFact(string Id, string Name, int Field, decimal Value);

    internal sealed record ChallengeFact(
        string Id, string Name, ChallengeKind Kind, int[] Fields, int Poster, HashSet<int> Applicants);

    const double RecordHalfLifeYears = 4;
    const int RecencyTableYears = 128;

    static readonly Dictionary<string, int> FieldIndexByCode =
        TechnologyFields.All.Select((f, i) => (f.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);

    double[] _recencyByAge = [];

    internal IndexedFacts(HomeProvince home, DateOnly asOf)
    {
        Home = home;
        SetDay(asOf);
    }

    /// <summary>How near two fields are (1 the same, down to 0).</summary>
    internal static FieldFit Fit { get; } = new(TechnologyFields.All);

    internal HomeProvince Home { get; }

    internal DateOnly AsOf { get; private set; }

    // Organisations by id: Live the live ones, Slots every slot ever given.
    internal readonly Dictionary<string, int> Live = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, int> Slots = new(StringComparer.Ordinal);
    internal readonly List<string> Ids = [];
    internal readonly List<bool> Alive = [];
    internal readonly List<string> Names = [];
    internal readonly List<NodeKind> Kinds = [];
    internal readonly List<string?> RegionCodes = [];
    internal readonly List<RegionLocality?> Localities = [];
    internal readonly List<int[]> OwnFields = [];
    internal readonly List<bool> TechEnterprise = [];
    internal readonly List<string[]> Designations = [];
    internal readonly List<string?> SchoolLevels = [];
    internal readonly List<int[]> Parents = [];
    internal readonly List<int[]> Children = [];
    internal readonly List<PlatformFact[]> Platforms = [];
    internal readonly List<RecordEvent[]> Records = [];
    internal readonly List<int> CurrentPairings = [];
    internal readonly List<int[]> Neighbours = [];
    internal readonly List<float[]> TieWeights = [];
    internal readonly List<int[]> PlatformFields = [];
    internal readonly List<int> CapabilityPlatformCounts = [];
    internal readonly List<InstrumentFact[]> Instruments = [];
    internal readonly List<double> RecordTotals = [];
    // Universities with no field of their own: recommended, if at all, on public facts (PublicFactsPartners).
    internal readonly SortedSet<int> FieldlessUniversities = [];
    internal readonly Dictionary<string, ChallengeFact> Challenges = new(StringComparer.Ordinal);
    // Per field, the organisations in it (by their fields and their platforms'), in slot order.
    internal readonly List<int>[] OrganizationsByField = FieldLists();
    internal readonly List<int>[] AcademicsByField = FieldLists();
    internal readonly List<int>[] InRegionEnterprisesByField = FieldLists();
    internal readonly List<int>[] OtherEnterprisesByField = FieldLists();

    internal int Count => Ids.Count;

    static List<int>[] FieldLists() => Enumerable.Range(0, TechnologyFields.All.Count).Select(_ => new List<int>()).ToArray();

    internal static int FieldIndex(string? code) => code is not null && FieldIndexByCode.TryGetValue(code, out var i) ? i : -1;

    internal static int[] FieldIndices(IEnumerable<string> codes) => codes.Select(FieldIndex).Where(i => i >= 0).Distinct().ToArray();

    internal int IndexOf(string id) => Live.TryGetValue(id, out var i) ? i : -1;

    internal bool IsAcademic(int org) => GraphCatalog.AcademicKinds.Contains(Kinds[org]);

    internal int ById(int a, int b) => string.CompareOrdinal(Ids[a], Ids[b]);

    /// <summary>A new slot for an organisation, with no facts yet and not alive.</summary>
    internal int AddSlot(string id, NodeKind kind)
    {
        var org = Ids.Count;
        Slots[id] = org;
        Ids.Add(id);
        Alive.Add(false);
        Names.Add("");
        Kinds.Add(kind);
        RegionCodes.Add(null);
        Localities.Add(null);
        OwnFields.Add([]);
        TechEnterprise.Add(false);
        Designations.Add([]);
        SchoolLevels.Add(null);
        Parents.Add([]);
        Children.Add([]);
        Platforms.Add([]);
        Records.Add([]);
        CurrentPairings.Add(0);
        Neighbours.Add([]);
        TieWeights.Add([]);
        PlatformFields.Add([]);
        CapabilityPlatformCounts.Add(0);
        Instruments.Add([]);
        RecordTotals.Add(0);
        return org;
    }

    internal void SetDay(DateOnly asOf)
    {
        AsOf = asOf;
        _recencyByAge = Enumerable.Range(0, RecencyTableYears).Select(age => Math.Pow(0.5, age / RecordHalfLifeYears)).ToArray();
    }

    /// <summary>A record's weight: halved for every 4 years of age.</summary>
    internal double Recency(int year)
    {
        var age = Math.Max(0, AsOf.Year - year);
        return age < _recencyByAge.Length ? _recencyByAge[age] : Math.Pow(0.5, age / RecordHalfLifeYears);
    }
}
