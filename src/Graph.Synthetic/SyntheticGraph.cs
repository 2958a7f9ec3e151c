using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// A deterministic synthetic graph of regional innovation: the same preset and seed give the same nodes and links,
/// in the same order, on every machine. Nodes are rendered from a compact skeleton of the graph and links are
/// streamed by a year-by-year simulation (2015–2026), so the links are never all in memory. Every node kind and link
/// type of <see cref="GraphCatalog"/> occurs, every value is valid, degrees are heavy-tailed, and who pairs, wins,
/// contracts and works on projects with whom follows the documented latent model of matchmaking (docs/synthetic-data.md).
/// All names are fictional and every generated organisation carries <c>example = true</c>.
/// </summary>
public sealed class SyntheticGraph
{
    readonly SyntheticWorld _world;

    SyntheticGraph(SyntheticWorld world) => _world = world;

    /// <summary>The graph of a preset and seed; builds the skeleton (a few seconds for <c>country</c>).</summary>
    public static SyntheticGraph Create(SyntheticPreset preset, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return new SyntheticGraph(new SyntheticWorld(preset, seed));
    }

    /// <summary>The preset it was made from.</summary>
    public SyntheticPreset Preset => _world.Preset;

    /// <summary>The seed it was made from.</summary>
    public ulong Seed => _world.Seed;

    /// <summary>The number of organisations (enterprises, universities, institutes, government bodies).</summary>
    public int OrganizationCount => _world.Organizations;

    /// <summary>The <c>source</c> every generated link carries.</summary>
    public string Source => $"synthetic:{Preset.Name}:{Seed}";

    /// <summary>Every node: regions and fields first, then organisations, then the rest.</summary>
    public IEnumerable<NodeInput> Nodes()
    {
        foreach (var region in ReferenceNodes.Regions()) yield return region;
        foreach (var field in ReferenceNodes.Fields()) yield return field;
        var w = _world;
        for (var e = 0; e < w.Enterprises; e++) yield return Enterprise(e);
        for (var a = 0; a < w.Academics; a++) yield return Academic(a);
        for (var g = 0; g < w.GovernmentKeys.Count; g++) yield return Government(g);
        for (var p = 0; p < w.Platforms.Length; p++) yield return Platform(p);
        for (var c = 0; c < w.Consortia.Length; c++) yield return Consortium(c);
        for (var c = 0; c < w.Challenges.Length; c++) yield return Challenge(c);
        for (var p = 0; p < w.Projects.Length; p++) yield return Project(p);
        for (var a = 0; a < w.Achievements.Length; a++) yield return Achievement(a);
        for (var p = 0; p < w.Persons.Length; p++) yield return Person(p);
        for (var p = 0; p < w.Platforms.Length; p++)
        {
            foreach (var instrument in Instruments(p)) yield return instrument;
        }
        foreach (var c in Diagnosed())
        {
            if (TeamOf(c) == c) yield return DiagnosisTeam(c);
            yield return DiagnosisReport(c);
            yield return TechnologyProblem(c);
        }
    }

    /// <summary>Every link, streamed: structural links first (groups, platforms, consortia, holdings, people), then 2015–2026 year by year.</summary>
    public IEnumerable<LinkInput> Links() => new SyntheticLinks(_world, new SyntheticIds(_world), Source).Generate().Concat(DiagnosisLinks());

    /// <summary>Every node then every link as upserts, for <see cref="IGraphStore.ImportAsync"/>.</summary>
    public IEnumerable<WriteOperation> Operations() =>
        Nodes().Select(n => (WriteOperation)new WriteOperation.UpsertNode(n))
            .Concat(Links().Select(l => (WriteOperation)new WriteOperation.UpsertLink(l)));

    SyntheticRandom Random(string purpose, int index) => new(_world.Seed, SyntheticRandom.Stream(purpose, index));

    string FieldCode(byte field) => _world.FieldList[field].Code;
    string FieldName(byte field) => _world.FieldList[field].Name;

    static PropertyBag Bag(params (string Name, object? Value)[] values) => PropertyBag.Of([.. values, ("example", true)]);

