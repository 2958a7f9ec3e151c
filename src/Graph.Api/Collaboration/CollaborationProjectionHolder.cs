using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>The collaboration projection of the service (<see cref="CollaborationProjectionView"/>), its builds and catch-ups logged.</summary>
public sealed partial class CollaborationProjectionHolder(HomeProvince home, ILogger<CollaborationProjectionHolder> logger) : CollaborationProjectionView(home)
{
    protected override async Task<CollaborationProjection> BuildAsync(IGraphStore store, long version, CancellationToken cancellationToken)
    {
        var built = await base.BuildAsync(store, version, cancellationToken).ConfigureAwait(false);
        var size = built.Size;
        LogSize(logger, size.Organizations, size.Ties, version);
        return built;
    }

    protected override void OnRefreshed(ViewRefresh refresh)
    {
        JournalViewLog.Refreshed(logger, "collaboration projection", refresh);
        ViewBuildMemory.Release(logger, "collaboration projection", refresh);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collaboration projection built: {Organizations} organisations, {Ties} ties at data version {DataVersion}")]
    private static partial void LogSize(ILogger logger, int organizations, long ties, long dataVersion);
}
