using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.People;

/// <summary>科技特派员 and 技术经理人 through GraphQL: commissioning, counting per region, pairings carried by a commissioner.</summary>
public abstract class CommissionerTests(TestStore store)
{
    static readonly NodeInput LiuzhouFirm = Enterprise(71, "柳州示例汽车零部件有限公司", "450205");
    static readonly NodeInput ChongzuoFirm = Enterprise(72, "崇左示例糖业有限公司", "451402");
    static readonly NodeInput Department = Government("demo-gxst", "示例自治区科学技术厅", "Provincial", "450000");
    static readonly NodeInput Gxu = University("demo-gxu", "示例广西大学", "450103");
    static readonly NodeInput Zhang = Person("zhang", "张示例", "450103");
    static readonly NodeInput Wang = Person("wang", "王示例", "450103");
    static readonly NodeInput Li = Person("li", "李示例", "450205", ("serviceRole", "TechnologyManager"));

    const string Commission = """
        mutation($input: CommissionInput!) { commissionPerson(input: $input) {
          id person { id name } enterprise { id } commissionedBy { id } region duty startDate endDate } }
        """;

    const string Counts = """
        query($on: Date, $region: String) { peopleCounts(on: $on, region: $region) {
          total { region commissioners commissions enterprisesServed technologyManagers }
          byRegion { region regionName commissioners commissions enterprisesServed technologyManagers } } }
        """;

    static NodeInput Person(string key, string name, string region, params (string Name, object? Value)[] properties)
    {
        var bag = PropertyBag.Of(("region", region), ("example", true));
        foreach (var (property, value) in properties) bag = bag.With(property, value);
        return new NodeInput(NodeKind.Person, key, name, Properties: bag);
    }

