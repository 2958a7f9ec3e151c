using System.Diagnostics;
using System.Runtime;
using System.Threading.Channels;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;
using KnowledgeGraph.Synthetic;

namespace KnowledgeGraph.Bench;

/// <summary>Builds the SQLite file of a preset with one <c>ImportAsync</c> of the generator's stream, and times it.</summary>
internal static class ImportBenchmark
{
    /// <summary>Streams the generator alone, to tell its cost from the store's.</summary>
    public static void Generate(SyntheticPreset preset, ulong seed)
    {
        using var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var graph = SyntheticGraph.Create(preset, seed);
        var skeleton = clock.Elapsed;
        var nodes = graph.Nodes().LongCount();
        var nodesDone = clock.Elapsed;
        var links = graph.Links().LongCount();
        process.Refresh();
        Console.WriteLine($"generate {preset.Name} seed {seed}: {nodes:N0} nodes, {links:N0} links in {clock.Elapsed.TotalSeconds:F1} s wall, " +
            $"{process.TotalProcessorTime.TotalSeconds:F1} s CPU (load average {Machine.LoadAverage()})");
        Console.WriteLine($"  skeleton {skeleton.TotalSeconds:F1} s, nodes {(nodesDone - skeleton).TotalSeconds:F1} s, links {(clock.Elapsed - nodesDone).TotalSeconds:F1} s");
    }

    static async IAsyncEnumerable<WriteOperation> Unchunk(IAsyncEnumerable<WriteOperation[]> chunks)
    {
        await foreach (var chunk in chunks)
        {
            foreach (var operation in chunk) yield return operation;
        }
    }

    public static async Task RunAsync(SyntheticPreset preset, ulong seed, string file, bool rebuild)
    {
        if (File.Exists(file) && !rebuild)
        {
            Console.WriteLine($"import: {file} exists; reusing it (--rebuild builds it again)");
            return;
        }
        foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);

        Console.WriteLine($"import: load average {Machine.LoadAverage()}");
        var total = Stopwatch.StartNew();
        var graph = SyntheticGraph.Create(preset, seed);
        var skeleton = total.Elapsed;
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var import = Stopwatch.StartNew();
        var progress = new Progress<long>(done => { if (done % 500_000 == 0) Console.WriteLine($"  {done:N0} operations, {import.Elapsed.TotalSeconds:F0} s"); });
        // The generator runs on a thread of its own and hands operations over through a bounded queue, so on two cores
        // generating and storing overlap, as reading files and storing do in an import of CSV files. They go in chunks
        // of a thousand: one by one, handing over cost more CPU time than generating.
        var queue = Channel.CreateBounded<WriteOperation[]>(new BoundedChannelOptions(50) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in graph.Operations().Chunk(1_000)) await queue.Writer.WriteAsync(chunk);
                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        });
        // As the import verb runs it: without background garbage collections (see ImportCommand).
        var latency = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        var result = await store.ImportAsync(Unchunk(queue.Reader.ReadAllAsync()), progress);
        GCSettings.LatencyMode = latency;
        await producer;
        import.Stop();

        var nodes = result.NodesCreated + result.NodesUpdated + result.NodesUnchanged;
        var links = result.LinksCreated + result.LinksUpdated + result.LinksUnchanged;
        var size = new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine($"import {preset.Name} seed {seed}: {nodes:N0} nodes, {links:N0} links");
        Console.WriteLine($"  generator skeleton      {skeleton.TotalSeconds,8:F1} s");
        Console.WriteLine($"  generate + import, wall {import.Elapsed.TotalSeconds,8:F1} s");
        Console.WriteLine($"  CPU time of the import   {cpu.TotalSeconds,8:F1} s  (load average after: {Machine.LoadAverage()})");
        Console.WriteLine($"  links per second        {links / import.Elapsed.TotalSeconds,8:N0}  (operations {(nodes + links) / import.Elapsed.TotalSeconds:N0}/s)");
        Console.WriteLine($"  file                    {size / 1e6,8:N0} MB");
        Console.WriteLine($"  peak RSS of the import  {process.PeakWorkingSet64 / (1024.0 * 1024),8:N0} MiB");
    }
}
