using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>结对子 through GraphQL: pairing, ending, and coverage against the 1,000 target of 003.</summary>
public abstract class PairingTests(TestStore store)
{
    static readonly NodeInput Parts = Enterprise(21, "柳州示例汽车零部件有限公司");
    static readonly NodeInput Sugar = Enterprise(22, "崇左示例糖业有限公司", "451400");
    static readonly NodeInput Tech = University("demo-tech", "示例理工大学");

    const string Coverage = "query($on: Date, $region: String) { pairingCoverage(on: $on, region: $region) { pairedEnterprises activePairings gap target { value year seed } } }";

    [StoreFact]
    public async Task PairingsCountTowardsTheThousandTargetWhileInForce()
    {
        await using var app = new PolicyApplication(store);
        await app.SeedAsync(Parts, Sugar, Tech);
        const string Pair = "mutation($e: ID!, $p: ID!, $on: Date!) { createPairing(enterpriseId: $e, partnerId: $p, startOn: $on) { id startDate endDate enterprise { id } } }";
        const string End = "mutation($e: ID!, $p: ID!, $on: Date!) { endPairing(enterpriseId: $e, partnerId: $p, endOn: $on) { endDate } }";

        var created = PolicyApplication.Ok(await app.EditAsync(Pair, new { e = Parts.Id, p = Tech.Id, on = "2022-03-01" }))["createPairing"]!;
        PolicyApplication.Ok(await app.EditAsync(Pair, new { e = Sugar.Id, p = Tech.Id, on = "2023-01-01" }));
        var ended = PolicyApplication.Ok(await app.EditAsync(End, new { e = Parts.Id, p = Tech.Id, on = "2023-12-31" }))["endPairing"]!;

        var during = PolicyApplication.Ok(await app.PostAsync(Coverage, new { on = "2023-12-31" }))["pairingCoverage"]!;
        var after = PolicyApplication.Ok(await app.PostAsync(Coverage, new { on = "2024-01-01" }))["pairingCoverage"]!;
        var inChongzuo = PolicyApplication.Ok(await app.PostAsync(Coverage, new { on = "2023-12-31", region = "451400" }))["pairingCoverage"]!;

        Assert.Equal(Parts.Id, created["enterprise"]!["id"]!.GetValue<string>());
        Assert.Null(created["endDate"]);
        Assert.Equal("2023-12-31", ended["endDate"]!.GetValue<string>());
        Assert.Equal(2, during["pairedEnterprises"]!.GetValue<int>());
        Assert.Equal(1000m, during["target"]!["value"]!.GetValue<decimal>());
        Assert.Equal("003", during["target"]!["seed"]!.GetValue<string>());
        Assert.Equal(998m, during["gap"]!.GetValue<decimal>());
        Assert.Equal(1, after["pairedEnterprises"]!.GetValue<int>());
        Assert.Equal(1, inChongzuo["pairedEnterprises"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task EndingAPairingThatIsNotInForceIsNotFound()
    {
        await using var app = new PolicyApplication(store);
        await app.SeedAsync(Parts, Tech);

        var (code, _) = PolicyApplication.Error(await app.EditAsync(
            "mutation($e: ID!, $p: ID!) { endPairing(enterpriseId: $e, partnerId: $p, endOn: \"2024-01-01\") { endDate } }", new { e = Parts.Id, p = Tech.Id }));

        Assert.Equal("NOT_FOUND", code);
    }

    [StoreFact]
    public async Task AnEnterpriseIsPairedOnlyWithAUniversityOrInstitute()
    {
        await using var app = new PolicyApplication(store);
        await app.SeedAsync(Parts, Sugar);

        var (code, message) = PolicyApplication.Error(await app.EditAsync(
            "mutation($e: ID!, $p: ID!) { createPairing(enterpriseId: $e, partnerId: $p, startOn: \"2024-01-01\") { id } }", new { e = Parts.Id, p = Sugar.Id }));

        Assert.Equal("INVALID_INPUT", code);
        Assert.Contains("University or ResearchInstitute", message);
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([Parts.Id], Direction.Out, [LinkType.PairedWith])));
    }
}

/// <summary><see cref="PairingTests"/> on the embedded store.</summary>
public sealed class SqlitePairingTests() : PairingTests(TestStore.Sqlite);

/// <summary><see cref="PairingTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jPairingTests() : PairingTests(TestStore.Neo4j);
