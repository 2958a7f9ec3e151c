using KnowledgeGraph.Domain.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// Builds the collaboration projection in the background as the service starts: the service answers other requests at
/// once, and the first collaboration query finds the projection built (on the <c>country</c> preset the build takes
/// minutes). A query that comes earlier waits for the same build, not a second one.
/// </summary>
public sealed partial class CollaborationWarmUp(IGraphStore store, CollaborationProjectionHolder holder, ILogger<CollaborationWarmUp> logger) : BackgroundService
{
    readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the build at start has ended, built or not.</summary>
    public Task Finished => _finished.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The part before the first await runs inside the host's start: leave it at once.
        await Task.Yield();
        try
        {
            await holder.GetAsync(store, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The first collaboration query tries again; readiness says the projection is not there.
            LogBuildFailed(logger, e);
        }
        finally
        {
            _finished.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The collaboration projection could not be built at start; the first collaboration query builds it")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Part of <c>/health/ready</c>: healthy once the collaboration projection is built and current, so that collaboration
/// answers (and network exports) do not wait for a build. It waits a moment for a build under way, so that a small
/// store is ready as soon as the service is.
/// </summary>
internal sealed class CollaborationHealthCheck(CollaborationProjectionHolder holder, CollaborationWarmUp warmUp) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!warmUp.Finished.IsCompleted)
            await Task.WhenAny(warmUp.Finished, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
        return holder.IsCurrentAt(0)
            ? HealthCheckResult.Healthy("collaboration projection built")
            : HealthCheckResult.Degraded("the collaboration projection is being built: collaboration queries and network exports wait for it");
    }
}