    static object Input(NodeInput person, NodeInput enterprise, NodeInput by, string startOn, string? endOn = null, string? region = null) =>
        new { input = new { personId = person.Id, enterpriseId = enterprise.Id, commissionedById = by.Id, startOn, endOn, region, duty = "技术诊断与工艺改进" } };

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(LiuzhouFirm, ChongzuoFirm, Department, Gxu, Zhang, Wang, Li);
        return app;
    }

    static int Count(System.Text.Json.Nodes.JsonNode counts, string region, string column) =>
        counts["byRegion"]!.AsArray().Single(r => r!["region"]!.GetValue<string>() == region)![column]!.GetValue<int>();

    [StoreFact]
    public async Task TheDepartmentCommissionsExpertsAndCountsThemPerCityWhileTheyServe()
    {
        await using var app = await StartAsync();

        var first = PolicyApplication.Ok(await app.EditAsync(Commission, Input(Zhang, LiuzhouFirm, Department, "2024-01-01", "2025-12-31")))["commissionPerson"]!;
        PolicyApplication.Ok(await app.EditAsync(Commission, Input(Wang, ChongzuoFirm, Gxu, "2024-03-01")));
        PolicyApplication.Ok(await app.EditAsync(Commission, Input(Zhang, ChongzuoFirm, Department, "2024-06-01")));

        var during = PolicyApplication.Ok(await app.PostAsync(Counts, new { on = "2025-01-01" }))["peopleCounts"]!;
        var after = PolicyApplication.Ok(await app.PostAsync(Counts, new { on = "2026-01-01" }))["peopleCounts"]!;
        var liuzhou = PolicyApplication.Ok(await app.PostAsync(Counts, new { on = "2025-01-01", region = "450200" }))["peopleCounts"]!;

        Assert.Equal(Department.Id, first["commissionedBy"]!["id"]!.GetValue<string>());
        Assert.Equal("450205", first["region"]!.GetValue<string>());
        Assert.Equal("2025-12-31", first["endDate"]!.GetValue<string>());
        var total = during["total"]!;
        Assert.Equal((2, 3, 2, 1), (total["commissioners"]!.GetValue<int>(), total["commissions"]!.GetValue<int>(),
            total["enterprisesServed"]!.GetValue<int>(), total["technologyManagers"]!.GetValue<int>()));
        Assert.Equal(1, Count(during, "450200", "commissioners"));
        Assert.Equal(1, Count(during, "450200", "technologyManagers"));
        Assert.Equal(2, Count(during, "451400", "commissioners"));
        Assert.Equal(0, Count(during, "450100", "commissioners"));
        Assert.Equal(0, Count(after, "450200", "commissioners"));
        Assert.Equal(2, Count(after, "451400", "commissions"));
        Assert.Equal("450200", liuzhou["total"]!["region"]!.GetValue<string>());
        Assert.Equal(1, Count(liuzhou, "450205", "commissioners"));
    }

    [StoreFact]
    public async Task AnOverlappingCommissionOfTheSameTwoIsAConflictAndWritesNothing()
    {
        await using var app = await StartAsync();
        PolicyApplication.Ok(await app.EditAsync(Commission, Input(Zhang, LiuzhouFirm, Department, "2024-01-01", "2025-12-31")));

        var again = PolicyApplication.Ok(await app.EditAsync(Commission, Input(Zhang, LiuzhouFirm, Department, "2024-01-01", "2025-12-31")));
        var (code, message) = PolicyApplication.Error(await app.EditAsync(Commission, Input(Zhang, LiuzhouFirm, Department, "2025-06-01")));

        Assert.Equal("CONFLICT", code);
        Assert.Contains("already commissioned", message);
        Assert.Single(await app.GraphStore.GetLinksAsync(new([Zhang.Id], Direction.Out, [LinkType.CommissionedTo])));
        Assert.Equal("2024-01-01", again["commissionPerson"]!["startDate"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task OnlyAGovernmentBodyUniversityOrInstituteCommissions()
    {
        await using var app = await StartAsync();

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Commission, Input(Zhang, LiuzhouFirm, ChongzuoFirm, "2024-01-01")));
        var (backwards, _) = PolicyApplication.Error(await app.EditAsync(Commission, Input(Zhang, LiuzhouFirm, Department, "2024-01-01", "2023-12-31")));

        Assert.Equal("INVALID_INPUT", code);
        Assert.Contains("GovernmentBody or University or ResearchInstitute", message);
        Assert.Equal("INVALID_INPUT", backwards);
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([Zhang.Id], Direction.Out, [LinkType.CommissionedTo])));
    }

    [StoreFact]
    public async Task APairingNamesTheCommissionerWhoCarriesItButOnlyOneServingTheEnterprise()
    {
        await using var app = await StartAsync();
        PolicyApplication.Ok(await app.EditAsync(Commission, Input(Zhang, LiuzhouFirm, Department, "2024-01-01")));
        const string Pair = "mutation($e: ID!, $p: ID!, $c: ID) { createPairing(enterpriseId: $e, partnerId: $p, startOn: \"2024-05-01\", commissionerId: $c) { id commissioner { id name } } }";

        var carried = PolicyApplication.Ok(await app.EditAsync(Pair, new { e = LiuzhouFirm.Id, p = Gxu.Id, c = Zhang.Id }))["createPairing"]!;
        var (code, message) = PolicyApplication.Error(await app.EditAsync(Pair, new { e = ChongzuoFirm.Id, p = Gxu.Id, c = Zhang.Id }));

        Assert.Equal("张示例", carried["commissioner"]!["name"]!.GetValue<string>());
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("is not commissioned to", message);
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([ChongzuoFirm.Id], Direction.Out, [LinkType.PairedWith])));

        // The generic link mutation writes the same pairing: the same rule holds there.
        var (generic, genericMessage) = PolicyApplication.Error(await app.EditAsync(
            "mutation($e: ID!, $p: ID!, $c: String) { linkPairedWith(input: { from: $e, to: $p, startDate: \"2024-05-01\", commissioner: $c }) { dataVersion } }",
            new { e = ChongzuoFirm.Id, p = Gxu.Id, c = Zhang.Key }));
        Assert.Equal("RULE_VIOLATION", generic);
        Assert.Contains("is not commissioned to", genericMessage);
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([ChongzuoFirm.Id], Direction.Out, [LinkType.PairedWith])));
    }

    [StoreFact]
    public async Task LiuzhouStaffCommissionToLiuzhouEnterprisesOnlyAndEndTheCommission()
    {
        await using var app = await StartAsync();
        var liuzhouEditor = KnowledgeGraphApplication.ScopedTokenFor(["450200"], "editor");
        const string End = "mutation($p: ID!, $e: ID!) { endCommission(personId: $p, enterpriseId: $e, endOn: \"2024-12-31\") { endDate } }";

        var inside = await app.PostAsync(Commission, Input(Zhang, LiuzhouFirm, Department, "2024-01-01"), token: liuzhouEditor);
        var outside = await app.PostAsync(Commission, Input(Wang, ChongzuoFirm, Department, "2024-01-01"), token: liuzhouEditor);
        var ended = PolicyApplication.Ok(await app.PostAsync(End, new { p = Zhang.Id, e = LiuzhouFirm.Id }, token: liuzhouEditor))["endCommission"]!;
        var (notInForce, _) = PolicyApplication.Error(await app.EditAsync(End, new { p = Wang.Id, e = ChongzuoFirm.Id }));

        PolicyApplication.Ok(inside);
        Assert.Equal("FORBIDDEN", PolicyApplication.Error(outside).Code);
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([Wang.Id], Direction.Out, [LinkType.CommissionedTo])));
        Assert.Equal("2024-12-31", ended["endDate"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", notInForce);
    }
}

/// <summary><see cref="CommissionerTests"/> on the embedded store.</summary>
public sealed class SqliteCommissionerTests() : CommissionerTests(TestStore.Sqlite);

/// <summary><see cref="CommissionerTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jCommissionerTests() : CommissionerTests(TestStore.Neo4j);
