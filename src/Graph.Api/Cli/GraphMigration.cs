using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KnowledgeGraph.Api.Exchange;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Cli;

/// <summary>What a copy did in one phase (nodes or links): items copied, and how many of them the target already held unchanged.</summary>
public sealed record MigrationPhase(string Name, long Copied, long AlreadyThere);

/// <summary>What a store holds, summed up: counts per kind and type, and checksums over ids and contents.</summary>
public sealed record GraphSummary(GraphCounts Counts, string NodeChecksum, string LinkChecksum)
{
    /// <summary>Whether both summaries hold the same counts and checksums.</summary>
    public bool Matches(GraphSummary other) =>
        NodeChecksum == other.NodeChecksum && LinkChecksum == other.LinkChecksum
        && Counts.Nodes.All(c => other.Counts.Nodes.GetValueOrDefault(c.Key) == c.Value)
        && Counts.Links.All(c => other.Counts.Links.GetValueOrDefault(c.Key) == c.Value)
        && Counts.NodeTotal == other.Counts.NodeTotal && Counts.LinkTotal == other.Counts.LinkTotal;
}

/// <summary>
/// Copies a whole graph from one store to another in batches of upserts: nodes in id order, then links. Every
/// item is written by its id, so a run after an interruption finds the batches already written unchanged and
/// only writes the rest; no checkpoint is needed, and a re-run after a finished one writes nothing.
/// Timestamps are the target's: a store sets createdAt and updatedAt itself.
/// </summary>
public sealed class GraphMigration(IGraphStore from, GraphWriter to, string source, int batchSize)
{
    /// <summary>The phase names, as reported to the progress.</summary>
    public const string NodesPhase = "nodes", LinksPhase = "links";

    /// <summary>
    /// The policy rules (DOMAIN.md) over every challenge, innovation centre, pairing and diagnosis team of the source: a store written past them
    /// (data repaired by hand, an older version) is not copied until they hold, as no other writer may write it.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckRulesAsync(CancellationToken cancellationToken)
    {
        var problems = await PolicyWriteRules.CheckStoreAsync(from, DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
        return [.. problems.Select(p => p.Message)];
    }

    /// <summary>Copies every node, then every link, reporting each phase after every batch written.</summary>
    public async Task<IReadOnlyList<MigrationPhase>> CopyAsync(IProgress<ImportStage> progress, CancellationToken cancellationToken)
    {
        var counts = await from.CountAsync(cancellationToken).ConfigureAwait(false);
        var nodes = await CopyAsync(from.ScanNodesAsync(cancellationToken: cancellationToken), n => new WriteOperation.UpsertNode(
            new NodeInput(n.Kind, n.Key, n.Name, n.NameEn, n.Aliases, n.Properties)), NodesPhase, counts.NodeTotal, progress, cancellationToken).ConfigureAwait(false);
        var links = await CopyAsync(from.ScanLinksAsync(cancellationToken: cancellationToken), l => new WriteOperation.UpsertLink(
            new LinkInput(l.Type, l.FromId, l.ToId, l.Key, l.StartDate, l.EndDate, l.Source, l.Properties)), LinksPhase, counts.LinkTotal, progress, cancellationToken).ConfigureAwait(false);
        return [nodes, links];
    }

    async Task<MigrationPhase> CopyAsync<T>(IAsyncEnumerable<T> items, Func<T, WriteOperation> upsert, string phase, long total, IProgress<ImportStage> progress, CancellationToken cancellationToken)
    {
        var batch = new List<WriteOperation>(batchSize);
        long done = 0, present = 0;
        async Task WriteAsync()
        {
            var result = await to.ImportAsync(Stream(batch), Actor.Migrate(source), $"migrate {phase}", cancellationToken: cancellationToken).ConfigureAwait(false);
            done += batch.Count;
            present += result.NodesUnchanged + result.LinksUnchanged;
            batch.Clear();
            progress.Report(new ImportStage(phase, done, total));
        }
        await foreach (var item in items.ConfigureAwait(false))
        {
            batch.Add(upsert(item));
            if (batch.Count >= batchSize) await WriteAsync().ConfigureAwait(false);
        }
        if (batch.Count > 0) await WriteAsync().ConfigureAwait(false);
        return new MigrationPhase(phase, done, present);
    }

    static async IAsyncEnumerable<WriteOperation> Stream(List<WriteOperation> batch)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var operation in batch) yield return operation;
    }

    /// <summary>The counts and checksums of a store.</summary>
    public static async Task<GraphSummary> SummarizeAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var counts = await store.CountAsync(cancellationToken).ConfigureAwait(false);
        var nodes = await ChecksumAsync(store.ScanNodesAsync(cancellationToken: cancellationToken), n => n.Id, n =>
            [n.Kind.ToString(), n.Key, n.Name, n.NameEn, string.Join('\u001e', n.Aliases), Canonical(n.Properties)]).ConfigureAwait(false);
        var links = await ChecksumAsync(store.ScanLinksAsync(cancellationToken: cancellationToken), l => l.Id, l =>
            [l.Type.ToString(), l.FromId, l.ToId, l.Key, Canonical(l.StartDate), Canonical(l.EndDate), l.Source, Canonical(l.Properties)]).ConfigureAwait(false);
        return new GraphSummary(counts, nodes, links);
    }

    // SHA-256 over the items in ordinal id order (stores may scan in their own collation), each as its id and content.
    static async Task<string> ChecksumAsync<T>(IAsyncEnumerable<T> items, Func<T, string> id, Func<T, string?[]> content)
    {
        var lines = new List<(string Id, string Content)>();
        await foreach (var item in items.ConfigureAwait(false)) lines.Add((id(item), string.Join('\u001f', content(item).Select(c => c ?? "\u0000"))));
        lines.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (itemId, itemContent) in lines) hash.AppendData(Encoding.UTF8.GetBytes(itemId + "\u001d" + itemContent + "\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    static string Canonical(PropertyBag properties) => string.Join('\u001e', properties.Select(p => p.Key + "=" + Canonical(p.Value)));

    // Equal values give equal text whatever the store: 51.50 and 51.5 are the same decimal.
    static string? Canonical(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString("G29", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ImmutableArray<string> list => "[" + string.Join('\u001e', list) + "]",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
