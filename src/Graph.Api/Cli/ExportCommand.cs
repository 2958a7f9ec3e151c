using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KnowledgeGraph.Api.Exchange;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>export &lt;folder&gt;</c>: writes the configured store as a folder of CSV files in the import format, every file
/// of every kind and type, rows ordered by id: the same data always gives the same bytes.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "the folder to write nodes/<Kind>.csv and links/<TYPE>.csv into (created if missing; files of those names are replaced)" };
        var command = new Command("export", "Export the configured store as a folder of CSV files that import reads back.")
        {
            folder,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(folder)!;
            string[] args = [.. parse.UnmatchedTokens];
            // The embedded store is exported from a snapshot taken in one read transaction, so that writes during the
            // export leave no dangling links or half batches in it.
            string? snapshot = null;
            try
            {
                if (SqliteBackups.FindConfiguredPath(args) is { } database && File.Exists(database))
                {
                    snapshot = Path.Combine(Path.GetTempPath(), $"kg-export-{Guid.NewGuid():N}.db");
                    SqliteBackups.Backup(database, snapshot);
                    args = [.. args, $"--Store:Sqlite:Path={snapshot}"];
                }
                // An export only reads: seeding the reference nodes would be a write, which moves the data version
                // the export names past the snapshot it holds.
                var cli = await CliStore.OpenAsync(args, cancellationToken, seedReferenceData: false).ConfigureAwait(false);
                await using var closing = cli.ConfigureAwait(false);
                var counts = await cli.Store.CountAsync(cancellationToken).ConfigureAwait(false);
                var total = counts.NodeTotal + counts.LinkTotal;
                var clock = Stopwatch.StartNew();
                var result = await ConsoleProgress.RunAsync(output, progress => GraphExporter.ExportAsync(cli.Store, path,
                    new Rows(rows => progress.Report(new ImportStage("exporting", rows, total))), cancellationToken)).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Exported {result.Nodes:N0} nodes and {result.Links:N0} links to {path} in {clock.Elapsed.TotalSeconds:0.0} s (data version {result.DataVersion}); {result.BuiltInReferenceNodesLeftOut:N0} built-in region, field and university nodes, unchanged, were left out."));
                return 0;
            }
            catch (Exception e) when (e is DomainException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                parse.InvocationConfiguration.Error.WriteLine(e is DomainException domain ? $"{domain.Code}: {e.Message}" : e.Message);
                return 1;
            }
            finally
            {
                if (snapshot is not null)
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    foreach (var file in new[] { snapshot, snapshot + "-wal", snapshot + "-shm" })
                        File.Delete(file);
                }
            }
        });
        return command;
    }

    private sealed class Rows(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
