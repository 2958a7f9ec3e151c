using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Api.Cli;

namespace KnowledgeGraph.Api.Tests.Cli;

/// <summary>
/// <c>import</c> the sample data into the embedded store, <c>migrate</c> it into the test Neo4j and back into a new
/// embedded store: the service gives the same GraphQL answers on all three.
/// </summary>
[Collection("Neo4j")]
public sealed class MigrateAnswersTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("kg-migrate-answers-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Reads of every kind the service answers from the store, on the sample data.</summary>
    static readonly string[] Queries =
    [
        // A node by id with its references and links from both ends.
        """
        { node(id: "Enterprise:91450204MA5K00013L") { id name ... on Enterprise { creditCode nameEn aliases highTech hasRdActivity foundedOn
            region { code name level parent { name } } fields { code name parent { code } }
            pairings { totalCount edges { node { id name } link { id startDate endDate source } } }
            hostedPlatforms { totalCount nodes { id name level status statusDate } } } } }
        """,
        """
        { nodes(ids: ["University:demo-tech-univ", "Region:450200", "Field:machinery", "Platform:pf-tic-im", "University:nowhere"]) {
            __typename id name ... on Region { level children { code } } ... on Field { children { code } }
            ... on University { locality coBuiltPlatforms { nodes { id } } pairings { edges { node { id } link { startDate } } } } } }
        """,
        // Filtered, ordered lists, paged forwards and backwards.
        """
        { enterprises(where: { region: { eq: "450000" } }, order: [{ name: ASC }], first: 4) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id name region { code } } } }
        """,
        """
        { enterprises(where: { or: [{ highTech: { eq: true } }, { hasRdActivity: { eq: false } }] }, order: [{ foundedOn: DESC }, { name: ASC }], last: 3) {
            totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor node { id name foundedOn } } } }
        """,
        """
        { challenges(where: { status: { in: [PUBLISHED, APPLYING, REVIEWING] } }, order: [{ deadline: ASC }], first: 10) {
            totalCount nodes { id name challengeKind status budget deadline posters { nodes { id } }
              applicants { edges { node { id } link { price startDate } } } } }
          universities(where: { fields: { some: { eq: "machinery" } }, locality: { eq: IN_REGION } }, order: [{ key: ASC }]) {
            nodes { id name hostedPlatforms { nodes { name level } } } }
          platforms(where: { name: { contains: "中心" } }, order: [{ name: DESC }], first: 5) { totalCount nodes { id name } } }
        """,
        // Search: Chinese substrings, two characters and longer.
        """
        { a: search(text: "精工", first: 10) { id name } b: search(text: "柳州", kinds: [ENTERPRISE, PLATFORM], first: 20) { id name }
          c: search(text: "示例理工", first: 5) { id name } }
        """,
        // The policy indicators and a list.
        """
        { indicators(region: "450000", year: 2024) { name value unit target { value year seed } gap met }
          policyList(list: DOUBLE_ZERO, region: "450000", first: 20) { name totalCount nodes { id name } } }
        """,
        // Collaboration and matchmaking, over the in-memory projection the service builds from the store.
        """
        { collaborators(of: "University:demo-tech-univ") { edges { node { id } weight collaboration { kinds } } }
          recommendPartners(for: "Enterprise:91450204MA5K00013L", scope: ANY, limit: 5) { rank score organization { id } } }
        """,
    ];

    static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var root = GraphCommandLine.Create((_, _) => Task.FromResult(0), ImportCommand.Create(), MigrateCommand.Create());
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }

    static string[] Neo4jSettings()
    {
        var options = Neo4jFixture.Options();
        return [$"--Store:Neo4j:User={options.User}", $"--Store:Neo4j:Password={options.Password}", $"--Store:Neo4j:Database={options.Database}"];
    }

    static async Task<List<string>> AnswersAsync(KnowledgeGraphApplication app)
    {
        await using (app)
        {
            // As an analyst: the policy list is for analysts only.
            var analyst = KnowledgeGraphApplication.TokenFor("analyst");
            var answers = new List<string>();
            foreach (var query in Queries)
            {
                var response = await app.PostAsync(query, token: analyst);
                Assert.True(response.Errors.Count == 0, response.ToString());
                answers.Add(response.Data!.ToJsonString());
            }
            return answers;
        }
    }

    [Neo4jFact]
    public async Task TheSampleGivesTheSameAnswersOnSqliteAfterMigrationOnNeo4jAndBackOnSqlite()
    {
        using (var http = new HttpClient())
            await (await Neo4jFixture.EmptyStoreAsync(http)).DisposeAsync();
        var url = Neo4jFixture.Options().Url.AbsoluteUri;
        var source = Path.Combine(_directory, "source.db");
        var copy = Path.Combine(_directory, "copy.db");

        var imported = await RunAsync("import", Exchange.ExchangeWorkspace.SampleFolder, $"--Store:Sqlite:Path={source}");
        Assert.True(imported.ExitCode == 0, imported.Output);
        var there = await RunAsync(["migrate", "--from", $"sqlite:{source}", "--to", $"neo4j:{url}", .. Neo4jSettings()]);
        Assert.True(there.ExitCode == 0, there.Output);
        var back = await RunAsync(["migrate", "--from", $"neo4j:{url}", "--to", $"sqlite:{copy}", .. Neo4jSettings()]);
        Assert.True(back.ExitCode == 0, back.Output);

        var onSqlite = await AnswersAsync(new KnowledgeGraphApplication().With("Store:Sqlite:Path", source));
        var onNeo4j = await AnswersAsync(new KnowledgeGraphApplication().OnTestNeo4jAsItIs());
        var backOnSqlite = await AnswersAsync(new KnowledgeGraphApplication().With("Store:Sqlite:Path", copy));

        Assert.All(onSqlite, answer => Assert.DoesNotContain("\"totalCount\":0", answer, StringComparison.Ordinal));
        Assert.Equal(onSqlite, onNeo4j);
        Assert.Equal(onSqlite, backOnSqlite);
    }
}