    NodeInput Enterprise(int e)
    {
        var w = _world;
        var random = Random("enterprise-detail", e);
        var size = (EnterpriseSizeClass)w.Size[e];
        var (employees, revenue) = size switch
        {
            EnterpriseSizeClass.Large => ((long)random.LogUniform(1000, 30000), random.LogUniform(40000, 2_000_000)),
            EnterpriseSizeClass.Medium => ((long)random.LogUniform(300, 1000), random.LogUniform(2000, 40000)),
            // One small enterprise in five has the revenue of a medium one but too few employees.
            EnterpriseSizeClass.Small => ((long)random.LogUniform(20, 300), random.Chance(0.2) ? random.LogUniform(2000, 20000) : random.LogUniform(300, 2000)),
            _ => ((long)random.LogUniform(1, 20), random.LogUniform(10, 1500)),
        };
        var revenueWan = Math.Round((decimal)revenue, 1);
        var industrial = random.Chance(0.6);
        double[] rdChance = [0.2, 0.4, 0.6, 0.85];
        var hasRd = w.HighTech[e] || random.Chance(rdChance[(int)size]);
        var rd = hasRd ? Math.Round(revenueWan * (decimal)random.Uniform(0.005, 0.06), 1) : 0m;
        double[] stateOwnedChance = [0.005, 0.02, 0.08, 0.2];
        var techSme = size != EnterpriseSizeClass.Large && w.TechEnterprise[e] && (!w.HighTech[e] || random.Chance(0.5));
        var patents = random.Geometric((w.HighTech[e] ? 3.0 : 0.3) * ((int)size + 1));
        var properties = Bag(
            ("region", w.OrgRegion[e]),
            ("fields", w.SecondField[e] == byte.MaxValue ? [FieldCode(w.OrgField[e])] : new[] { FieldCode(w.OrgField[e]), FieldCode(w.SecondField[e]) }),
            ("employees", employees),
            ("revenue", revenueWan),
            ("rdExpenditure", rd),
            ("dataYear", 2025L),
            ("hasRdActivity", hasRd),
            ("aboveDesignatedSize", EnterpriseSize.IsAboveDesignatedSize(industrial, revenueWan)),
            ("sizeClass", EnterpriseSize.Classify(employees, revenueWan).ToString()),
            ("industrial", industrial),
            ("stateOwned", random.Chance(stateOwnedChance[(int)size])),
            ("highTech", w.HighTech[e]),
            ("techSme", techSme),
            ("gazelle", w.TechEnterprise[e] && size is EnterpriseSizeClass.Small or EnterpriseSizeClass.Medium && random.Chance(0.05)),
            ("unicorn", w.HighTech[e] && size >= EnterpriseSizeClass.Medium && random.Chance(0.003)),
            ("inventionPatents", (long)patents),
            ("foundedOn", random.DayOf(random.Between(1985, 2023))),
            ("website", random.Chance(0.25) ? $"https://e{e}.example.com" : null),
            ("description", random.Chance(0.15) ? $"主营{FieldName(w.OrgField[e])}" : null));
        var (name, alias) = EnterpriseName(e);
        return new NodeInput(NodeKind.Enterprise, SyntheticIds.CreditCodeOf(w, e), name, Aliases: alias is null ? [] : [alias], Properties: properties);
    }

    string Brand(int e)
    {
        var random = Random("enterprise-name", e);
        return SyntheticNames.Brand(ref random);
    }

    /// <summary>An enterprise's name: place, brand (its group's, for a subsidiary), industry, legal form; a group's short name as alias.</summary>
    (string Name, string? Alias) EnterpriseName(int e)
    {
        var w = _world;
        var random = Random("enterprise-name", e);
        var brand = SyntheticNames.Brand(ref random);
        if (w.Parent[e] >= 0) brand = Brand(w.Parent[e]);
        var place = SyntheticNames.PlaceOf(w.OrgRegion[e]!);
        var industry = FieldName(w.OrgField[e]);
        if (w.GroupParent[e])
            return ($"{place}{brand}{industry}{(random.Chance(0.5) ? "集团有限公司" : "集团股份有限公司")}", $"{brand}集团");
        return ($"{place}{brand}{industry}{random.Pick(SyntheticNames.EnterpriseSuffixes)}", null);
    }

