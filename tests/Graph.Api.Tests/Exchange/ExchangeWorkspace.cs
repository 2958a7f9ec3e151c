using System.CommandLine;
using KnowledgeGraph.Api.Cli;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Api.Tests.Exchange;

/// <summary>A temporary folder for graph folders and SQLite store files, and the import/export verbs run against them.</summary>
public sealed class ExchangeWorkspace : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("kg-exchange-").FullName;

    /// <summary>The sample data set, as copied beside the program.</summary>
    public static string SampleFolder => Path.Combine(AppContext.BaseDirectory, "data", "sample");

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Runs a verb of the command line with the store file <paramref name="database"/> (in this workspace).</summary>
    public static async Task<VerbRun> RunAsync(string database, params string[] args)
    {
        var root = GraphCommandLine.Create((_, _) => Task.FromResult(0), ImportCommand.Create(), ExportCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse([.. args, "--Store:Kind=sqlite", $"--Store:Sqlite:Path={database}"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new VerbRun(exitCode, output.ToString(), error.ToString());
    }

    public Task<VerbRun> ImportAsync(string database, string folder) => RunAsync(PathOf(database), "import", folder);

    public Task<VerbRun> ExportAsync(string database, string folder) => RunAsync(PathOf(database), "export", folder);

    /// <summary>Opens the store file to look at what the verbs left in it.</summary>
    public async Task<SqliteGraphStore> OpenStoreAsync(string database)
    {
        var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(PathOf(database)));
        await store.InitializeAsync();
        return store;
    }

    /// <summary>The counts and data version of a store file.</summary>
    public async Task<(GraphCounts Counts, long Version)> StateAsync(string database)
    {
        await using var store = await OpenStoreAsync(database);
        return (await store.CountAsync(), await store.GetDataVersionAsync());
    }

    /// <summary>Writes a graph folder: file name (nodes/X.csv, links/Y.csv) → content.</summary>
    public string WriteFolder(string name, IReadOnlyDictionary<string, string> files)
    {
        var folder = PathOf(name);
        foreach (var (file, content) in files)
        {
            var path = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
        return folder;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>What a verb did: its exit code, standard output and standard error.</summary>
public sealed record VerbRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
