using System.Diagnostics;
using System.Runtime;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// The matchmaking index's build on a preset's file, as the service builds it (<see cref="MatchmakingIndexView"/> after
/// the collaboration projection): wall and CPU time, and after each phase (projection built, index built) the live set
/// — the managed heap after a full blocking compacting collection — beside what the collector keeps committed and
/// fragmented and the process's resident memory, so that live memory can be told from garbage and heap growth. During
/// each build a sampler notes the process's own memory (RssAnon) at its highest, the heap the collector had committed
/// then, and the largest heap a full collection left alive meanwhile. Run with <c>DOTNET_gcServer=0</c> to measure
/// under the service's workstation collector. Reads only: the file is not written.
/// </summary>
internal static class IndexMemoryBenchmark
{
    public static async Task RunAsync(string file, HomeProvince home)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        var counts = await store.CountAsync();
        Console.WriteLine($"index memory on {Path.GetFileName(file)}: {counts.NodeTotal:N0} nodes, {counts.LinkTotal:N0} links; "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} collector, {Settings()}; load average {Machine.LoadAverage()}");

        using var projection = new CollaborationProjectionView(home);
        var (clock, cpu) = (Stopwatch.StartNew(), Cpu());
        using (var sampler = new PeakSampler())
        {
            await projection.GetAsync(store, default);
            Console.WriteLine($"  projection build {clock.Elapsed.TotalSeconds:F1} s, {(Cpu() - cpu).TotalSeconds:F1} s CPU; {sampler.Peak}");
        }
        var before = Settle();
        Console.WriteLine($"  with the projection: {Resident()}; {Heap(before)}");

        ResetPeak();
        using var index = new MatchmakingIndexView(cancellationToken => projection.GetAsync(store, cancellationToken), TimeProvider.System);
        (clock, cpu) = (Stopwatch.StartNew(), Cpu());
        MatchmakingIndex built;
        using (var sampler = new PeakSampler())
        {
            built = await index.IndexAsync(store, default);
            Console.WriteLine($"  index build {clock.Elapsed.TotalSeconds:F1} s, {(Cpu() - cpu).TotalSeconds:F1} s CPU "
                + $"({built.OrganizationCount:N0} organisations); peak resident during the build (VmHWM) {Status("VmHWM") / 1024.0:N0} MiB; {sampler.Peak}");
        }
        var after = Settle();
        Console.WriteLine($"  with the projection and the index: {Resident()}; {Heap(after)}, "
            + $"the index {(after - before) / 1048576.0:N0} MiB; load average after {Machine.LoadAverage()}");
        GC.KeepAlive(built);
    }

    static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    // The collector's settings as the runtime reads them (environment or runtimeconfig), for the record.
    static string Settings()
    {
        var conserve = AppContext.GetData("System.GC.ConserveMemory") ?? Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") ?? "0";
        var retain = AppContext.GetData("System.GC.RetainVM") ?? Environment.GetEnvironmentVariable("DOTNET_GCRetainVM") ?? "false";
        var concurrent = AppContext.GetData("System.GC.Concurrent") ?? Environment.GetEnvironmentVariable("DOTNET_gcConcurrent") ?? "true";
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"concurrent {concurrent}, ConserveMemory {conserve}, RetainVM {retain}, heap limit {limit / 1048576.0:N0} MiB";
    }

    // A full blocking compacting collection (the large object heap too), the live heap it leaves.
    static long Settle()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    static string Heap(long live)
    {
        var info = GC.GetGCMemoryInfo();
        return $"managed heap live {live / 1048576.0:N0} MiB, committed {info.TotalCommittedBytes / 1048576.0:N0} MiB, "
            + $"fragmented {info.FragmentedBytes / 1048576.0:N0} MiB";
    }

    static string Resident() =>
        $"resident {Status("VmRSS") / 1024.0:N0} MiB (own {Status("RssAnon") / 1024.0:N0} MiB, file {Status("RssFile") / 1024.0:N0} MiB)";

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

    // Every half second: the process's own memory, the heap committed then, and the live heap the last full collection left.
    sealed class PeakSampler : IDisposable
    {
        readonly Timer _timer;
        readonly Lock _gate = new();
        readonly long _firstCollection = GC.GetGCMemoryInfo(GCKind.Any).Index;
        readonly int _fullCollections = GC.CollectionCount(2);
        long _anon, _committedAtPeak, _allocatedAtPeak, _liveAfterFull;

        public PeakSampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));

        public string Peak
        {
            get
            {
                Sample();
                lock (_gate)
                {
                    return $"own memory at its highest {_anon / 1024.0:N0} MiB (committed heap then {_committedAtPeak / 1048576.0:N0} MiB, "
                        + $"allocated and not yet collected {_allocatedAtPeak / 1048576.0:N0} MiB); "
                        + $"largest live heap after a full collection {_liveAfterFull / 1048576.0:N0} MiB ({GC.CollectionCount(2) - _fullCollections} full collections)";
                }
            }
        }

        void Sample()
        {
            var anon = Status("RssAnon");
            var any = GC.GetGCMemoryInfo(GCKind.Any);
            var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var background = GC.GetGCMemoryInfo(GCKind.Background);
            lock (_gate)
            {
                if (anon > _anon)
                {
                    (_anon, _committedAtPeak, _allocatedAtPeak) = (anon, any.TotalCommittedBytes, GC.GetTotalMemory(forceFullCollection: false));
                }
                foreach (var info in (ReadOnlySpan<GCMemoryInfo>)[full, background])
                {
                    if (info.Index > _firstCollection && info.Generation == 2) _liveAfterFull = Math.Max(_liveAfterFull, info.HeapSizeBytes - info.FragmentedBytes);
                }
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}
