using System.CommandLine;
using KnowledgeGraph.Api.Cli;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Tests.Cli;

/// <summary>
/// backup writes a verified snapshot while the service runs; restore brings it back with the data version moving
/// forward. In the Neo4j collection: two of its tests rewrite the test Neo4j as a load of a dump would.
/// </summary>
[Collection("Neo4j")]
public sealed class BackupCommandTests : IDisposable
{
    private static readonly string Editor = KnowledgeGraphApplication.TokenFor("editor");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kg-backup-tests-" + Guid.NewGuid().ToString("N"));

    public BackupCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = GraphCommandLine.Create((_, _) => Task.FromResult(0), BackupCommands.Backup(), BackupCommands.Restore());
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static async Task<long> UpsertAsync(KnowledgeGraphApplication app, string key, long? expected = null)
    {
        var response = await app.PostAsync("mutation($key: String!, $v: Long) { upsertUniversity(input: { key: $key, name: \"广西测试大学\" }, expectedDataVersion: $v) { dataVersion } }",
            new { key, v = expected }, token: Editor);
        Assert.Empty(response.Errors);
        return response.Data!["upsertUniversity"]!["dataVersion"]!.GetValue<long>();
    }

    // Written past the write path, as an older version could have: two teams for 柳州市's new-energy-vehicle industry (一业一团).
    private static readonly WriteBatch TwoTeamsForOneIndustry = WriteBatch.Of(Team("lz-nev"), Team("lz-nev-2"));

    private static WriteOperation.UpsertNode Team(string key) => new WriteOperation.UpsertNode(new NodeInput(NodeKind.DiagnosisTeam, key, $"柳州市新能源汽车产业诊断团队 {key}",
        Properties: PropertyBag.Of(("region", "450200"), ("fields", new[] { "new-energy-vehicles" }))));

    private static async Task AssertAStaleWriteConflictsAsync(KnowledgeGraphApplication app, long seen)
    {
        var stale = await app.PostAsync("mutation($v: Long) { upsertUniversity(input: { key: \"x\", name: \"广西测试大学\" }, expectedDataVersion: $v) { dataVersion } }",
            new { v = seen }, token: Editor);
        Assert.Equal(["CONFLICT"], stale.ErrorCodes);
    }

    [Fact]
    public async Task ABackupTakenWhileServingRestoresWithTheDataVersionMovingForward()
    {
        await using var app = new KnowledgeGraphApplication();
        var atBackup = await UpsertAsync(app, "before-backup");
        var file = Path.Combine(_directory, "graph.backup.db");

        var backup = await RunAsync("backup", file, $"--Store:Sqlite:Path={app.DatabasePath}");
        var later = await UpsertAsync(app, "after-backup");
        var restore = await RunAsync("restore", file, $"--Store:Sqlite:Path={app.DatabasePath}");

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains($"data version {atBackup}", backup.Output);
        Assert.Contains("integrity check ok", backup.Output);
        Assert.True(restore.ExitCode == 0, restore.Error);
        var after = await app.PostAsync("""{ dataVersion a: node(id: "University:before-backup") { id } b: node(id: "University:after-backup") { id } }""");
        Assert.Equal(later + 1, after.Data!["dataVersion"]!.GetValue<long>());
        Assert.NotNull(after.Data["a"]);
        Assert.Null(after.Data["b"]);
        // A client that saw the data before the restore cannot write as if nothing changed.
        await AssertAStaleWriteConflictsAsync(app, later);
    }