    NodeInput Academic(int a)
    {
        var w = _world;
        var org = w.AcademicStart + a;
        var random = Random("academic-detail", a);
        var region = w.OrgRegion[org];
        var locality = region is null ? "Abroad" : w.InHomeProvince(org) ? "InRegion" : "OutOfRegion";
        var properties = Bag(
            ("region", region),
            ("fields", w.AcademicFields[a].Select(FieldCode).ToArray()),
            ("locality", locality),
            ("country", w.AcademicCountry[a]),
            ("website", random.Chance(0.5) ? $"https://a{a}.example.edu" : null),
            ("description", random.Chance(0.3) ? $"学科方向：{string.Join("、", w.AcademicFields[a].Select(FieldName))}" : null));
        return new NodeInput(w.KindOf(org), SyntheticIds.AcademicKey(w, org), w.AcademicNames[a], Properties: properties);
    }

    NodeInput Government(int g)
    {
        var w = _world;
        return new NodeInput(NodeKind.GovernmentBody, w.GovernmentKeys[g], w.GovernmentNames[g],
            Properties: Bag(("region", w.GovernmentRegions[g]), ("level", w.GovernmentLevels[g])));
    }

    /// <summary>An organisation's name, as platforms and consortia are named after it.</summary>
    string OrganizationName(int org)
    {
        var w = _world;
        if (w.IsEnterprise(org)) return EnterpriseName(org).Name;
        if (w.IsAcademic(org)) return w.AcademicNames[org - w.AcademicStart];
        return w.GovernmentNames[org - w.GovernmentStart];
    }

    NodeInput Platform(int p)
    {
        var w = _world;
        var seed = w.Platforms[p];
        var owner = seed.Host >= 0 ? seed.Host : seed.Leader;
        var type = GraphCatalog.PlatformTypes.First(t => t.Name == seed.Type).Chinese;
        var name = seed.Type == "TechnologyInnovationCenter"
            ? $"{Regions.Find(w.OrgRegion[owner]!)?.Name}{FieldName(seed.Field)}技术创新中心{(seed.Status == "UnderConstruction" ? "（筹）" : "")}"
            : $"{OrganizationName(owner)}{FieldName(seed.Field)}{type}";
        var properties = Bag(
            ("region", w.OrgRegion[owner]),
            ("fields", new[] { FieldCode(seed.Field) }),
            ("platformType", seed.Type),
            ("level", seed.Level),
            ("status", seed.Status),
            ("statusDate", seed.StatusDate),
            ("establishedOn", seed.Established));
        if (seed.Host >= 0 && w.IsEnterprise(seed.Host))
            properties = PlatformFacts.WithFilingFacts(properties, p);
        if (seed.Type == "TechnologyInnovationCenter")
            properties = PlatformFacts.WithCentreLifecycle(properties, seed);
        return new NodeInput(NodeKind.Platform, SyntheticIds.PlatformKey(p), name, Properties: properties);
    }

    NodeInput Consortium(int c)
    {
        var w = _world;
        var seed = w.Consortia[c];
        var place = SyntheticNames.PlaceOf(w.OrgRegion[seed.Lead]!);
        var name = $"{place}{FieldName(seed.Field)}{(seed.Alliance ? "产业技术创新联盟" : "创新联合体")}";
        var properties = Bag(
            ("region", w.OrgRegion[seed.Lead]),
            ("fields", new[] { FieldCode(seed.Field) }),
            ("consortiumType", seed.Alliance ? "IndustryAlliance" : "InnovationConsortium"),
            ("establishedOn", seed.Established));
        return new NodeInput(NodeKind.Consortium, SyntheticIds.ConsortiumKey(c), name, Properties: properties);
    }

    string Topic(string purpose, int index, byte field, string ending)
    {
        var random = Random(purpose, index);
        return $"{random.Pick(SyntheticNames.TopicWords)}{FieldName(field)}{random.Pick(SyntheticNames.Processes)}{ending}";
    }

    string AchievementTitle(int a) => Topic("achievement-title", a, _world.Achievements[a].Field, "技术");

