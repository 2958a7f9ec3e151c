using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KnowledgeGraph.Api.Exchange;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Synthetic;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>generate --preset tiny|province|country --seed N &lt;folder&gt;</c>: writes a deterministic synthetic graph
/// (<see cref="SyntheticGraph"/>; docs/synthetic-data.md) as a folder in the import format, for <c>import</c>, load
/// tests and the matchmaking evaluation. The same preset and seed always give the same files.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "the folder to write nodes/<Kind>.csv and links/<TYPE>.csv into (created if missing; files of those names are replaced)" };
        var preset = new Option<string>("--preset", "-p")
        {
            Description = "the size: tiny (a few hundred organisations), province (about 20,000 organisations, 150,000 links) or country (about 500,000 organisations, 4,000,000 links)",
            DefaultValueFactory = _ => SyntheticPreset.Province.Name,
        };
        preset.AcceptOnlyFromAmong([.. SyntheticPreset.All.Select(p => p.Name)]);
        var seed = new Option<ulong>("--seed", "-s")
        {
            Description = "the seed: the same seed gives the same graph on every machine",
            DefaultValueFactory = _ => 42,
        };
        var command = new Command("generate", "Write a synthetic graph (fictional, every kind and link type, heavy-tailed) as CSV files that import reads.")
        {
            folder, preset, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(folder)!;
            var clock = Stopwatch.StartNew();
            try
            {
                var graph = SyntheticGraph.Create(SyntheticPreset.Find(parse.GetValue(preset))!, parse.GetValue(seed));
                // Regions and fields are built in: every store holds them, so the folder leaves them out, as export does.
                var nodes = graph.Nodes().Where(n => n.Kind is not (NodeKind.Region or NodeKind.Field));
                var (nodesWritten, linksWritten) = await CsvGraphWriter.WriteAsync(path,
                    nodes.ToAsyncEnumerable(), graph.Links().ToAsyncEnumerable(), cancellationToken).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Generated preset {graph.Preset.Name}, seed {graph.Seed}: {nodesWritten:N0} nodes and {linksWritten:N0} links in {path} in {clock.Elapsed.TotalSeconds:0.0} s."));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Cannot write {path}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
