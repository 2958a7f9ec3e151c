using System.Diagnostics;
using System.Globalization;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// The two scans a view's build starts from — every node, then every link — on a copy of the preset's file, with the
/// scans reading through the connection's page cache (<c>--scan-mmap 0</c>, the default) or through memory-mapped I/O
/// (<c>--scan-mmap 1073741824</c>): wall time, the process's CPU time and its peak resident memory.
/// </summary>
internal static class ScanBenchmark
{
    public static Task RunAsync(string file, long scanMmapSizeBytes) =>
        StoreCopy.RunAsync(file, "-scans", async copy =>
        {
            await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(copy) with { ScanMmapSizeBytes = scanMmapSizeBytes });
            await store.InitializeAsync();
            Console.WriteLine($"scans of {Path.GetFileName(file)}, scan mmap_size {scanMmapSizeBytes:N0} bytes, load average {Machine.LoadAverage()}");
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var ioBefore = ReadCounters();
            var start = Stopwatch.GetTimestamp();
            long nodes = 0, links = 0;
            await foreach (var _ in store.ScanNodesAsync()) nodes++;
            var nodeTime = Stopwatch.GetElapsedTime(start);
            process.Refresh();
            var nodeCpu = process.TotalProcessorTime - cpuBefore;
            await foreach (var _ in store.ScanLinksAsync()) links++;
            var total = Stopwatch.GetElapsedTime(start);
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var io = ReadCounters();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {nodes:N0} nodes: {nodeTime.TotalSeconds:F1} s wall, {nodeCpu.TotalSeconds:F1} s CPU; {links:N0} links: {(total - nodeTime).TotalSeconds:F1} s wall, {(cpu - nodeCpu).TotalSeconds:F1} s CPU"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  total {total.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU; peak resident {PeakResidentKib():N0} kB{Machine.ResidentSplit()}; load average after {Machine.LoadAverage()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  read() calls {io.Calls - ioBefore.Calls:N0}, bytes through read() (rchar) {io.Bytes - ioBefore.Bytes:N0}, from the disk (read_bytes) {io.DiskBytes - ioBefore.DiskBytes:N0}; CPU user {process.UserProcessorTime.TotalSeconds:F1} s, system {process.PrivilegedProcessorTime.TotalSeconds:F1} s"));
        });

    /// <summary>The process's read counters (Linux <c>/proc/self/io</c>); zeros where unknown.</summary>
    static (long Calls, long Bytes, long DiskBytes) ReadCounters()
    {
        if (!File.Exists("/proc/self/io")) return default;
        var values = File.ReadLines("/proc/self/io").Select(l => l.Split(':')).ToDictionary(p => p[0], p => long.Parse(p[1].Trim(), CultureInfo.InvariantCulture));
        return (values["syscr"], values["rchar"], values["read_bytes"]);
    }

    /// <summary>The process's peak resident memory (VmHWM, Linux), in KiB; 0 where unknown.</summary>
    static long PeakResidentKib() =>
        File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture)).FirstOrDefault()
            : 0;
}
