using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Api.Tests.Exchange;

/// <summary>The import and export verbs on a real SQLite file: the sample imports, re-import changes nothing, export round-trips.</summary>
public sealed class ImportExportTests : IDisposable
{
    private readonly ExchangeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    // Data rows of a file, counted without the code under test: the sample has no line breaks inside values.
    private static int RowsOf(string file) => File.ReadAllLines(file).Skip(1).Count(l => l.Length > 0);

    [Fact]
    public async Task TheSampleImportsWithoutProblemsAndTheStoreHoldsEveryRow()
    {
        var run = await _workspace.ImportAsync("graph.db", ExchangeWorkspace.SampleFolder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Error);
        await using var store = await _workspace.OpenStoreAsync("graph.db");
        var counts = await store.CountAsync();
        foreach (var kind in GraphCatalog.NodeKinds.Where(k => k.Kind is not (NodeKind.Region or NodeKind.Field or NodeKind.University)))
            Assert.Equal(RowsOf(Path.Combine(ExchangeWorkspace.SampleFolder, "nodes", $"{kind.Kind}.csv")), counts.Nodes.GetValueOrDefault(kind.Kind));
        // The sample's five real universities (清华, 武大, 浙大, 西大, 桂电) are written onto the reference ones.
        var linked = run.Output.Split('\n').Count(l => l.StartsWith("linked University:", StringComparison.Ordinal));
        Assert.Equal(5, linked);
        Assert.Equal(ReferenceOrganizations.All.Count + RowsOf(Path.Combine(ExchangeWorkspace.SampleFolder, "nodes", "University.csv")) - linked,
            counts.Nodes[NodeKind.University]);
        foreach (var type in GraphCatalog.LinkTypes)
            Assert.Equal(RowsOf(Path.Combine(ExchangeWorkspace.SampleFolder, "links", $"{type.Name}.csv")), counts.Links.GetValueOrDefault(type.Type));
        // Region and Field rows are upserted over the built-in ones: every key of the files is in the store.
        foreach (var kind in new[] { NodeKind.Region, NodeKind.Field })
        {
            var keys = File.ReadAllLines(Path.Combine(ExchangeWorkspace.SampleFolder, "nodes", $"{kind}.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
            var found = await store.GetNodesAsync(keys.Select(k => NodeId.Of(kind, k)).ToList());
            Assert.Equal(keys.Count, found.Count);
        }
    }

    [Fact]
    public async Task ReimportingTheSameFilesChangesNothing()
    {
        await _workspace.ImportAsync("graph.db", ExchangeWorkspace.SampleFolder);
        var before = await _workspace.StateAsync("graph.db");

        var again = await _workspace.ImportAsync("graph.db", ExchangeWorkspace.SampleFolder);

        var after = await _workspace.StateAsync("graph.db");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Counts.Nodes, after.Counts.Nodes);
        Assert.Equal(before.Counts.Links, after.Counts.Links);
        Assert.Contains("(0 created, 0 updated, 390 unchanged)", again.Output);
        Assert.Contains("(0 created, 0 updated, 239 unchanged)", again.Output);
    }

    [Fact]
    public async Task ExportThenImportIntoAnEmptyStoreThenExportGivesIdenticalFiles()
    {
        await _workspace.ImportAsync("first.db", ExchangeWorkspace.SampleFolder);
        var first = _workspace.PathOf("first-export");
        var second = _workspace.PathOf("second-export");

        var export1 = await _workspace.ExportAsync("first.db", first);
        var import = await _workspace.ImportAsync("second.db", first);
        var export2 = await _workspace.ExportAsync("second.db", second);

        Assert.True(export1.ExitCode == 0 && import.ExitCode == 0 && export2.ExitCode == 0, $"{export1}\n{import}\n{export2}");
        var files = Directory.GetFiles(first, "*.csv", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order().ToList();
        Assert.Equal(GraphCatalog.NodeKinds.Count + GraphCatalog.LinkTypes.Count, files.Count);
        Assert.Equal(files, Directory.GetFiles(second, "*.csv", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order());
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first, f)), File.ReadAllBytes(Path.Combine(second, f))));
    }

    [Fact]
    public async Task ExportWritesRowsByIdWithTheCatalogsColumnsAndNoByteOrderMark()
    {
        await _workspace.ImportAsync("graph.db", ExchangeWorkspace.SampleFolder);
        var folder = _workspace.PathOf("export");

        await _workspace.ExportAsync("graph.db", folder);

        var lines = File.ReadAllLines(Path.Combine(folder, "nodes", "University.csv"));
        var info = GraphCatalog.Of(NodeKind.University);
        Assert.Equal(string.Join(",", new[] { "key", "name", "nameEn", "aliases" }.Concat(info.Properties.Select(p => p.Name))), lines[0]);
        var keys = lines.Skip(1).Select(l => "University:" + l.Split(',')[0]).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.NotEqual(0xEF, File.ReadAllBytes(Path.Combine(folder, "nodes", "University.csv"))[0]);
        Assert.DoesNotContain("\r", File.ReadAllText(Path.Combine(folder, "links", "HOSTS.csv")));
    }

    [Fact]
    public async Task NamesWithCommasAndQuotesSurviveTheRoundTrip()
    {
        // Line breaks are refused in names (TextRules); commas and quotes are quoted.
        const string name = "示例,\"引号\"有限公司";
        var folder = _workspace.WriteFolder("quoted", new Dictionary<string, string>
        {
            ["nodes/University.csv"] = "key,name,aliases\nq-univ,\"示例,\"\"引号\"\"有限公司\",\"甲,乙;丙\"\n",
        });

        var import = await _workspace.ImportAsync("graph.db", folder);
        await _workspace.ExportAsync("graph.db", _workspace.PathOf("export"));

        Assert.True(import.ExitCode == 0, import.ToString());
        await using (var store = await _workspace.OpenStoreAsync("graph.db"))
        {
            var node = await store.GetNodeAsync("University:q-univ");
            Assert.Equal(name, node!.Name);
            Assert.Equal(["甲,乙", "丙"], node.Aliases.ToArray());
        }
        var exported = File.ReadAllText(Path.Combine(_workspace.PathOf("export"), "nodes", "University.csv"));
        Assert.Contains("q-univ,\"示例,\"\"引号\"\"有限公司\",,\"甲,乙;丙\",", exported);
    }

    [Fact]
    public async Task ABomAndCrLfLineEndsAreAccepted()
    {
        var folder = _workspace.PathOf("bom");
        Directory.CreateDirectory(Path.Combine(folder, "nodes"));
        File.WriteAllText(Path.Combine(folder, "nodes", "University.csv"), "key,name\r\nbom-univ,示例大学\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = await _workspace.ImportAsync("graph.db", folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        await using var store = await _workspace.OpenStoreAsync("graph.db");
        Assert.Equal("示例大学", (await store.GetNodeAsync("University:bom-univ"))!.Name);
    }
}
