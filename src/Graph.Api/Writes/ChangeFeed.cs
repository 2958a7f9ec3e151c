using System.Runtime.CompilerServices;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Writes;

/// <summary>What a subscriber to the change feed wants: entries after a data version that touch these kinds, this region or this node.</summary>
public sealed record ChangeFilter(long Since, IReadOnlySet<NodeKind>? Kinds, string? Region, string? NodeId)
{
    /// <summary>Whether an entry touches what the filter names (every entry, when it names nothing).</summary>
    public bool Matches(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (NodeId is not null && !entry.NodeIds().Contains(NodeId, StringComparer.Ordinal)) return false;
        if (Kinds is { Count: > 0 } && !entry.NodeIds().Any(id => NodeKindOf(id) is { } kind && Kinds.Contains(kind))) return false;
        if (Region is not null && !entry.Changes.OfType<NodeChange>().Any(c => InRegion(c.After) || InRegion(c.Before))) return false;
        return true;
    }

    bool InRegion(Node? node) => node?.Properties.Text("region") is { } code && Regions.IsWithin(code, Region);

    static NodeKind? NodeKindOf(string id) => Domain.Model.NodeId.KindOf(id);
}

/// <summary>
/// The change feed: the journal, read in data-version order, woken by each write this process commits and otherwise
/// polled (writes of other processes on the same store). A subscriber that resumes with the last data version it saw
/// misses nothing, as every entry comes from the journal itself.
/// </summary>
public sealed class ChangeFeed(IGraphStore store) : IJournalObserver
{
    // How often a waiting subscriber looks at the journal without being woken: writes of other processes.
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    const int Page = 500;

    TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc/>
    public Task AppliedAsync(JournalEntry entry)
    {
        Interlocked.Exchange(ref _written, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>Every entry after <see cref="ChangeFilter.Since"/> that matches, as it is committed, until cancelled.</summary>
    public async IAsyncEnumerable<JournalEntry> FollowAsync(ChangeFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var after = filter.Since;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before the read: a write that commits during it wakes the next wait.
            var written = Volatile.Read(ref _written).Task;
            var entries = await store.GetJournalAsync(new JournalQuery(after, Page), cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                after = entry.DataVersion;
                if (filter.Matches(entry)) yield return entry;
            }
            if (entries.Count == Page) continue;
            try
            {
                await written.WaitAsync(Poll, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }
}

/// <summary>Registers the change feed, told of every committed write.</summary>
public static class ChangeFeedServiceCollectionExtensions
{
    public static IServiceCollection AddChangeFeed(this IServiceCollection services)
    {
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<IJournalObserver>(provider => provider.GetRequiredService<ChangeFeed>());
        return services;
    }
}
