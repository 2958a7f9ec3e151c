using System.Text.Json.Nodes;
using System.Xml.Linq;
using KnowledgeGraph.Api.Tests.Hosting;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using Microsoft.VisualBasic.FileIO;

namespace KnowledgeGraph.Api.Tests.Collaboration;

/// <summary>
/// The export URLs, read back with real parsers: graphology's GraphML and GEXF parsers (tools/graph-export-check) and
/// .NET's RFC 4180 <see cref="TextFieldParser"/> for the CSV lists.
/// </summary>
public sealed class NetworkExportTests
{
    [RequiresNodeFact]
    public async Task GraphMLParsesWithGraphologyAndCarriesTheNetwork()
    {
        await using var app = await CollaborationApplication.SeededAsync();
        var parsed = await ParseWithGraphologyAsync(app, "graphml", "/export/network.graphml");

        Assert.Equal("undirected", parsed["type"]!.GetValue<string>());
        Assert.Equal(5, parsed["order"]!.GetValue<int>());
        Assert.Equal(6, parsed["size"]!.GetValue<int>());
        var machinery = parsed["nodes"]!.AsArray().Single(n => n!["key"]!.GetValue<string>() == CollaborationApplication.Machinery)!["attributes"]!;
        Assert.Equal("柳州工程机械, 股份", machinery["name"]!.GetValue<string>());
        Assert.Equal("Enterprise", machinery["kind"]!.GetValue<string>());
        Assert.Equal("InRegion", machinery["locality"]!.GetValue<string>());
        var platformTie = parsed["edges"]!.AsArray().Single(e =>
            e!["source"]!.GetValue<string>() == CollaborationApplication.BigData && e["target"]!.GetValue<string>() == CollaborationApplication.AutoParts)!;
        Assert.Equal("Platform", platformTie["attributes"]!["kinds"]!.GetValue<string>());
        Assert.Equal(3.0, platformTie["attributes"]!["weight"]!.GetValue<double>());
        Assert.Equal("2020-01-01", platformTie["attributes"]!["firstDate"]!.GetValue<string>());
    }

    [RequiresNodeFact]
    public async Task GexfParsesWithGraphologyAndFiltersByRegion()
    {
        await using var app = await CollaborationApplication.SeededAsync();
        var parsed = await ParseWithGraphologyAsync(app, "gexf", "/export/network.gexf?region=450200");

        // Liuzhou (450200) holds the two Liuzhou enterprises and their one tie.
        Assert.Equal(2, parsed["order"]!.GetValue<int>());
        Assert.Equal(1, parsed["size"]!.GetValue<int>());
        var labels = parsed["nodes"]!.AsArray().Select(n => n!["attributes"]!["label"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["柳州工程机械, 股份", "柳州汽车零部件"], labels);
        var edge = parsed["edges"]!.AsArray().Single()!;
        Assert.Equal(3.0, edge["attributes"]!["weight"]!.GetValue<double>());
        Assert.Equal("TechnologyContract", edge["attributes"]!["kinds"]!.GetValue<string>());
    }

    [RequiresNodeFact]
    public async Task GexfGivesEachTieItsIntervalForGephisTimelineAndListsTheBoundary()
    {
        await using var app = await CollaborationApplication.SeededAsync();
        // An agreement that ended, beside the ties of the seed that have no end date (they go on).
        await app.Store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertLink(new LinkInput(
            LinkType.CooperationAgreement, CollaborationApplication.Machinery, CollaborationApplication.Tsinghua,
            StartDate: new DateOnly(2018, 3, 1), EndDate: new DateOnly(2020, 6, 30)))));

        var parsed = await ParseWithGraphologyAsync(app, "gexf", "/export/network.gexf?region=450200&boundary=include");

        Assert.Equal(("dynamic", "date"), (parsed["mode"]!.GetValue<string>(), parsed["timeformat"]!.GetValue<string>()));
        // 柳州's two enterprises and the three partners outside it; the tie inside and four crossing ties.
        Assert.Equal(5, parsed["order"]!.GetValue<int>());
        Assert.Equal(5, parsed["size"]!.GetValue<int>());
        var outside = parsed["nodes"]!.AsArray().Where(n => n!["attributes"]!["outside"]!.GetValue<string>() == "true").Select(n => n!["key"]!.GetValue<string>());
        Assert.Equal([CollaborationApplication.BigData, CollaborationApplication.Gxu, CollaborationApplication.Tsinghua], outside.Order(StringComparer.Ordinal));

