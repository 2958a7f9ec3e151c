namespace KnowledgeGraph.Bench;

/// <summary>What else the machine is doing: timings on a shared machine mean little without it.</summary>
internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "unknown".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>
    /// How the process's resident memory splits (Linux): private memory, and file pages it maps — the store's file read
    /// through memory-mapped I/O, which are the operating system's page cache and can be dropped at any time.
    /// </summary>
    public static string ResidentSplit()
    {
        if (!File.Exists("/proc/self/status")) return "";
        var kib = File.ReadLines("/proc/self/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0] is "RssAnon" or "RssFile")
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        return kib.Count == 2 ? $"; private {kib["RssAnon"] / 1024.0:N0} MiB, mapped file pages {kib["RssFile"] / 1024.0:N0} MiB" : "";
    }
}
