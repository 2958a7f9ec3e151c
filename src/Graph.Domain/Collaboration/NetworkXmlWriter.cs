using System.Buffers;
using System.Globalization;
using System.Text;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// Writes GraphML and GEXF text for <see cref="NetworkExport"/>: the same bytes <c>XmlWriter</c> with indentation wrote
/// (two spaces, '\n', <c>" />"</c> for an empty element), written by hand because a whole-network export is millions of
/// elements of a fixed shape — no namespace lookups or state checks per element, numbers and dates formatted into a
/// reused buffer, and a tie's kinds spelled once per combination. Text and attribute values are escaped as
/// <c>XmlWriter</c> escapes them; what XML 1.0 cannot hold (text stored before the character rules, free-text properties) is dropped first
/// (<see cref="Validation.TextRules.ForXml"/>).
/// Writes into a <see cref="TextWriter"/> over a memory buffer the caller sends a chunk at a time.
/// </summary>
internal sealed class NetworkXmlWriter(TextWriter writer)
{
    const string GraphMLNs = "http://graphml.graphdrawing.org/xmlns";
    const string GexfNs = "http://gexf.net/1.3";
    const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    static readonly (string Id, string For, string Type)[] GraphMLKeys =
    [
        ("name", "node", "string"), ("kind", "node", "string"), ("region", "node", "string"), ("fields", "node", "string"), ("locality", "node", "string"),
        ("outside", "node", "boolean"), ("creditCode", "node", "string"), ("moeCode", "node", "string"), ("rorId", "node", "string"),
        ("kinds", "edge", "string"), ("weight", "edge", "double"), ("firstDate", "edge", "string"), ("lastDate", "edge", "string"), ("crossing", "edge", "boolean"),
    ];

    static readonly string[] GexfNodeAttributes = ["kind", "region", "fields", "locality", "outside", "creditCode", "moeCode", "rorId"];
    static readonly string[] GexfEdgeAttributes = ["kinds", "firstDate", "lastDate", "crossing"];

