using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>backup &lt;file&gt;</c> and <c>restore &lt;file&gt;</c> for the embedded store (<see cref="SqliteBackups"/>): an online,
/// verified snapshot while the service runs, and its restore with the data version moving forward.
/// </summary>
public static class BackupCommands
{
    public static Command Backup()
    {
        var file = new Argument<string>("file") { Description = "the backup file to write (must not exist)" };
        var command = new Command("backup", "Write a verified snapshot of the embedded store to a file, while the service runs.") { file };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Run(parse, () =>
        {
            var source = SqliteBackups.ConfiguredPath([.. parse.UnmatchedTokens], "backup");
            var summary = SqliteBackups.Backup(source, parse.GetValue(file)!);
            return string.Create(CultureInfo.InvariantCulture,
                $"Backed up {source} to {parse.GetValue(file)}: data version {summary.DataVersion}, {summary.Nodes:N0} nodes, {summary.Links:N0} links; integrity check ok.");
        }));
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<string>("file") { Description = "a file written by backup" };
        var command = new Command("restore", "Replace the embedded store's content with a backup (stop the service first, or restart it after).") { file };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Run(parse, () =>
        {
            var target = SqliteBackups.ConfiguredPath([.. parse.UnmatchedTokens], "restore");
            var summary = SqliteBackups.Restore(parse.GetValue(file)!, target);
            return string.Create(CultureInfo.InvariantCulture,
                $"Restored {parse.GetValue(file)} into {target}: {summary.Nodes:N0} nodes, {summary.Links:N0} links, now at data version {summary.DataVersion} (after both the backup's and the replaced store's); integrity check ok.");
        }));
        return command;
    }

    private static int Run(ParseResult parse, Func<string> action)
    {
        try
        {
            parse.InvocationConfiguration.Output.WriteLine(action());
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException or SqliteException)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
