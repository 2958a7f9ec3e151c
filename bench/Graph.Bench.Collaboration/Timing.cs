using System.Diagnostics;

namespace KnowledgeGraph.Bench.Collaboration;

/// <summary>Times repeated runs (median and p99 after one warm-up) and prints every result as a Markdown table row.</summary>
internal static class Timing
{
    public static void Measure(string name, int runs, Action<int> run)
    {
        run(0);
        var times = new List<double>(runs);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            run(i);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        times.Sort();
        Report(name, $"p50 {Percentile(times, 0.5):F1} ms, p99 {Percentile(times, 0.99):F1} ms, max {times[^1]:F1} ms ({runs} runs, {cpuMs / runs:F1} ms CPU each)");
    }

    /// <summary>The nearest-rank percentile of sorted times (bench/kuzu/compare.mjs computes it the same way).</summary>
    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static void Report(string name, string value) => Console.WriteLine($"| {name} | {value} |");

    /// <summary>The load average of the machine, for the record beside the numbers (empty where /proc is absent).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
}
