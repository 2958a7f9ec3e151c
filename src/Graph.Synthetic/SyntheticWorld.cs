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
    // Rates per enterprise of the other node kinds.
    const double PlatformsPerEnterprise = 0.10;
    const double ConsortiaPerEnterprise = 0.004;
    const double ChallengesPerEnterprise = 0.03;
    const double ProjectsPerEnterprise = 0.12;
    const double AchievementsPerEnterprise = 0.15;
    const double PersonsPerEnterprise = 0.15;

    /// <summary>The first and last year of generated activity.</summary>
    public const int FirstYear = 2015, LastYear = 2026;

    // More activity in later years, as the policies of the seeds took effect; 2026 is a part year.
    static readonly double[] YearWeights = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 13, 10];

    public SyntheticWorld(SyntheticPreset preset, ulong seed)
    {
        Preset = preset;
        Seed = seed;
        FieldList = Fields.All;
        Fit = new FieldFit(FieldList);
        var random = new SyntheticRandom(seed, SyntheticRandom.Stream("world"));
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
        BuildConsortia(ref random);
        BuildAchievements(ref random);
        BuildChallenges(ref random);
        BuildProjects(ref random);
        BuildPersons(ref random);
    }

    public SyntheticPreset Preset { get; }
    public ulong Seed { get; }
    public IReadOnlyList<Field> FieldList { get; }
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
    public ConsortiumSeed[] Consortia { get; private set; } = [];
    public ChallengeSeed[] Challenges { get; private set; } = [];
    public ProjectSeed[] Projects { get; private set; } = [];
    public AchievementSeed[] Achievements { get; private set; } = [];
    public PersonSeed[] Persons { get; private set; } = [];
    public Dictionary<int, List<int>> AchievementsByHolder { get; } = [];

    public int FieldIndex(string code) => FieldList.Select((f, i) => (f, i)).First(p => p.f.Code == code).i;

    /// <summary>The share of a year's activity in all years' (by the year weights).</summary>
    public static double YearShare(int year) => YearWeights[year - FirstYear] / YearWeights.Sum();

    /// <summary>A year of activity, later years likelier.</summary>
    public int Year(ref SyntheticRandom random) => FirstYear + YearSampler.Sample(ref random);

    /// <summary>The provincial part of a region code ("45" for 450102), or null.</summary>
    public static string? ProvinceOf(string? region) => region?[..2];

    /// <summary>Whether an organisation lies in the home province of the preset.</summary>
    public bool InHomeProvince(int org) => ProvinceOf(OrgRegion[org]) == Preset.HomeProvince[..2];

    // Rough shares of China's economy by province (per cent), for where organisations are.
    static readonly (string Code, double Weight)[] ProvinceWeights =
    [
        ("110000", 4.4), ("120000", 1.6), ("130000", 3.4), ("140000", 2.0), ("150000", 1.9), ("210000", 2.4), ("220000", 1.1),
        ("230000", 1.3), ("310000", 3.8), ("320000", 10.2), ("330000", 6.8), ("340000", 3.8), ("350000", 4.3), ("360000", 2.6),
        ("370000", 7.3), ("410000", 4.9), ("420000", 4.5), ("430000", 4.0), ("440000", 10.8), ("450000", 2.2), ("460000", 0.6),
        ("500000", 2.4), ("510000", 4.8), ("520000", 1.6), ("530000", 2.4), ("540000", 0.2), ("610000", 2.7), ("620000", 0.9),
        ("630000", 0.3), ("640000", 0.4), ("650000", 1.5),
    ];

    // Guangxi's cities by weight of their economy: 南宁, 柳州, 桂林, …
    static readonly Dictionary<string, double> CityWeights = new(StringComparer.Ordinal)
    {
        ["450100"] = 22, ["450200"] = 16, ["450300"] = 10, ["450400"] = 5, ["450500"] = 5, ["450600"] = 3, ["450700"] = 5,
        ["450800"] = 6, ["450900"] = 8, ["451000"] = 5, ["451100"] = 3, ["451200"] = 4, ["451300"] = 4, ["451400"] = 4,
    };

    // Industries that weigh more in Guangxi (001, 003): cars, machinery, sugar, aluminium and other nonferrous metals, forestry.
    static readonly Dictionary<string, double> GuangxiIndustries = new(StringComparer.Ordinal)
    {
        ["automotive"] = 3, ["new-energy-vehicles"] = 3, ["auto-parts"] = 4, ["machinery"] = 3, ["construction-machinery"] = 3,
        ["internal-combustion-engines"] = 3, ["sugar"] = 4, ["aluminium"] = 3, ["nonferrous-deep-processing"] = 3,
        ["forestry"] = 3, ["food-processing"] = 3, ["traditional-medicine"] = 2, ["electronic-information"] = 2,
    };

    readonly Dictionary<string, WeightedSampler> _regionSamplers = new(StringComparer.Ordinal);
    WeightedSampler? _provinceSampler;

    /// <summary>A region in a province: one of its known cities or counties by weight, else the province itself.</summary>
    readonly Dictionary<string, IReadOnlyList<Region>> _children = new(StringComparer.Ordinal);

    IReadOnlyList<Region> ChildrenOf(string code)
    {
        if (!_children.TryGetValue(code, out var children)) _children[code] = children = Regions.Children(code);
        return children;
    }

    string RegionIn(string province, ref SyntheticRandom random)
    {
        var cities = ChildrenOf(province).Where(r => r.Level == RegionLevel.City).ToList();
        if (cities.Count == 0) return province;
        if (!_regionSamplers.TryGetValue(province, out var sampler))
        {
            sampler = new WeightedSampler(cities.Select(c => CityWeights.GetValueOrDefault(c.Code, 4.0)).ToList());
            _regionSamplers[province] = sampler;
        }
        var city = cities[sampler.Sample(ref random)];
        var counties = ChildrenOf(city.Code);
        return counties.Count > 0 && random.Chance(0.4) ? random.Pick(counties).Code : city.Code;
    }

    /// <summary>A region: in the home province with the preset's share, else a province by economic weight.</summary>
    string PlaceSomewhere(ref SyntheticRandom random, double homeShare)
    {
        if (random.Chance(homeShare)) return RegionIn(Preset.HomeProvince, ref random);
        _provinceSampler ??= new WeightedSampler(ProvinceWeights.Select(p => p.Code == Preset.HomeProvince ? 0 : p.Weight).ToList());
        return RegionIn(ProvinceWeights[_provinceSampler.Sample(ref random)].Code, ref random);
    }

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
            var region = PlaceSomewhere(ref random, Preset.HomeShare);
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
        foreach (var group in Enumerable.Range(0, Enterprises).GroupBy(e => ProvinceOf(OrgRegion[e])!))
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
            for (var attempt = 0; attempt < 8 && ProvinceOf(OrgRegion[parent]) != ProvinceOf(OrgRegion[e]) && random.Chance(0.7); attempt++)
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
                region = PlaceSomewhere(ref random, Preset.HomeShare * 0.7);
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
        var provinces = Preset.HomeShare > 0.5 ? [Regions.Find(Preset.HomeProvince)!] : Regions.Provinces.Where(p => ProvinceWeights.Any(w => w.Code == p.Code)).ToList();
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

    static string Draw((string Name, double Weight)[] table, ref SyntheticRandom random)
    {
        var target = random.NextDouble() * table.Sum(t => t.Weight);
        foreach (var (name, weight) in table)
        {
            target -= weight;
            if (target < 0) return name;
        }
        return table[^1].Name;
    }

    static readonly DateOnly LastDay = new(LastYear, 12, 31);

    static DateOnly Later(DateOnly date, int maxDays, ref SyntheticRandom random)
    {
        var later = date.AddDays(random.Next(maxDays + 1));
        return later > LastDay ? LastDay : later;
    }

    int DrawEnterprise(ref SyntheticRandom random, Func<int, bool> accept, int attempts = 30)
    {
        var e = EnterpriseSampler.Sample(ref random);
        for (var i = 0; i < attempts && !accept(e); i++) e = EnterpriseSampler.Sample(ref random);
        return e;
    }

    int DrawAcademic(ref SyntheticRandom random) => AcademicStart + PrestigeSampler.Sample(ref random);

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
                type = Draw(EnterprisePlatformTypes, ref random);
                level = Draw([("National", 3), ("Provincial", 30), ("City", 55), ("Departmental", 12)], ref random);
            }
            else if (roll < 0.95)
            {
                host = DrawAcademic(ref random);
                type = Draw(AcademicPlatformTypes, ref random);
                level = Draw([("National", 10), ("Provincial", 50), ("City", 20), ("Departmental", 20)], ref random);
            }
            else
            {
                var government = GovernmentStart + random.Next(GovernmentKeys.Count);
                type = Draw(GovernmentPlatformTypes, ref random);
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
                status = Draw([("Filed", 25), ("UnderConstruction", 15), ("Accredited", 55), ("Delisted", 5)], ref random);
            var owner = host >= 0 ? host : leader;
            var field = IsAcademic(owner) && random.Chance(0.5) ? random.Pick(AcademicFields[owner - AcademicStart]) : OrgField[owner];
            Platforms[p] = new PlatformSeed(host, leader, type, level, status, field, established, Later(established, 900, ref random));
            if (IsAcademic(host) && CapabilityTypes.Contains(type) && status != "Delisted")
            {
                foreach (var g in Fit.Related[field]) Capability[(host - AcademicStart) * FieldList.Count + g]++;
            }
        }
    }

    void BuildConsortia(ref SyntheticRandom random)
    {
        var count = Math.Max(4, (int)(Enterprises * ConsortiaPerEnterprise));
        Consortia = new ConsortiumSeed[count];
        for (var c = 0; c < count; c++)
        {
            var lead = DrawEnterprise(ref random, e => Size[e] >= 2);
            Consortia[c] = new ConsortiumSeed(lead, OrgField[lead], random.Chance(0.4), random.DayOf(Year(ref random)));
        }
    }

    void BuildAchievements(ref SyntheticRandom random)
    {
        var count = Math.Max(20, (int)(Enterprises * AchievementsPerEnterprise));
        Achievements = new AchievementSeed[count];
        for (var i = 0; i < count; i++)
        {
            var holder = random.Chance(0.75) ? DrawAcademic(ref random) : EnterpriseSampler.Sample(ref random);
            var field = IsAcademic(holder) ? random.Pick(AcademicFields[holder - AcademicStart]) : OrgField[holder];
            Achievements[i] = new AchievementSeed(holder, field, random.Pick(SyntheticNames.AchievementTypes), random.DayOf(Year(ref random)));
            if (!AchievementsByHolder.TryGetValue(holder, out var list)) AchievementsByHolder[holder] = list = [];
            list.Add(i);
        }
    }

    void BuildChallenges(ref SyntheticRandom random)
    {
        var count = Math.Max(12, (int)(Enterprises * ChallengesPerEnterprise));
        Challenges = new ChallengeSeed[count];
        var province = Preset.HomeShare > 0.5;
        for (var c = 0; c < count; c++)
        {
            var postedOn = random.DayOf(Year(ref random));
            var deadline = postedOn.AddDays(random.Between(30, 90)) is var day && day > LastDay ? LastDay : day;
            var status = postedOn.Year == LastYear
                ? Draw([("Collecting", 1), ("Published", 2), ("Applying", 3), ("Reviewing", 2), ("Negotiating", 2), ("Awarded", 2)], ref random)
                : Draw([("Awarded", postedOn.Year >= LastYear - 2 ? 5 : 1), ("Completed", 6), ("Terminated", 2)], ref random);
            var budget = Math.Round((decimal)random.LogUniform(50, 3000) / 10) * 10;
            decimal? publicFunding = random.Chance(0.4) ? Math.Round(budget * (decimal)random.Uniform(0.1, 0.3)) : null;
            var achievement = -1;
            if (random.Chance(0.2))
            {
                achievement = random.Next(Achievements.Length);
                for (var i = 0; i < 10 && !IsAcademic(Achievements[achievement].Holder); i++) achievement = random.Next(Achievements.Length);
            }
            if (achievement >= 0)
            {
                var seed = Achievements[achievement];
                Challenges[c] = new ChallengeSeed(seed.Holder, false, achievement, seed.Field, status, postedOn, deadline, budget, publicFunding);
            }
            else
            {
                // 技术攻关类: posted by an enterprise of the province running the call.
                var poster = DrawEnterprise(ref random, e => !province || InHomeProvince(e), 60);
                Challenges[c] = new ChallengeSeed(poster, true, -1, OrgField[poster], status, postedOn, deadline, budget, publicFunding);
            }
        }
    }

    void BuildProjects(ref SyntheticRandom random)
    {
        var count = Math.Max(20, (int)(Enterprises * ProjectsPerEnterprise));
        Projects = new ProjectSeed[count];
        for (var p = 0; p < count; p++)
        {
            var lead = random.Chance(0.55) ? EnterpriseSampler.Sample(ref random) : DrawAcademic(ref random);
            var total = Math.Round((decimal)random.LogUniform(20, 5000));
            var publicShare = Math.Round(total * (decimal)random.Uniform(0.2, 0.8));
            var start = random.DayOf(Year(ref random));
            var end = start.AddDays(random.Between(365, 4 * 365));
            Projects[p] = new ProjectSeed(lead, OrgField[lead], random.Pick(SyntheticNames.Programmes), total, publicShare, start, end);
        }
    }

    void BuildPersons(ref SyntheticRandom random)
    {
        var count = Math.Max(20, (int)(Enterprises * PersonsPerEnterprise));
        Persons = new PersonSeed[count];
        for (var i = 0; i < count; i++)
        {
            var academic = random.Chance(0.8);
            var employer = academic ? DrawAcademic(ref random) : EnterpriseSampler.Sample(ref random);
            var title = academic ? random.Pick(SyntheticNames.Titles[..6]) : random.Pick(SyntheticNames.Titles[4..]);
            Persons[i] = new PersonSeed(employer, academic && random.Chance(0.5), title);
        }
    }
}
