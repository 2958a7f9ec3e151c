using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>How many data rows one file of a graph folder has.</summary>
public sealed record ImportFileRows(string File, long Rows);

/// <summary>
/// What an import found and did: every problem (then nothing was written and <see cref="Result"/> is null), the rows of
/// each file, and the store's counts of created, updated and unchanged nodes and links.
/// </summary>
public sealed record ImportReport(IReadOnlyList<ImportProblem> Problems, IReadOnlyList<ImportFileRows> Files, ImportResult? Result)
{
    /// <summary>Whether the folder was imported.</summary>
    public bool Succeeded => Problems.Count == 0 && Result is not null;
}

/// <summary>Where a long import is: the stage (<c>checking</c> bytes of the files, <c>writing</c> rows), and how far of how much.</summary>
public sealed record ImportStage(string Name, long Done, long Total);

/// <summary>
/// Imports a graph folder (docs/import-format.md) into a store in two passes over the files. The first checks every
/// row of every file and keeps only the ids of the nodes in the files (and a hash per link, for duplicates); ends and
/// references that are not in the files are looked up in the store in batches. Only when nothing is wrong does the
/// second pass stream the rows into <see cref="IGraphStore.ImportAsync"/>: one all-or-nothing transaction, upserts by
/// natural key, so re-importing the same files changes nothing.
/// </summary>
public sealed class GraphImporter(IGraphStore store)
{
    /// <summary>The name of the first stage, which reads and checks every file.</summary>
    public const string CheckingStage = "checking";

    /// <summary>The name of the second stage, which writes the rows to the store.</summary>
    public const string WritingStage = "writing";

    private const int StoreLookupBatch = 2_000;
    private const int ProgressEvery = 4_096;

    /// <summary>Checks every file and, when nothing is wrong, imports them all; otherwise writes nothing.</summary>
    public async Task<ImportReport> ImportAsync(string folder, IProgress<ImportStage>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = GraphFolder.Discover(folder, out var problems);
        var check = new Check(store, files, progress);
        await check.RunAsync(cancellationToken).ConfigureAwait(false);
        problems.AddRange(check.Problems);
        if (problems.Count > 0)
            return new ImportReport(Sorted(problems, files), check.Rows, null);

        var total = check.Rows.Sum(f => f.Rows);
        var storeProgress = progress is null ? null : new Progress<long>(done => progress.Report(new ImportStage(WritingStage, done, total)));
        var result = await store.ImportAsync(Operations(files, cancellationToken), storeProgress, cancellationToken).ConfigureAwait(false);
        return new ImportReport([], check.Rows, result);
    }

    private static List<ImportProblem> Sorted(List<ImportProblem> problems, IReadOnlyList<GraphFile> files)
    {
        var order = files.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return [.. problems.OrderBy(p => order.GetValueOrDefault(p.File, -1)).ThenBy(p => p.Line)];
    }

    // The second pass: the same reading as the check, without the checks; a row that no longer reads stops the import.
    private static async IAsyncEnumerable<WriteOperation> Operations(IReadOnlyList<GraphFile> files, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        foreach (var file in files)
        {
            using var rows = CsvRows.Open(file.Path);
            var headerProblems = new List<(string, string)>();
            var nodes = file.Kind is { } kind ? new NodeRowParser(kind, rows.Header, headerProblems) : null;
            var links = file.Type is { } type ? new LinkRowParser(type, rows.Header, headerProblems) : null;
            while (rows.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                WriteOperation operation = nodes is not null
                    ? new WriteOperation.UpsertNode(nodes.Parse(rows, problems))
                    : new WriteOperation.UpsertLink(links!.Parse(rows, problems));
                if (problems.Count > 0 || headerProblems.Count > 0)
                    throw new InvalidInputException($"{file.Name}:{rows.Line}: the file changed while it was being imported; nothing was written");
                yield return operation;
            }
            await Task.Yield();
        }
    }

    /// <summary>The first pass: every row of every file checked, problems collected, rows counted.</summary>
    private sealed class Check(IGraphStore store, IReadOnlyList<GraphFile> files, IProgress<ImportStage>? progress)
    {
        private readonly Dictionary<string, long> _nodeLines = new(StringComparer.Ordinal);
        private readonly HashSet<string> _storeReferences = new(StringComparer.Ordinal);
        private readonly List<(string File, long Line, string Column, string Id)> _lookups = [];
        private readonly List<string> _rowLookups = [];
        private readonly long _totalBytes = files.Sum(f => f.Kind is null ? f.Length : 2 * f.Length);
        private long _bytesBefore;

        public List<ImportProblem> Problems { get; } = [];

        public List<ImportFileRows> Rows { get; } = [];

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            foreach (var file in files.Where(f => f.Kind is not null))
                ReadNodeKeys(file, cancellationToken);
            await foreach (var node in store.ScanNodesAsync(NodeKind.Region, cancellationToken).ConfigureAwait(false))
                _storeReferences.Add(node.Id);
            await foreach (var node in store.ScanNodesAsync(NodeKind.Field, cancellationToken).ConfigureAwait(false))
                _storeReferences.Add(node.Id);

