using System.CommandLine;
using System.Diagnostics;
using KnowledgeGraph.Api.Hosting.Store;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using Spectre.Console;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>migrate --from sqlite --to neo4j</c>: copies the whole graph between stores in batches, resumable after an
/// interruption (run it again), then verifies counts per kind and type and checksums on both sides; exits 1 when
/// they differ. A store is <c>sqlite</c> or <c>neo4j</c> as configured (Store:Sqlite:Path, Store:Neo4j:Url, User,
/// Password, Database), or with its location: <c>sqlite:path/to/graph.db</c>, <c>neo4j:http://host:7474</c>.
/// </summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from")
        {
            Description = "the store to copy from: sqlite, neo4j, sqlite:<path> or neo4j:<url>",
            DefaultValueFactory = _ => StoreKinds.Sqlite,
        };
        var to = new Option<string>("--to")
        {
            Description = "the store to copy into: sqlite, neo4j, sqlite:<path> or neo4j:<url>",
            DefaultValueFactory = _ => StoreKinds.Neo4j,
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "nodes or links written per transaction",
            DefaultValueFactory = _ => 1000,
        };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100_000)
                result.AddError("--batch-size must be between 1 and 100000.");
        });

        var command = new Command("migrate", "Copy the whole graph from one store to another (by default the embedded store into Neo4j), then verify it.")
        {
            from, to, batchSize,
        };
        // Configuration may also come as --key=value arguments, as for the server.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => RunAsync(parse, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(batchSize), cancellationToken));
        return command;
    }

    static async Task<int> RunAsync(ParseResult parse, string from, string to, int batchSize, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        IConfiguration configuration = CliConfiguration.CreateBuilder([.. parse.UnmatchedTokens]).Configuration;
        if (!TryOpen(from, configuration, mustExist: true, out var source, out var sourceName, out var problem)
            || !TryOpen(to, configuration, mustExist: false, out var target, out var targetName, out problem))
        {
            error.WriteLine(problem);
            return 2;
        }
        await using (source.ConfigureAwait(false))
        await using (target.ConfigureAwait(false))
        {
            if (sourceName == targetName)
            {
                error.WriteLine($"--from and --to are the same store ({sourceName}).");
                return 2;
            }
            try
            {
                await source.InitializeAsync(cancellationToken).ConfigureAwait(false);
                await target.InitializeAsync(cancellationToken).ConfigureAwait(false);
                output.WriteLine($"Migrating {sourceName} -> {targetName} in batches of {batchSize}.");
                var clock = Stopwatch.StartNew();
                var migration = new GraphMigration(source, target, batchSize);
                if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
                {
                    await AnsiConsole.Progress().AutoClear(false)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                        .StartAsync(context => migration.CopyAsync(new BarProgress(context), cancellationToken)).ConfigureAwait(false);
                }
                else
                {
                    await migration.CopyAsync(new LineProgress(output), cancellationToken).ConfigureAwait(false);
                }
                output.WriteLine($"Copied in {clock.Elapsed.TotalSeconds:F1}s; verifying.");
                var expected = await GraphMigration.SummarizeAsync(source, cancellationToken).ConfigureAwait(false);
                var actual = await GraphMigration.SummarizeAsync(target, cancellationToken).ConfigureAwait(false);
                return Report(output, error, expected, actual, clock.Elapsed);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                error.WriteLine("Migration interrupted; the batches written so far are kept. Run the same command again to resume.");
                return 130;
            }
            catch (DomainException e)
            {
                error.WriteLine($"Migration failed ({e.Code}): {e.Message}. Run the same command again to resume.");
                return 1;
            }
        }
    }

    static int Report(TextWriter output, TextWriter error, GraphSummary expected, GraphSummary actual, TimeSpan elapsed)
    {
        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            var (e, a) = (expected.Counts.Nodes.GetValueOrDefault(kind), actual.Counts.Nodes.GetValueOrDefault(kind));
            if (e != 0 || a != 0) output.WriteLine($"  {kind,-22} {e,9} {a,9}{(e == a ? "" : "  MISMATCH")}");
        }
        foreach (var type in Enum.GetValues<LinkType>())
        {
            var (e, a) = (expected.Counts.Links.GetValueOrDefault(type), actual.Counts.Links.GetValueOrDefault(type));
            if (e != 0 || a != 0) output.WriteLine($"  {GraphSchema.Of(type).Name,-22} {e,9} {a,9}{(e == a ? "" : "  MISMATCH")}");
        }
        output.WriteLine($"  node checksum  {expected.NodeChecksum} {(expected.NodeChecksum == actual.NodeChecksum ? "=" : "<> " + actual.NodeChecksum)}");
        output.WriteLine($"  link checksum  {expected.LinkChecksum} {(expected.LinkChecksum == actual.LinkChecksum ? "=" : "<> " + actual.LinkChecksum)}");
        if (!expected.Matches(actual))
        {
            error.WriteLine("Verification failed: the target differs from the source (it may hold data the source does not).");
            return 1;
        }
        output.WriteLine($"Verified: {actual.Counts.NodeTotal} nodes and {actual.Counts.LinkTotal} links match, in {elapsed.TotalSeconds:F1}s.");
        return 0;
    }

    static bool TryOpen(string spec, IConfiguration configuration, bool mustExist, out IGraphStore store, out string name, out string problem)
    {
        store = null!;
        problem = "";
        var separator = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = (separator < 0 ? spec : spec[..separator]).Trim().ToLowerInvariant();
        var location = separator < 0 ? null : spec[(separator + 1)..];
        var overrides = new Dictionary<string, string?>();
        switch (kind)
        {
            case StoreKinds.Sqlite:
                var configured = configuration[$"{StoreOptions.Section}:Sqlite:Path"];
                var path = Path.GetFullPath(location ?? (string.IsNullOrEmpty(configured) ? ".data/knowledge-graph.db" : configured));
                overrides[$"{StoreOptions.Section}:Sqlite:Path"] = path;
                name = $"sqlite:{path}";
                if (mustExist && !File.Exists(path))
                {
                    problem = $"There is no embedded store at {path}; name one with --from sqlite:<path> or Store:Sqlite:Path.";
                    return false;
                }
                break;
            case StoreKinds.Neo4j:
                if (location is not null) overrides[$"{StoreOptions.Section}:Neo4j:Url"] = location;
                var url = location ?? configuration[$"{StoreOptions.Section}:Neo4j:Url"] ?? "http://localhost:7474";
                if (!Uri.TryCreate(url, UriKind.Absolute, out _))
                {
                    name = url;
                    problem = $"'{url}' is not a Neo4j URL such as http://localhost:7474.";
                    return false;
                }
                name = $"neo4j:{url}";
                break;
            default:
                name = spec;
                problem = $"'{spec}' is not a store: use sqlite, neo4j, sqlite:<path> or neo4j:<url>.";
                return false;
        }
        var effective = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
        store = StoreServiceCollectionExtensions.StoreFactory(kind, effective)();
        return true;
    }

    /// <summary>One line per batch, for logs and redirected output.</summary>
    sealed class LineProgress(TextWriter output) : IMigrationProgress
    {
        long _total;

        public void Start(string phase, long total)
        {
            _total = total;
            output.WriteLine($"{phase}: {total} to copy");
        }

        public void Advance(string phase, long done, long present) =>
            output.WriteLine($"{phase}: {done}/{_total} copied ({present} were already there)");
    }

    /// <summary>A Spectre.Console progress bar per phase.</summary>
    sealed class BarProgress(ProgressContext context) : IMigrationProgress
    {
        readonly Dictionary<string, ProgressTask> _tasks = [];

        public void Start(string phase, long total) => _tasks[phase] = context.AddTask(phase, maxValue: Math.Max(total, 1));

        public void Advance(string phase, long done, long present)
        {
            var task = _tasks[phase];
            task.Value = done;
            task.Description = present > 0 ? $"{phase} ({present} already there)" : phase;
        }
    }
}
