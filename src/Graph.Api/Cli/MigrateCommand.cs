using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KnowledgeGraph.Api.Hosting.Store;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

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
        string[] args = [.. parse.UnmatchedTokens];
        IConfiguration configuration = CliConfiguration.CreateBuilder(args).Configuration;
        if (!TryLocate(from, configuration, mustExist: true, out var source, out var problem)
            || !TryLocate(to, configuration, mustExist: false, out var target, out problem))
        {
            error.WriteLine(problem);
            return 2;
        }
        if (source.Name == target.Name)
        {
            error.WriteLine($"--from and --to are the same store ({source.Name}).");
            return 2;
        }
        try
        {
            // Neither store is seeded with the built-in regions and fields: the target gets exactly what the source holds.
            var sourceStore = await CliStore.OpenAsync([.. args, .. source.Settings], cancellationToken, seedReferenceData: false).ConfigureAwait(false);
            await using var closingSource = sourceStore.ConfigureAwait(false);
            var targetStore = await CliStore.OpenAsync([.. args, .. target.Settings], cancellationToken, seedReferenceData: false).ConfigureAwait(false);
            await using var closingTarget = targetStore.ConfigureAwait(false);
            output.WriteLine($"Migrating {source.Name} -> {target.Name} in batches of {batchSize}.");
            var clock = Stopwatch.StartNew();
            var migration = new GraphMigration(sourceStore.Store, targetStore.Writer, source.Name, batchSize);
            var broken = await migration.CheckRulesAsync(cancellationToken).ConfigureAwait(false);
            if (broken.Count > 0)
            {
                foreach (var rule in broken) error.WriteLine($"RULE_VIOLATION: {rule}");
                error.WriteLine($"{broken.Count} policy rule{(broken.Count == 1 ? " is" : "s are")} broken in {source.Name}: nothing was copied. Repair the source (as an admin) and run again.");
                return 1;
            }
            var phases = await ConsoleProgress.RunAsync(output, progress => migration.CopyAsync(progress, cancellationToken)).ConfigureAwait(false);
            foreach (var phase in phases)
                output.WriteLine($"{phase.Name}: {phase.Copied} copied ({phase.AlreadyThere} were already there)");
            var copied = clock.Elapsed;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Copied in {copied.TotalSeconds:F1}s; verifying."));
            var expected = await GraphMigration.SummarizeAsync(sourceStore.Store, cancellationToken).ConfigureAwait(false);
            var actual = await GraphMigration.SummarizeAsync(targetStore.Store, cancellationToken).ConfigureAwait(false);
            return Report(output, error, expected, actual, copied, clock.Elapsed);
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

    static int Report(TextWriter output, TextWriter error, GraphSummary expected, GraphSummary actual, TimeSpan copied, TimeSpan elapsed)
    {
        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            var (e, a) = (expected.Counts.Nodes.GetValueOrDefault(kind), actual.Counts.Nodes.GetValueOrDefault(kind));
            if (e != 0 || a != 0) output.WriteLine($"  {kind,-22} {e,9} {a,9}{(e == a ? "" : "  MISMATCH")}");
        }
        foreach (var type in Enum.GetValues<LinkType>())
        {
            var (e, a) = (expected.Counts.Links.GetValueOrDefault(type), actual.Counts.Links.GetValueOrDefault(type));
            if (e != 0 || a != 0) output.WriteLine($"  {GraphCatalog.Of(type).Name,-22} {e,9} {a,9}{(e == a ? "" : "  MISMATCH")}");
        }
        output.WriteLine($"  node checksum  {expected.NodeChecksum} {(expected.NodeChecksum == actual.NodeChecksum ? "=" : "<> " + actual.NodeChecksum)}");
        output.WriteLine($"  link checksum  {expected.LinkChecksum} {(expected.LinkChecksum == actual.LinkChecksum ? "=" : "<> " + actual.LinkChecksum)}");
        if (!expected.Matches(actual))
        {
            error.WriteLine("Verification failed: the target differs from the source (it may hold data the source does not).");
            return 1;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Verified: {actual.Counts.NodeTotal} nodes and {actual.Counts.LinkTotal} links match; copy {copied.TotalSeconds:F1}s, verification {(elapsed - copied).TotalSeconds:F1}s, total {elapsed.TotalSeconds:F1}s."));
        return 0;
    }

    /// <summary>A store named on the command line, and the configuration settings that select it.</summary>
    sealed record StoreLocation(string Name, string[] Settings);

    static bool TryLocate(string spec, IConfiguration configuration, bool mustExist, out StoreLocation location, out string problem)
    {
        problem = "";
        var separator = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = (separator < 0 ? spec : spec[..separator]).Trim().ToLowerInvariant();
        var place = separator < 0 ? null : spec[(separator + 1)..];
        switch (kind)
        {
            case StoreKinds.Sqlite:
                var configured = configuration[$"{StoreOptions.Section}:Sqlite:Path"];
                var path = Path.GetFullPath(place ?? (string.IsNullOrEmpty(configured) ? ".data/knowledge-graph.db" : configured));
                location = new StoreLocation($"sqlite:{path}", [$"--{StoreOptions.Section}:Kind={kind}", $"--{StoreOptions.Section}:Sqlite:Path={path}"]);
                if (mustExist && !File.Exists(path))
                {
                    problem = $"There is no embedded store at {path}; name one with --from sqlite:<path> or Store:Sqlite:Path.";
                    return false;
                }
                return true;
            case StoreKinds.Neo4j:
                var url = place ?? configuration[$"{StoreOptions.Section}:Neo4j:Url"] ?? "http://localhost:7474";
                // A named location is that one server, whatever Store:Neo4j:Urls lists.
                location = new StoreLocation($"neo4j:{url}", place is null
                    ? [$"--{StoreOptions.Section}:Kind={kind}", $"--{StoreOptions.Section}:Neo4j:Url={url}"]
                    : [$"--{StoreOptions.Section}:Kind={kind}", $"--{StoreOptions.Section}:Neo4j:Url={url}", $"--{StoreOptions.Section}:Neo4j:Urls="]);
                if (!Uri.TryCreate(url, UriKind.Absolute, out _))
                {
                    problem = $"'{url}' is not a Neo4j URL such as http://localhost:7474.";
                    return false;
                }
                return true;
            default:
                location = new StoreLocation(spec, []);
                problem = $"'{spec}' is not a store: use sqlite, neo4j, sqlite:<path> or neo4j:<url>.";
                return false;
        }
    }
}