            var nodeValidator = new NodeValidator(Exists);
            var linkValidator = new LinkValidator(Exists);
            foreach (var file in files)
            {
                using var rows = CsvRows.Open(file.Path);
                var headerProblems = new List<(string Column, string Reason)>();
                var nodes = file.Kind is { } kind ? new NodeRowParser(kind, rows.Header, headerProblems) : null;
                var links = file.Type is { } type ? new LinkRowParser(type, rows.Header, headerProblems) : null;
                var columns = nodes?.Columns ?? links!.Columns;
                foreach (var (column, reason) in headerProblems)
                    Problems.Add(new(file.Name, 1, column, reason));
                var unreadable = headerProblems.Any(p => p.Reason == "the column is missing");
                var linkLines = new Dictionary<UInt128, long>();
                long count = 0;
                var problems = new List<ValidationProblem>();
                while (rows.Read())
                {
                    count++;
                    if (count % ProgressEvery == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Report(rows.ByteOffset);
                    }
                    if (unreadable) continue;
                    if (rows.Malformed is { } malformed) Problems.Add(new(file.Name, rows.Line, "row", malformed));
                    if (rows.FieldCount != columns.Count)
                    {
                        Problems.Add(new(file.Name, rows.Line, "row", $"the row has {rows.FieldCount} values, the header has {columns.Count} columns"));
                        continue;
                    }
                    problems.Clear();
                    _rowLookups.Clear();
                    if (nodes is not null)
                    {
                        var node = nodes.Parse(rows, problems);
                        problems.AddRange(nodeValidator.Validate(node));
                        QueueLookups(file, rows.Line, GraphSchema.Of(node.Kind).Properties);
                    }
                    else
                    {
                        var link = links!.Parse(rows, problems);
                        problems.AddRange(linkValidator.Validate(link));
                        QueueLookups(file, rows.Line, GraphSchema.Of(link.Type).Properties);
                        CheckEnd(file, rows.Line, "from", link.FromId, GraphSchema.Of(link.Type).FromKinds);
                        CheckEnd(file, rows.Line, "to", link.ToId, GraphSchema.Of(link.Type).ToKinds);
                        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(link.Id.AsSpan()));
                        if (!linkLines.TryAdd(hash, rows.Line))
                            Problems.Add(new(file.Name, rows.Line, link.Key is null ? "to" : "key",
                                $"the same link (from, to{(link.Key is null ? "" : ", key")}) is on line {linkLines[hash]}; give each a different key"));
                    }
                    foreach (var problem in problems)
                        Problems.Add(new(file.Name, rows.Line, problem.Field, problem.Message));
                    if (_lookups.Count >= StoreLookupBatch)
                        await LookUpAsync(cancellationToken).ConfigureAwait(false);
                }
                await LookUpAsync(cancellationToken).ConfigureAwait(false);
                Rows.Add(new(file.Name, count));
                _bytesBefore += file.Length;
                Report(0);
            }
        }

        // Keys first, so rows can refer to nodes listed later in their file or in a later file.
        private void ReadNodeKeys(GraphFile file, CancellationToken cancellationToken)
        {
            using var rows = CsvRows.Open(file.Path);
            var parser = new NodeRowParser(file.Kind!.Value, rows.Header, []);
            var keyName = GraphSchema.Of(file.Kind.Value).KeyName;
            if (!parser.Columns.Has(keyName)) return;
            long count = 0;
            while (rows.Read())
            {
                if (++count % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Report(rows.ByteOffset);
                }
                if (parser.IdOf(rows) is not { } id) continue;
                if (!_nodeLines.TryAdd(id, rows.Line))
                    Problems.Add(new(file.Name, rows.Line, keyName, $"duplicate key: '{parser.Columns.Cell(rows, keyName)}' is also on line {_nodeLines[id]}"));
            }
            _bytesBefore += file.Length;
        }

        private bool Exists(NodeKind kind, string key)
        {
            var id = NodeId.Of(kind, key);
            if (_nodeLines.ContainsKey(id) || _storeReferences.Contains(id)) return true;
            // The store's Region and Field nodes are all known already; other kinds are looked up in batches.
            if (kind is NodeKind.Region or NodeKind.Field) return false;
            _rowLookups.Add(id);
            return true;
        }

        private void QueueLookups(GraphFile file, long line, IReadOnlyList<PropertyDefinition> properties)
        {
            foreach (var id in _rowLookups)
            {
                var kind = NodeId.KindOf(id);
                var column = properties.FirstOrDefault(p => p.References == kind)?.Name ?? "row";
                _lookups.Add((file.Name, line, column, id));
            }
        }

        private void CheckEnd(GraphFile file, long line, string column, string id, IReadOnlySet<NodeKind> allowed)
        {
            if (NodeId.KindOf(id) is { } kind && allowed.Contains(kind) && !_nodeLines.ContainsKey(id) && !_storeReferences.Contains(id))
                _lookups.Add((file.Name, line, column, id));
        }

        private async Task LookUpAsync(CancellationToken cancellationToken)
        {
            if (_lookups.Count == 0) return;
            var found = await store.GetNodesAsync(_lookups.Select(l => l.Id).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            foreach (var (file, line, column, id) in _lookups.Where(l => !found.ContainsKey(l.Id)))
                Problems.Add(new(file, line, column, $"no node '{id}' in the files or the store"));
            _lookups.Clear();
        }

        private void Report(long offset) =>
            progress?.Report(new ImportStage(CheckingStage, Math.Min(_bytesBefore + offset, _totalBytes), _totalBytes));
    }
}
