using CsvHelper;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>
/// Writes a graph folder in the import format (docs/import-format.md), streaming: every node and link is written as it
/// comes, so millions of rows never sit in memory. Every file of every kind and type is created with its header
/// at once (a kind with no rows gets a header-only file), and rows go to their file in the order they are given;
/// give them ordered by id for a deterministic folder, as <see cref="GraphExporter"/> does.
/// Values are written as <see cref="PropertyText.Format"/> writes them, so a written folder imports back to the same graph.
/// </summary>
public sealed class CsvGraphWriter : IDisposable, IAsyncDisposable
{
    private readonly Dictionary<NodeKind, CsvWriter> _nodeFiles = [];
    private readonly Dictionary<LinkType, CsvWriter> _linkFiles = [];

    /// <summary>Creates the folder (and its nodes/ and links/ folders) and every file in it, replacing files of the same names.</summary>
    public CsvGraphWriter(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Path.Combine(Folder, ExchangeFormat.NodesFolder));
        Directory.CreateDirectory(Path.Combine(Folder, ExchangeFormat.LinksFolder));
        try
        {
            foreach (var kind in GraphCatalog.NodeKinds)
                _nodeFiles[kind.Kind] = Open(ExchangeFormat.FileOf(kind.Kind), ExchangeFormat.ColumnsOf(kind.Kind));
            foreach (var type in GraphCatalog.LinkTypes)
                _linkFiles[type.Type] = Open(ExchangeFormat.FileOf(type.Type), ExchangeFormat.ColumnsOf(type.Type));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The folder written, as a full path.</summary>
    public string Folder { get; }

    /// <summary>How many node rows were written.</summary>
    public long NodesWritten { get; private set; }

    /// <summary>How many link rows were written.</summary>
    public long LinksWritten { get; private set; }

    /// <summary>
    /// Writes every node and then every link of the streams into a new folder; the convenience for an export or a generator.
    /// </summary>
    public static async Task<(long Nodes, long Links)> WriteAsync(
        string folder, IAsyncEnumerable<NodeInput> nodes, IAsyncEnumerable<LinkInput> links, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(links);
        using var writer = new CsvGraphWriter(folder);
        await foreach (var node in nodes.WithCancellation(cancellationToken).ConfigureAwait(false))
            writer.Write(node);
        await foreach (var link in links.WithCancellation(cancellationToken).ConfigureAwait(false))
            writer.Write(link);
        return (writer.NodesWritten, writer.LinksWritten);
    }

    /// <summary>Writes a node as a row of its kind's file.</summary>
    public void Write(NodeInput node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var csv = _nodeFiles[node.Kind];
        csv.WriteField(node.Key);
        csv.WriteField(node.Name);
        csv.WriteField(node.NameEn ?? "");
        csv.WriteField(PropertyText.Format(node.Aliases));
        WriteProperties(csv, node.Properties, GraphCatalog.Of(node.Kind).Properties);
        csv.EndRecord();
        NodesWritten++;
    }

    /// <summary>Writes a stored node (its content; timestamps are not part of the format).</summary>
    public void Write(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Write(new NodeInput(node.Kind, node.Key, node.Name, node.NameEn, node.Aliases, node.Properties));
    }

    /// <summary>Writes a link as a row of its type's file, both ends as full node ids.</summary>
    public void Write(LinkInput link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var csv = _linkFiles[link.Type];
        csv.WriteField(link.FromId);
        csv.WriteField(link.ToId);
        csv.WriteField(link.Key ?? "");
        csv.WriteField(PropertyText.Format(link.StartDate));
        csv.WriteField(PropertyText.Format(link.EndDate));
        csv.WriteField(link.Source ?? "");
        WriteProperties(csv, link.Properties, GraphCatalog.Of(link.Type).Properties);
        csv.EndRecord();
        LinksWritten++;
    }

    /// <summary>Writes a stored link (its content; timestamps are not part of the format).</summary>
    public void Write(Link link)
    {
        ArgumentNullException.ThrowIfNull(link);
        Write(new LinkInput(link.Type, link.FromId, link.ToId, link.Key, link.StartDate, link.EndDate, link.Source, link.Properties));
    }

    /// <summary>Flushes and closes every file.</summary>
    public void Dispose()
    {
        foreach (var csv in _nodeFiles.Values.Concat(_linkFiles.Values))
            csv.Dispose();
        _nodeFiles.Clear();
        _linkFiles.Clear();
    }

    /// <summary>Flushes and closes every file.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var csv in _nodeFiles.Values.Concat(_linkFiles.Values))
            await csv.DisposeAsync().ConfigureAwait(false);
        _nodeFiles.Clear();
        _linkFiles.Clear();
    }

    private CsvWriter Open(string file, IReadOnlyList<string> columns)
    {
        var csv = CsvWriter.ToFile(Path.Combine(Folder, file), ExchangeFormat.WriterOptions);
        csv.WriteHeader([.. columns]);
        return csv;
    }

    private static void WriteProperties(CsvWriter csv, PropertyBag properties, IReadOnlyList<PropertyDefinition> definitions)
    {
        foreach (var definition in definitions)
            csv.WriteField(PropertyText.Format(properties.TryGetValue(definition.Name, out var value) ? value : null));
    }
}
