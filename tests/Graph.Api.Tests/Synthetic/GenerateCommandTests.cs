using System.CommandLine;
using KnowledgeGraph.Api.Cli;
using KnowledgeGraph.Api.Tests.Exchange;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Tests.Synthetic;

/// <summary>The generate verb: its folder imports through the import verb with no problem, and a seed always gives the same files.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly ExchangeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static async Task<VerbRun> GenerateAsync(params string[] args)
    {
        var root = GraphCommandLine.Create((_, _) => Task.FromResult(0), GenerateCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(["generate", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new VerbRun(exitCode, output.ToString(), error.ToString());
    }

    // Data rows of a file, counted without the code under test: generated values hold no line breaks.
    private static int RowsOf(string file) => File.Exists(file) ? File.ReadAllLines(file).Skip(1).Count(l => l.Length > 0) : 0;

    [Fact]
    public async Task AGeneratedFolderImportsWithNoProblemAndTheStoreHoldsEveryRow()
    {
        var folder = _workspace.PathOf("tiny");

        var generated = await GenerateAsync("--preset", "tiny", "--seed", "3", folder);
        var imported = await _workspace.ImportAsync("graph.db", folder);

        Assert.True(generated.ExitCode == 0, generated.ToString());
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Empty(imported.Error);
        await using var store = await _workspace.OpenStoreAsync("graph.db");
        var counts = await store.CountAsync();
        foreach (var kind in GraphCatalog.NodeKinds.Where(k => k.Kind is not (NodeKind.Region or NodeKind.Field)))
        {
            var rows = RowsOf(Path.Combine(folder, "nodes", $"{kind.Kind}.csv"));
            Assert.True(rows > 0, $"no {kind.Kind} generated");
            // The store also holds the shipped universities; the generated ones are fictional and merge into none.
            var shipped = kind.Kind == NodeKind.University ? KnowledgeGraph.Domain.Reference.ReferenceOrganizations.All.Count : 0;
            Assert.Equal(rows + shipped, counts.Nodes.GetValueOrDefault(kind.Kind));
        }
        foreach (var type in GraphCatalog.LinkTypes)
        {
            var rows = RowsOf(Path.Combine(folder, "links", $"{type.Name}.csv"));
            Assert.True(rows > 0, $"no {type.Name} generated");
            Assert.Equal(rows, counts.Links.GetValueOrDefault(type.Type));
        }
    }

    [Fact]
    public async Task TheSameSeedWritesTheSameFilesAndAnotherSeedOtherFiles()
    {
        await GenerateAsync("--preset", "tiny", "--seed", "5", _workspace.PathOf("first"));
        await GenerateAsync("--preset", "tiny", "--seed", "5", _workspace.PathOf("second"));
        await GenerateAsync("--preset", "tiny", "--seed", "6", _workspace.PathOf("third"));

        string Content(string folder, string file) => File.ReadAllText(Path.Combine(_workspace.PathOf(folder), file));
        var files = Directory.GetFiles(_workspace.PathOf("first"), "*.csv", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_workspace.PathOf("first"), f)).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Equal(Content("first", f), Content("second", f)));
        Assert.NotEqual(Content("first", Path.Combine("nodes", "Enterprise.csv")), Content("third", Path.Combine("nodes", "Enterprise.csv")));
    }

    [Fact]
    public async Task AnUnknownPresetIsRejectedAndNothingIsWritten()
    {
        var run = await GenerateAsync("--preset", "planet", _workspace.PathOf("none"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("planet", run.Error);
        Assert.False(Directory.Exists(_workspace.PathOf("none")));
    }
}
