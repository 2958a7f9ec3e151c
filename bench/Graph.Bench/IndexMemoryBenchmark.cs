using System.Diagnostics;
using System.Runtime;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// The matchmaking index's build on a preset's file, as the service builds it (<see cref="MatchmakingIndexView"/> after
/// the collaboration projection): wall and CPU time, the process's peak resident memory during the build (VmHWM, reset
/// after the projection), its resident memory once the build's garbage is collected, and the managed heap the index
/// keeps (after minus before, both after a full collection). Run with <c>DOTNET_gcServer=0</c> to measure under the
/// service's workstation collector. Reads only: the file is not written.
/// </summary>
internal static class IndexMemoryBenchmark
{
    public static async Task RunAsync(string file, HomeProvince home)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        var counts = await store.CountAsync();
        Console.WriteLine($"index memory on {Path.GetFileName(file)}: {counts.NodeTotal:N0} nodes, {counts.LinkTotal:N0} links; "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} collector; load average {Machine.LoadAverage()}");

        using var projection = new CollaborationProjectionView(home);
        var (clock, cpu) = (Stopwatch.StartNew(), Cpu());
        await projection.GetAsync(store, default);
        Console.WriteLine($"  projection build {clock.Elapsed.TotalSeconds:F1} s, {(Cpu() - cpu).TotalSeconds:F1} s CPU");
        var before = Settle();
        Console.WriteLine($"  with the projection: {Resident()}; managed heap {before / 1048576.0:N0} MiB");

        ResetPeak();
        using var index = new MatchmakingIndexView(cancellationToken => projection.GetAsync(store, cancellationToken), TimeProvider.System);
        (clock, cpu) = (Stopwatch.StartNew(), Cpu());
        var built = await index.IndexAsync(store, default);
        Console.WriteLine($"  index build {clock.Elapsed.TotalSeconds:F1} s, {(Cpu() - cpu).TotalSeconds:F1} s CPU "
            + $"({built.OrganizationCount:N0} organisations); peak during the build {Status("VmHWM") / 1024.0:N0} MiB");
        var after = Settle();
        Console.WriteLine($"  with the projection and the index: {Resident()}; managed heap {after / 1048576.0:N0} MiB, "
            + $"the index {(after - before) / 1048576.0:N0} MiB; load average after {Machine.LoadAverage()}");
        GC.KeepAlive(built);
    }

    static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    // A full compacting collection, the heap it leaves.
    static long Settle()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    static string Resident() => $"resident {Status("VmRSS") / 1024.0:N0} MiB{Machine.ResidentSplit()}";

    // Linux: writing 5 to clear_refs resets the peak resident size (VmHWM) to the current one.
    static void ResetPeak()
    {
        if (File.Exists("/proc/self/clear_refs")) File.WriteAllText("/proc/self/clear_refs", "5");
    }

    static long Status(string name) =>
        File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").Select(line => line.Split(':', 2))
                .Where(parts => parts.Length == 2 && parts[0] == name)
                .Select(parts => long.Parse(parts[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
                .FirstOrDefault()
            : 0;
}
