using System.Globalization;
using System.Text;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>The file formats a collaboration network is exported in.</summary>
public enum NetworkFormat
{
    /// <summary>GraphML (graphml.graphdrawing.org): Gephi, Cytoscape, NetworkX <c>read_graphml</c>, igraph.</summary>
    GraphML,
    /// <summary>GEXF 1.3 (gexf.net): Gephi's own format.</summary>
    Gexf,
    /// <summary>CSV node list: id, name, kind, region, fields, locality.</summary>
    NodesCsv,
    /// <summary>CSV edge list: source, target, kinds, weight, firstDate, lastDate.</summary>
    EdgesCsv,
}

/// <summary>
/// Looks up the names and public identifiers of some organisations, by id (an id not found is left out).
/// </summary>
public delegate Task<IReadOnlyDictionary<string, OrganizationLabel>> NameLookup(IReadOnlyList<string> ids, CancellationToken cancellationToken);

/// <summary>
/// What an export writes beside an organisation's id so that a researcher can join it with other sources: its name
/// and its public identifiers — an enterprise's unified social credit code, a university's 学校标识码 (moeCode), a ROR id.
/// </summary>
public readonly record struct OrganizationLabel(string Name, string? CreditCode = null, string? MoeCode = null, string? RorId = null);

/// <summary>
/// Writes a collaboration network for the tools researchers use. Every format carries the same attributes: per
/// organisation its name, kind, region code, field codes, locality (区内/区外/国外) and whether it is a partner outside the
/// selection, and its identifiers (credit code, moeCode, ROR id) where it has them; per tie its kinds, weight, first and last date and whether it crosses the selection's boundary. Ties are
/// undirected. GEXF is dynamic: each tie lives from its first date to its last, or on when some of its evidence has no
/// end date (Gephi's timeline).
/// The output is streamed: organisations are named a chunk at a time and every chunk goes out as it is written, so
/// the first bytes leave at once and memory does not grow with the network.
/// </summary>
public static class NetworkExport
{
    /// <summary>How many organisations are named (one store call) and written per chunk.</summary>
    const int Chunk = 2000;

    /// <summary>The media type of a format.</summary>
    public static string MediaType(NetworkFormat format) => format switch
    {
        NetworkFormat.GraphML => "application/graphml+xml; charset=utf-8",
        NetworkFormat.Gexf => "application/gexf+xml; charset=utf-8",
        _ => "text/csv; charset=utf-8",
    };

    /// <summary>Writes the network in the format; <paramref name="names"/> gives organisations' names (the id stands for a missing one).</summary>
    public static Task WriteAsync(CollaborationNetwork network, NameLookup names, NetworkFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        return WriteAsync(() => network, names, format, output, cancellationToken);
    }

    /// <summary>
    /// Writes the file's header, then selects the network with <paramref name="select"/> and writes it: the first bytes
    /// leave before the selection is made.
    /// </summary>
    public static async Task WriteAsync(Func<CollaborationNetwork> select, NameLookup names, NetworkFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(select);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case NetworkFormat.GraphML:
            case NetworkFormat.Gexf:
                await WriteXmlAsync(output, select, names, format, cancellationToken).ConfigureAwait(false);
                break;
            case NetworkFormat.NodesCsv:
                await WriteCsvAsync(output, ["id", "name", "kind", "region", "fields", "locality", "outside", "creditCode", "moeCode", "rorId"],
                    () => NamedChunks(Organizations(select()), names, cancellationToken).Select(chunk => chunk.Select(n => new[]
                    {
                        n.Node.Id, n.Label.Name, n.Node.Kind.ToString(), n.Node.Region ?? "", string.Join(';', n.Node.Fields), n.Node.Locality?.ToString() ?? "", Flag(n.Node.Outside),
                        n.Label.CreditCode ?? "", n.Label.MoeCode ?? "", n.Label.RorId ?? "",
                    })),
                    cancellationToken).ConfigureAwait(false);
                break;
            case NetworkFormat.EdgesCsv:
                await WriteCsvAsync(output, ["source", "target", "kinds", "weight", "firstDate", "lastDate", "crossing"],
                    () => select().Edges.Chunk(Chunk).Select(chunk => chunk.Select(e => new[]
                    {
                        e.SourceId, e.TargetId, KindsText(e.Kinds), Number(e.Weight), DateText(e.FirstDate), DateText(e.LastDate), Flag(e.Crossing),
                    })).ToAsyncEnumerable(),
                    cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not an export format");
        }
    }

