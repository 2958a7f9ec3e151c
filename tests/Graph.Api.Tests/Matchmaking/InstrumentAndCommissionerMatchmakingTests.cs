using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using Serilog.Events;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Matchmaking;

/// <summary>
/// Shared large instruments (000) as capability and tech commissioners (003) as introducers in recommendPartners, each
/// changing the answer right after the write that records it, with the index following the journal (never rebuilt).
/// </summary>
public abstract class InstrumentAndCommissionerMatchmakingTests(TestStore store)
{
    // Two universities alike in every way the score sees; 示例乙大学 hosts a testing centre (not itself capability).
    static readonly NodeInput Firm = Enterprise(81, "柳州示例工程机械有限公司", "450205", ("fields", new[] { "construction-machinery" }));
    static readonly NodeInput Other = Enterprise(82, "玉林示例动力有限公司", "450902", ("fields", new[] { "internal-combustion-engines" }));
    static readonly NodeInput UniversityA = Fielded("demo-a-univ", "示例甲大学");
    static readonly NodeInput UniversityB = Fielded("demo-b-univ", "示例乙大学");
    static readonly NodeInput Centre = new(NodeKind.Platform, "demo-b-testing", "示例乙大学机械检测中心",
        Properties: PropertyBag.Of(("region", "450103"), ("fields", new[] { "machinery" }), ("platformType", "InspectionTestingCenter"), ("example", true)));
    static readonly NodeInput Department = Government("demo-gxst", "示例自治区科学技术厅", "Provincial", "450000");
    static readonly NodeInput Zhou = new(NodeKind.Person, "zhou", "周示例", Properties: PropertyBag.Of(("region", "450103"), ("example", true)));
    static readonly NodeInput Qian = new(NodeKind.Person, "qian", "钱示例", Properties: PropertyBag.Of(("region", "450205"), ("example", true)));

    static NodeInput Fielded(string key, string name) =>
        new(NodeKind.University, key, name, Properties: PropertyBag.Of(("region", "450103"), ("fields", new[] { "machinery" }), ("example", true)));

    const string Recommend = """
        query($for: ID!) { recommendPartners(for: $for, kinds: [UNIVERSITY], limit: 5) {
          organization { id } parts { capability } explanation explanationEn
          evidence { instruments { instrument { id name } value field { id } } }
          commissioners { id name } } }
        """;

    const string Register = """
        mutation($input: RegisterInstrumentInput!) { registerInstrument(input: $input) { sharedLarge instrument { id region { key } platform { id } value sharingStatus fields { key } } } }
        """;

