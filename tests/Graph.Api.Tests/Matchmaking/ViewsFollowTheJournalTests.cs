using System.Text;
using System.Text.Json.Nodes;
using Serilog.Events;

namespace KnowledgeGraph.Api.Tests.Matchmaking;

/// <summary>
/// The collaboration projection and the matchmaking index follow the journal: a service keeps them up to date entry by
/// entry after its own writes, a second service on the same SQLite file catches up from the journal instead of
/// rebuilding, and both answer exactly as a service that built them afresh.
/// </summary>
public sealed class ViewsFollowTheJournalTests : IAsyncLifetime
{
    static readonly string Editor = KnowledgeGraphApplication.TokenFor("editor");
    static readonly string[] FieldCodes = ["machinery", "construction-machinery", "automotive", "new-energy-vehicles", "new-materials", "intelligent-manufacturing"];

    // The service that writes (with the sample data loaded), and a second one on its file; both take large documents.
    readonly KnowledgeGraphApplication _writer = Unbounded(new KnowledgeGraphApplication().With("Store:LoadSampleData", "true"));
    KnowledgeGraphApplication _other = null!;

    static KnowledgeGraphApplication Unbounded(KnowledgeGraphApplication app) =>
        app.With("GraphQL:MaxComplexity", "100000000").With("GraphQL:MaxSelections", "1000000").With("GraphQL:MaxRequestBytes", "10000000");

    public async Task InitializeAsync()
    {
        await _writer.PostAsync("{ dataVersion }");
        _other = Unbounded(new KnowledgeGraphApplication().With("Store:Sqlite:Path", _writer.DatabasePath));
    }

    public async Task DisposeAsync()
    {
        await _other.DisposeAsync();
        await _writer.DisposeAsync();
    }

    // 示例鲁西大学 works near construction machinery and does not yet collaborate with 柳州示例重工机械.
    const string Partner = "University:demo-lc-univ";
    const string HeavyMachinery = "Enterprise:91450205MA5K003121";

    [Fact]
    public async Task ASecondServiceCatchesUpWithAWriteFromTheJournal()
    {
        // The second service builds its views once, on its first questions.
        var before = await AskAsync(_other, $$"""
            { collaborators(of: "{{HeavyMachinery}}", first: 100) { edges { node { id } } }
              recommendPartners(for: "{{HeavyMachinery}}", excludeExisting: false, limit: 100) { organization { id } evidence { distance } } }
            """);
        Assert.DoesNotContain(Partner, Partners(before));
        var distance = Distance(before, Partner);
        Assert.NotEqual(1, distance);

        // The first service writes: the university signs a technology contract with the enterprise.
        var write = await _writer.PostAsync("""
            mutation($input: TransfersInput!) { linkTransfers(input: $input) { dataVersion } }
            """, new { input = new { from = Partner, to = HeavyMachinery, startDate = "2026-03-01", source = "技术合同登记" } }, token: Editor);
        Assert.Empty(write.Errors);
        var version = write.Data!["linkTransfers"]!["dataVersion"]!.GetValue<long>();

        var after = await AskAsync(_other, $$"""
            { collaborators(of: "{{HeavyMachinery}}", first: 100) { edges { node { id } } }
              recommendPartners(for: "{{HeavyMachinery}}", excludeExisting: false, limit: 100) { organization { id } evidence { distance } } }
            """);
        Assert.Contains(Partner, Partners(after));
        Assert.Equal(1, Distance(after, Partner));

        // Each view was built once, and caught up by applying the one entry from the journal: the log says so.
        foreach (var view in new[] { "collaboration projection", "matchmaking index" })
        {
            Assert.Single(Refreshes(_other, view, "built"));
            var caughtUp = Assert.Single(Refreshes(_other, view, "caught up"));
            Assert.Equal((version - 1, version, 1L), (Property(caughtUp, "FromVersion"), Property(caughtUp, "DataVersion"), Property(caughtUp, "Entries")));
        }
    }

