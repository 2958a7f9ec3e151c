using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using KnowledgeGraph.Api.Exchange;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>import &lt;folder&gt;</c>: checks every row of every CSV file of the folder (docs/import-format.md) and, when
/// nothing is wrong, imports them into the configured store in one transaction. Each problem is printed on standard
/// error as <c>file:line: column: reason</c>; on any problem nothing is written and the exit code is 1.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "the folder with nodes/<Kind>.csv and links/<TYPE>.csv" };
        var checkOnly = new Option<bool>("--check") { Description = "check every row and report the problems, but write nothing" };
        var keepSeparate = new Option<bool>("--no-reference-linking")
        {
            Description = "import University rows as they are, even where one is a reference university (same 学校标识码, name or alias); they are listed as likely duplicates",
        };
        var command = new Command("import", "Import a folder of CSV files into the configured store. Every row is checked first; on any problem nothing is written.")
        {
            folder, checkOnly, keepSeparate,
        };
        // Configuration may also come as --key=value arguments, as for the server (--Store:Sqlite:Path=other.db).
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(folder)!;
            try
            {
                var cli = await CliStore.OpenAsync([.. parse.UnmatchedTokens], cancellationToken).ConfigureAwait(false);
                await using var closing = cli.ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                var importer = new GraphImporter(cli.Writer, Actor.Import(Path.GetFullPath(path)), linkReferences: !parse.GetValue(keepSeparate));
                var check = parse.GetValue(checkOnly);
                // The process does nothing but the import: garbage is collected without the background collections
                // that keep a service's pauses short (on the country preset they cost about 7 % more CPU time).
                var latency = GCSettings.LatencyMode;
                GCSettings.LatencyMode = GCLatencyMode.Batch;
                ImportReport report;
                try
                {
                    report = await ConsoleProgress.RunAsync(output, progress => check
                        ? importer.CheckAsync(path, progress, cancellationToken)
                        : importer.ImportAsync(path, progress, cancellationToken)).ConfigureAwait(false);
                }
                finally
                {
                    GCSettings.LatencyMode = latency;
                }
                if (report.Problems.Count > 0)
                {
                    foreach (var problem in report.Problems)
                        error.WriteLine(problem);
                    var files = report.Problems.Select(p => p.File).Distinct().Count();
                    error.WriteLine($"{Count(report.Problems.Count, "problem")} in {Count(files, "file")}: nothing was imported.");
                    return 1;
                }
                WriteReferenceReport(output, report, check);
                if (check)
                {
                    output.WriteLine($"No problems in {Count(report.Files.Sum(f => f.Rows), "row")} of {Count(report.Files.Count, "file")} in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; nothing was written (--check).");
                    return 0;
                }
                output.WriteLine(Summary(path, report.Result!, clock.Elapsed));
                if (report.PropertiesCleared > 0)
                    output.WriteLine($"{Count(report.PropertiesCleared, "stored property value")} cleared: the rows left them empty (a row replaces a node's content).");
                return 0;
            }
            catch (DomainException e)
            {
                error.WriteLine($"{e.Code}: {e.Message}");
                error.WriteLine("Nothing was imported.");
                return 1;
            }
        });
        return command;
    }

    // The matches with reference universities, one line each, so the user sees which rows went onto which node.
    private static void WriteReferenceReport(TextWriter output, ImportReport report, bool check)
    {
        foreach (var match in report.Matches)
            output.WriteLine($"{(check ? "would link" : "linked")} {match.IncomingId} ({match.IncomingName}) to the reference university {match.ReferenceId} ({match.ReferenceName}) by {match.By switch { MatchBasis.MoeCode => "学校标识码", MatchBasis.Name => "name", _ => "alias" }}");
        foreach (var duplicate in report.LikelyDuplicates)
            output.WriteLine($"likely duplicate: {duplicate.IncomingId} ({duplicate.IncomingName}) ~ {string.Join(", ", duplicate.ReferenceIds)}: {duplicate.Reason}");
        if (report.Matches.Count + report.LikelyDuplicates.Count > 0)
            output.WriteLine($"{Count(report.Matches.Count, "University row")} {(check ? "would be" : "were")} linked to reference universities; {Count(report.LikelyDuplicates.Count, "likely duplicate")} left as they are.");
    }

    private static string Summary(string folder, ImportResult result, TimeSpan elapsed)
    {
        var links = result.LinksCreated + result.LinksUpdated + result.LinksUnchanged;
        var rate = elapsed.TotalSeconds > 0 ? links / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"Imported {folder}: {result.NodesCreated + result.NodesUpdated + result.NodesUnchanged:N0} nodes ({result.NodesCreated:N0} created, {result.NodesUpdated:N0} updated, {result.NodesUnchanged:N0} unchanged), ")
            + string.Create(CultureInfo.InvariantCulture,
            $"{links:N0} links ({result.LinksCreated:N0} created, {result.LinksUpdated:N0} updated, {result.LinksUnchanged:N0} unchanged) in {elapsed.TotalSeconds:0.0} s ({rate:N0} links/s); data version {result.DataVersion}.");
    }

    private static string Count(long n, string what) => n == 1 ? $"1 {what}" : string.Create(CultureInfo.InvariantCulture, $"{n:N0} {what}s");
}