    static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<>\"\t\n\r");
    static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\r");

    readonly char[] _scratch = new char[64];
    bool _anyNode;
    bool _anyEdge;

    public void StartGraphML()
    {
        writer.Write(Declaration);
        writer.Write("\n<graphml xmlns=\"" + GraphMLNs + "\">");
        foreach (var (id, target, type) in GraphMLKeys)
        {
            writer.Write($"\n  <key id=\"{id}\" for=\"{target}\" attr.name=\"{id}\" attr.type=\"{type}\" />");
        }
        writer.Write("\n  <graph id=\"collaboration\" edgedefault=\"undirected\"");
    }

    public void GraphMLNode(NetworkNode node, OrganizationLabel label)
    {
        StartNode("    ", node.Id);
        writer.Write("\">");
        GraphMLData("name", label.Name);
        NodeValues(node, label, gexf: false);
        writer.Write("\n    </node>");
    }

    public void GraphMLEdge(NetworkEdge edge, int index)
    {
        writer.Write(_anyNode || _anyEdge ? "\n    <edge id=\"e" : ">\n    <edge id=\"e");
        _anyEdge = true;
        Number(index);
        writer.Write("\" source=\"");
        Escaped(edge.SourceId, attribute: true);
        writer.Write("\" target=\"");
        Escaped(edge.TargetId, attribute: true);
        writer.Write("\">\n      <data key=\"kinds\">");
        writer.Write(NetworkExport.KindsText(edge.Kinds));
        writer.Write("</data>\n      <data key=\"weight\">");
        Number(edge.Weight);
        writer.Write("</data>");
        if (edge.FirstDate is { } first)
        {
            writer.Write("\n      <data key=\"firstDate\">");
            Date(first);
            writer.Write("</data>");
        }
        if (edge.LastDate is { } last)
        {
            writer.Write("\n      <data key=\"lastDate\">");
            Date(last);
            writer.Write("</data>");
        }
        writer.Write("\n      <data key=\"crossing\">");
        writer.Write(Flag(edge.Crossing));
        writer.Write("</data>\n    </edge>");
    }

    public void EndGraphML() => writer.Write(_anyNode || _anyEdge ? "\n  </graph>\n</graphml>" : " />\n</graphml>");

    void GraphMLData(string key, string? value)
    {
        if (value is null) return;
        writer.Write("\n      <data key=\"");
        writer.Write(key);
        writer.Write("\">");
        Escaped(value, attribute: false);
        writer.Write("</data>");
    }

    public void StartGexf()
    {
        writer.Write(Declaration);
        writer.Write("\n<gexf xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\" xmlns=\"" + GexfNs + "\">");
        writer.Write("\n  <meta>\n    <creator>KnowledgeGraph</creator>");
        writer.Write("\n    <description>Collaboration network of organisations, derived from typed links; each tie lives from its first to its last date</description>\n  </meta>");
        // Dynamic, with dates: Gephi's timeline shows each tie from its first to its last date.
        writer.Write("\n  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"date\">");
        GexfAttributes("node", GexfNodeAttributes);
        GexfAttributes("edge", GexfEdgeAttributes);
        writer.Write("\n    <nodes");
    }

    void GexfAttributes(string target, string[] ids)
    {
        writer.Write($"\n    <attributes class=\"{target}\">");
        foreach (var id in ids) writer.Write($"\n      <attribute id=\"{id}\" title=\"{id}\" type=\"string\" />");
        writer.Write("\n    </attributes>");
    }

    public void GexfNode(NetworkNode node, OrganizationLabel label)
    {
        StartNode("      ", node.Id);
        writer.Write("\" label=\"");
        Escaped(label.Name, attribute: true);
        writer.Write("\">\n        <attvalues>");
        NodeValues(node, label, gexf: true);
        writer.Write("\n        </attvalues>\n      </node>");
    }

    public void MiddleGexf()
    {
        writer.Write(_anyNode ? "\n    </nodes>" : " />");
        writer.Write("\n    <edges");
    }

    public void GexfEdge(NetworkEdge edge, int index)
    {
        writer.Write(_anyEdge ? "\n      <edge id=\"" : ">\n      <edge id=\"");
        _anyEdge = true;
        Number(index);
        writer.Write("\" source=\"");
        Escaped(edge.SourceId, attribute: true);
        writer.Write("\" target=\"");
        Escaped(edge.TargetId, attribute: true);
        writer.Write("\" weight=\"");
        Number(edge.Weight);
        // An unknown first date, or evidence without an end date (the tie goes on), leaves the interval open on that side.
        if (edge.FirstDate is { } start)
        {
            writer.Write("\" start=\"");
            Date(start);
        }
        if (edge.LastDate is { } end && !edge.Ongoing)
        {
            writer.Write("\" end=\"");
            Date(end);
        }
        writer.Write("\">\n        <attvalues>\n          <attvalue for=\"kinds\" value=\"");
        writer.Write(NetworkExport.KindsText(edge.Kinds));
        if (edge.FirstDate is { } first)
        {
            writer.Write("\" />\n          <attvalue for=\"firstDate\" value=\"");
            Date(first);
        }
        if (edge.LastDate is { } last)
        {
            writer.Write("\" />\n          <attvalue for=\"lastDate\" value=\"");
            Date(last);
        }
        writer.Write("\" />\n          <attvalue for=\"crossing\" value=\"");
        writer.Write(Flag(edge.Crossing));
        writer.Write("\" />\n        </attvalues>\n      </edge>");
    }

    public void EndGexf() => writer.Write(_anyEdge ? "\n    </edges>\n  </graph>\n</gexf>" : " />\n  </graph>\n</gexf>");

    void GexfValue(string target, string? value)
    {
        if (value is null) return;
        writer.Write("\n          <attvalue for=\"");
        writer.Write(target);
        writer.Write("\" value=\"");
        Escaped(value, attribute: true);
        writer.Write("\" />");
    }

    // An organisation's element up to its id; the first one closes the start tag of the element it is in.
    void StartNode(string indent, string id)
    {
        writer.Write(_anyNode ? "\n" : ">\n");
        _anyNode = true;
        writer.Write(indent);
        writer.Write("<node id=\"");
        Escaped(id, attribute: true);
    }

    // An organisation's attributes, in the order both formats list them (GraphML's name before them).
    void NodeValues(NetworkNode node, OrganizationLabel label, bool gexf)
    {
        Value("kind", node.Kind.ToString());
        Value("region", node.Region);
        Value("fields", node.Fields.Count > 0 ? string.Join(';', node.Fields) : null);
        Value("locality", node.Locality?.ToString());
        Value("outside", Flag(node.Outside));
        Value("creditCode", label.CreditCode);
        Value("moeCode", label.MoeCode);
        Value("rorId", label.RorId);

        void Value(string key, string? value)
        {
            if (gexf) GexfValue(key, value);
            else GraphMLData(key, value);
        }
    }

    static string Flag(bool value) => value ? "true" : "false";

    void Number(int value)
    {
        value.TryFormat(_scratch, out var length, default, CultureInfo.InvariantCulture);
        writer.Write(_scratch, 0, length);
    }

    void Number(double value)
    {
        value.TryFormat(_scratch, out var length, "R", CultureInfo.InvariantCulture);
        writer.Write(_scratch, 0, length);
    }

    void Date(DateOnly value)
    {
        value.TryFormat(_scratch, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.Write(_scratch, 0, length);
    }

    // As XmlWriter escapes: &, < and > everywhere; in an attribute also the quote and tab and line breaks as character
    // references; in text a line break (\r\n, \r or \n) is written as '\n'.
    void Escaped(string value, bool attribute)
    {
        var text = Validation.TextRules.ForXml(value).AsSpan();
        while (true)
        {
            var next = text.IndexOfAny(attribute ? AttributeSpecials : TextSpecials);
            if (next < 0)
            {
                writer.Write(text);
                return;
            }
            writer.Write(text[..next]);
            var c = text[next];
            text = text[(next + 1)..];
            switch (c)
            {
                case '&': writer.Write("&amp;"); break;
                case '<': writer.Write("&lt;"); break;
                case '>': writer.Write("&gt;"); break;
                case '"': writer.Write("&quot;"); break;
                case '\t': writer.Write("&#x9;"); break;
                case '\n': writer.Write("&#xA;"); break;
                case '\r' when attribute: writer.Write("&#xD;"); break;
                default:
                    // A carriage return in text, alone or before a line feed: one '\n'.
                    writer.Write('\n');
                    if (text.Length > 0 && text[0] == '\n') text = text[1..];
                    break;
            }
        }
    }

    /// <summary>The UTF-8 (no byte order mark) the files are written in.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(false);
}
