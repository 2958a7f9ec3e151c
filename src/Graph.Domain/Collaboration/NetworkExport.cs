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
/// Writes a collaboration network for the tools researchers use. Every format carries the same attributes: per
/// organisation its name, kind, region code, field codes and locality (区内/区外/国外); per tie its kinds, weight and first
/// and last date. Ties are undirected.
/// </summary>
public static class NetworkExport
{
    /// <summary>The media type of a format.</summary>
    public static string MediaType(NetworkFormat format) => format switch
    {
        NetworkFormat.GraphML => "application/graphml+xml; charset=utf-8",
        NetworkFormat.Gexf => "application/gexf+xml; charset=utf-8",
        _ => "text/csv; charset=utf-8",
    };

    /// <summary>Writes the network in the format; <paramref name="names"/> gives each organisation's name (the id when absent).</summary>
    public static async Task WriteAsync(CollaborationNetwork network, IReadOnlyDictionary<string, string> names, NetworkFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(names);
        switch (format)
        {
            case NetworkFormat.GraphML:
                await WriteXmlAsync(output, writer => WriteGraphML(writer, network, names), cancellationToken).ConfigureAwait(false);
                break;
            case NetworkFormat.Gexf:
                await WriteXmlAsync(output, writer => WriteGexf(writer, network, names), cancellationToken).ConfigureAwait(false);
                break;
            case NetworkFormat.NodesCsv:
                await WriteCsvAsync(output, ["id", "name", "kind", "region", "fields", "locality"],
                    network.Nodes.Select(n => new[] { n.Id, NameOf(names, n.Id), n.Kind.ToString(), n.Region ?? "", string.Join(';', n.Fields), n.Locality?.ToString() ?? "" }),
                    cancellationToken).ConfigureAwait(false);
                break;
            case NetworkFormat.EdgesCsv:
                await WriteCsvAsync(output, ["source", "target", "kinds", "weight", "firstDate", "lastDate"],
                    network.Edges.Select(e => new[] { e.SourceId, e.TargetId, KindsText(e.Kinds), Number(e.Weight), DateText(e.FirstDate), DateText(e.LastDate) }),
                    cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not an export format");
        }
    }

    static string NameOf(IReadOnlyDictionary<string, string> names, string id) => names.TryGetValue(id, out var name) ? name : id;

    /// <summary>The kinds of a tie as text: their names joined by ';' (e.g. "Platform;Agreement").</summary>
    public static string KindsText(CollaborationKinds kinds) => string.Join(';', CollaborationRules.Split(kinds));

    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    static string DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    static async Task WriteXmlAsync(Stream output, Action<XmlWriter> write, CancellationToken cancellationToken)
    {
        // XmlWriter writes synchronously into memory; the stream is written asynchronously (ASP.NET forbids sync I/O).
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var writer = XmlWriter.Create(buffer, settings)) write(writer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    static void WriteGraphML(XmlWriter writer, CollaborationNetwork network, IReadOnlyDictionary<string, string> names)
    {
        const string Ns = "http://graphml.graphdrawing.org/xmlns";
        writer.WriteStartDocument();
        writer.WriteStartElement("graphml", Ns);
        foreach (var (id, target, type) in new[]
        {
            ("name", "node", "string"), ("kind", "node", "string"), ("region", "node", "string"), ("fields", "node", "string"), ("locality", "node", "string"),
            ("kinds", "edge", "string"), ("weight", "edge", "double"), ("firstDate", "edge", "string"), ("lastDate", "edge", "string"),
        })
        {
            writer.WriteStartElement("key", Ns);
            writer.WriteAttributeString("id", id);
            writer.WriteAttributeString("for", target);
            writer.WriteAttributeString("attr.name", id);
            writer.WriteAttributeString("attr.type", type);
            writer.WriteEndElement();
        }
        writer.WriteStartElement("graph", Ns);
        writer.WriteAttributeString("id", "collaboration");
        writer.WriteAttributeString("edgedefault", "undirected");
        foreach (var node in network.Nodes)
        {
            writer.WriteStartElement("node", Ns);
            writer.WriteAttributeString("id", Xml(node.Id));
            Data("name", NameOf(names, node.Id));
            Data("kind", node.Kind.ToString());
            Data("region", node.Region);
            Data("fields", node.Fields.Count > 0 ? string.Join(';', node.Fields) : null);
            Data("locality", node.Locality?.ToString());
            writer.WriteEndElement();
        }
        var index = 0;
        foreach (var edge in network.Edges)
        {
            writer.WriteStartElement("edge", Ns);
            writer.WriteAttributeString("id", "e" + index++.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("source", Xml(edge.SourceId));
            writer.WriteAttributeString("target", Xml(edge.TargetId));
            Data("kinds", KindsText(edge.Kinds));
            Data("weight", Number(edge.Weight));
            Data("firstDate", edge.FirstDate is null ? null : DateText(edge.FirstDate));
            Data("lastDate", edge.LastDate is null ? null : DateText(edge.LastDate));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();

        void Data(string key, string? value)
        {
            if (value is null) return;
            writer.WriteStartElement("data", Ns);
            writer.WriteAttributeString("key", key);
            writer.WriteString(Xml(value));
            writer.WriteEndElement();
        }
    }

    static void WriteGexf(XmlWriter writer, CollaborationNetwork network, IReadOnlyDictionary<string, string> names)
    {
        const string Ns = "http://gexf.net/1.3";
        writer.WriteStartDocument();
        writer.WriteStartElement("gexf", Ns);
        writer.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        writer.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
        writer.WriteAttributeString("version", "1.3");
        writer.WriteStartElement("meta", Ns);
        writer.WriteElementString("creator", Ns, "KnowledgeGraph");
        writer.WriteElementString("description", Ns, "Collaboration network of organisations, derived from typed links");
        writer.WriteEndElement();
        writer.WriteStartElement("graph", Ns);
        writer.WriteAttributeString("defaultedgetype", "undirected");
        writer.WriteAttributeString("mode", "static");
        Attributes("node", ["kind", "region", "fields", "locality"]);
        Attributes("edge", ["kinds", "firstDate", "lastDate"]);
        writer.WriteStartElement("nodes", Ns);
        foreach (var node in network.Nodes)
        {
            writer.WriteStartElement("node", Ns);
            writer.WriteAttributeString("id", Xml(node.Id));
            writer.WriteAttributeString("label", Xml(NameOf(names, node.Id)));
            Values(("kind", node.Kind.ToString()), ("region", node.Region), ("fields", node.Fields.Count > 0 ? string.Join(';', node.Fields) : null), ("locality", node.Locality?.ToString()));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteStartElement("edges", Ns);
        var index = 0;
        foreach (var edge in network.Edges)
        {
            writer.WriteStartElement("edge", Ns);
            writer.WriteAttributeString("id", index++.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("source", Xml(edge.SourceId));
            writer.WriteAttributeString("target", Xml(edge.TargetId));
            writer.WriteAttributeString("weight", Number(edge.Weight));
            Values(("kinds", KindsText(edge.Kinds)),
                ("firstDate", edge.FirstDate is null ? null : DateText(edge.FirstDate)),
                ("lastDate", edge.LastDate is null ? null : DateText(edge.LastDate)));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();

        void Attributes(string target, string[] ids)
        {
            writer.WriteStartElement("attributes", Ns);
            writer.WriteAttributeString("class", target);
            foreach (var id in ids)
            {
                writer.WriteStartElement("attribute", Ns);
                writer.WriteAttributeString("id", id);
                writer.WriteAttributeString("title", id);
                writer.WriteAttributeString("type", "string");
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }

        void Values(params (string For, string? Value)[] values)
        {
            writer.WriteStartElement("attvalues", Ns);
            foreach (var (target, value) in values)
            {
                if (value is null) continue;
                writer.WriteStartElement("attvalue", Ns);
                writer.WriteAttributeString("for", target);
                writer.WriteAttributeString("value", Xml(value));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
    }

    static async Task WriteCsvAsync(Stream output, string[] header, IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            writer.NewLine = "\r\n";
            await writer.WriteLineAsync(string.Join(',', header)).ConfigureAwait(false);
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(string.Join(',', row.Select(Quote))).ConfigureAwait(false);
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
