using System.Text.Json.Nodes;
using static KnowledgeGraph.Api.Tests.Mutations.MutationTestData;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>Every write is checked against the domain's rules; an error has a stable code and names the argument at fault.</summary>
public abstract class WriteErrorTests(MutationApplication app) : IAsyncLifetime
{
    private const string EnterpriseId = $"Enterprise:{Liuzhou}";

    public async Task InitializeAsync()
    {
        await app.PostAsync(UpsertEnterprise, new { input = Enterprise(Liuzhou) }, token: MutationApplication.Editor);
        await app.PostAsync(UpsertUniversity, new { input = University("demo-tech-univ") }, token: MutationApplication.Editor);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonNode SingleError(GraphQLResponse response, string code, string mutation)
    {
        var error = Assert.Single(response.Errors)!;
        Assert.Equal(code, error["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal(mutation, error["path"]?[0]?.GetValue<string>());
        Assert.Null(response.Data?[mutation]);
        return error;
    }

    private static string Message(JsonNode error) => error["message"]!.GetValue<string>();

    private static List<string> ArgumentPath(JsonNode error) =>
        error["extensions"]!["argumentPath"]!.AsArray().Select(s => s!.ToJsonString().Trim('"')).ToList();

    private async Task<GraphQLResponse> WriteUnchangedAsync(string query, object variables)
    {
        var before = await app.GraphStore.GetDataVersionAsync();
        var counts = await app.GraphStore.CountAsync();
        var response = await app.PostAsync(query, variables, token: MutationApplication.Editor);
        Assert.Equal(before, await app.GraphStore.GetDataVersionAsync());
        var after = await app.GraphStore.CountAsync();
        Assert.Equal((counts.NodeTotal, counts.LinkTotal), (after.NodeTotal, after.LinkTotal));
        return response;
    }

    [StoreFact]
    public async Task AWrongCheckCharacterIsInvalidCreditCodeWithTheReason()
    {
        var response = await WriteUnchangedAsync(UpsertEnterprise, new { input = Enterprise("914403001922038217", "华为技术有限公司") });

        var error = SingleError(response, "INVALID_CREDIT_CODE", "upsertEnterprise");
        Assert.Contains("input.creditCode: ", Message(error));
        Assert.Contains("'6'", Message(error));
        Assert.Equal(["input", "creditCode"], ArgumentPath(error));
        Assert.Null(await app.GraphStore.GetNodeAsync("Enterprise:914403001922038217"));
    }

    [StoreFact]
    public async Task ARegionThatDoesNotExistIsNotFound()
    {
        var response = await WriteUnchangedAsync(UpsertEnterprise, new { input = Enterprise(Yulin, "玉林示例动力配件有限公司", ("region", "450999")) });

        var error = SingleError(response, "NOT_FOUND", "upsertEnterprise");
        Assert.Contains("input.region: '450999' is not a known region", Message(error));
        Assert.Equal(["input", "region"], ArgumentPath(error));
    }

    [StoreFact]
    public async Task AFieldThatDoesNotExistIsNotFound()
    {
        var response = await WriteUnchangedAsync(UpsertUniversity, new { input = new { key = "u1", name = "示例大学", fields = new[] { "machinery", "no-such-field" } } });

        var error = SingleError(response, "NOT_FOUND", "upsertUniversity");
        Assert.Contains("input.fields: 'no-such-field' is not a known field code", Message(error));
    }

    [StoreFact]
    public async Task AValueOutOfRangeIsInvalidInputAndEveryProblemIsListed()
    {
        var response = await WriteUnchangedAsync(UpsertEnterprise,
            new { input = Enterprise(Yulin, " 玉林示例动力配件有限公司", ("revenue", -5), ("employees", -1)) });

        var error = SingleError(response, "INVALID_INPUT", "upsertEnterprise");
        Assert.Contains("input.name: ", Message(error));
        Assert.Contains("input.revenue: -5 万元 is negative", Message(error));
        Assert.Contains("input.employees: -1 is negative", Message(error));
        Assert.Equal(["input", "name"], ArgumentPath(error));
    }

    [StoreFact]
    public async Task ALinkToANodeThatDoesNotExistIsNotFound()
    {
        var response = await WriteUnchangedAsync(LinkPairedWith, new { input = Pairing(EnterpriseId, "University:nowhere") });

        var error = SingleError(response, "NOT_FOUND", "linkPairedWith");
        Assert.Contains("input.to: there is no node University:nowhere", Message(error));
        Assert.Equal(["input", "to"], ArgumentPath(error));
    }

    [StoreFact]
    public async Task ALinkEndOfTheWrongKindIsARuleViolation()
    {
        // PAIRED_WITH goes from an enterprise to a university or institute, not the other way round.
        var response = await WriteUnchangedAsync(LinkPairedWith, new { input = Pairing("University:demo-tech-univ", EnterpriseId) });

        var error = SingleError(response, "RULE_VIOLATION", "linkPairedWith");
        Assert.Contains("input.from: PAIRED_WITH cannot have a University at its from end (allowed: Enterprise)", Message(error));
        Assert.Equal(["input", "from"], ArgumentPath(error));
    }

    [StoreFact]
    public async Task ALinkThatEndsBeforeItStartsIsInvalidInput()
    {
        var response = await WriteUnchangedAsync(LinkPairedWith,
            new { input = new { from = EnterpriseId, to = "University:demo-tech-univ", startDate = "2022-01-01", endDate = "2021-01-01" } });

        var error = SingleError(response, "INVALID_INPUT", "linkPairedWith");
        Assert.Contains("input.endDate: 2021-01-01 is before the start date 2022-01-01", Message(error));
    }

    [StoreFact]
    public async Task AnAchievementTransferredMustExist()
    {
        var response = await WriteUnchangedAsync("""
            mutation($input: TransfersInput!) { linkTransfers(input: $input) { dataVersion } }
            """, new { input = new { from = "University:demo-tech-univ", to = EnterpriseId, key = "HT-2023-7", achievement = "no-such-result", amount = 80 } });

        var error = SingleError(response, "NOT_FOUND", "linkTransfers");
        Assert.Contains("input.achievement: no Achievement with key 'no-such-result'", Message(error));
    }

    [StoreTheory]
    [InlineData("deleteNode", "University", "is not a node id")]
    [InlineData("unlink", "PAIRED_WITH|University:a", "is not a link id")]
    public async Task AnIdThatIsNotAnIdIsInvalidInput(string mutation, string id, string says)
    {
        var response = await WriteUnchangedAsync($$"""mutation($id: ID!) { {{mutation}}(id: $id) { dataVersion } }""", new { id });

        var error = SingleError(response, "INVALID_INPUT", mutation);
        Assert.Contains($"id: '{id}' {says}", Message(error));
        Assert.Equal(["id"], ArgumentPath(error));
    }

    [StoreFact]
    public async Task AnUnknownEnumValueIsRefusedBeforeExecutionNamingTheVariablePath()
    {
        var response = await WriteUnchangedAsync(UpsertUniversity, new { input = new { key = "u2", name = "示例大学", locality = "ON_THE_MOON" } });

        Assert.Equal(400, response.Status);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
        Assert.Contains("$input.locality", Message(response.Errors[0]!));
    }

    [StoreFact]
    public async Task AStaleExpectedDataVersionIsAConflictAndWritesNothing()
    {
        var current = await app.GraphStore.GetDataVersionAsync();

        var response = await WriteUnchangedAsync(UpsertEnterprise, new { input = Enterprise(Yulin, "玉林示例动力配件有限公司"), expected = current - 1 });

        var error = SingleError(response, "CONFLICT", "upsertEnterprise");
        Assert.Contains($"expected data version {current - 1}", Message(error));
        Assert.Null(await app.GraphStore.GetNodeAsync($"Enterprise:{Yulin}"));
    }

    [StoreFact]
    public async Task TheCurrentExpectedDataVersionLetsTheWriteThrough()
    {
        var current = await app.GraphStore.GetDataVersionAsync();

        var response = await app.PostAsync(UpsertEnterprise, new { input = Enterprise(Huawei, "华为技术有限公司"), expected = current }, token: MutationApplication.Editor);

        Assert.Equal([($"Enterprise:{Huawei}", "CREATED")], Changes(response.Data?["upsertEnterprise"]));
        Assert.Equal(current + 1, DataVersion(response.Data?["upsertEnterprise"]));
    }
}

/// <summary><see cref="WriteErrorTests"/> on the embedded store.</summary>
public sealed class SqliteWriteErrorTests(MutationApplication app) : WriteErrorTests(app), IClassFixture<MutationApplication>;

/// <summary><see cref="WriteErrorTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jWriteErrorTests(Neo4jMutationApplication app) : WriteErrorTests(app), IClassFixture<Neo4jMutationApplication>;
