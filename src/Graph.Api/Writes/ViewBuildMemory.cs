using System.Diagnostics;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Writes;

/// <summary>
/// After a view is built from the store (at start, after a bulk load), the memory its build's garbage took goes back to
/// the system. A build's scans hold each link type's rows long enough for them to reach the collector's oldest
/// generation, and the workstation collector keeps committed the memory they took long after they are garbage (on
/// <c>country</c> hundreds of megabytes beside the views' 1.46 GB; docs/benchmarks.md, "Resident memory on `country` in
/// the service"). One compacting full collection that gives the free memory back, after a build long enough that the
/// collection's pause is small beside it (a large store's).
/// </summary>
internal static partial class ViewBuildMemory
{
    // A build of a small store (every test's) takes milliseconds: a full collection after it would cost more than the build.
    static readonly TimeSpan ReleaseAfterBuildsOf = TimeSpan.FromSeconds(1);

    public static void Release(ILogger logger, string view, ViewRefresh refresh)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        if (refresh.Kind != ViewRefreshKind.Built || refresh.Elapsed < ReleaseAfterBuildsOf) return;
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = Stopwatch.StartNew();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var elapsedMs = (long)started.Elapsed.TotalMilliseconds;
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        LogReleased(logger, view, committed >> 20, after >> 20, elapsedMs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "After the {View}'s build the collector holds {AfterMiB} MiB instead of {BeforeMiB} MiB ({ElapsedMs} ms)")]
    private static partial void LogReleased(ILogger logger, string view, long beforeMiB, long afterMiB, long elapsedMs);
}
