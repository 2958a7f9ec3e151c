using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>The journal through GraphQL: <c>changes</c> and <c>history</c>, who may read them, and what they show.</summary>
public abstract class JournalQueryTests(TestStore store)
{
    static readonly NodeInput Firm = Enterprise(41, "柳州示例机床有限公司", "450205", ("employees", 350L), ("revenue", 8000m));

    static string Admin => KnowledgeGraphApplication.TokenFor("admin");
    static string Analyst => KnowledgeGraphApplication.TokenFor("analyst");
    static string EditorAnalyst => KnowledgeGraphApplication.TokenFor("editor", "analyst");

    const string Page = """
        query($since: Long, $first: Int, $after: String, $nodeId: ID) {
          changes(since: $since, first: $first, after: $after, nodeId: $nodeId) {
            pageInfo { hasNextPage endCursor }
            nodes { dataVersion operation actor { subject channel }
              changes { id change
                ... on NodeChange { before { name ... on Enterprise { revenue } } after { name ... on Enterprise { revenue } } }
                ... on LinkChange { before { id } after { id startDate } } } } } }
        """;

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Firm, University("demo-tech", "示例理工大学"));
        return app;
    }

    static async Task WriteAsync(PolicyApplication app, string mutation) =>
        PolicyApplication.Ok(await app.PostAsync(mutation, token: EditorAnalyst));

    [StoreFact]
    public async Task ChangesListEachCommittedWriteWithItsContentBeforeAndAfter()
    {
        await using var app = await StartAsync();
        var since = await app.GraphStore.GetDataVersionAsync();
        await WriteAsync(app, $"mutation {{ patchEnterprise(id: \"{Firm.Id}\", set: {{ revenue: 9000 }}) {{ dataVersion }} }}");
        await WriteAsync(app, $"mutation {{ linkPairedWith(input: {{ from: \"{Firm.Id}\", to: \"University:demo-tech\", startDate: \"2025-03-01\" }}) {{ dataVersion }} }}");

        var data = PolicyApplication.Ok(await app.PostAsync(Page, new { since }, token: Admin))["changes"]!;

        var entries = data["nodes"]!.AsArray();
        Assert.Equal([since + 1, since + 2], entries.Select(e => e!["dataVersion"]!.GetValue<long>()));
        Assert.Equal(["patchEnterprise", "linkPairedWith"], entries.Select(e => e!["operation"]!.GetValue<string>()));
        var patch = entries[0]!["changes"]![0]!;
        Assert.Equal(("UPDATED", 8000m, 9000m), (patch["change"]!.GetValue<string>(), patch["before"]!["revenue"]!.GetValue<decimal>(), patch["after"]!["revenue"]!.GetValue<decimal>()));
        var link = entries[1]!["changes"]![0]!;
        Assert.Equal(("CREATED", "2025-03-01"), (link["change"]!.GetValue<string>(), link["after"]!["startDate"]!.GetValue<string>()));
        Assert.Null(link["before"]);
        Assert.False(data["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [StoreFact]
    public async Task PagesOfChangesFollowEachOtherWithoutGapsOrRepeats()
    {
        await using var app = await StartAsync();
        var since = await app.GraphStore.GetDataVersionAsync();
        for (var i = 1; i <= 7; i++)
            await WriteAsync(app, $"mutation {{ patchEnterprise(id: \"{Firm.Id}\", set: {{ nameEn: \"Firm {i}\" }}) {{ dataVersion }} }}");

        var seen = new List<long>();
        string? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var data = PolicyApplication.Ok(await app.PostAsync(Page, new { since, first = 3, after }, token: Admin))["changes"]!;
            seen.AddRange(data["nodes"]!.AsArray().Select(e => e!["dataVersion"]!.GetValue<long>()));
            if (!data["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = data["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(Enumerable.Range(1, 7).Select(i => since + i), seen);
    }

    [StoreFact]
    public async Task HistoryShowsTheChangesOfOneNodeAndAnalystsSeeConfidentialFiguresMasked()
    {
        await using var app = await StartAsync();
        await WriteAsync(app, $"mutation {{ patchEnterprise(id: \"{Firm.Id}\", set: {{ revenue: 9500 }}) {{ dataVersion }} }}");
        await WriteAsync(app, "mutation { patchUniversity(id: \"University:demo-tech\", set: { nameEn: \"Demo Tech\" }) { dataVersion } }");
        const string history = """
            query($id: ID!) { node(id: $id) { history { nodes { operation changes { ... on NodeChange { after { ... on Enterprise { revenue employees } } } } } } } }
            """;

        var admin = PolicyApplication.Ok(await app.PostAsync(history, new { id = Firm.Id }, token: Admin))["node"]!["history"]!["nodes"]!.AsArray();
        var analyst = PolicyApplication.Ok(await app.PostAsync(history, new { id = Firm.Id }, token: Analyst))["node"]!["history"]!["nodes"]!.AsArray();

        var entry = Assert.Single(admin);
        Assert.Equal(9500m, entry!["changes"]![0]!["after"]!["revenue"]!.GetValue<decimal>());
        Assert.Null(Assert.Single(analyst)!["changes"]![0]!["after"]!["revenue"]);
        Assert.Null(analyst[0]!["changes"]![0]!["after"]!["employees"]);
    }

    [StoreFact]
    public async Task TheJournalIsRefusedWithoutTheAnalystRole()
    {
        await using var app = await StartAsync();

        var anonymous = await app.PostAsync("{ changes { nodes { dataVersion } } }");
        var editor = await app.PostAsync("{ changes { nodes { dataVersion } } }", token: KnowledgeGraphApplication.TokenFor("editor"));

        Assert.Equal("UNAUTHENTICATED", Code(anonymous));
        Assert.Equal("FORBIDDEN", Code(editor));
    }

    static string? Code(GraphQLResponse response) => response.Errors.FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();
}

/// <summary><see cref="JournalQueryTests"/> on the embedded store.</summary>
public sealed class SqliteJournalQueryTests() : JournalQueryTests(TestStore.Sqlite);

/// <summary><see cref="JournalQueryTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jJournalQueryTests() : JournalQueryTests(TestStore.Neo4j);
