using System.Collections.Frozen;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>What an export wrote.</summary>
public sealed record ExportResult(long Nodes, long Links, long BuiltInReferenceNodesLeftOut, long DataVersion);

/// <summary>
/// Writes the whole store as a graph folder: every kind and type in catalog order, rows ordered by id, so the same data
/// always gives the same bytes. The built-in Region and Field nodes and reference universities (<see cref="ReferenceNodes"/>,
/// which every store holds from its first start) are left out unless their content was changed; ones a user added or
/// changed are written, with their identifiers (moeCode, rorId) as columns.
/// </summary>
public static class GraphExporter
{
    private static readonly FrozenDictionary<string, NodeInput> BuiltIn =
        ReferenceNodes.Regions().Concat(ReferenceNodes.Fields()).Concat(ReferenceNodes.Organizations()).ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);

    /// <summary>Whether the node is a built-in reference node exactly as the catalog has it.</summary>
    public static bool IsUnchangedBuiltIn(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return BuiltIn.TryGetValue(node.Id, out var builtIn) && node.HasSameContent(builtIn);
    }

    /// <summary>Exports the store into the folder; <paramref name="progress"/> gets the rows written so far.</summary>
    public static async Task<ExportResult> ExportAsync(IGraphStore store, string folder, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        long leftOut = 0, rows = 0;
        using var writer = new CsvGraphWriter(folder);
        foreach (var kind in GraphCatalog.NodeKinds)
        {
            await foreach (var node in store.ScanNodesAsync(kind.Kind, cancellationToken).ConfigureAwait(false))
            {
                if (IsUnchangedBuiltIn(node)) leftOut++;
                else writer.Write(node);
                Report(progress, ++rows);
            }
        }
        foreach (var type in GraphCatalog.LinkTypes)
        {
            await foreach (var link in store.ScanLinksAsync(type.Type, cancellationToken).ConfigureAwait(false))
            {
                writer.Write(link);
                Report(progress, ++rows);
            }
        }
        progress?.Report(rows);
        return new ExportResult(writer.NodesWritten, writer.LinksWritten, leftOut, version);
    }

    private static void Report(IProgress<long>? progress, long rows)
    {
        if (rows % 10_000 == 0) progress?.Report(rows);
    }
}