        var intervals = parsed["intervals"]!.AsArray().ToDictionary(i => i!["id"]!.GetValue<string>(), i => (Start: i!["start"]?.GetValue<string>(), End: i["end"]?.GetValue<string>()));
        (string? Start, string? End) IntervalOf(string a, string b) => intervals[parsed["edges"]!.AsArray().Single(e =>
            (e!["source"]!.GetValue<string>(), e["target"]!.GetValue<string>()) == (a, b))!["key"]!.GetValue<string>()];
        Assert.Equal(("2018-03-01", "2020-06-30"), IntervalOf(CollaborationApplication.Machinery, CollaborationApplication.Tsinghua));
        Assert.Equal(("2019-01-01", null), IntervalOf(CollaborationApplication.Machinery, CollaborationApplication.Gxu));
        Assert.Equal(4, parsed["edges"]!.AsArray().Count(e => e!["attributes"]!["crossing"]!.GetValue<string>() == "true"));
    }

    [Fact]
    public async Task CsvListsParseAsRfc4180()
    {
        await using var app = await CollaborationApplication.SeededAsync();
        var nodes = ReadCsv(await GetTextAsync(app, "/export/network-nodes.csv"));
        var edges = ReadCsv(await GetTextAsync(app, "/export/network-edges.csv?kinds=Agreement"));

        Assert.Equal(["id", "name", "kind", "region", "fields", "locality", "outside", "creditCode", "moeCode", "rorId"], nodes[0]);
        Assert.Equal(6, nodes.Count);
        Assert.Contains(nodes, row => row[1] == "南宁\"大数据\"" && row[5] == "InRegion");
        Assert.Contains(nodes, row => row[0] == CollaborationApplication.Tsinghua && row[5] == "OutOfRegion");
        Assert.Equal(["source", "target", "kinds", "weight", "firstDate", "lastDate", "crossing"], edges[0]);
        Assert.Equal(
            [[CollaborationApplication.BigData, CollaborationApplication.Tsinghua, "Agreement", "2", "2023-01-01", "2023-01-01", "false"],
             [CollaborationApplication.BigData, CollaborationApplication.Gxu, "Agreement", "2", "2021-01-01", "2021-01-01", "false"]],
            edges.Skip(1).OrderByDescending(r => r[4], StringComparer.Ordinal));
    }

    [RequiresNodeFact]
    public async Task EveryFormatCarriesThePublicIdentifiersToJoinWithOtherSources()
    {
        await using var app = await CollaborationApplication.SeededAsync();
        await app.Store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(new NodeInput(NodeKind.University, "gxu", "广西大学",
            Properties: PropertyBag.Of(("region", "450107"), ("fields", new[] { "machinery" }), ("moeCode", "4145010593"), ("rorId", "02c9qn167"))))));

        var nodes = ReadCsv(await GetTextAsync(app, "/export/network-nodes.csv"));
        var column = nodes[0].Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);
        var gxu = nodes.Single(row => row[0] == CollaborationApplication.Gxu);
        Assert.Equal(("", "4145010593", "02c9qn167"), (gxu[column["creditCode"]], gxu[column["moeCode"]], gxu[column["rorId"]]));
        var machinery = nodes.Single(row => row[0] == CollaborationApplication.Machinery);
        Assert.Equal(("91450200MA5K000001", "", ""), (machinery[column["creditCode"]], machinery[column["moeCode"]], machinery[column["rorId"]]));
        Assert.Equal("", nodes.Single(row => row[0] == CollaborationApplication.Tsinghua)[column["moeCode"]]);

        foreach (var (format, url) in new[] { ("graphml", "/export/network.graphml"), ("gexf", "/export/network.gexf") })
        {
            var parsed = await ParseWithGraphologyAsync(app, format, url);
            JsonNode AttributesOf(string id) => parsed["nodes"]!.AsArray().Single(n => n!["key"]!.GetValue<string>() == id)!["attributes"]!;
            Assert.Equal("4145010593", AttributesOf(CollaborationApplication.Gxu)["moeCode"]!.GetValue<string>());
            Assert.Equal("02c9qn167", AttributesOf(CollaborationApplication.Gxu)["rorId"]!.GetValue<string>());
            Assert.Equal("91450200MA5K000001", AttributesOf(CollaborationApplication.Machinery)["creditCode"]!.GetValue<string>());
            Assert.Null(AttributesOf(CollaborationApplication.Tsinghua)["moeCode"]);
        }
    }

    [Fact]
    public async Task AWriteShowsInTheNextExport()
    {
        await using var app = await CollaborationApplication.SeededAsync();
        Assert.DoesNotContain(CollaborationApplication.Gxu + "," + CollaborationApplication.Tsinghua, await GetTextAsync(app, "/export/network-edges.csv"), StringComparison.Ordinal);

        await app.Store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertLink(
            new LinkInput(LinkType.CooperationAgreement, CollaborationApplication.Gxu, CollaborationApplication.Tsinghua, StartDate: new DateOnly(2024, 3, 1)))));

        var edges = ReadCsv(await GetTextAsync(app, "/export/network-edges.csv?year=2024"));
        Assert.Contains(edges, row => row[0] == CollaborationApplication.Gxu && row[1] == CollaborationApplication.Tsinghua && row[2] == "Agreement");
    }

    [RequiresNodeFact]
    public async Task MarkupAndLineBreaksInANameReadBackAsStored()
    {
        await using var app = await CollaborationApplication.SeededAsync();
        // Stored as given (the store takes what it is given; the character rules are the write path's).
        const string name = "柳州 <工程> & \"机械\"\r\n\t股份 ]]>";
        await app.Store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(new NodeInput(NodeKind.Enterprise, "91450200MA5K000001", name,
            Properties: PropertyBag.Of(("region", "450205"), ("fields", new[] { "construction-machinery" }))))));

        // GraphML holds the name as element text, where a line break reads as '\n'; GEXF as an attribute, exactly.
        var graphml = XDocument.Parse(await GetTextAsync(app, "/export/network.graphml"));
        XNamespace graphmlNs = "http://graphml.graphdrawing.org/xmlns";
        var node = graphml.Descendants(graphmlNs + "node").Single(n => (string)n.Attribute("id")! == CollaborationApplication.Machinery);
        Assert.Equal(name.Replace("\r\n", "\n", StringComparison.Ordinal),
            node.Elements(graphmlNs + "data").Single(d => (string)d.Attribute("key")! == "name").Value);
        var gexf = XDocument.Parse(await GetTextAsync(app, "/export/network.gexf"));
        XNamespace gexfNs = "http://gexf.net/1.3";
        Assert.Equal(name, (string)gexf.Descendants(gexfNs + "node").Single(n => (string)n.Attribute("id")! == CollaborationApplication.Machinery).Attribute("label")!);

        var parsed = await ParseWithGraphologyAsync(app, "gexf", "/export/network.gexf");
        Assert.Equal(5, parsed["order"]!.GetValue<int>());
        Assert.Equal(6, parsed["size"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/export/network.graphml?region=45", "region", 400)]
    [InlineData("/export/network.gexf?kinds=Friendship", "kinds", 400)]
    [InlineData("/export/network-nodes.csv?since=2024-13-01", "since", 400)]
    [InlineData("/export/network-edges.csv?colour=red", "colour", 400)]
    [InlineData("/export/network.graphml?minWeight=heavy", "minWeight", 400)]
    public async Task ABadFilterIsABadRequestNamingIt(string url, string named, int status)
    {
        await using var app = await CollaborationApplication.SeededAsync();
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, (int)response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("INVALID_INPUT", problem["code"]!.GetValue<string>());
        Assert.Contains(named, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    static async Task<string> GetTextAsync(CollaborationApplication app, string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    static async Task<JsonNode> ParseWithGraphologyAsync(CollaborationApplication app, string format, string url)
    {
        var tool = FindTool();
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "graphology")))
        {
            var install = await GraphQLHttpAuditTests.RunAsync("npm", "ci --no-audit --no-fund", tool, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci failed in {tool}:\n{install.Output}");
        }
        var file = Path.Combine(Path.GetTempPath(), $"kg-export-{Guid.NewGuid():N}.{format}");
        try
        {
            await File.WriteAllTextAsync(file, await GetTextAsync(app, url));
            var check = await GraphQLHttpAuditTests.RunAsync("node", $"check.mjs {format} \"{file}\"", tool, TimeSpan.FromMinutes(1));
            Assert.True(check.ExitCode == 0, $"graphology could not parse the {format} export:\n{check.Output}");
            return JsonNode.Parse(check.Output)!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static List<string[]> ReadCsv(string text)
    {
        using var parser = new TextFieldParser(new StringReader(text)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData) rows.Add(parser.ReadFields()!);
        return rows;
    }

    static string FindTool()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tools", "graph-export-check");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("tools/graph-export-check was not found above " + AppContext.BaseDirectory);
    }
}