    static IEnumerable<NetworkNode> Organizations(CollaborationNetwork network) => network.Nodes.Concat(network.OutsidePartners);

    readonly record struct NamedNode(NetworkNode Node, OrganizationLabel Label);

    // The organisations a chunk at a time, each chunk named with one lookup.
    static async IAsyncEnumerable<IEnumerable<NamedNode>> NamedChunks(
        IEnumerable<NetworkNode> nodes, NameLookup names, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in nodes.Chunk(Chunk))
        {
            var found = await names(chunk.Select(n => n.Id).ToList(), cancellationToken).ConfigureAwait(false);
            yield return chunk.Select(n => new NamedNode(n, found.TryGetValue(n.Id, out var label) ? label : new OrganizationLabel(n.Id)));
        }
    }

    static string Flag(bool value) => value ? "true" : "false";

    /// <summary>The kinds of a tie as text: their names joined by ';' (e.g. "Platform;Agreement").</summary>
    public static string KindsText(CollaborationKinds kinds)
    {
        // Spelled once per combination of kinds: a whole-network export asks for it millions of times.
        var key = (int)kinds;
        if (key < 0 || key >= KindsTexts.Length) return string.Join(';', CollaborationRules.Split(kinds));
        return KindsTexts[key] ??= string.Join(';', CollaborationRules.Split(kinds));
    }

    static readonly string?[] KindsTexts = new string?[(int)CollaborationKinds.All + 1];

    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    static string DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    static async Task WriteXmlAsync(Stream output, Func<CollaborationNetwork> select, NameLookup names, NetworkFormat format, CancellationToken cancellationToken)
    {
        // The text is written synchronously into a small buffer; each chunk is sent asynchronously (ASP.NET forbids sync I/O).
        using var buffer = new MemoryStream();
        var text = new StreamWriter(buffer, NetworkXmlWriter.Utf8, 1 << 16, leaveOpen: true);
        await using (text.ConfigureAwait(false))
        {
            var writer = new NetworkXmlWriter(text);
            async Task SendAsync()
            {
                text.Flush();
                buffer.Position = 0;
                await buffer.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                buffer.SetLength(0);
            }

            var gexf = format == NetworkFormat.Gexf;
            if (gexf) writer.StartGexf();
            else writer.StartGraphML();
            await SendAsync().ConfigureAwait(false);
            var network = select();
            await foreach (var chunk in NamedChunks(Organizations(network), names, cancellationToken).ConfigureAwait(false))
            {
                foreach (var node in chunk)
                {
                    if (gexf) writer.GexfNode(node.Node, node.Label);
                    else writer.GraphMLNode(node.Node, node.Label);
                }
                await SendAsync().ConfigureAwait(false);
            }
            if (gexf) writer.MiddleGexf();
            var index = 0;
            var edges = network.Edges;
            for (var start = 0; start < edges.Count; start += Chunk)
            {
                // Each tie is made from the selection's row as it is written and let go at once.
                for (var i = start; i < Math.Min(start + Chunk, edges.Count); i++)
                {
                    if (gexf) writer.GexfEdge(edges[i], index++);
                    else writer.GraphMLEdge(edges[i], index++);
                }
                await SendAsync().ConfigureAwait(false);
            }
            if (gexf) writer.EndGexf();
            else writer.EndGraphML();
            await SendAsync().ConfigureAwait(false);
        }
    }

    static async Task WriteCsvAsync(Stream output, string[] header, Func<IAsyncEnumerable<IEnumerable<string[]>>> chunks, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            writer.NewLine = "\r\n";
            await writer.WriteLineAsync(string.Join(',', header)).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var chunk in chunks().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in chunk) await writer.WriteLineAsync(string.Join(',', row.Select(TextRules.ForCsv))).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
