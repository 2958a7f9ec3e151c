using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>How many data rows one file of a graph folder has.</summary>
public sealed record ImportFileRows(string File, long Rows);

/// <summary>
/// What an import found and did: every problem (then nothing was written and <see cref="Result"/> is null), the rows of
/// each file, the store's counts of created, updated and unchanged nodes and links, and how many stored property values
/// the import clears (a row is a node's full content: an empty cell clears what the store held).
/// </summary>
public sealed record ImportReport(IReadOnlyList<ImportProblem> Problems, IReadOnlyList<ImportFileRows> Files, ImportResult? Result, long PropertiesCleared = 0)
{
    /// <summary>Whether the folder was imported.</summary>
    public bool Succeeded => Problems.Count == 0 && Result is not null;

    /// <summary>The University rows written onto a reference university (and whose links point at it), and why.</summary>
    public IReadOnlyList<ReferenceMatch> Matches { get; init; } = [];

    /// <summary>The University rows that may be a reference university but were imported as they are.</summary>
    public IReadOnlyList<LikelyDuplicate> LikelyDuplicates { get; init; } = [];
}

/// <summary>Where a long import is: the stage (<c>checking</c> bytes of the files, <c>writing</c> rows), and how far of how much.</summary>
public sealed record ImportStage(string Name, long Done, long Total);

/// <summary>
/// Imports a graph folder (docs/import-format.md) into a store in two passes over the files. The first checks every
/// row of every file and keeps only the ids of the nodes in the files (and a hash per link, for duplicates); ends and
/// references that are not in the files are looked up in the store in batches; the policy rules are judged on the
/// store with the files' challenges, centres and the links the rules read laid over it. Only when nothing is wrong does
/// the second pass stream the rows through the one write path (<see cref="GraphWriter.ImportAsync"/>): one
/// all-or-nothing transaction, upserts by natural key, journaled as one entry of <paramref name="actor"/>, so
/// re-importing the same files changes nothing. A University row that is a reference university the store holds (by
/// its 学校标识码, its name or an alias) is written onto that node and its links point at it (<see cref="ReferenceLinking"/>),
/// unless <paramref name="linkReferences"/> is false; the report lists the matches and the likely duplicates.
/// </summary>
public sealed class GraphImporter(GraphWriter writer, Actor actor, bool linkReferences = true)
{
    private readonly IGraphStore store = writer.Store;

    /// <summary>The name of the first stage, which reads and checks every file.</summary>
    public const string CheckingStage = "checking";

    /// <summary>The name of the second stage, which writes the rows to the store.</summary>
    public const string WritingStage = "writing";

    /// <summary>Where a problem with the policy rules (DOMAIN.md) is reported: it concerns rows of several files.</summary>
    public const string RulesFile = "(policy rules)";

    /// <summary>Checks every file and, when nothing is wrong, imports them all; otherwise writes nothing.</summary>
    public Task<ImportReport> ImportAsync(string folder, IProgress<ImportStage>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(folder, write: true, progress, cancellationToken);

    /// <summary>Checks every file as an import would, and writes nothing.</summary>
    public Task<ImportReport> CheckAsync(string folder, IProgress<ImportStage>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(folder, write: false, progress, cancellationToken);

    private async Task<ImportReport> RunAsync(string folder, bool write, IProgress<ImportStage>? progress, CancellationToken cancellationToken)
    {
        var files = GraphFolder.Discover(folder, out var problems);
        var linking = problems.Count == 0
            ? await ReferenceLinking.FindAsync(store, files, linkReferences, cancellationToken).ConfigureAwait(false)
            : ReferenceLinking.None;
        problems.AddRange(linking.Problems);
        var check = new ImportCheck(store, files, progress);
        await check.RunAsync(cancellationToken).ConfigureAwait(false);
        problems.AddRange(check.Problems);
        if (problems.Count == 0)
        {
            var violations = await GraphWriter.CheckRulesAsync(store, check.RuleNodes, check.RuleLinks, cancellationToken).ConfigureAwait(false);
            problems.AddRange(violations.Select(v => new ImportProblem(RulesFile, 0, ErrorCodes.RuleViolation, v)));
        }
        if (problems.Count > 0 || !write)
            return new ImportReport(Sorted(problems, files), check.Rows, null, check.PropertiesCleared) { Matches = linking.Matches, LikelyDuplicates = linking.LikelyDuplicates };

        var total = check.Rows.Sum(f => f.Rows);
        var storeProgress = progress is null ? null : new Relay(done => progress.Report(new ImportStage(WritingStage, done, total)));
        var storesEnterprises = (await store.CountAsync(cancellationToken).ConfigureAwait(false)).Nodes.GetValueOrDefault(NodeKind.Enterprise) > 0;
        var result = await writer.ImportAsync(ImportOperations.ReadAsync(files, linking, storesEnterprises ? store : null, cancellationToken), actor, $"import {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}", storeProgress, cancellationToken).ConfigureAwait(false);
        return new ImportReport([], check.Rows, result, check.PropertiesCleared) { Matches = linking.Matches, LikelyDuplicates = linking.LikelyDuplicates };
    }

    private sealed class Relay(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private static List<ImportProblem> Sorted(List<ImportProblem> problems, IReadOnlyList<GraphFile> files)
    {
        var order = files.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return [.. problems.OrderBy(p => order.GetValueOrDefault(p.File, -1)).ThenBy(p => p.Line)];
    }
}
