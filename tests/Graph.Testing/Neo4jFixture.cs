using System.Diagnostics;
using KnowledgeGraph.Store.Neo4j;

namespace KnowledgeGraph.Testing;

/// <summary>
/// A Neo4j for the tests: NEO4J_URL (+ NEO4J_USER, NEO4J_PASSWORD) when set, else the test Neo4j
/// started by tools/neo4j/start.sh when Java and npm are present; else none, with the reason.
/// </summary>
public static class Neo4jFixture
{
    static readonly Lazy<(Uri? Url, string? Reason)> Server = new(Find);

    /// <summary>Why no Neo4j can be had, or null when one can.</summary>
    public static string? SkipReason => Server.Value.Reason;

    static (Uri?, string?) Find()
    {
        if (Environment.GetEnvironmentVariable("NEO4J_URL") is { Length: > 0 } url) return (new Uri(url), null);
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "KnowledgeGraph.sln"))) root = Path.GetDirectoryName(root);
        if (root is null) return (null, "the repository root (and tools/neo4j/start.sh) was not found");
        if (!OnPath("java")) return (null, "Java is not installed, so the test Neo4j cannot run; set NEO4J_URL to use another Neo4j");
        if (!OnPath("npm")) return (null, "npm is not installed, so the test Neo4j cannot be installed; set NEO4J_URL to use another Neo4j");
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "tools", "neo4j", "start.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) return (null, $"tools/neo4j/start.sh failed ({process.ExitCode}): {stderr.Result.Trim()}");
        Neo4jServerUse.Take(root, startedHere: !stderr.Result.Contains("already answers", StringComparison.Ordinal));
        return (new Uri(output.Trim().Split('\n')[^1]), null);
    }

    static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    /// <summary>Options for the test Neo4j.</summary>
    public static Neo4jStoreOptions Options() => new()
    {
        Url = Server.Value.Url ?? throw new InvalidOperationException(SkipReason),
        User = Environment.GetEnvironmentVariable("NEO4J_USER"),
        Password = Environment.GetEnvironmentVariable("NEO4J_PASSWORD"),
        Database = Environment.GetEnvironmentVariable("NEO4J_DATABASE") ?? "neo4j",
    };

    /// <summary>A store on an emptied database, schema applied.</summary>
    public static async Task<Neo4jGraphStore> EmptyStoreAsync(HttpClient http)
    {
        var store = new Neo4jGraphStore(http, Options());
        await store.InitializeAsync();
        await ClearAsync(http);
        return store;
    }

    /// <summary>Deletes everything in the test Neo4j.</summary>
    public static async Task ClearAsync(HttpClient http)
    {
        // In slices of 1,000 nodes, so a database left holding a large graph is emptied within the request timeout
        // and the test server's heap.
        var raw = new Neo4jConnection(http, Options());
        long deleted;
        do
        {
            deleted = (await raw.RunAsync("MATCH (n) WITH n LIMIT 1000 DETACH DELETE n RETURN count(*)", null, CancellationToken.None))[0][0].GetInt64();
        }
        while (deleted > 0);
    }
}

/// <summary>A test that needs Neo4j: skipped, with the reason, when none can be had.</summary>
public sealed class Neo4jFactAttribute : FactAttribute
{
    public Neo4jFactAttribute()
    {
        if (Neo4jFixture.SkipReason is { } reason) Skip = "No Neo4j: " + reason;
    }
}

/// <summary>
/// The test Neo4j for one test collection: each test project runs in its own process, and they take turns through
/// an exclusive lock file, because their tests empty the one database.
/// </summary>
public sealed class Neo4jLease : IDisposable
{
    readonly FileStream? _lock;

    public Neo4jLease()
    {
        if (Neo4jFixture.SkipReason is not null) return;
        var path = Path.Combine(Path.GetTempPath(), $"knowledge-graph-neo4j-{Neo4jFixture.Options().Url.Port}.lock");
        while (_lock is null)
        {
            try
            {
                _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                Thread.Sleep(250);
            }
        }
    }

    public void Dispose() => _lock?.Dispose();
}

/// <summary>
/// The test Neo4j that a test run started is stopped when the last test process using it has exited (each test project
/// runs in a process of its own): each holds a lease, and the process that started the server also starts, detached,
/// tools/neo4j/stop-when-unused.sh, which stops it once no lease's process is alive. One that was running before — a
/// developer's, or CI's — is left running.
/// </summary>
static class Neo4jServerUse
{
    public static void Take(string root, bool startedHere)
    {
        var leases = Path.Combine(root, ".tools", "neo4j", "leases");
        Directory.CreateDirectory(leases);
        var lease = Path.Combine(leases, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(lease, "");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(lease);
        if (!startedHere) return;
        // In a session of its own, so that it outlives the test runner, which ends this process and its children.
        using var watcher = Process.Start(new ProcessStartInfo("setsid", ["--fork", "bash", Path.Combine(root, "tools", "neo4j", "stop-when-unused.sh")])
        {
            UseShellExecute = false,
        });
    }
}
