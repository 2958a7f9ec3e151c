using System.Xml.Linq;
using KnowledgeGraph.Api.Tests.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>
/// Names, aliases and keys refuse characters that break exports, terminals and spreadsheets; exports stay well-formed
/// whatever text is stored, and spreadsheet cells never start a formula.
/// </summary>
public sealed class InputHygieneTests
{
    private static readonly string EditorToken = KnowledgeGraphApplication.TokenFor("editor");

    [Theory]
    [InlineData("name", "柳州\u0007铃声")]
    [InlineData("name", "柳州\u0000空")]
    [InlineData("name", "\u001b[31m红色")]
    [InlineData("name", "两行\n名称")]
    [InlineData("name", "abc\u202Egnp.exe")]
    [InlineData("nameEn", "Bell\u0007")]
    [InlineData("key", "u-\u0007")]
    [InlineData("key", "u-\u2066x")]
    public async Task ControlAndBidiCharactersAreRefusedInNamesAndKeys(string property, string value)
    {
        await using var app = new KnowledgeGraphApplication();
        var input = new Dictionary<string, object> { ["key"] = "u-clean", ["name"] = "广西测试大学" };
        input[property] = value;

        var response = await app.PostAsync("mutation($input: UniversityInput!) { upsertUniversity(input: $input) { dataVersion } }",
            new { input }, token: EditorToken);

        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        Assert.Contains("U+", response.Errors[0]?["message"]?.GetValue<string>());
        Assert.Null(await app.GraphStore.GetNodeByKeyAsync(NodeKind.University, "u-clean"));
    }

    [Fact]
    public async Task ABellInAnAliasIsRefusedAndOrdinaryPunctuationIsNot()
    {
        await using var app = new KnowledgeGraphApplication();
        const string mutation = "mutation($aliases: [String!]) { upsertUniversity(input: { key: \"u1\", name: \"广西（测试）大学·南宁\", aliases: $aliases }) { dataVersion } }";

        var refused = await app.PostAsync(mutation, new { aliases = new[] { "铃\u0007" } }, token: EditorToken);
        var accepted = await app.PostAsync(mutation, new { aliases = new[] { "G.X. \"Test\" U — 南宁, 2024" } }, token: EditorToken);

        Assert.Equal(["INVALID_INPUT"], refused.ErrorCodes);
        Assert.Empty(accepted.Errors);
    }

    [Fact]
    public async Task XmlExportsStayWellFormedWhateverTextIsStored()
    {
        await using var app = new CollaborationApplication();
        await app.SeedAsync();
        // Text stored before the character rules (the store itself takes what it is given).
        await app.Store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(new NodeInput(NodeKind.Enterprise, "91450200MA5K000001",
            "柳州\u0007工程\u0000机械\uD800", Properties: PropertyBag.Of(("region", "450205"), ("fields", new[] { "construction-machinery" }))))));
        using var client = app.CreateClient();

        foreach (var url in new[] { "/export/network.graphml", "/export/network.gexf" })
        {
            var text = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            var document = XDocument.Parse(text);
            // The bell and the NUL are dropped; the lone surrogate was stored as U+FFFD, which XML holds.
            Assert.Contains(document.Descendants(), e => e.Value.StartsWith("柳州工程机械", StringComparison.Ordinal)
                || e.Attributes().Any(a => a.Value.StartsWith("柳州工程机械", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点击\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点击\"\")\"")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0")]
    public async Task CsvCellsThatAFormulaWouldStartAreNeutralised(string name, string cell)
    {
        await using var app = new CollaborationApplication();
        await app.SeedAsync();
        await app.Store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertNode(new NodeInput(NodeKind.Enterprise, "91450200MA5K000001",
            name, Properties: PropertyBag.Of(("region", "450205"), ("fields", new[] { "construction-machinery" }))))));
        using var client = app.CreateClient();

        var nodes = await client.GetStringAsync(new Uri("/export/network-nodes.csv", UriKind.Relative));

        var row = nodes.Split("\r\n").Single(r => r.StartsWith("Enterprise:91450200MA5K000001,", StringComparison.Ordinal));
        Assert.StartsWith("Enterprise:91450200MA5K000001," + cell + ",", row, StringComparison.Ordinal);
    }
}
