using CsvHelper;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>
/// The import format of docs/import-format.md: where each file of a graph folder lives, its columns in the order export
/// writes them, and the CSV dialect (UTF-8, comma, header row, RFC 4180 quoting, LF line ends, no byte-order mark).
/// </summary>
public static class ExchangeFormat
{
    /// <summary>The folder of the node files, inside a graph folder.</summary>
    public const string NodesFolder = "nodes";

    /// <summary>The folder of the link files, inside a graph folder.</summary>
    public const string LinksFolder = "links";

    /// <summary>The columns every link file starts with, before the link type's properties.</summary>
    public static readonly IReadOnlyList<string> LinkColumns = ["from", "to", "key", "startDate", "endDate", "source"];

    /// <summary>The columns every node file has after its key column, before the kind's properties.</summary>
    public static readonly IReadOnlyList<string> NodeColumns = ["name", "nameEn", "aliases"];

    /// <summary>The file of a node kind, relative to the graph folder, with '/' separators: <c>nodes/Enterprise.csv</c>.</summary>
    public static string FileOf(NodeKind kind) => $"{NodesFolder}/{kind}.csv";

    /// <summary>The file of a link type, relative to the graph folder: <c>links/SUBSIDIARY_OF.csv</c>.</summary>
    public static string FileOf(LinkType type) => $"{LinksFolder}/{GraphCatalog.Of(type).Name}.csv";

    /// <summary>The columns of a node file, in export order: the key column, name, nameEn, aliases, then the properties in catalog order.</summary>
    public static IReadOnlyList<string> ColumnsOf(NodeKind kind)
    {
        var info = GraphCatalog.Of(kind);
        return [info.KeyName, .. NodeColumns, .. info.Properties.Select(p => p.Name)];
    }

    /// <summary>The columns of a link file, in export order: from, to, key, startDate, endDate, source, then the properties.</summary>
    public static IReadOnlyList<string> ColumnsOf(LinkType type) =>
        [.. LinkColumns, .. GraphCatalog.Of(type).Properties.Select(p => p.Name)];

    /// <summary>How files are written: RFC 4180 quoting (also of values with spaces at either end), LF, no BOM, nothing escaped.</summary>
    internal static CsvWriterOptions WriterOptions { get; } = CsvWriterOptions.Default with
    {
        Mode = CsvMode.Rfc4180,
        Separator = ',',
        NewLine = "\n",
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        Injection = CsvInjection.None,
        WriteByteOrderMark = false,
        ValidateFieldCount = true,
    };
}
