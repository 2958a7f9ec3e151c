using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Api.Cli;

namespace KnowledgeGraph.Api.Tests.Reference;

/// <summary>A host whose store holds the reference universities, as a real deployment's does.</summary>
public class ReferenceApplication : KnowledgeGraphApplication
{
    public ReferenceApplication()
        : this(TestStore.Sqlite)
    {
    }

    protected ReferenceApplication(TestStore store)
        : base(store)
    {
        With("Store:ReferenceOrganizations", "true");
        // Started now, so the reference nodes are seeded (and the test Neo4j emptied) before any test runs a verb on the store.
        _ = Store;
    }

    /// <summary>The command-line settings that point a verb at this host's store.</summary>
    public virtual IReadOnlyList<string> StoreSettings => ["--Store:Kind=sqlite", $"--Store:Sqlite:Path={DatabasePath}"];
}

/// <summary><see cref="ReferenceApplication"/> on the test Neo4j.</summary>
public sealed class Neo4jReferenceApplication : ReferenceApplication
{
    public Neo4jReferenceApplication()
        : base(TestStore.Neo4j)
    {
    }

    public override IReadOnlyList<string> StoreSettings
    {
        get
        {
            var options = Neo4jFixture.Options();
            return ["--Store:Kind=neo4j", $"--Store:Neo4j:Url={options.Url.AbsoluteUri}", $"--Store:Neo4j:User={options.User}",
                $"--Store:Neo4j:Password={options.Password}", $"--Store:Neo4j:Database={options.Database}"];
        }
    }
}

/// <summary>
/// The universities of the ministry's list in the store: found by name, alias, 学校标识码 and ROR id, editable by editors,
/// never created twice by a write or an import.
/// </summary>
public abstract class ReferenceOrganizationTests(ReferenceApplication app) : IDisposable
{
    const string Gxu = "University:4145010593";
    const string Guet = "University:4145010595";
    const string Tsinghua = "University:4111010003";
    const string Firm = "91450204MA5K00013L";

