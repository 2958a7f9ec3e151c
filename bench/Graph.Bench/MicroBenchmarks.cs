using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>BenchmarkDotNet runs of single reads on a built file, with allocations: where a statistical harness fits.</summary>
internal static class MicroBenchmarks
{
    public static void Run(string file)
    {
        Environment.SetEnvironmentVariable(StoreReads.FileVariable, file);
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithEnvironmentVariable(StoreReads.FileVariable, file))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<StoreReads>(config);
    }
}

/// <summary>Single reads of the store: one node, 100 nodes, a name search.</summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the store in GlobalCleanup.")]
public class StoreReads
{
    internal const string FileVariable = "GRAPH_BENCH_FILE";

    SqliteGraphStore _store = null!;
    string[] _ids = [];
    string _name = "";
    int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var file = Environment.GetEnvironmentVariable(FileVariable) ?? throw new InvalidOperationException($"{FileVariable} is not set");
        _store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await _store.InitializeAsync();
        var page = await _store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], Take: 1000, CountTotal: false));
        _ids = page.Items.Select(n => n.Id).ToArray();
        _name = page.Items[500].Name;
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _store.DisposeAsync();

    [Benchmark]
    public Task<Node?> GetById() => _store.GetNodeAsync(_ids[_next++ % _ids.Length]);

    [Benchmark]
    public Task<IReadOnlyDictionary<string, Node>> GetHundred() => _store.GetNodesAsync(_ids.Skip(_next++ % 900).Take(100).ToArray());

    [Benchmark]
    public Task<IReadOnlyList<Node>> SearchSpecificName() => _store.SearchAsync(new SearchQuery(_name));
}
