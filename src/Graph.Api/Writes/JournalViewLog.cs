using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Writes;

/// <summary>The log lines of the views that follow the journal: each build, and each catch-up with another process's writes.</summary>
public static partial class JournalViewLog
{
    public static void Refreshed(ILogger logger, string view, ViewRefresh refresh)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        if (refresh.Kind == ViewRefreshKind.Built)
            LogBuilt(logger, view, refresh.ToVersion, (long)refresh.Elapsed.TotalMilliseconds);
        else
            LogCaughtUp(logger, view, refresh.FromVersion, refresh.ToVersion, refresh.Entries, (long)refresh.Elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "View {View} built from the store at data version {DataVersion} in {ElapsedMs} ms")]
    private static partial void LogBuilt(ILogger logger, string view, long dataVersion, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "View {View} caught up from data version {FromVersion} to {DataVersion} by applying {Entries} journal entries in {ElapsedMs} ms")]
    private static partial void LogCaughtUp(ILogger logger, string view, long fromVersion, long dataVersion, int entries, long elapsedMs);
}
