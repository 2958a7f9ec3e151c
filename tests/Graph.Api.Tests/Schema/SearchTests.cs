namespace KnowledgeGraph.Api.Tests.Schema;

/// <summary>search(text, kinds, first) across names and aliases, Chinese substrings included.</summary>
public abstract class SearchTests(SampleGraphApplication app)
{
    private async Task<IReadOnlyList<string>> SearchAsync(string text, string kinds = "null", int first = 20)
    {
        var response = await app.PostAsync($$"""query($text: String!) { search(text: $text, kinds: {{kinds}}, first: {{first}}) { __typename kind name } }""", new { text });
        Assert.Empty(response.Errors);
        return response.Data!["search"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToList();
    }

    [StoreFact]
    public async Task TwoCharacterChineseTermsMatchInsideNames() =>
        Assert.Equal(["柳州工程机械股份有限公司", "玉林动力机械有限公司"], (await SearchAsync("机械", "[ENTERPRISE]")).Order());

    [StoreFact]
    public async Task LongerChineseTermsMatchInsideNames() =>
        Assert.Contains("广西新能源汽车工程技术研究中心", await SearchAsync("新能源汽车工程"));

    [StoreFact]
    public async Task AliasesMatch() =>
        Assert.Equal(["柳州工程机械股份有限公司"], await SearchAsync("柳工机械", "[ENTERPRISE]"));

    [StoreFact]
    public async Task ExactMatchesComeFirst()
    {
        var names = await SearchAsync("广西大学");

        Assert.Equal("广西大学", names[0]);
    }

    [StoreFact]
    public async Task KindsAndFirstLimitTheResults()
    {
        Assert.Equal(["柳州市"], await SearchAsync("柳州", "[REGION]"));
        Assert.Single(await SearchAsync("机械", "[ENTERPRISE]", first: 1));
    }

    [StoreFact]
    public async Task AnEmptyTextIsInvalidInput()
    {
        var response = await app.PostAsync("""{ search(text: "  ") { id } }""");

        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        Assert.Contains("'text'", response.Errors[0]!["message"]!.GetValue<string>());
    }
}

/// <summary><see cref="SearchTests"/> on the sample graph in the embedded store.</summary>
public sealed class SqliteSearchTests(SampleGraphApplication app) : SearchTests(app), IClassFixture<SampleGraphApplication>;

/// <summary><see cref="SearchTests"/> on the sample graph in the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jSearchTests(Neo4jSampleGraphApplication app) : SearchTests(app), IClassFixture<Neo4jSampleGraphApplication>;
