using System.Globalization;
using System.Text;
using System.Xml;
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
    public static string KindsText(CollaborationKinds kinds) => string.Join(';', CollaborationRules.Split(kinds));

    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    static string DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    static async Task WriteXmlAsync(Stream output, Func<CollaborationNetwork> select, NameLookup names, NetworkFormat format, CancellationToken cancellationToken)
    {
        // XmlWriter writes synchronously into a small buffer; each chunk is sent asynchronously (ASP.NET forbids sync I/O).
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var writer = XmlWriter.Create(buffer, settings);
        async Task SendAsync()
        {
            writer.Flush();
            buffer.Position = 0;
            await buffer.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            buffer.SetLength(0);
        }

        var gexf = format == NetworkFormat.Gexf;
        if (gexf) StartGexf(writer);
        else StartGraphML(writer);
        await SendAsync().ConfigureAwait(false);
        var network = select();
        await foreach (var chunk in NamedChunks(Organizations(network), names, cancellationToken).ConfigureAwait(false))
        {
            foreach (var node in chunk)
            {
                if (gexf) GexfNode(writer, node.Node, node.Label);
                else GraphMLNode(writer, node.Node, node.Label);
            }
            await SendAsync().ConfigureAwait(false);
        }
        if (gexf) MiddleGexf(writer);
        var index = 0;
        foreach (var chunk in network.Edges.Chunk(Chunk))
        {
            foreach (var edge in chunk)
            {
                if (gexf) GexfEdge(writer, edge, index++);
                else GraphMLEdge(writer, edge, index++);
            }
            await SendAsync().ConfigureAwait(false);
        }
        writer.WriteEndDocument();
        await SendAsync().ConfigureAwait(false);
    }

    const string GraphMLNs = "http://graphml.graphdrawing.org/xmlns";
    const string GexfNs = "http://gexf.net/1.3";

    static void StartGraphML(XmlWriter writer)
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("graphml", GraphMLNs);
        foreach (var (id, target, type) in new[]
        {
            ("name", "node", "string"), ("kind", "node", "string"), ("region", "node", "string"), ("fields", "node", "string"), ("locality", "node", "string"),
            ("outside", "node", "boolean"), ("creditCode", "node", "string"), ("moeCode", "node", "string"), ("rorId", "node", "string"),
            ("kinds", "edge", "string"), ("weight", "edge", "double"), ("firstDate", "edge", "string"), ("lastDate", "edge", "string"), ("crossing", "edge", "boolean"),
        })
        {
            writer.WriteStartElement("key", GraphMLNs);
            writer.WriteAttributeString("id", id);
            writer.WriteAttributeString("for", target);
            writer.WriteAttributeString("attr.name", id);
            writer.WriteAttributeString("attr.type", type);
            writer.WriteEndElement();
        }
        writer.WriteStartElement("graph", GraphMLNs);
        writer.WriteAttributeString("id", "collaboration");
        writer.WriteAttributeString("edgedefault", "undirected");
    }

    static void GraphMLNode(XmlWriter writer, NetworkNode node, OrganizationLabel label)
    {
        writer.WriteStartElement("node", GraphMLNs);
        writer.WriteAttributeString("id", Xml(node.Id));
        GraphMLData(writer, "name", label.Name);
        GraphMLData(writer, "kind", node.Kind.ToString());
        GraphMLData(writer, "region", node.Region);
        GraphMLData(writer, "fields", node.Fields.Count > 0 ? string.Join(';', node.Fields) : null);
        GraphMLData(writer, "locality", node.Locality?.ToString());
        GraphMLData(writer, "outside", Flag(node.Outside));
        GraphMLData(writer, "creditCode", label.CreditCode);
        GraphMLData(writer, "moeCode", label.MoeCode);
        GraphMLData(writer, "rorId", label.RorId);
        writer.WriteEndElement();
    }

    static void GraphMLEdge(XmlWriter writer, NetworkEdge edge, int index)
    {
        writer.WriteStartElement("edge", GraphMLNs);
        writer.WriteAttributeString("id", "e" + index.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("source", Xml(edge.SourceId));
        writer.WriteAttributeString("target", Xml(edge.TargetId));
        GraphMLData(writer, "kinds", KindsText(edge.Kinds));
        GraphMLData(writer, "weight", Number(edge.Weight));
        GraphMLData(writer, "firstDate", edge.FirstDate is null ? null : DateText(edge.FirstDate));
        GraphMLData(writer, "lastDate", edge.LastDate is null ? null : DateText(edge.LastDate));
        GraphMLData(writer, "crossing", Flag(edge.Crossing));
        writer.WriteEndElement();
    }

    static void GraphMLData(XmlWriter writer, string key, string? value)
    {
        if (value is null) return;
        writer.WriteStartElement("data", GraphMLNs);
        writer.WriteAttributeString("key", key);
        writer.WriteString(Xml(value));
        writer.WriteEndElement();
    }

    static void StartGexf(XmlWriter writer)
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("gexf", GexfNs);
        writer.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        writer.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
        writer.WriteAttributeString("version", "1.3");
        writer.WriteStartElement("meta", GexfNs);
        writer.WriteElementString("creator", GexfNs, "KnowledgeGraph");
        writer.WriteElementString("description", GexfNs, "Collaboration network of organisations, derived from typed links; each tie lives from its first to its last date");
        writer.WriteEndElement();
        writer.WriteStartElement("graph", GexfNs);
        writer.WriteAttributeString("defaultedgetype", "undirected");
        // Dynamic, with dates: Gephi's timeline shows each tie from its first to its last date.
        writer.WriteAttributeString("mode", "dynamic");
        writer.WriteAttributeString("timeformat", "date");
        GexfAttributes(writer, "node", ["kind", "region", "fields", "locality", "outside", "creditCode", "moeCode", "rorId"]);
        GexfAttributes(writer, "edge", ["kinds", "firstDate", "lastDate", "crossing"]);
        writer.WriteStartElement("nodes", GexfNs);
    }

    static void GexfNode(XmlWriter writer, NetworkNode node, OrganizationLabel label)
    {
        writer.WriteStartElement("node", GexfNs);
        writer.WriteAttributeString("id", Xml(node.Id));
        writer.WriteAttributeString("label", Xml(label.Name));
        GexfValues(writer, ("kind", node.Kind.ToString()), ("region", node.Region), ("fields", node.Fields.Count > 0 ? string.Join(';', node.Fields) : null),
            ("locality", node.Locality?.ToString()), ("outside", Flag(node.Outside)),
            ("creditCode", label.CreditCode), ("moeCode", label.MoeCode), ("rorId", label.RorId));
        writer.WriteEndElement();
    }

    static void MiddleGexf(XmlWriter writer)
    {
        writer.WriteEndElement();
        writer.WriteStartElement("edges", GexfNs);
    }

    static void GexfEdge(XmlWriter writer, NetworkEdge edge, int index)
    {
        writer.WriteStartElement("edge", GexfNs);
        writer.WriteAttributeString("id", index.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("source", Xml(edge.SourceId));
        writer.WriteAttributeString("target", Xml(edge.TargetId));
        writer.WriteAttributeString("weight", Number(edge.Weight));
        // An unknown first date, or evidence without an end date (the tie goes on), leaves the interval open on that side.
        if (edge.FirstDate is not null) writer.WriteAttributeString("start", DateText(edge.FirstDate));
        if (edge.LastDate is not null && !edge.Ongoing) writer.WriteAttributeString("end", DateText(edge.LastDate));
        GexfValues(writer, ("kinds", KindsText(edge.Kinds)),
            ("firstDate", edge.FirstDate is null ? null : DateText(edge.FirstDate)),
            ("lastDate", edge.LastDate is null ? null : DateText(edge.LastDate)),
            ("crossing", Flag(edge.Crossing)));
        writer.WriteEndElement();
    }

    static void GexfAttributes(XmlWriter writer, string target, string[] ids)
    {
        writer.WriteStartElement("attributes", GexfNs);
        writer.WriteAttributeString("class", target);
        foreach (var id in ids)
        {
            writer.WriteStartElement("attribute", GexfNs);
            writer.WriteAttributeString("id", id);
            writer.WriteAttributeString("title", id);
            writer.WriteAttributeString("type", "string");
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    static void GexfValues(XmlWriter writer, params (string For, string? Value)[] values)
    {
        writer.WriteStartElement("attvalues", GexfNs);
        foreach (var (target, value) in values)
        {
            if (value is null) continue;
            writer.WriteStartElement("attvalue", GexfNs);
            writer.WriteAttributeString("for", target);
            writer.WriteAttributeString("value", Xml(value));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
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
                foreach (var row in chunk) await writer.WriteLineAsync(string.Join(',', row.Select(Quote))).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // RFC 4180: quote a field holding a comma, a quote or a line break, doubling quotes; a spreadsheet must not read
    // stored text as a formula.
    static string Quote(string field)
    {
        field = TextRules.ForSpreadsheet(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    // Text stored before the character rules, or in free-text properties, may hold what XML 1.0 cannot.
    static string Xml(string text) => TextRules.ForXml(text);
}