    NodeInput Challenge(int c)
    {
        var w = _world;
        var seed = w.Challenges[c];
        var name = seed.Breakthrough ? Topic("challenge-title", c, seed.Field, "关键技术攻关") : $"{AchievementTitle(seed.Achievement)}成果转化";
        var properties = Bag(
            ("region", w.OrgRegion[seed.Poster]),
            ("fields", new[] { FieldCode(seed.Field) }),
            ("challengeKind", seed.Breakthrough ? "TechnologyBreakthrough" : "AchievementTransformation"),
            ("status", seed.Status),
            ("budget", seed.Budget),
            ("publicFunding", seed.PublicFunding),
            ("postedOn", seed.PostedOn),
            // Applications are taken from the day it is posted (揭榜申报), so an applicant's date falls in the window.
            ("applyingOn", seed.HasApplicants ? seed.PostedOn : null),
            ("deadline", seed.Deadline));
        return new NodeInput(NodeKind.Challenge, SyntheticIds.ChallengeKey(c), name, Properties: properties);
    }

    NodeInput Project(int p)
    {
        var w = _world;
        var seed = w.Projects[p];
        var properties = Bag(
            ("region", w.OrgRegion[seed.Lead]),
            ("fields", new[] { FieldCode(seed.Field) }),
            ("programme", seed.Programme),
            ("totalFunding", seed.Total),
            ("publicFunding", seed.Public),
            ("startOn", seed.Start),
            ("endOn", seed.End));
        return new NodeInput(NodeKind.Project, SyntheticIds.ProjectKey(p), Topic("project-title", p, seed.Field, "研究与示范"), Properties: properties);
    }

    NodeInput Achievement(int a)
    {
        var w = _world;
        var seed = w.Achievements[a];
        var properties = Bag(
            ("region", w.OrgRegion[seed.Holder]),
            ("fields", new[] { FieldCode(seed.Field) }),
            ("achievementType", seed.Type),
            ("publishedOn", seed.Published));
        return new NodeInput(NodeKind.Achievement, SyntheticIds.AchievementKey(a), AchievementTitle(a), Properties: properties);
    }

    NodeInput Person(int p)
    {
        var w = _world;
        var seed = w.Persons[p];
        var random = Random("person", p);
        var name = SyntheticNames.Person(ref random);
        // 003: commissioners are commissioned; about one in six of the others is a trained technology manager.
        var role = seed.Commissioner ? "Commissioner" : random.Chance(0.15) ? "TechnologyManager" : null;
        var properties = Bag(
            ("region", w.OrgRegion[seed.Employer]),
            ("fields", new[] { FieldCode(w.OrgField[seed.Employer]) }),
            ("title", seed.Title),
            ("serviceRole", role));
        return new NodeInput(NodeKind.Person, SyntheticIds.PersonKey(p), name, Properties: properties);
    }

    static readonly string[] InstrumentNames = ["扫描电子显微镜", "液相色谱质谱联用仪", "X射线衍射仪", "核磁共振波谱仪", "激光共聚焦显微镜", "三坐标测量机", "电感耦合等离子体质谱仪"];

    // A platform's research instruments (000): up to three, of 10 to 800 万元, most shared on the sharing platform.
    IEnumerable<NodeInput> Instruments(int p)
    {
        var w = _world;
        var seed = w.Platforms[p];
        var random = Random("instrument", p);
        var count = random.Chance(0.4) ? random.Between(1, 3) : 0;
        for (var i = 0; i < count; i++)
        {
            var status = random.Chance(0.6) ? "Shared" : random.Chance(0.75) ? "NotShared" : "Suspended";
            var properties = Bag(
                ("region", w.OrgRegion[seed.Host >= 0 ? seed.Host : seed.Leader]),
                ("fields", new[] { FieldCode(seed.Field) }),
                ("platform", SyntheticIds.PlatformKey(p)),
                ("value", Math.Round((decimal)random.LogUniform(10, 800), 1)),
                ("sharingStatus", status));
            var name = InstrumentNames[random.Between(0, InstrumentNames.Length - 1)];
            yield return new NodeInput(NodeKind.Instrument, $"{SyntheticIds.PlatformKey(p)}-i{i + 1}", name, Properties: properties);
        }
    }

    // 一业一团 (001): every tenth 技术攻关类 challenge comes from a diagnosis of its poster's industry and region — a team
    // formed 90 days and a report written 30 days before it was posted, whose problem it was posted for.
    IEnumerable<int> Diagnosed() =>
        _world.Persons.Length == 0 ? [] : Enumerable.Range(0, _world.Challenges.Length).Where(c => c % 10 == 0 && _world.Challenges[c].Breakthrough);

    static readonly DateOnly FirstDay = new(SyntheticWorld.FirstYear, 1, 1);

