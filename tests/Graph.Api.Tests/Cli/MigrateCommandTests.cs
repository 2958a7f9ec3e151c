using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Api.Cli;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;
using KnowledgeGraph.Store.Tests;

namespace KnowledgeGraph.Api.Tests.Cli;

/// <summary><c>migrate</c> through the command line: the embedded store into the test Neo4j and back, interrupted and resumed.</summary>
[Collection("Neo4j")]
public sealed class MigrateCommandTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("kg-migrate-").FullName;
    readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Output that cancels the run at the first progress line of the nodes: once the first batch is written.</summary>
    sealed class InterruptingWriter(CancellationTokenSource cancel) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith("nodes: ", StringComparison.Ordinal) == true)
                cancel.Cancel();
        }
    }

    static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, StringWriter? output = null, CancellationToken cancellationToken = default)
    {
        var root = GraphCommandLine.Create((_, _) => Task.FromResult(0), MigrateCommand.Create());
        output ??= new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    static string[] Neo4jSettings()
    {
        var options = Neo4jFixture.Options();
        return [$"--Store:Neo4j:User={options.User}", $"--Store:Neo4j:Password={options.Password}", $"--Store:Neo4j:Database={options.Database}"];
    }

    async Task<string> SqliteGraphAsync(string name, bool withSample)
    {
        var path = Path.Combine(_directory, name);
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(path));
        await store.InitializeAsync();
        if (!withSample) return path;
        await store.WriteAsync(Sample.Batch());
        // Enough more enterprises and links for several batches of four.
        var firms = Enumerable.Range(0, 24).Select(i => new NodeInput(NodeKind.Enterprise, $"9145020000MIGR{i:D4}", $"迁移示例企业{i}",
            Properties: PropertyBag.Of(("employees", (long)i * 10), ("revenue", i + 0.25m)))).ToList();
        await store.WriteAsync(new WriteBatch([
            .. firms.Select(f => (WriteOperation)new WriteOperation.UpsertNode(f)),
            .. firms.Skip(1).Select((f, i) => (WriteOperation)new WriteOperation.UpsertLink(new LinkInput(LinkType.SubsidiaryOf, f.Id, firms[i].Id))),
        ]));
        return path;
    }

    static async Task<GraphSummary> SummaryAsync(string sqlitePath)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(sqlitePath));
        await store.InitializeAsync();
        return await GraphMigration.SummarizeAsync(store, CancellationToken.None);
    }

    [Neo4jFact]
    public async Task AGraphGoesIntoNeo4jResumingAfterAnInterruptionAndComesBackTheSame()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        var url = Neo4jFixture.Options().Url.AbsoluteUri.TrimEnd('/');
        var source = await SqliteGraphAsync("source.db", withSample: true);
        var copy = await SqliteGraphAsync("copy.db", withSample: false);
        string[] intoNeo4j = ["migrate", "--from", $"sqlite:{source}", "--to", $"neo4j:{url}", "--batch-size", "4", .. Neo4jSettings()];

        using var cancel = new CancellationTokenSource();
        var interrupted = await RunAsync(intoNeo4j, new InterruptingWriter(cancel), cancel.Token);
        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("Run the same command again to resume", interrupted.Error, StringComparison.Ordinal);
        var partial = (await store.CountAsync()).NodeTotal;
        Assert.InRange(partial, 4, Sample.Nodes.Length + 23);

        var resumed = await RunAsync(intoNeo4j);
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Contains($"({partial} were already there)", resumed.Output, StringComparison.Ordinal);
        Assert.Contains($"Verified: {Sample.Nodes.Length + 24} nodes and {Sample.Links.Length + 23} links match", resumed.Output, StringComparison.Ordinal);

        var back = await RunAsync(["migrate", "--from", $"neo4j:{url}", "--to", $"sqlite:{copy}", "--batch-size", "7", .. Neo4jSettings()]);
        Assert.True(back.ExitCode == 0, back.Output + back.Error);
        var original = await SummaryAsync(source);
        Assert.Equal(original, await SummaryAsync(copy), (a, b) => a.Matches(b));
        Assert.Equal(Sample.Links.Length + 23, original.Counts.LinkTotal);
    }

    [Neo4jFact]
    public async Task ATargetHoldingOtherDataFailsVerification()
    {
        var store = await Neo4jFixture.EmptyStoreAsync(_http);
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(new NodeInput(NodeKind.Person, "stray", "多余的人员"))));
        var source = await SqliteGraphAsync("source.db", withSample: true);

        var run = await RunAsync(["migrate", "--from", $"sqlite:{source}", "--to", $"neo4j:{Neo4jFixture.Options().Url}", .. Neo4jSettings()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Verification failed", run.Error, StringComparison.Ordinal);
        Assert.Contains("MISMATCH", run.Output, StringComparison.Ordinal);
    }

    // A source written past the write path, as an older version or a hand repair could: migrate copies nothing and
    // says why on the error output, which is returned.
    async Task<string> RefusedMigrationAsync(params WriteOperation[] written)
    {
        var source = await SqliteGraphAsync("broken.db", withSample: false);
        await using (var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(source)))
        {
            await store.InitializeAsync();
            await store.WriteAsync(WriteBatch.Of(written));
        }
        var target = Path.Combine(_directory, "target.db");

        var run = await RunAsync(["migrate", "--from", $"sqlite:{source}", "--to", $"sqlite:{target}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nothing was copied", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await SummaryAsync(target)).Counts.NodeTotal);
        return run.Error;
    }

    [Fact]
    public async Task AStoreThatBreaksAPolicyRuleIsNotCopied()
    {
        // An award to one who never applied.
        var poster = new NodeInput(NodeKind.Enterprise, "91450200MA5K000019", "柳州示例发榜企业", Properties: PropertyBag.Of(("region", "450200")));
        var winner = new NodeInput(NodeKind.University, "demo-winner", "示例大学");
        var challenge = new NodeInput(NodeKind.Challenge, "ch-broken", "示例攻关", Properties: PropertyBag.Of(("status", "Awarded"), ("budget", 100m)));

        var error = await RefusedMigrationAsync(
            new WriteOperation.UpsertNode(poster), new WriteOperation.UpsertNode(winner), new WriteOperation.UpsertNode(challenge),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.Posts, poster.Id, challenge.Id)),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.Awarded, winner.Id, challenge.Id)));

        Assert.Contains("RULE_VIOLATION: challenge 'ch-broken' cannot be awarded to University:demo-winner: it did not apply", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreWithAPairingCarriedByNoCommissionerOfTheEnterpriseIsNotCopied()
    {
        // The pairing names a person who was never commissioned to the enterprise.
        var firm = new NodeInput(NodeKind.Enterprise, "91450200MA5K000019", "柳州示例结对企业", Properties: PropertyBag.Of(("region", "450200")));
        var partner = new NodeInput(NodeKind.University, "demo-partner", "示例大学");
        var person = new NodeInput(NodeKind.Person, "demo-zhang", "张示例");

        var error = await RefusedMigrationAsync(
            new WriteOperation.UpsertNode(firm), new WriteOperation.UpsertNode(partner), new WriteOperation.UpsertNode(person),
            new WriteOperation.UpsertLink(new LinkInput(LinkType.PairedWith, firm.Id, partner.Id, StartDate: new DateOnly(2024, 5, 1),
                Properties: PropertyBag.Of(("commissioner", person.Key)))));

        Assert.Contains("RULE_VIOLATION: pairing PAIRED_WITH|Enterprise:91450200MA5K000019|University:demo-partner: commissioner: 'Person:demo-zhang' is not commissioned to 'Enterprise:91450200MA5K000019' on 2024-05-01", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreWithTwoDiagnosisTeamsForOneIndustryAndRegionIsNotCopied()
    {
        // A second team for 柳州市's new-energy-vehicle industry (一业一团).
        static WriteOperation Team(string key, string name) => new WriteOperation.UpsertNode(new NodeInput(NodeKind.DiagnosisTeam, key, name,
            Properties: PropertyBag.Of(("region", "450200"), ("fields", new[] { "new-energy-vehicles" }))));

        var error = await RefusedMigrationAsync(Team("lz-nev", "柳州市新能源汽车产业诊断团队"), Team("lz-nev-2", "柳州市第二新能源汽车诊断团队"));

        Assert.Contains("RULE_VIOLATION: 一业一团: 450200 柳州市 already has the team 'lz-nev-2' (柳州市第二新能源汽车诊断团队) for the industry new-energy-vehicles 新能源汽车", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreWithAnApplicationInARoundItsHolderDoesNotHoldIsNotCopied()
    {
        // The holder lists no round; an institution applied in its 2026-H1 all the same (002 六(三)).
        var holder = new NodeInput(NodeKind.GovernmentBody, "lz-kjj", "柳州市示例科技局", Properties: PropertyBag.Of(("region", "450200"), ("level", "City")));
        var institution = new NodeInput(NodeKind.Platform, "rd-1", "柳州示例研发中心", Properties: PropertyBag.Of(
            ("region", "450204"), ("platformType", "RdInstitution"), ("filingRound", "GovernmentBody:lz-kjj/2026-H1"), ("appliedOn", new DateOnly(2026, 3, 15))));

        var error = await RefusedMigrationAsync(new WriteOperation.UpsertNode(holder), new WriteOperation.UpsertNode(institution));

        Assert.Contains("RULE_VIOLATION: Platform:rd-1 applied in the filing round '2026-H1' of GovernmentBody:lz-kjj, but GovernmentBody:lz-kjj does not hold the round", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreWithAnOpenCaseWhoseOfficerIsGoneIsNotCopied()
    {
        // 一企一员一案: the case is open in 监测 and names a person the store does not hold.
        var firm = new NodeInput(NodeKind.Enterprise, "91450200MA5K000019", "柳州示例帮扶企业", Properties: PropertyBag.Of(
            ("region", "450200"), ("caseStage", "Monitoring"), ("caseOpenedOn", new DateOnly(2025, 3, 1)), ("caseOfficer", "demo-li")));

        var error = await RefusedMigrationAsync(new WriteOperation.UpsertNode(firm));

        Assert.Contains("RULE_VIOLATION: the open case of Enterprise:91450200MA5K000019 (一企一员一案) names the officer Person:demo-li, a person the graph does not hold", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreWithAFiledInstitutionThatNoEnterpriseHostsIsNotCopied()
    {
        // Filed (研发机构备案) on an enterprise that a delete took away with its HOSTS link, before the rule was judged on deletes.
        var institution = new NodeInput(NodeKind.Platform, "rd-1", "柳州示例研发中心", Properties: PropertyBag.Of(
            ("region", "450204"), ("platformType", "RdInstitution"), ("status", "Filed"), ("filedOn", new DateOnly(2025, 3, 1))));

        var error = await RefusedMigrationAsync(new WriteOperation.UpsertNode(institution));

        Assert.Contains("RULE_VIOLATION: the filed R&D institution Platform:rd-1 (柳州示例研发中心, filed on 2025-03-01) is hosted by no enterprise (HOSTS)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingSourceOrAnUnknownStoreIsAnError()
    {
        var missing = await RunAsync(["migrate", "--from", $"sqlite:{Path.Combine(_directory, "none.db")}", "--to", "neo4j:http://127.0.0.1:1"]);
        var unknown = await RunAsync(["migrate", "--from", "mysql", "--to", "neo4j"]);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("There is no embedded store at", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'mysql' is not a store", unknown.Error, StringComparison.Ordinal);
    }
}
