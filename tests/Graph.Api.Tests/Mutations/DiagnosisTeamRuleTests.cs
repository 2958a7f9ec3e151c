using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>
/// 一业一团 (one diagnosis team per industry — its first field — and region) holds whichever mutation writes a team, not
/// only <c>formDiagnosisTeam</c>: a generic upsert or patch, a batch judged as a whole, an admin's write.
/// </summary>
public abstract class DiagnosisTeamRuleTests(TestStore store)
{
    // 柳州市's new-energy-vehicle team, formed before the test.
    static readonly NodeInput Team = new(NodeKind.DiagnosisTeam, "lz-nev", "柳州市新能源汽车产业诊断团队", Properties: PropertyBag.Of(
        ("region", "450200"), ("fields", new[] { "new-energy-vehicles" }), ("formedOn", Day(2024, 3, 1)), ("example", true)));

    const string Expected = "一业一团: 450200 柳州市 already has the team 'lz-nev' (柳州市新能源汽车产业诊断团队) for the industry new-energy-vehicles 新能源汽车";

    static string Admin => KnowledgeGraphApplication.TokenFor("admin");
    static string Editor => KnowledgeGraphApplication.TokenFor("editor");

    const string Upsert = """
        mutation($key: String!, $region: String!, $fields: [String!]) {
          upsertDiagnosisTeam(input: { key: $key, name: "柳州市第二新能源汽车诊断团队", region: $region, fields: $fields }) { dataVersion }
        }
        """;
    const string ApplyBatch = "mutation($operations: [BatchOperationInput!]!) { applyBatch(operations: $operations) { dataVersion } }";

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Team);
        return app;
    }

    static Task<(string? Code, string Message, string? Path)> RefusedAsync(PolicyApplication app, string mutation, string token, object variables) =>
        RuleAuditTests.RefusedAsync(app, mutation, token, variables);

    [StoreFact]
    public async Task ASecondTeamForTheSameIndustryAndRegionIsRefusedToTheGenericUpsertEvenForAnAdmin()
    {
        await using var app = await StartAsync();

        var editor = await RefusedAsync(app, Upsert, Editor, new { key = "lz-nev-2", region = "450200", fields = new[] { "new-energy-vehicles" } });
        var admin = await RefusedAsync(app, Upsert, Admin, new { key = "lz-nev-2", region = "450200", fields = new[] { "new-energy-vehicles", "automotive" } });

        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION"), (editor.Code, admin.Code));
        Assert.Contains(Expected, editor.Message);
        Assert.Contains(Expected, admin.Message);
        Assert.Equal("""["input"]""", editor.Path);
        Assert.Null(await app.GraphStore.GetNodeAsync("DiagnosisTeam:lz-nev-2"));
        // Another region, or another industry first (its own), is a team of its own.
        PolicyApplication.Ok(await app.PostAsync(Upsert, new { key = "nn-nev", region = "450100", fields = new[] { "new-energy-vehicles" } }, token: Editor));
        PolicyApplication.Ok(await app.PostAsync(Upsert, new { key = "lz-auto", region = "450200", fields = new[] { "automotive", "new-energy-vehicles" } }, token: Editor));
    }

    [StoreFact]
    public async Task APatchOrABatchThatLeavesTwoTeamsForOneIndustryIsRefusedAtTheWriteThatDoesIt()
    {
        await using var app = await StartAsync();
        PolicyApplication.Ok(await app.PostAsync(Upsert, new { key = "nn-nev", region = "450100", fields = new[] { "new-energy-vehicles" } }, token: Editor));
        var moveToLiuzhou = new { patchDiagnosisTeam = new { id = "DiagnosisTeam:nn-nev", set = new { region = "450200" } } };
        var secondInLiuzhou = new { upsertDiagnosisTeam = new { key = "lz-nev-2", name = "柳州市第二新能源汽车诊断团队", region = "450200", fields = new[] { "new-energy-vehicles" } } };

        var patched = await RefusedAsync(app, "mutation { patchDiagnosisTeam(id: \"DiagnosisTeam:nn-nev\", set: { region: \"450200\" }) { dataVersion } }", Editor, new { });
        var batch = await RefusedAsync(app, ApplyBatch, Editor, new { operations = new object[] { new { upsertPerson = new { key = "demo-li", name = "李示例", region = "450205" } }, secondInLiuzhou } });
        var moved = await RefusedAsync(app, ApplyBatch, Admin, new { operations = new object[] { moveToLiuzhou } });

        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION"), (patched.Code, batch.Code, moved.Code));
        Assert.Contains(Expected, patched.Message);
        Assert.Contains(Expected, batch.Message);
        Assert.Equal("""["operations",1,"upsertDiagnosisTeam"]""", batch.Path);
        Assert.Equal("""["operations",0,"patchDiagnosisTeam"]""", moved.Path);
        Assert.Null(await app.GraphStore.GetNodeAsync("Person:demo-li"));
        Assert.Equal("450100", (await app.GraphStore.GetNodeAsync("DiagnosisTeam:nn-nev"))!.Properties.Text("region"));
    }

    [StoreFact]
    public async Task ABatchIsJudgedAsItLeavesTheGraph()
    {
        await using var app = await StartAsync();

        // The old team gives up the industry in the same batch that forms the new one: one team per industry remains.
        var handedOver = await app.PostAsync(ApplyBatch, new
        {
            operations = new object[]
            {
                new { upsertDiagnosisTeam = new { key = "lz-nev-2", name = "柳州市新能源汽车产业诊断团队（新）", region = "450200", fields = new[] { "new-energy-vehicles" } } },
                new { patchDiagnosisTeam = new { id = Team.Id, set = new { fields = new[] { "automotive" } } } },
            },
        }, token: Editor);
        var deletedAndFormed = await app.PostAsync(ApplyBatch, new
        {
            operations = new object[]
            {
                new { upsertDiagnosisTeam = new { key = "lz-auto-2", name = "柳州市汽车产业诊断团队（新）", region = "450200", fields = new[] { "automotive" } } },
                new { deleteNode = Team.Id },
            },
        }, token: Editor);

        PolicyApplication.Ok(handedOver);
        PolicyApplication.Ok(deletedAndFormed);
        Assert.NotNull(await app.GraphStore.GetNodeAsync("DiagnosisTeam:lz-auto-2"));
        Assert.Null(await app.GraphStore.GetNodeAsync(Team.Id));
    }
}

/// <summary><see cref="DiagnosisTeamRuleTests"/> on the embedded store.</summary>
public sealed class SqliteDiagnosisTeamRuleTests() : DiagnosisTeamRuleTests(TestStore.Sqlite);

/// <summary><see cref="DiagnosisTeamRuleTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jDiagnosisTeamRuleTests() : DiagnosisTeamRuleTests(TestStore.Neo4j);
