using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// The skeleton of a generated graph: what every node is (kind, region, fields, size, host, year, …) in compact
/// arrays, from which the nodes are rendered and the links simulated. It holds no links.
/// Organisations share one index space: enterprises, then universities, then institutes, then government bodies.
/// </summary>
internal sealed class SyntheticWorld
{
    // Platforms per enterprise (ActivitySeeds draws the other node kinds).
    const double PlatformsPerEnterprise = 0.10;

    /// <summary>The first and last year of generated activity.</summary>
    public const int FirstYear = 2015, LastYear = 2026;

    // More activity in later years, as the policies of the seeds took effect; 2026 is a part year.
    static readonly double[] YearWeights = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 13, 10];

    readonly SyntheticPlaces _places;

    public SyntheticWorld(SyntheticPreset preset, ulong seed)
    {
        Preset = preset;
        Seed = seed;
        FieldList = TechnologyFields.All;
        Fit = new FieldFit(FieldList);
        var random = new SyntheticRandom(seed, SyntheticRandom.Stream("world"));
        _places = new SyntheticPlaces(preset);
        YearSampler = new WeightedSampler(YearWeights);

        Enterprises = preset.Enterprises;
        Universities = preset.Universities;
        Institutes = preset.Institutes;
        BuildGovernment();
        Organizations = Enterprises + Universities + Institutes + GovernmentKeys.Count;
        OrgRegion = new string?[Organizations];
        OrgField = new byte[Organizations];

        BuildEnterprises(ref random);
        BuildAcademics(ref random);
        for (var g = 0; g < GovernmentKeys.Count; g++)
        {
            OrgRegion[GovernmentStart + g] = GovernmentRegions[g];
            OrgField[GovernmentStart + g] = (byte)FieldIndex("tech-services");
        }
        BuildPlatforms(ref random);
        Consortia = ActivitySeeds.Consortia(this, ref random);
        Achievements = ActivitySeeds.Achievements(this, ref random);
        Challenges = ActivitySeeds.Challenges(this, ref random);
        Projects = ActivitySeeds.Projects(this, ref random);
        Persons = ActivitySeeds.Persons(this, ref random);
    }

    public SyntheticPreset Preset { get; }
    public ulong Seed { get; }
    public IReadOnlyList<TechnologyField> FieldList { get; }
    public FieldFit Fit { get; }
    public WeightedSampler YearSampler { get; }

    public int Enterprises { get; }
    public int Universities { get; }
    public int Institutes { get; }
    public int Organizations { get; }
    public int AcademicStart => Enterprises;
    public int Academics => Universities + Institutes;
    public int GovernmentStart => Enterprises + Academics;

    public bool IsEnterprise(int org) => org < Enterprises;
    public bool IsAcademic(int org) => org >= Enterprises && org < GovernmentStart;

    /// <summary>The node kind of an organisation index.</summary>
    public NodeKind KindOf(int org) =>
        org < Enterprises ? NodeKind.Enterprise
        : org < Enterprises + Universities ? NodeKind.University
        : org < GovernmentStart ? NodeKind.ResearchInstitute
        : NodeKind.GovernmentBody;

    /// <summary>GB/T 2260 code of each organisation's region; null for organisations abroad.</summary>
    public string?[] OrgRegion { get; }

    /// <summary>The main field (index into <see cref="FieldList"/>) of each organisation.</summary>
    public byte[] OrgField { get; }

    // Enterprises
    public byte[] Size { get; private set; } = [];            // EnterpriseSizeClass
    public bool[] TechEnterprise { get; private set; } = [];   // high-tech or tech SME (科技型企业)
    public bool[] HighTech { get; private set; } = [];
    public byte[] SecondField { get; private set; } = [];      // 255: none
    public int[] Parent { get; private set; } = [];            // -1: none
    public bool[] GroupParent { get; private set; } = [];
    public WeightedSampler EnterpriseSampler { get; private set; } = null!;
    public Dictionary<string, WeightedSampler> EnterprisesByProvince { get; } = new(StringComparer.Ordinal);

    // Academics (index a = org - AcademicStart)
    public byte[][] AcademicFields { get; private set; } = [];
    public string[] AcademicNames { get; private set; } = [];
    public string?[] AcademicCountry { get; private set; } = [];
    public WeightedSampler PrestigeSampler { get; private set; } = null!;
    public int[][] AcademicsByField { get; private set; } = [];
    public int[] Capability { get; private set; } = [];        // [a * fields + f]

    // Government bodies
    public List<string> GovernmentKeys { get; } = [];
    public List<string> GovernmentNames { get; } = [];
    public List<string> GovernmentLevels { get; } = [];
    public List<string> GovernmentRegions { get; } = [];

    public PlatformSeed[] Platforms { get; private set; } = [];
    public ConsortiumSeed[] Consortia { get; }
    public ChallengeSeed[] Challenges { get; }
    public ProjectSeed[] Projects { get; }
    public AchievementSeed[] Achievements { get; }
    public PersonSeed[] Persons { get; }
    public Dictionary<int, List<int>> AchievementsByHolder { get; } = [];

    public int FieldIndex(string code) => FieldList.Select((f, i) => (f, i)).First(p => p.f.Code == code).i;

    /// <summary>The share of a year's activity in all years' (by the year weights).</summary>
    public static double YearShare(int year) => YearWeights[year - FirstYear] / YearWeights.Sum();

    /// <summary>A year of activity, later years likelier.</summary>
    public int Year(ref SyntheticRandom random) => FirstYear + YearSampler.Sample(ref random);

    /// <summary>Whether an organisation lies in the home province of the preset.</summary>
    public bool InHomeProvince(int org) => SyntheticPlaces.ProvinceOf(OrgRegion[org]) == Preset.HomeProvince[..2];

    // Industries that weigh more in Guangxi (001, 003): cars, machinery, sugar, aluminium and other nonferrous metals, forestry.
    static readonly Dictionary<string, double> GuangxiIndustries = new(StringComparer.Ordinal)
    {
        ["automotive"] = 3, ["new-energy-vehicles"] = 3, ["auto-parts"] = 4, ["machinery"] = 3, ["construction-machinery"] = 3,
        ["internal-combustion-engines"] = 3, ["sugar"] = 4, ["aluminium"] = 3, ["nonferrous-deep-processing"] = 3,
        ["forestry"] = 3, ["food-processing"] = 3, ["traditional-medicine"] = 2, ["electronic-information"] = 2,
    };

    static byte DrawField(ref SyntheticRandom random, bool guangxi, WeightedSampler plain, WeightedSampler local) =>
        (byte)(guangxi ? local : plain).Sample(ref random);

    (WeightedSampler Plain, WeightedSampler Guangxi) FieldSamplers()
    {
        // Narrow fields are likelier than the broad top-level ones.
        var plain = FieldList.Select(f => f.ParentCode is null ? 0.3 : 1.0).ToList();
        var local = FieldList.Select((f, i) => plain[i] * GuangxiIndustries.GetValueOrDefault(f.Code, 1.0)).ToList();
        return (new WeightedSampler(plain), new WeightedSampler(local));
    }

    void BuildEnterprises(ref SyntheticRandom random)
    {
        var (plainFields, localFields) = FieldSamplers();
        Size = new byte[Enterprises];
        TechEnterprise = new bool[Enterprises];
        HighTech = new bool[Enterprises];
        SecondField = new byte[Enterprises];
        Parent = new int[Enterprises];
        GroupParent = new bool[Enterprises];
        var activity = new double[Enterprises];
        double[] sizeShares = [0.45, 0.37, 0.14, 0.04];
        double[] sizeActivity = [0.2, 1, 4, 15];
        double[] highTechChance = [0.05, 0.15, 0.3, 0.4];
        var sizes = new WeightedSampler(sizeShares);
        for (var e = 0; e < Enterprises; e++)
        {
            var region = _places.Somewhere(ref random, Preset.HomeShare);
            OrgRegion[e] = region;
            var guangxi = region.StartsWith("45", StringComparison.Ordinal);
            OrgField[e] = DrawField(ref random, guangxi, plainFields, localFields);
            SecondField[e] = random.Chance(0.35) ? DrawField(ref random, guangxi, plainFields, localFields) : byte.MaxValue;
            if (SecondField[e] == OrgField[e]) SecondField[e] = byte.MaxValue;
            var size = sizes.Sample(ref random);
            Size[e] = (byte)size;
            HighTech[e] = random.Chance(highTechChance[size]);
            TechEnterprise[e] = HighTech[e] || (size < 3 && random.Chance(0.2));
            // Heavy-tailed activity: most enterprises do little, a few large ones a great deal.
            activity[e] = Math.Min(random.Pareto(1.6), 60) * sizeActivity[size] * (TechEnterprise[e] ? 2 : 1);
            GroupParent[e] = size == 3 ? random.Chance(0.3) : size == 2 && random.Chance(0.05);
        }
        EnterpriseSampler = new WeightedSampler(activity);
        foreach (var group in Enumerable.Range(0, Enterprises).GroupBy(e => SyntheticPlaces.ProvinceOf(OrgRegion[e])!))
        {
            var members = group.ToArray();
            EnterprisesByProvince[group.Key] = new WeightedSampler(members, members.Select(e => activity[e]).ToList());
        }

        // Groups: a subsidiary's parent is a group parent, in the same province seven times in ten.
        var parents = Enumerable.Range(0, Enterprises).Where(e => GroupParent[e]).ToArray();
        var groupSizes = new double[parents.Length];
        for (var i = 0; i < parents.Length; i++) groupSizes[i] = random.Pareto(1.2);
        var parentSampler = parents.Length > 0 ? new WeightedSampler(parents, groupSizes) : null;
        for (var e = 0; e < Enterprises; e++)
        {
            Parent[e] = -1;
            if (GroupParent[e] || parentSampler is null || !random.Chance(0.07)) continue;
            var parent = parentSampler.Sample(ref random);
            for (var attempt = 0; attempt < 8 && SyntheticPlaces.ProvinceOf(OrgRegion[parent]) != SyntheticPlaces.ProvinceOf(OrgRegion[e]) && random.Chance(0.7); attempt++)
                parent = parentSampler.Sample(ref random);
            Parent[e] = parent;
        }
    }

    void BuildAcademics(ref SyntheticRandom random)
    {
        var (plainFields, localFields) = FieldSamplers();
        AcademicFields = new byte[Academics][];
        AcademicNames = new string[Academics];
        AcademicCountry = new string?[Academics];
        var prestige = new double[Academics];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 0; a < Academics; a++)
        {
            var org = AcademicStart + a;
            var university = a < Universities;
            // Some partners abroad (the last university always is).
            var abroad = random.Chance(Preset.HomeShare > 0.5 ? 0.03 : 0.01) || a == Universities - 1;
            string? region = null;
            string place;
            if (abroad)
            {
                var (country, city) = random.Pick(SyntheticNames.AbroadPlaces);
                AcademicCountry[a] = country;
                place = city;
            }
            else
            {
                region = _places.Somewhere(ref random, Preset.HomeShare * 0.7);
                place = SyntheticNames.PlaceOf(region);
            }
            OrgRegion[org] = region;
            var main = DrawField(ref random, region?.StartsWith("45", StringComparison.Ordinal) ?? false, plainFields, localFields);
            OrgField[org] = main;
            var fields = new List<byte> { main };
            var extra = random.Between(1, university ? 5 : 3);
            for (var i = 0; i < extra; i++)
            {
                // Most disciplines near the main one, some anywhere.
                var candidates = Fit.Related[main];
                var field = random.Chance(0.6) ? (byte)random.Pick(candidates) : (byte)plainFields.Sample(ref random);
                if (!fields.Contains(field)) fields.Add(field);
            }
            AcademicFields[a] = [.. fields];
            prestige[a] = Math.Min(random.Pareto(1.3), 100) * (university ? 1.5 : 1.0) * (abroad ? 0.3 : 1.0);
            var name = AcademicName(ref random, university, place, main);
            for (var attempt = 0; attempt < 20 && names.Contains(name); attempt++) name = AcademicName(ref random, university, place, main);
            AcademicNames[a] = names.Add(name) ? name : Numbered(names, name);
        }
        PrestigeSampler = new WeightedSampler(prestige);
        AcademicsByField = Enumerable.Range(0, FieldList.Count)
            .Select(f => Enumerable.Range(0, Academics).Where(a => Fit.Best(f, AcademicFields[a]) >= PartnerAffinity.RelatedFit).ToArray())
            .ToArray();
    }

    static string Numbered(HashSet<string> taken, string name)
    {
        var n = 2;
        while (!taken.Add($"{name}（{n}）")) n++;
        return $"{name}（{n}）";
    }

    string AcademicName(ref SyntheticRandom random, bool university, string place, int field)
    {
        var fieldName = FieldList[field].Name;
        var middle = random.Chance(0.5) ? "" : SyntheticNames.Brand(ref random);
        if (university) return place + middle + random.Pick(SyntheticNames.UniversityTypes);
        return random.Chance(0.2)
            ? $"中国科学院{place}{fieldName}研究所"
            : place + middle + fieldName + random.Pick(SyntheticNames.InstituteSuffixes);
    }

    void BuildGovernment()
    {
        void Add(string key, string name, string level, string region)
        {
            GovernmentKeys.Add(key);
            GovernmentNames.Add(name);
            GovernmentLevels.Add(level);
            GovernmentRegions.Add(region);
        }
        Add("gov-most", "中华人民共和国科学技术部", "National", "110000");
        Add("gov-miit", "中华人民共和国工业和信息化部", "National", "110000");
        Add("gov-sasac", "国务院国有资产监督管理委员会", "National", "110000");
        var provinces = Preset.HomeShare > 0.5 ? [Regions.Find(Preset.HomeProvince)!] : Regions.Provinces.Where(p => SyntheticPlaces.IsWeighted(p.Code)).ToList();
        foreach (var province in provinces)
        {
            Add($"gov-{province.Code}-kjt", $"{province.Name}科学技术厅", "Provincial", province.Code);
            Add($"gov-{province.Code}-gxt", $"{province.Name}工业和信息化厅", "Provincial", province.Code);
            Add($"gov-{province.Code}-gzw", $"{province.Name}人民政府国有资产监督管理委员会", "Provincial", province.Code);
            foreach (var city in Regions.Children(province.Code).Where(r => r.Level == RegionLevel.City))
                Add($"gov-{city.Code}", $"{city.Name}人民政府", "City", city.Code);
        }
        // County governments of the home province's capital (the first city listed).
        var capital = Regions.Children(Preset.HomeProvince).FirstOrDefault(r => r.Level == RegionLevel.City);
        foreach (var county in capital is null ? [] : Regions.Children(capital.Code))
            Add($"gov-{county.Code}", $"{capital!.Name}{county.Name}人民政府", "County", county.Code);
    }

    /// <summary>Platform types whose host counts as capability in their field (labs, centres, stations).</summary>
    public static readonly HashSet<string> CapabilityTypes =
    [
        "KeyLaboratory", "EngineeringResearchCenter", "EngineeringLaboratory", "TechnologyInnovationCenter",
        "PostdoctoralStation", "AcademicianStation", "NewTypeRdInstitution", "IndustrialTechnologyInstitute",
    ];

    static readonly (string Type, double Weight)[] EnterprisePlatformTypes =
    [
        ("EnterpriseTechnologyCenter", 25), ("RdInstitution", 20), ("EngineeringResearchCenter", 10), ("DevelopmentCenter", 8),
        ("EnterpriseKeyLaboratory", 6), ("PostdoctoralStation", 6), ("AcademicianStation", 4), ("PilotBase", 5), ("TestBase", 3),
        ("JointRdCenter", 6), ("GroupResearchInstitute", 4), ("InnovationEnclave", 3),
    ];

    static readonly (string Type, double Weight)[] AcademicPlatformTypes =
    [
        ("KeyLaboratory", 35), ("EngineeringResearchCenter", 15), ("EngineeringLaboratory", 10), ("InspectionTestingCenter", 6),
        ("InstrumentSharingPlatform", 5), ("NewTypeRdInstitution", 6), ("IndustrialTechnologyInstitute", 4), ("CommissionerStation", 8),
        ("PostdoctoralStation", 6), ("AcademicianStation", 3), ("JointRdCenter", 2),
    ];

    static readonly (string Type, double Weight)[] GovernmentPlatformTypes =
    [
        ("TechnologyInnovationCenter", 70), ("TechnologyTradingPlatform", 15), ("NewTypeRdInstitution", 15), ("Incubator", 8), ("SciencePark", 4),
    ];

    /// <summary>The last day of generated activity.</summary>
    public static readonly DateOnly LastDay = new(LastYear, 12, 31);

    static DateOnly Later(DateOnly date, int maxDays, ref SyntheticRandom random)
    {
        var later = date.AddDays(random.Next(maxDays + 1));
        return later > LastDay ? LastDay : later;
    }

    /// <summary>An enterprise by activity, redrawn up to some times until one is accepted.</summary>
    public int DrawEnterprise(ref SyntheticRandom random, Func<int, bool> accept, int attempts = 30)
    {
        var e = EnterpriseSampler.Sample(ref random);
        for (var i = 0; i < attempts && !accept(e); i++) e = EnterpriseSampler.Sample(ref random);
        return e;
    }

    /// <summary>A university or institute by prestige.</summary>
    public int DrawAcademic(ref SyntheticRandom random) => AcademicStart + PrestigeSampler.Sample(ref random);

    void BuildPlatforms(ref SyntheticRandom random)
    {
        var count = Math.Max(8, (int)(Enterprises * PlatformsPerEnterprise));
        Platforms = new PlatformSeed[count];
        Capability = new int[Academics * FieldList.Count];
        for (var p = 0; p < count; p++)
        {
            var roll = random.NextDouble();
            int host = -1, leader = -1;
            string type, level;
            var established = random.DayOf(Year(ref random));
            string status;
            if (roll < 0.65)
            {
                host = DrawEnterprise(ref random, e => Size[e] >= 1, 5);
                type = random.Draw(EnterprisePlatformTypes);
                level = random.Draw([("National", 3), ("Provincial", 30), ("City", 55), ("Departmental", 12)]);
            }
            else if (roll < 0.95)
            {
                host = DrawAcademic(ref random);
                type = random.Draw(AcademicPlatformTypes);
                level = random.Draw([("National", 10), ("Provincial", 50), ("City", 20), ("Departmental", 20)]);
            }
            else
            {
                var government = GovernmentStart + random.Next(GovernmentKeys.Count);
                type = random.Draw(GovernmentPlatformTypes);
                // 004 三(一): a centre is led by a city government or a regional department; the next such body on the list.
                while (type == "TechnologyInnovationCenter" && GovernmentLevels[government - GovernmentStart] is not ("City" or "Provincial"))
                    government = GovernmentStart + (government - GovernmentStart + 1) % GovernmentKeys.Count;
                if (type == "TechnologyTradingPlatform") host = government; else leader = government;
                level = GovernmentLevels[government - GovernmentStart] switch { "National" => "National", "City" => "City", _ => "Provincial" };
            }
            if (type == "TechnologyInnovationCenter")
                status = established.Year >= LastYear - 2 ? "UnderConstruction" : random.Chance(0.85) ? "Accredited" : "Delisted";
            else if (type == "RdInstitution")
                status = random.Chance(0.9) ? "Filed" : "Delisted";
            else
                status = random.Draw([("Filed", 25), ("UnderConstruction", 15), ("Accredited", 55), ("Delisted", 5)]);
            var owner = host >= 0 ? host : leader;
            var field = IsAcademic(owner) && random.Chance(0.5) ? random.Pick(AcademicFields[owner - AcademicStart]) : OrgField[owner];
            Platforms[p] = new PlatformSeed(host, leader, type, level, status, field, established, Later(established, 900, ref random));
            if (IsAcademic(host) && CapabilityTypes.Contains(type) && status != "Delisted")
            {
                foreach (var g in Fit.Related[field]) Capability[(host - AcademicStart) * FieldList.Count + g]++;
            }
        }
    }
}