    const string Commission = "mutation($input: CommissionInput!) { commissionPerson(input: $input) { id } }";

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Firm, Other, UniversityA, UniversityB, Centre, Department, Zhou, Qian,
            Link(LinkType.Hosts, UniversityB, Centre), Link(LinkType.EmployedBy, Zhou, UniversityA, Day(2020, 1, 1)));
        return app;
    }

    static async Task<JsonArray> RecommendAsync(PolicyApplication app) =>
        PolicyApplication.Ok(await app.PostAsync(Recommend, new { @for = Firm.Id }))["recommendPartners"]!.AsArray();

    static JsonNode Entry(JsonArray partners, NodeInput university) =>
        partners.Single(p => p!["organization"]!["id"]!.GetValue<string>() == university.Id)!;

    static string First(JsonArray partners) => partners[0]!["organization"]!["id"]!.GetValue<string>();

    static object Instrument(string key, decimal value, string sharingStatus) =>
        new { input = new { key, name = "场发射扫描电子显微镜", platformId = Centre.Id, value, sharingStatus } };

    static int Builds(KnowledgeGraphApplication app) =>
        app.Logs.Events.Count(e => e.MessageTemplate.Text.StartsWith("View {View} built", StringComparison.Ordinal)
            && e.Properties["View"] is ScalarValue { Value: "matchmaking index" });

    [StoreFact]
    public async Task ASharedInstrumentOfFiftyWanOrMoreCountsAsCapabilityFromTheMomentItIsRegistered()
    {
        await using var app = await StartAsync();
        var before = await RecommendAsync(app);

        var small = PolicyApplication.Ok(await app.EditAsync(Register, Instrument("sem-001", 49.9m, "SHARED")))["registerInstrument"]!;
        var withSmall = await RecommendAsync(app);
        var large = PolicyApplication.Ok(await app.EditAsync(Register, Instrument("sem-002", 50m, "SHARED")))["registerInstrument"]!;
        var withLarge = await RecommendAsync(app);
        PolicyApplication.Ok(await app.EditAsync(
            "mutation($id: ID!) { changeInstrumentSharing(instrumentId: $id, status: NOT_SHARED) { sharedLarge } }", new { id = "Instrument:sem-002" }));
        var unshared = await RecommendAsync(app);

        // Alike, the two are ranked by id; the instrument of 50 万元 (及以上) puts 示例乙大学 first, with its reasons.
        Assert.Equal(UniversityA.Id, First(before));
        Assert.False(small["sharedLarge"]!.GetValue<bool>());
        Assert.Equal("450103", small["instrument"]!["region"]!["key"]!.GetValue<string>());
        Assert.Equal(Centre.Id, small["instrument"]!["platform"]!["id"]!.GetValue<string>());
        Assert.Equal("machinery", small["instrument"]!["fields"]![0]!["key"]!.GetValue<string>());
        Assert.Equal(UniversityA.Id, First(withSmall));
        Assert.Equal(0, Entry(withSmall, UniversityB)["parts"]!["capability"]!.GetValue<double>());
        Assert.True(large["sharedLarge"]!.GetValue<bool>());
        Assert.Equal(UniversityB.Id, First(withLarge));
        var b = Entry(withLarge, UniversityB);
        Assert.Equal(0.8 * 0.5 * Math.Log(2), b["parts"]!["capability"]!.GetValue<double>(), 4);
        Assert.Equal("Instrument:sem-002", Assert.Single(b["evidence"]!["instruments"]!.AsArray())!["instrument"]!["id"]!.GetValue<string>());
        Assert.Contains("在机械领域共享大型科研仪器1台（单台套原值50万元及以上，合计50万元）", b["explanation"]!.GetValue<string>());
        Assert.Contains("its platforms share 1 large research instrument (≥ 50 万元 each, 50 万元 in all) in 机械", b["explanationEn"]!.GetValue<string>());
        Assert.Equal(UniversityA.Id, First(unshared));
        Assert.Equal(1, Builds(app));
    }

    [StoreFact]
    public async Task CommissionersServingTheEnterpriseOrEmployedByThePartnerAreNamedAsIntroducers()
    {
        await using var app = await StartAsync();
        var before = await RecommendAsync(app);

        // 周示例 of 示例甲大学 serves another enterprise; 钱示例 serves the enterprise itself.
        PolicyApplication.Ok(await app.EditAsync(Commission, new { input = new { personId = Zhou.Id, enterpriseId = Other.Id, commissionedById = UniversityA.Id, startOn = "2024-01-01" } }));
        var withZhou = await RecommendAsync(app);
        PolicyApplication.Ok(await app.EditAsync(Commission, new { input = new { personId = Qian.Id, enterpriseId = Firm.Id, commissionedById = Department.Id, startOn = "2024-01-01" } }));
        var withBoth = await RecommendAsync(app);

        static List<string> Names(JsonNode entry) => entry["commissioners"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.All(before, p => Assert.Empty(p!["commissioners"]!.AsArray()));
        Assert.Equal(["周示例"], Names(Entry(withZhou, UniversityA)));
        Assert.Empty(Names(Entry(withZhou, UniversityB)));
        Assert.Equal(["钱示例", "周示例"], Names(Entry(withBoth, UniversityA)));
        Assert.Equal(["钱示例"], Names(Entry(withBoth, UniversityB)));
        Assert.Equal(1, Builds(app));
    }

    [StoreFact]
    public async Task AnInstrumentNeedsAPlatformAndAValue()
    {
        await using var app = await StartAsync();

        var (noPlatform, _) = PolicyApplication.Error(await app.EditAsync(Register,
            new { input = new { key = "x-1", name = "示例仪器", platformId = "Platform:nowhere", value = 80m } }));
        var (notPlatform, message) = PolicyApplication.Error(await app.EditAsync(Register,
            new { input = new { key = "x-2", name = "示例仪器", platformId = UniversityA.Id, value = 80m } }));
        var (noValue, _) = PolicyApplication.Error(await app.EditAsync(Register,
            new { input = new { key = "x-3", name = "示例仪器", platformId = Centre.Id, value = 0m } }));

        Assert.Equal("NOT_FOUND", noPlatform);
        Assert.Equal("INVALID_INPUT", notPlatform);
        Assert.Contains("must be a Platform", message);
        Assert.Equal("INVALID_INPUT", noValue);
        Assert.Equal(0, (await app.GraphStore.CountAsync()).Nodes.GetValueOrDefault(NodeKind.Instrument));
    }
}

/// <summary><see cref="InstrumentAndCommissionerMatchmakingTests"/> on the embedded store.</summary>
public sealed class SqliteInstrumentAndCommissionerMatchmakingTests() : InstrumentAndCommissionerMatchmakingTests(TestStore.Sqlite);

/// <summary><see cref="InstrumentAndCommissionerMatchmakingTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jInstrumentAndCommissionerMatchmakingTests() : InstrumentAndCommissionerMatchmakingTests(TestStore.Neo4j);