    readonly string _folder = Directory.CreateTempSubdirectory("kg-reference-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    async Task<List<string>> SearchIdsAsync(string text)
    {
        var response = await app.PostAsync("query($text: String!) { search(text: $text, kinds: [UNIVERSITY], first: 10) { id } }", new { text });
        Assert.Empty(response.Errors);
        return [.. response.Data!["search"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];
    }

    [StoreFact]
    public async Task GuangxiUniversityIsFoundByNameAliasAndCode()
    {
        Assert.Equal(Gxu, (await SearchIdsAsync("广西大学"))[0]);
        Assert.Contains(Gxu, await SearchIdsAsync("西大"));
        Assert.Equal(Guet, (await SearchIdsAsync("桂电"))[0]);
        Assert.Equal(Gxu, (await SearchIdsAsync("4145010593"))[0]);
    }

    [StoreFact]
    public async Task TheListsFactsAreFieldsAndFilters()
    {
        var response = await app.PostAsync("""
            { universities(where: { moeCode: { eq: "4145010593" } }) { totalCount nodes { id name aliases moeCode schoolLevel supervisor city designations region { code } } }
              guangxi: universities(where: { moeCode: { startsWith: "4145" }, schoolLevel: { eq: "本科" } }) { totalCount } }
            """);

        Assert.Empty(response.Errors);
        var gxu = response.Data!["universities"]!["nodes"]![0]!;
        Assert.Equal(1, response.Data["universities"]!["totalCount"]!.GetValue<int>());
        Assert.Equal((Gxu, "广西大学", "4145010593", "本科", "广西壮族自治区", "南宁市"),
            (gxu["id"]!.GetValue<string>(), gxu["name"]!.GetValue<string>(), gxu["moeCode"]!.GetValue<string>(), gxu["schoolLevel"]!.GetValue<string>(),
             gxu["supervisor"]!.GetValue<string>(), gxu["city"]!.GetValue<string>()));
        // Nanning (450100), or the district an import in this class put it in.
        Assert.StartsWith("4501", gxu["region"]!["code"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["211", "双一流"], gxu["designations"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Contains("西大", gxu["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        // 本科 institutions the 2017 list files under Guangxi.
        Assert.Equal(36, response.Data["guangxi"]!["totalCount"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task AnEditorSetsARorIdAndTheUniversityIsFoundByIt()
    {
        var patch = await app.PostAsync($$"""mutation { patchUniversity(id: "{{Tsinghua}}", set: { rorId: "03cve4549", nameEn: "Tsinghua University" }) { dataVersion } }""",
            token: KnowledgeGraphApplication.TokenFor("editor"));
        Assert.Empty(patch.Errors);

        Assert.Equal(Tsinghua, (await SearchIdsAsync("03cve4549"))[0]);
        Assert.Equal(Tsinghua, (await SearchIdsAsync("https://ror.org/03cve4549"))[0]);
        var filtered = await app.PostAsync("""{ universities(where: { rorId: { eq: "03cve4549" } }) { nodes { id nameEn } } }""");
        Assert.Equal(Tsinghua, filtered.Data!["universities"]!["nodes"]![0]!["id"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task AMalformedIdentifierIsInvalidInput()
    {
        var response = await app.PostAsync($$"""mutation { patchUniversity(id: "{{Tsinghua}}", set: { rorId: "03cve4548" }) { dataVersion } }""",
            token: KnowledgeGraphApplication.TokenFor("editor"));

        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        Assert.Contains("check digits should be 49", response.Errors[0]!["message"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task CreatingASecondGuangxiUniversityIsRefusedNamingTheReferenceOne()
    {
        var response = await app.PostAsync("""mutation { upsertUniversity(input: { key: "my-gxu", name: "广西大学 " }) { dataVersion } }""",
            token: KnowledgeGraphApplication.TokenFor("editor"));

        Assert.Equal(["DUPLICATE_OF_REFERENCE"], response.ErrorCodes);
        Assert.Contains(Gxu, response.Errors[0]!["message"]!.GetValue<string>());
        var mine = await app.PostAsync("""{ node(id: "University:my-gxu") { id } }""");
        Assert.Null(mine.Data!["node"]);
    }

    [StoreFact]
    public async Task AnImportNamingGuangxiUniversityLinksToTheReferenceNode()
    {
        Write("nodes/Enterprise.csv", $"creditCode,name,region\n{Firm},柳州示例精工机械有限公司,450204\n");
        Write("nodes/University.csv", "key,name,nameEn,aliases,region\nmy-gxu,广西大学,Guangxi University,广西大学（西校园）,450107\nmy-guet,桂电,,,450300\n");
        Write("links/PAIRED_WITH.csv", $"from,to,startDate\nEnterprise:{Firm},University:my-gxu,2021-03-01\nEnterprise:{Firm},University:my-guet,2022-01-01\n");

        var (exitCode, output, error) = await ImportAsync();

        Assert.True(exitCode == 0, error);
        Assert.Contains($"linked University:my-gxu (广西大学) to the reference university {Gxu} (广西大学) by name", output);
        Assert.Contains($"linked University:my-guet (桂电) to the reference university {Guet} (桂林电子科技大学) by alias", output);
        var response = await app.PostAsync($$"""
            { gxu: node(id: "{{Gxu}}") { ... on University { name nameEn aliases moeCode region { code } } }
              mine: node(id: "University:my-gxu") { id }
              named: universities(where: { name: { eq: "广西大学" } }) { totalCount }
              firm: node(id: "Enterprise:{{Firm}}") { ... on Enterprise { pairings { nodes { id } } } } }
            """);
        Assert.Empty(response.Errors);
        var data = response.Data!;
        Assert.Null(data["mine"]);
        Assert.Equal(1, data["named"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("Guangxi University", data["gxu"]!["nameEn"]!.GetValue<string>());
        Assert.Equal("4145010593", data["gxu"]!["moeCode"]!.GetValue<string>());
        Assert.Equal("450107", data["gxu"]!["region"]!["code"]!.GetValue<string>());
        Assert.Contains("广西大学（西校园）", data["gxu"]!["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal([Gxu, Guet], data["firm"]!["pairings"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Order());
    }

    [StoreFact]
    public async Task WithLinkingOffTheImportKeepsTheRowAndReportsTheLikelyDuplicate()
    {
        Write("nodes/University.csv", "key,name,region\nown-gdut,广西大学行健文理学院,450100\n");

        var (exitCode, output, error) = await ImportAsync("--no-reference-linking");

        Assert.True(exitCode == 0, error);
        Assert.Contains("likely duplicate: University:own-gdut (广西大学行健文理学院) ~ University:4145013638", output);
        var response = await app.PostAsync("""{ node(id: "University:own-gdut") { id } }""");
        Assert.Equal("University:own-gdut", response.Data!["node"]!["id"]!.GetValue<string>());
    }

    void Write(string file, string text)
    {
        var path = Path.Combine(_folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    async Task<(int ExitCode, string Output, string Error)> ImportAsync(params string[] options)
    {
        var root = GraphCommandLine.Create((_, _) => Task.FromResult(0), ImportCommand.Create());
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await root.Parse(["import", _folder, .. options, .. app.StoreSettings])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}

/// <summary><see cref="ReferenceOrganizationTests"/> on the embedded store.</summary>
public sealed class SqliteReferenceOrganizationTests(ReferenceApplication app) : ReferenceOrganizationTests(app), IClassFixture<ReferenceApplication>;

/// <summary><see cref="ReferenceOrganizationTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jReferenceOrganizationTests(Neo4jReferenceApplication app) : ReferenceOrganizationTests(app), IClassFixture<Neo4jReferenceApplication>;