    DateOnly Before(int c, int days) => _world.Challenges[c].PostedOn.AddDays(-days) is var day && day >= FirstDay ? day : FirstDay;

    static string DiagnosisKey(string prefix, int c) => $"{prefix}{c:D6}";

    NodeInput DiagnosisTeam(int c)
    {
        var seed = _world.Challenges[c];
        return new NodeInput(NodeKind.DiagnosisTeam, DiagnosisKey("T", c), $"{FieldName(seed.Field)}产业诊断团队{c}", Properties: Bag(
            ("region", _world.OrgRegion[seed.Poster]), ("fields", new[] { FieldCode(seed.Field) }), ("formedOn", TeamFormedOn(c))));
    }

    // 一业一团: one team per industry and region. The diagnosed challenges of one industry in one region share the team
    // of the first of them, formed before the earliest of their reports.
    int TeamOf(int c) => Teams()[IndustryOf(c)].Team;

    /// <summary>When the team of diagnosed challenge <paramref name="c"/> was formed.</summary>
    DateOnly TeamFormedOn(int c) => Teams()[IndustryOf(c)].FormedOn;

    (string? Region, int Field) IndustryOf(int c) => (_world.OrgRegion[_world.Challenges[c].Poster], _world.Challenges[c].Field);

    // Every team and its formation date in one pass over the diagnosed challenges.
    Dictionary<(string? Region, int Field), (int Team, DateOnly FormedOn)> Teams()
    {
        if (_teams is null)
        {
            _teams = [];
            foreach (var c in Diagnosed())
            {
                var formedOn = Before(c, 90);
                var industry = IndustryOf(c);
                _teams[industry] = _teams.TryGetValue(industry, out var team)
                    ? (team.Team, formedOn < team.FormedOn ? formedOn : team.FormedOn)
                    : (c, formedOn);
            }
        }
        return _teams;
    }

    Dictionary<(string? Region, int Field), (int Team, DateOnly FormedOn)>? _teams;

    NodeInput DiagnosisReport(int c)
    {
        var seed = _world.Challenges[c];
        return new NodeInput(NodeKind.DiagnosisReport, DiagnosisKey("R", c), $"{FieldName(seed.Field)}产业创新诊断报告{c}", Properties: Bag(
            ("region", _world.OrgRegion[seed.Poster]), ("fields", new[] { FieldCode(seed.Field) }), ("reportedOn", Before(c, 30)),
            ("bottlenecks", new[] { Topic("diagnosis-bottleneck", c, seed.Field, "瓶颈") })));
    }

    NodeInput TechnologyProblem(int c)
    {
        var seed = _world.Challenges[c];
        return new NodeInput(NodeKind.TechnologyProblem, DiagnosisKey("Q", c), Topic("challenge-title", c, seed.Field, "关键技术难题"), Properties: Bag(
            ("region", _world.OrgRegion[seed.Poster]), ("fields", new[] { FieldCode(seed.Field) })));
    }

    IEnumerable<LinkInput> DiagnosisLinks()
    {
        var ids = new SyntheticIds(_world);
        foreach (var c in Diagnosed())
        {
            var team = NodeId.Of(NodeKind.DiagnosisTeam, DiagnosisKey("T", TeamOf(c)));
            var report = NodeId.Of(NodeKind.DiagnosisReport, DiagnosisKey("R", c));
            var problem = NodeId.Of(NodeKind.TechnologyProblem, DiagnosisKey("Q", c));
            var person = c % _world.Persons.Length;
            if (TeamOf(c) == c)
            {
                yield return new LinkInput(LinkType.ServesOn, SyntheticIds.Person(person), team, StartDate: TeamFormedOn(c), Source: Source,
                    Properties: PropertyBag.Of(("role", "Leader"), ("organization", ids.Organization(_world.Persons[person].Employer))));
            }
            yield return new LinkInput(LinkType.Diagnosed, team, report, StartDate: Before(c, 30), Source: Source);
            yield return new LinkInput(LinkType.Identifies, report, problem, StartDate: Before(c, 30), Source: Source);
            yield return new LinkInput(LinkType.PostedAs, problem, SyntheticIds.Challenge(c), StartDate: _world.Challenges[c].PostedOn, Source: Source);
        }
    }
}
