using System.Runtime.CompilerServices;
using System.Threading.Channels;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>The second pass of an import (<see cref="GraphImporter"/>): the checked files' rows streamed as upserts.</summary>
internal static class ImportOperations
{
    private const int WriteBatchSize = 1_024;

    /// <summary>
    /// Every row of the files as a write operation, in file order. The rows are read and parsed on another thread while
    /// the store writes, in batches through a bounded channel, so reading never runs far ahead; a row that no longer
    /// reads stops the import. With a store that holds enterprises, their stored years are kept beside the rows'
    /// (<see cref="EnterpriseFigures.KeepYears"/>).
    /// </summary>
    public static async IAsyncEnumerable<WriteOperation> ReadAsync(IReadOnlyList<GraphFile> files, ReferenceLinking linking, IGraphStore? storedFigures, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<WriteOperation[]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in Read(files, linking, stop.Token))
                    await channel.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var withYears = storedFigures is null ? batch : await KeepStoredYearsAsync(storedFigures, batch, cancellationToken).ConfigureAwait(false);
                foreach (var operation in withYears)
                    yield return operation;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Loading 2025's figures must not drop 2024's: a row's years replace those years only.
    private static async Task<WriteOperation[]> KeepStoredYearsAsync(IGraphStore store, WriteOperation[] batch, CancellationToken cancellationToken)
    {
        var ids = batch.OfType<WriteOperation.UpsertNode>().Where(u => u.Node.Kind == NodeKind.Enterprise).Select(u => u.Node.Id).ToList();
        if (ids.Count == 0) return batch;
        var stored = await store.GetNodesAsync(ids, cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0) return batch;
        WriteOperation Keep(WriteOperation operation)
        {
            if (operation is not WriteOperation.UpsertNode upsert || !stored.TryGetValue(upsert.Node.Id, out var before)) return operation;
            var node = upsert.Node;
            return new WriteOperation.UpsertNode(EnterpriseDefaults.Apply(node with { Properties = EnterpriseFigures.KeepYears(before.Properties, node.Properties) }));
        }
        return [.. batch.Select(Keep)];
    }

    private static IEnumerable<WriteOperation[]> Read(IReadOnlyList<GraphFile> files, ReferenceLinking linking, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        var batch = new List<WriteOperation>(WriteBatchSize);
        foreach (var file in files)
        {
            using var rows = CsvRows.Open(file.Path);
            var headerProblems = new List<(string, string)>();
            var nodes = file.Kind is { } kind ? new NodeRowParser(kind, rows.Header, headerProblems) : null;
            var links = file.Type is { } type ? new LinkRowParser(type, rows.Header, headerProblems) : null;
            while (rows.Read())
            {
                batch.Add(nodes is not null
                    ? new WriteOperation.UpsertNode(linking.NodeFor(nodes.Parse(rows, problems)))
                    : new WriteOperation.UpsertLink(linking.LinkFor(links!.Parse(rows, problems))));
                if (problems.Count > 0 || headerProblems.Count > 0)
                    throw new InvalidInputException($"{file.Name}:{rows.Line}: the file changed while it was being imported; nothing was written");
                if (batch.Count == WriteBatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return [.. batch];
                    batch.Clear();
                }
            }
        }
        if (batch.Count > 0) yield return [.. batch];
    }
}