    [Fact]
    public async Task ABackupTakenWhileWritesCommitHoldsEveryWriteUpToItsDataVersionAndNoneAfter()
    {
        await using var app = new KnowledgeGraphApplication();
        await UpsertAsync(app, "first");
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                acknowledged[$"w{w}-{i}"] = await UpsertAsync(app, $"w{w}-{i}");
        })).ToList();
        while (acknowledged.Count < 40 && !writers.Any(w => w.IsCompleted))
            await Task.Delay(10);
        var file = Path.Combine(_directory, "during-writes.db");

        var backup = await RunAsync("backup", file, $"--Store:Sqlite:Path={app.DatabasePath}");
        var writtenDuringBackup = acknowledged.Count;
        while (acknowledged.Count < writtenDuringBackup + 40 && !writers.Any(w => w.IsCompleted))
            await Task.Delay(10);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(backup.ExitCode == 0, backup.Error);
        var version = long.Parse(System.Text.RegularExpressions.Regex.Match(backup.Output, @"data version (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        string? Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key FROM nodes WHERE kind = 'University'";
            using var reader = command.ExecuteReader();
            while (reader.Read()) keys.Add(reader.GetString(0));
        }
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar("SELECT value FROM meta WHERE name = 'data_version'"));
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar("SELECT max(version) FROM journal"));
        // Some writes came before the backup and some after it: the file holds exactly the first.
        Assert.Contains(acknowledged.Values, v => v <= version);
        Assert.Contains(acknowledged.Values, v => v > version);
        Assert.DoesNotContain(acknowledged, a => a.Value <= version && !keys.Contains(a.Key));
        Assert.DoesNotContain(acknowledged, a => a.Value > version && keys.Contains(a.Key));
    }

    [Fact]
    public async Task ABackupNeverOverwritesAFile()
    {
        await using var app = new KnowledgeGraphApplication();
        await UpsertAsync(app, "u1");
        var file = Path.Combine(_directory, "taken.db");
        await File.WriteAllTextAsync(file, "keep me");

        var run = await RunAsync("backup", file, $"--Store:Sqlite:Path={app.DatabasePath}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exists already", run.Error);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task ADamagedBackupIsRefusedAndTheStoreIsLeftAsItWas()
    {
        await using var app = new KnowledgeGraphApplication();
        var version = await UpsertAsync(app, "u1");
        var file = Path.Combine(_directory, "damaged.db");
        await File.WriteAllBytesAsync(file, [.. "SQLite format 3\0"u8, .. new byte[4000]]);

        var run = await RunAsync("restore", file, $"--Store:Sqlite:Path={app.DatabasePath}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("damaged.db", run.Error);
        var now = await app.PostAsync("{ dataVersion }");
        Assert.Equal(version, now.Data!["dataVersion"]!.GetValue<long>());
    }

    [Fact]
    public async Task ABackupThatBreaksAPolicyRuleIsRestoredOnlyWhenTheOperatorAcceptsIt()
    {
        await using var app = new KnowledgeGraphApplication();
        await app.GraphStore.WriteAsync(TwoTeamsForOneIndustry);
        var file = Path.Combine(_directory, "two-teams.db");
        Assert.Equal(0, (await RunAsync("backup", file, $"--Store:Sqlite:Path={app.DatabasePath}")).ExitCode);
        await app.GraphStore.WriteAsync(WriteBatch.Of(new WriteOperation.DeleteNode("DiagnosisTeam:lz-nev-2")));
        var version = await app.GraphStore.GetDataVersionAsync();

        var refused = await RunAsync("restore", file, $"--Store:Sqlite:Path={app.DatabasePath}");
        var kept = await app.GraphStore.GetNodeAsync("DiagnosisTeam:lz-nev-2");
        var accepted = await RunAsync("restore", file, "--accept-rule-violations", $"--Store:Sqlite:Path={app.DatabasePath}");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("RULE_VIOLATION: 一业一团: 450200 柳州市 already has the team 'lz-nev-2'", refused.Error);
        Assert.Contains("nothing was restored", refused.Error);
        Assert.Null(kept);
        Assert.True(accepted.ExitCode == 0, accepted.Error);
        Assert.Contains("warning: RULE_VIOLATION: 一业一团", accepted.Error);
        Assert.Contains("policy rules are broken", accepted.Output);
        Assert.NotNull(await app.GraphStore.GetNodeAsync("DiagnosisTeam:lz-nev-2"));
        Assert.True(await app.GraphStore.GetDataVersionAsync() > version);
        // What the rules name stays closed to writes until it is repaired.
        var rename = await app.PostAsync("mutation { patchDiagnosisTeam(id: \"DiagnosisTeam:lz-nev\", set: { name: \"柳州市新能源汽车诊断团队\" }) { dataVersion } }", token: Editor);
        Assert.Equal(["RULE_VIOLATION"], rename.ErrorCodes);
    }

    private static string[] Neo4jStore()
    {
        var options = Neo4jFixture.Options();
        return ["--Store:Kind=neo4j", $"--Store:Neo4j:Url={options.Url.AbsoluteUri}", $"--Store:Neo4j:User={options.User}",
            $"--Store:Neo4j:Password={options.Password}", $"--Store:Neo4j:Database={options.Database}"];
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // What neo4j-admin database load of a dump taken at data version `atDump` leaves: the node written after it gone,
    // its journal entries gone, the version back where it was.
    private static async Task LoadDumpTakenAtAsync(long atDump, string nodeWrittenAfter)
    {
        using var http = new HttpClient();
        var neo4j = new KnowledgeGraph.Store.Neo4j.Neo4jConnection(http, Neo4jFixture.Options());
        await neo4j.RunAsync("MATCH (n:Node {id: $id}) DETACH DELETE n", new { id = nodeWrittenAfter }, CancellationToken.None);
        await neo4j.RunAsync("MATCH (j:Journal) WHERE j.version > $version DETACH DELETE j", new { version = atDump }, CancellationToken.None);
        await neo4j.RunAsync("MATCH (m:Meta {id: 'meta'}) SET m.version = $version, m.lockedVersion = $version", new { version = atDump }, CancellationToken.None);
    }

    [Neo4jFact]
    public async Task AfterANeo4jLoadRestoreLoadedMovesTheDataVersionPastTheOneClientsSaw()
    {
        await using var app = new KnowledgeGraphApplication(TestStore.Neo4j);
        var atDump = await UpsertAsync(app, "before-dump");
        var seen = await UpsertAsync(app, "after-dump");
        await LoadDumpTakenAtAsync(atDump, "University:after-dump");
        Assert.Equal(atDump, await app.GraphStore.GetDataVersionAsync());

        var run = await RunAsync(["restore", "--loaded", "--version-before", Text(seen), .. Neo4jStore()]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"data version {seen + 1} (after both the loaded {atDump} and {seen} before the load)", run.Output);
        Assert.Contains("the policy rules hold", run.Output);
        var after = await app.PostAsync("""{ dataVersion a: node(id: "University:before-dump") { id } b: node(id: "University:after-dump") { id } }""");
        Assert.True(after.Data!["dataVersion"]!.GetValue<long>() > seen);
        Assert.NotNull(after.Data["a"]);
        Assert.Null(after.Data["b"]);
        // A client that saw the data before the load cannot write as if nothing changed.
        await AssertAStaleWriteConflictsAsync(app, seen);
    }

    [Neo4jFact]
    public async Task ALoadedNeo4jDatabaseThatBreaksAPolicyRuleKeepsItsVersionUnlessTheOperatorAcceptsIt()
    {
        await using var app = new KnowledgeGraphApplication(TestStore.Neo4j);
        await UpsertAsync(app, "u1");
        await app.GraphStore.WriteAsync(TwoTeamsForOneIndustry);
        var loaded = await app.GraphStore.GetDataVersionAsync();

        var refused = await RunAsync(["restore", "--loaded", "--version-before", Text(loaded), .. Neo4jStore()]);
        var afterRefusal = await app.GraphStore.GetDataVersionAsync();
        var accepted = await RunAsync(["restore", "--loaded", "--version-before", Text(loaded), "--accept-rule-violations", .. Neo4jStore()]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("RULE_VIOLATION: 一业一团: 450200 柳州市 already has the team 'lz-nev-2'", refused.Error);
        Assert.Contains("its data version was left as loaded", refused.Error);
        Assert.Equal(loaded, afterRefusal);
        Assert.True(accepted.ExitCode == 0, accepted.Error);
        Assert.Contains("warning: RULE_VIOLATION: 一业一团", accepted.Error);
        Assert.Contains("policy rules are broken", accepted.Output);
        Assert.Equal(loaded + 1, await app.GraphStore.GetDataVersionAsync());
    }

    [Fact]
    public async Task RestoreLoadedRefusesTheEmbeddedStoreAndAMissingOrNegativeVersion()
    {
        var onSqlite = await RunAsync("restore", "--loaded", "--version-before", "4", $"--Store:Sqlite:Path={Path.Combine(_directory, "graph.db")}");
        var noVersion = await RunAsync("restore", "--loaded", "--Store:Kind=neo4j");
        var negative = await RunAsync("restore", "--loaded", "--version-before=-3", "--Store:Kind=neo4j");

        Assert.Equal(1, onSqlite.ExitCode);
        Assert.Contains("the configured store is the embedded one", onSqlite.Error);
        Assert.Contains("use restore <file>", onSqlite.Error);
        Assert.Equal(1, noVersion.ExitCode);
        Assert.Contains("needs --version-before <N>", noVersion.Error);
        Assert.Equal(1, negative.ExitCode);
        Assert.Contains("a data version is 0 or more", negative.Error);
        Assert.False(File.Exists(Path.Combine(_directory, "graph.db")));
    }

    [Fact]
    public async Task BackupAndRestoreRefuseAnotherStoreKindWithAPointerToItsTools()
    {
        var run = await RunAsync("backup", Path.Combine(_directory, "x.db"), "--Store:Kind=neo4j");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("neo4j-admin", run.Error);
    }
}