    [Fact]
    public async Task AfterRandomWriteBatchesEveryServiceAnswersAsOneThatBuiltItsViewsAfresh()
    {
        var random = new Random(16);
        var graph = await AskAsync(_writer, """
            { enterprises(first: 200) { nodes { id } } universities(first: 100) { nodes { id } }
              researchInstitutes(first: 100) { nodes { id } } projects(first: 100) { nodes { id } } challenges(first: 100) { nodes { id } } }
            """);
        List<string> Ids(string list) => graph[list]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        var (enterprises, projects, challenges) = (Ids("enterprises"), Ids("projects"), Ids("challenges"));
        var academics = Ids("universities").Concat(Ids("researchInstitutes")).ToList();
        var created = new List<string>();
        var links = new List<string>();
        T Any<T>(List<T> list) => list[random.Next(list.Count)];
        string Day() => $"20{random.Next(15, 27)}-0{random.Next(1, 10)}-01";
        object NewOperation(int n) => random.Next(9) switch
        {
            0 or 1 => new { upsertUniversity = University(created.Count > 0 && random.Next(3) == 0 ? Any(created) : Remember($"University:journal-u{n}")) },
            2 or 3 => new { linkPairedWith = new { from = Any(enterprises), to = Any(academics), startDate = Day(), source = "结对子名单" } },
            4 => new { linkTransfers = new { from = Any(academics), to = Any(enterprises), startDate = Day(), source = "技术合同登记" } },
            5 => new { linkParticipatesIn = new { from = random.Next(2) == 0 ? Any(academics) : Any(enterprises), to = Any(projects), startDate = Day(), source = "项目库" } },
            6 when links.Count > 0 => new { unlink = Any(links) },
            7 when created.Count > 0 => new { deleteNode = Forget(Any(created)) },
            _ => new { upsertUniversity = University(Remember($"University:journal-u{n}")) },
        };
        string Remember(string id)
        {
            created.Add(id);
            academics.Add(id);
            return id;
        }
        string Forget(string id)
        {
            created.Remove(id);
            academics.Remove(id);
            return id;
        }
        object University(string id) => new
        {
            key = id["University:".Length..], name = $"示例{id[^2..]}大学", region = random.Next(2) == 0 ? "450200" : "440300",
            fields = FieldCodes.Where(_ => random.Next(3) == 0).ToArray(),
        };

        var operations = 0;
        for (var round = 0; round < 5; round++)
        {
            for (var batch = 0; batch < 4; batch++)
            {
                var before = await _writer.GraphStore.GetDataVersionAsync();
                var (createdBefore, academicsBefore) = (created.ToList(), academics.ToList());
                var batchOperations = Enumerable.Range(0, random.Next(1, 5)).Select(_ => NewOperation(operations++)).ToList();
                // Every fourth batch ends with a link to no node: refused whole, it must change nothing anywhere.
                var failing = batch == 3;
                if (failing) batchOperations.Add(new { linkPairedWith = new { from = Any(enterprises), to = "University:not-there", source = "结对子名单" } });
                var response = await _writer.PostAsync("""
                    mutation($operations: [BatchOperationInput!]!) { applyBatch(operations: $operations) { dataVersion changes { id change } } }
                    """, new { operations = batchOperations }, token: Editor);
                if (response.Errors.Count > 0)
                {
                    Assert.True(failing || response.ErrorCodes.All(c => c is "RULE_VIOLATION" or "NOT_FOUND" or "INVALID_INPUT"), response.Text);
                    Assert.Equal(before, await _writer.GraphStore.GetDataVersionAsync());
                    (created, academics) = (createdBefore, academicsBefore);
                    continue;
                }
                Assert.False(failing);
                foreach (var change in response.Data!["applyBatch"]!["changes"]!.AsArray())
                {
                    var id = change!["id"]!.GetValue<string>();
                    if (!id.Contains('|', StringComparison.Ordinal)) continue;
                    if (change["change"]!.GetValue<string>() == "DELETED") links.Remove(id);
                    else if (!links.Contains(id)) links.Add(id);
                }
            }

            var questions = Questions(enterprises.Where((_, i) => i % 5 == round).Append(HeavyMachinery), challenges, academics.Concat(enterprises.Take(5)));
            await using var fresh = Unbounded(new KnowledgeGraphApplication().With("Store:Sqlite:Path", _writer.DatabasePath));
            var expected = (await AskAsync(fresh, questions)).ToJsonString();
            Assert.Equal(expected, (await AskAsync(_writer, questions)).ToJsonString());
            Assert.Equal(expected, (await AskAsync(_other, questions)).ToJsonString());
        }

        // Neither service rebuilt a view after its first build: the writer applied its writes, the other caught up.
        foreach (var view in new[] { "collaboration projection", "matchmaking index" })
        {
            Assert.Single(Refreshes(_writer, view, "built"));
            Assert.Single(Refreshes(_other, view, "built"));
            Assert.NotEmpty(Refreshes(_other, view, "caught up"));
        }
    }

