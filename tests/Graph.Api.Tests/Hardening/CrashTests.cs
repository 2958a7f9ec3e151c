using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>
/// <c>kill -9</c> of the built service during writes, of <c>import</c> while it writes, and of <c>backup</c> while it
/// copies; then the store file passes SQLite's integrity check, holds every write a client was told succeeded, holds
/// nothing of an import that did not finish, and its journal ends at its data version.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private static readonly string Editor = KnowledgeGraphApplication.TokenFor("editor");
    private static readonly Dictionary<string, string> Signing = new() { ["Auth__SigningKey"] = KnowledgeGraphApplication.SigningKey };
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kg-crash-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string _database;

    public CrashTests()
    {
        Directory.CreateDirectory(_directory);
        _database = Path.Combine(_directory, "graph.db");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AKillDuringWritesLosesNoAcknowledgedWriteAndAppliesNoneTwice()
    {
        var acknowledged = new ConcurrentDictionary<string, long>();
        for (var round = 0; round < 3; round++)
        {
            var port = ServiceProcess.FreePort();
            using var service = ServiceProcess.Start(_directory, _database, WithUrl(port));
            Assert.True(await service.WaitUntilLiveAsync(port), service.Output);
            using var stop = new CancellationTokenSource();
            var before = acknowledged.Count;
            var writers = Enumerable.Range(0, 4).Select(w => WriteUntilRefusedAsync(port, $"r{round}-w{w}", acknowledged, stop.Token)).ToArray();
            // Killed while the four writers are still writing: some requests are in flight at the kill.
            for (var waited = 0; acknowledged.Count < before + 60 && waited < 600; waited++)
                await Task.Delay(50);
            await service.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            Assert.True(acknowledged.Count >= before + 60, $"round {round}: only {acknowledged.Count - before} writes acknowledged\n{service.Output}");
        }

        AssertIntact();
        // Each acknowledged write got a data version of its own: none was applied twice.
        Assert.Equal(acknowledged.Count, acknowledged.Values.Distinct().Count());
        var finalPort = ServiceProcess.FreePort();
        using var restarted = ServiceProcess.Start(_directory, _database, WithUrl(finalPort));
        try
        {
            Assert.True(await restarted.WaitUntilLiveAsync(finalPort), restarted.Output);
            var missing = new List<string>();
            foreach (var chunk in acknowledged.Keys.Order(StringComparer.Ordinal).Chunk(100))
            {
                var query = new StringBuilder("{ dataVersion ");
                for (var i = 0; i < chunk.Length; i++)
                    query.Append(CultureInfo.InvariantCulture, $"n{i}: node(id: \"University:{chunk[i]}\") {{ id }} ");
                var data = await PostAsync(finalPort, query.Append('}').ToString());
                Assert.True(data["dataVersion"]!.GetValue<long>() >= acknowledged.Values.Max());
                missing.AddRange(chunk.Where((_, i) => data[$"n{i}"] is null));
            }
            Assert.Empty(missing);
        }
        finally
        {
            await restarted.KillAsync();
        }
    }

    [Fact]
    public async Task AKillDuringImportLeavesTheStoreAsItWasAndTheNextImportSucceeds()
    {
        var province = Path.Combine(_directory, "province");
        await RunToEndAsync("generate", "--preset", "province", "--seed", "3", province);
        // The check opens (and so creates) the store and writes nothing: the store holds its reference data only.
        await RunToEndAsync("import", "--check", province);
        var before = Counts();

        using (var import = ServiceProcess.Start(_directory, _database, Signing, "import", province))
        {
            // The rows are checked first and written after; the kill comes once the writing has begun.
            Assert.True(await import.WaitForOutputAsync("writing:", TimeSpan.FromMinutes(5)), import.Output);
            await Task.Delay(300);
            Assert.False(import.HasExited, "the import finished before it could be killed:\n" + import.Output);
            await import.KillAsync();
        }

        AssertIntact();
        Assert.Equal(before, Counts());
        await RunToEndAsync("import", province);
        AssertIntact();
        var after = Counts();
        Assert.True(after.Nodes > before.Nodes && after.Links > before.Links && after.DataVersion > before.DataVersion);
    }

    [Fact]
    public async Task AKillDuringBackupLeavesTheStoreAsItWasAndNoFileThatPassesForABackup()
    {
        var province = Path.Combine(_directory, "province");
        await RunToEndAsync("generate", "--preset", "province", "--seed", "5", province);
        await RunToEndAsync("import", province);
        var before = Counts();
        var backupFile = Path.Combine(_directory, "backups", "graph.backup.db");

        using (var backup = ServiceProcess.Start(_directory, _database, Signing, "backup", backupFile))
        {
            // VACUUM INTO writes beside the destination first; the kill comes while that file grows.
            var partial = Path.Combine(_directory, "backups", ".graph.backup.db.partial");
            for (var waited = 0; !File.Exists(partial) && !backup.HasExited && waited < 2_000; waited++)
                await Task.Delay(5);
            Assert.False(backup.HasExited, "the backup finished before it could be killed:\n" + backup.Output);
            await backup.KillAsync();
        }

        AssertIntact();
        Assert.Equal(before, Counts());
        Assert.False(File.Exists(backupFile), "a killed backup left a file under the backup's name");
        // The next backup to that name succeeds and verifies.
        var again = await RunToEndAsync("backup", backupFile);
        Assert.Contains("integrity check ok", again);
    }

    private Dictionary<string, string> WithUrl(int port) =>
        new(Signing) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };

    /// <summary>Writes universities one by one until the service stops answering; each acknowledged key with its data version.</summary>
    private static async Task WriteUntilRefusedAsync(int port, string writer, ConcurrentDictionary<string, long> acknowledged, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Editor);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var key = $"crash-{writer}-{i}";
            try
            {
                var response = await http.PostAsJsonAsync(new Uri($"http://127.0.0.1:{port}/graphql"), new
                {
                    query = "mutation($key: String!) { upsertUniversity(input: { key: $key, name: \"广西崩溃测试大学\" }) { dataVersion } }",
                    variables = new { key },
                }, stop);
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(stop))!;
                if (body["errors"] is null && body["data"]?["upsertUniversity"]?["dataVersion"] is { } version)
                    acknowledged[key] = version.GetValue<long>();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                return;
            }
        }
    }

    private static async Task<JsonNode> PostAsync(int port, string query)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(new Uri($"http://127.0.0.1:{port}/graphql"), new { query });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["errors"]);
        return body["data"]!;
    }

    /// <summary>Runs a verb of the built service to its end and returns what it printed; it must succeed.</summary>
    private async Task<string> RunToEndAsync(params string[] args)
    {
        using var verb = ServiceProcess.Start(_directory, _database, Signing, args);
        await verb.WaitForExitAsync();
        Assert.True(verb.ExitCode == 0, $"{string.Join(' ', args)} exited with {verb.ExitCode}:\n{verb.Output}");
        return verb.Output;
    }

    /// <summary>SQLite's integrity check passes and the journal's last entry is the data version.</summary>
    private void AssertIntact()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database, Pooling = false }.ToString());
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Equal(Scalar(connection, "SELECT value FROM meta WHERE name = 'data_version'"), Scalar(connection, "SELECT coalesce(max(version), 0) FROM journal"));
    }

    private (long Nodes, long Links, long DataVersion) Counts()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database, Pooling = false }.ToString());
        connection.Open();
        return (
            Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM nodes"), CultureInfo.InvariantCulture),
            Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM links"), CultureInfo.InvariantCulture),
            Convert.ToInt64(Scalar(connection, "SELECT value FROM meta WHERE name = 'data_version'"), CultureInfo.InvariantCulture));
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
