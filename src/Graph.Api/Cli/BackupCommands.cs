using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Neo4j;
using KnowledgeGraph.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>backup &lt;file&gt;</c> and <c>restore &lt;file&gt;</c> for the embedded store (<see cref="SqliteBackups"/>): an online,
/// verified snapshot while the service runs, and its restore with the data version moving forward — refused, leaving the
/// store as it was, when the backup breaks a policy rule, unless the operator accepts it. On Neo4j, where neo4j-admin
/// dumps and loads, <c>restore --loaded --version-before &lt;N&gt;</c> does the step after a load: the same rule check,
/// then the data version moved past both the loaded one and N.
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
        var file = new Argument<string?>("file") { Description = "a file written by backup (not with --loaded)", Arity = ArgumentArity.ZeroOrOne };
        var accept = new Option<bool>("--accept-rule-violations")
        {
            Description = "restore a backup that breaks the policy rules anyway, listing each as a warning (writes to what they name are refused until an admin repairs it)",
        };
        var loaded = new Option<bool>("--loaded")
        {
            Description = "Neo4j: the database was just loaded from a dump (neo4j-admin database load); judge it by the policy rules and move its data version forward",
        };
        var versionBefore = new Option<long?>("--version-before")
        {
            Description = "with --loaded: the data version read before the load, the highest one clients may have seen",
        };
        var command = new Command("restore", "Replace the embedded store's content with a backup (stop the service first, or restart it after); on Neo4j, finish a load (--loaded).")
        {
            file, accept, loaded, versionBefore,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async () =>
        {
            // The file argument takes the first token no option knows, which may be a setting (--Store:Kind=neo4j) when no
            // file is given: the settings are the tokens starting with "--", the files the others.
            string[] tokens = [.. parse.GetValue(file) is { } first ? [first] : Array.Empty<string>(), .. parse.UnmatchedTokens];
            string[] settings = [.. tokens.Where(IsSetting)];
            string[] files = [.. tokens.Where(t => !IsSetting(t))];
            if (parse.GetValue(loaded))
                return await ContinueLoadedAsync(parse, settings, files, parse.GetValue(versionBefore), parse.GetValue(accept), cancellationToken).ConfigureAwait(false);
            var target = SqliteBackups.ConfiguredPath(settings, "restore");
            if (files.Length != 1)
                throw new InvalidOperationException("'restore' needs one backup file to restore (restore <file>); after a Neo4j load use restore --loaded --version-before <N>.");
            var backup = files[0];
            IReadOnlyList<string> broken = [];
            // A backup holds what the write path let through when it was taken, but an older version's rules were fewer:
            // the rules of this version judge it before anything of the store changes.
            var summary = await SqliteBackups.RestoreAsync(backup, target, async staged =>
            {
                broken = await BrokenRulesAsync(staged, cancellationToken).ConfigureAwait(false);
                return broken.Count == 0 || parse.GetValue(accept);
            }).ConfigureAwait(false);
            WriteViolations(parse, broken, warning: summary is not null);
            if (summary is null)
            {
                throw new InvalidDataException($"{Rules(broken.Count)} broken in {backup}: nothing was restored, {target} is as it was. "
                    + "Restore it anyway with --accept-rule-violations and repair what they name (as an admin), or restore another backup.");
            }
            return string.Create(CultureInfo.InvariantCulture,
                $"Restored {backup} into {target}: {summary.Nodes:N0} nodes, {summary.Links:N0} links, now at data version {summary.DataVersion} (after both the backup's and the replaced store's); integrity check ok; {RulesVerdict(broken.Count)}");
        }));
        return command;
    }

    // After neo4j-admin loaded a dump: the loaded content judged by the policy rules as a restored backup is, then the
    // data version set after both the loaded one and the one clients may have seen before the load, in one write.
    private static async Task<string> ContinueLoadedAsync(ParseResult parse, string[] settings, string[] files, long? versionBefore, bool accept, CancellationToken cancellationToken)
    {
        if (files.Length > 0)
            throw new InvalidOperationException($"'restore --loaded' takes no file ({string.Join(", ", files)}): neo4j-admin database load has loaded the dump already.");
        if (versionBefore is not { } before)
            throw new InvalidOperationException("'restore --loaded' needs --version-before <N>: the data version read before the load ({ dataVersion }), so that it keeps moving forward.");
        if (before < 0)
            throw new InvalidOperationException($"--version-before is {before}: a data version is 0 or more.");
        if (SqliteBackups.FindConfiguredPath(settings) is { } path)
            throw new InvalidOperationException($"'restore --loaded' finishes a Neo4j load; the configured store is the embedded one ({path}): use restore <file>.");
        var cli = await CliStore.OpenAsync(settings, cancellationToken, seedReferenceData: false).ConfigureAwait(false);
        await using (cli.ConfigureAwait(false))
        {
            var neo4j = (Neo4jGraphStore)cli.Store;
            var broken = await BrokenRulesAsync(cli.Store, cancellationToken).ConfigureAwait(false);
            WriteViolations(parse, broken, warning: accept);
            if (broken.Count > 0 && !accept)
            {
                throw new InvalidDataException($"{Rules(broken.Count)} broken in the loaded database: its data version was left as loaded. "
                    + "Accept it with --accept-rule-violations and repair what they name (as an admin), or load another dump.");
            }
            var (loadedVersion, version) = await neo4j.ContinueDataVersionAsync(before, cancellationToken).ConfigureAwait(false);
            return string.Create(CultureInfo.InvariantCulture,
                $"Continued the loaded Neo4j database: data version {version} (after both the loaded {loadedVersion} and {before} before the load); {RulesVerdict(broken.Count)}");
        }
    }

    private static bool IsSetting(string token) => token.StartsWith("--", StringComparison.Ordinal);

    private static void WriteViolations(ParseResult parse, IReadOnlyList<string> broken, bool warning)
    {
        foreach (var rule in broken)
            parse.InvocationConfiguration.Error.WriteLine($"{(warning ? "warning: " : "")}RULE_VIOLATION: {rule}");
    }

    private static string Rules(int count) => $"{count} policy rule{(count == 1 ? " is" : "s are")}";

    private static string RulesVerdict(int count) =>
        count == 0 ? "the policy rules hold." : $"{Rules(count)} broken (above): repair before writing to what they name.";

    // The policy rules over a store file's content, as migrate judges its source.
    private static async Task<IReadOnlyList<string>> BrokenRulesAsync(string file, CancellationToken cancellationToken)
    {
        var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await using (store.ConfigureAwait(false))
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return await BrokenRulesAsync(store, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<string>> BrokenRulesAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var problems = await PolicyWriteRules.CheckStoreAsync(store, DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
        return [.. problems.Select(p => p.Message)];
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<Task<string>> action)
    {
        try
        {
            parse.InvocationConfiguration.Output.WriteLine(await action().ConfigureAwait(false));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException or SqliteException or HttpRequestException)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