    [Fact]
    public async Task ConcurrentWritesBesideCollaborationQueriesNeverRebuildAView()
    {
        const string Ask = $$"""
            { collaborators(of: "{{HeavyMachinery}}", depth: 2, first: 100) { totalCount edges { node { id } } }
              recommendPartners(for: "{{HeavyMachinery}}", excludeExisting: false, limit: 30) { organization { id } score }
              collaborationNetwork(where: { region: "450200" }) { statistics { nodes edges } } }
            """;
        await AskAsync(_writer, Ask);
        var enterprises = (await AskAsync(_writer, "{ enterprises(first: 40) { nodes { id } } }"))["enterprises"]!["nodes"]!.AsArray()
            .Select(n => n!["id"]!.GetValue<string>()).ToList();

        // Eight clients write at once — a new university, then a pairing with it — while four ask collaboration questions.
        using var writing = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var asked = 0;
            for (; !writing.IsCancellationRequested; asked++)
                await AskAsync(_writer, Ask);
            return asked;
        })).ToList();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                var key = $"concurrent-{w}-{i}";
                var university = await _writer.PostAsync("""
                    mutation($key: String!) { upsertUniversity(input: { key: $key, name: "示例并发大学", region: "450200", fields: ["machinery"] }) { dataVersion } }
                    """, new { key }, token: Editor);
                Assert.True(university.Errors.Count == 0, university.Text);
                var pairing = await _writer.PostAsync("""
                    mutation($input: PairedWithInput!) { linkPairedWith(input: $input) { dataVersion } }
                    """, new { input = new { from = enterprises[(w * 12 + i) % enterprises.Count], to = $"University:{key}", startDate = "2025-01-01", source = "结对子名单" } }, token: Editor);
                Assert.True(pairing.Errors.Count == 0, pairing.Text);
            }
        })).ToList();
        try
        {
            await Task.WhenAll(writers);
        }
        finally
        {
            await writing.CancelAsync();
        }
        Assert.All(await Task.WhenAll(readers), asked => Assert.True(asked > 0));

        // Neither view was built again, and both answer as views built afresh on the same file.
        foreach (var view in new[] { "collaboration projection", "matchmaking index" })
            Assert.Single(Refreshes(_writer, view, "built"));
        await using var fresh = Unbounded(new KnowledgeGraphApplication().With("Store:Sqlite:Path", _writer.DatabasePath));
        Assert.Equal((await AskAsync(fresh, Ask)).ToJsonString(), (await AskAsync(_writer, Ask)).ToJsonString());
    }

    // One document asking for the full answers of recommendPartners and similarOrganizations.
    static string Questions(IEnumerable<string> enterprises, IEnumerable<string> challenges, IEnumerable<string> organisations)
    {
        var query = new StringBuilder("{");
        var n = 0;
        foreach (var id in enterprises.Concat(challenges))
        {
            query.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""
                 q{{n++}}: recommendPartners(for: "{{id}}", excludeExisting: false, kinds: [UNIVERSITY, RESEARCH_INSTITUTE, ENTERPRISE], limit: 30) {
                  rank score organization { id } parts { fieldFit capability trackRecord proximity practical }
                  evidence { field { id } fieldFit distance through { id } throughGroup sharedPartners place currentPairings
                    capability { platformType platform { id } } trackRecord { field { id } challengeYears projects contracts pairings } }
                  explanation explanationEn introducers { id } }
                """);
        }
        foreach (var id in organisations)
            query.Append(System.Globalization.CultureInfo.InvariantCulture, $$""" q{{n++}}: similarOrganizations(of: "{{id}}", limit: 30) { rank similarity partnerCosine fieldJaccard sharedPartners organization { id } }""");
        return query.Append('}').ToString();
    }

    // The log lines of a view's builds or catch-ups.
    static List<LogEvent> Refreshes(KnowledgeGraphApplication app, string view, string how) =>
        app.Logs.Events.Where(e => e.MessageTemplate.Text.StartsWith("View {View} " + how, StringComparison.Ordinal)
            && e.Properties["View"] is ScalarValue { Value: string name } && name == view).ToList();

    static long Property(LogEvent logEvent, string name) => Convert.ToInt64(((ScalarValue)logEvent.Properties[name]).Value, System.Globalization.CultureInfo.InvariantCulture);

    static List<string> Partners(JsonNode data) =>
        data["collaborators"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();

    static int? Distance(JsonNode data, string id) =>
        data["recommendPartners"]!.AsArray().FirstOrDefault(p => p!["organization"]!["id"]!.GetValue<string>() == id)?["evidence"]?["distance"]?.GetValue<int?>();

    static async Task<JsonNode> AskAsync(KnowledgeGraphApplication app, string query)
    {
        var response = await app.PostAsync(query);
        Assert.True(response.Errors.Count == 0, response.Text);
        return response.Data!;
    }
}
