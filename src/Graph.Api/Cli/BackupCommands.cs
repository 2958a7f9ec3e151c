using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>backup &lt;file&gt;</c> and <c>restore &lt;file&gt;</c> for the embedded store (<see cref="SqliteBackups"/>): an online,
/// verified snapshot while the service runs, and its restore with the data version moving forward — refused, leaving the
/// store as it was, when the backup breaks a policy rule, unless the operator accepts it.
/// </summary>
public static class BackupCommands
{
    public static Command Backup()
    {
        var file = new Argument<string>("file") { Description = "the backup file to write (must not exist)" };
        var command = new Command("backup", "Write a verified snapshot of the embedded store to a file, while the service runs.") { file };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, _) => RunAsync(parse, () =>
        {
            var source = SqliteBackups.ConfiguredPath([.. parse.UnmatchedTokens], "backup");
            var summary = SqliteBackups.Backup(source, parse.GetValue(file)!);
            return Task.FromResult(string.Create(CultureInfo.InvariantCulture,
                $"Backed up {source} to {parse.GetValue(file)}: data version {summary.DataVersion}, {summary.Nodes:N0} nodes, {summary.Links:N0} links; integrity check ok."));
        }));
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<string>("file") { Description = "a file written by backup" };
        var accept = new Option<bool>("--accept-rule-violations")
        {
            Description = "restore a backup that breaks the policy rules anyway, listing each as a warning (writes to what they name are refused until an admin repairs it)",
        };
        var command = new Command("restore", "Replace the embedded store's content with a backup (stop the service first, or restart it after).") { file, accept };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async () =>
        {
            var target = SqliteBackups.ConfiguredPath([.. parse.UnmatchedTokens], "restore");
            var backup = parse.GetValue(file)!;
            IReadOnlyList<string> broken = [];
            // A backup holds what the write path let through when it was taken, but an older version's rules were fewer:
            // the rules of this version judge it before anything of the store changes.
            var summary = await SqliteBackups.RestoreAsync(backup, target, async staged =>
            {
                broken = await BrokenRulesAsync(staged, cancellationToken).ConfigureAwait(false);
                return broken.Count == 0 || parse.GetValue(accept);
            }).ConfigureAwait(false);
            foreach (var rule in broken)
                parse.InvocationConfiguration.Error.WriteLine($"{(summary is null ? "" : "warning: ")}RULE_VIOLATION: {rule}");
            if (summary is null)
            {
                throw new InvalidDataException($"{broken.Count} policy rule{(broken.Count == 1 ? " is" : "s are")} broken in {backup}: nothing was restored, {target} is as it was. "
                    + "Restore it anyway with --accept-rule-violations and repair what they name (as an admin), or restore another backup.");
            }
            var rules = broken.Count == 0 ? "the policy rules hold." : $"{broken.Count} policy rule{(broken.Count == 1 ? " is" : "s are")} broken (above): repair before writing to what they name.";
            return string.Create(CultureInfo.InvariantCulture,
                $"Restored {backup} into {target}: {summary.Nodes:N0} nodes, {summary.Links:N0} links, now at data version {summary.DataVersion} (after both the backup's and the replaced store's); integrity check ok; {rules}");
        }));
        return command;
    }

    // The policy rules over a store file's content, as migrate judges its source.
    private static async Task<IReadOnlyList<string>> BrokenRulesAsync(string file, CancellationToken cancellationToken)
    {
        var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await using (store.ConfigureAwait(false))
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var problems = await PolicyWriteRules.CheckStoreAsync(store, DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
            return [.. problems.Select(p => p.Message)];
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<Task<string>> action)
    {
        try
        {
            parse.InvocationConfiguration.Output.WriteLine(await action().ConfigureAwait(false));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException or SqliteException)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
