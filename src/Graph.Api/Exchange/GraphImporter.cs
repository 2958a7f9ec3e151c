using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Validation;
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

    private const int StoreLookupBatch = 2_000;
    private const int ProgressEvery = 4_096;
    private const int WriteBatchSize = 1_024;

    /// <summary>Where a problem with the policy rules (DOMAIN.md) is reported: it concerns rows of several files.</summary>
    public const string RulesFile = "(policy rules)";

    // What the policy rules read of the files: challenges, platforms, government bodies, consortia and diagnosis teams in full; of the
    // organisations that may post or apply, their region and tech status; of people, that they are there (a pairing's
    // commissioner); the links the rules follow.
    private static readonly HashSet<NodeKind> RuleKinds = [NodeKind.Challenge, NodeKind.Platform, NodeKind.GovernmentBody, NodeKind.Consortium, NodeKind.DiagnosisTeam];
    private static readonly HashSet<NodeKind> PartyKinds = [NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute, NodeKind.Person];
    private static readonly string[] PartyProperties = ["region", "highTech", "techSme"];
    private static readonly HashSet<LinkType> RuleLinkTypes = [LinkType.Posts, LinkType.AppliesTo, LinkType.Awarded, LinkType.Leads, LinkType.CoBuilds, LinkType.SubsidiaryOf,
        LinkType.PairedWith, LinkType.CommissionedTo];

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
        var check = new Check(store, files, progress);
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
        var result = await writer.ImportAsync(Operations(files, linking, storesEnterprises ? store : null, cancellationToken), actor, $"import {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}", storeProgress, cancellationToken).ConfigureAwait(false);
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

    // The second pass: the rows are read and parsed on another thread while the store writes, in batches through a
    // bounded channel, so reading never runs far ahead; a row that no longer reads stops the import.
    // With a store that holds enterprises, their stored years are kept beside the rows' (EnterpriseFigures.KeepYears).
    private static async IAsyncEnumerable<WriteOperation> Operations(IReadOnlyList<GraphFile> files, ReferenceLinking linking, IGraphStore? storedFigures, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<WriteOperation[]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in Read(files, linking, stop.Token))
                    await channel.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var withYears = storedFigures is null ? batch : await KeepStoredYearsAsync(storedFigures, batch, cancellationToken).ConfigureAwait(false);
                foreach (var operation in withYears)
                    yield return operation;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Loading 2025's figures must not drop 2024's: a row's years replace those years only.
    private static async Task<WriteOperation[]> KeepStoredYearsAsync(IGraphStore store, WriteOperation[] batch, CancellationToken cancellationToken)
    {
        var ids = batch.OfType<WriteOperation.UpsertNode>().Where(u => u.Node.Kind == NodeKind.Enterprise).Select(u => u.Node.Id).ToList();
        if (ids.Count == 0) return batch;
        var stored = await store.GetNodesAsync(ids, cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0) return batch;
        WriteOperation Keep(WriteOperation operation)
        {
            if (operation is not WriteOperation.UpsertNode upsert || !stored.TryGetValue(upsert.Node.Id, out var before)) return operation;
            var node = upsert.Node;
            return new WriteOperation.UpsertNode(EnterpriseDefaults.Apply(node with { Properties = EnterpriseFigures.KeepYears(before.Properties, node.Properties) }));
        }
        return [.. batch.Select(Keep)];
    }

    private static IEnumerable<WriteOperation[]> Read(IReadOnlyList<GraphFile> files, ReferenceLinking linking, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        var batch = new List<WriteOperation>(WriteBatchSize);
        foreach (var file in files)
        {
            using var rows = CsvRows.Open(file.Path);
            var headerProblems = new List<(string, string)>();
            var nodes = file.Kind is { } kind ? new NodeRowParser(kind, rows.Header, headerProblems) : null;
            var links = file.Type is { } type ? new LinkRowParser(type, rows.Header, headerProblems) : null;
            while (rows.Read())
            {
                batch.Add(nodes is not null
                    ? new WriteOperation.UpsertNode(linking.NodeFor(nodes.Parse(rows, problems)))
                    : new WriteOperation.UpsertLink(linking.LinkFor(links!.Parse(rows, problems))));
                if (problems.Count > 0 || headerProblems.Count > 0)
                    throw new InvalidInputException($"{file.Name}:{rows.Line}: the file changed while it was being imported; nothing was written");
                if (batch.Count == WriteBatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return [.. batch];
                    batch.Clear();
                }
            }
        }
        if (batch.Count > 0) yield return [.. batch];
    }

    /// <summary>
    /// The first pass: the keys of the node files first (so rows can refer to nodes listed later), then every row of
    /// every file checked, files side by side on the machine's cores, problems collected, rows counted.
    /// </summary>
    private sealed class Check(IGraphStore store, IReadOnlyList<GraphFile> files, IProgress<ImportStage>? progress)
    {
        private readonly IGraphStore _store = store;
        private readonly Dictionary<string, long> _nodeLines = new(StringComparer.Ordinal);
        private readonly HashSet<string> _storeReferences = new(StringComparer.Ordinal);
        private readonly long _totalBytes = files.Sum(f => f.Kind is null ? f.Length : 2 * f.Length);
        private long _bytesDone;
        private long _propertiesCleared;
        // The kinds the store holds nodes of: rows of another kind replace nothing, so they are not looked up.
        private HashSet<NodeKind> _storedKinds = [];

        public List<ImportProblem> Problems { get; } = [];

        public ConcurrentBag<NodeInput> RuleNodes { get; } = [];

        public ConcurrentBag<LinkInput> RuleLinks { get; } = [];

        public long PropertiesCleared => Interlocked.Read(ref _propertiesCleared);

        public List<ImportFileRows> Rows { get; } = [];

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            foreach (var file in files.Where(f => f.Kind is not null))
                ReadNodeKeys(file, cancellationToken);
            await foreach (var node in _store.ScanNodesAsync(NodeKind.Region, cancellationToken).ConfigureAwait(false))
                _storeReferences.Add(node.Id);
            await foreach (var node in _store.ScanNodesAsync(NodeKind.Field, cancellationToken).ConfigureAwait(false))
                _storeReferences.Add(node.Id);
            _storedKinds = (await _store.CountAsync(cancellationToken).ConfigureAwait(false)).Nodes.Where(c => c.Value > 0).Select(c => c.Key).ToHashSet();

            // The biggest files first, so the last file to finish is a small one.
            var checks = files.Select(f => new FileCheck(this, f)).ToList();
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(checks.OrderByDescending(c => c.File.Length), options,
                async (check, token) => await check.RunAsync(token).ConfigureAwait(false)).ConfigureAwait(false);
            foreach (var check in checks)
            {
                Problems.AddRange(check.Problems);
                Rows.Add(new(check.File.Name, check.Count));
            }
        }

        private void ReadNodeKeys(GraphFile file, CancellationToken cancellationToken)
        {
            using var rows = CsvRows.Open(file.Path);
            var parser = new NodeRowParser(file.Kind!.Value, rows.Header, []);
            var keyName = GraphSchema.Of(file.Kind.Value).KeyName;
            long count = 0, reported = 0;
            while (parser.Columns.Has(keyName) && rows.Read())
            {
                if (++count % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Advance(rows.ByteOffset - reported);
                    reported = rows.ByteOffset;
                }
                if (parser.IdOf(rows) is not { } id) continue;
                if (!_nodeLines.TryAdd(id, rows.Line))
                    Problems.Add(new(file.Name, rows.Line, keyName, $"duplicate key: '{parser.Columns.Cell(rows, keyName)}' is also on line {_nodeLines[id]}"));
            }
            Advance(file.Length - reported);
        }

        private void Advance(long bytes)
        {
            var done = Interlocked.Add(ref _bytesDone, bytes);
            progress?.Report(new ImportStage(CheckingStage, Math.Min(done, _totalBytes), _totalBytes));
        }

        /// <summary>The check of one file: its own problems and store look-ups; the keys and references are shared, read only.</summary>
        private sealed class FileCheck(Check check, GraphFile file)
        {
            private readonly List<(long Line, string Column, string Id)> _lookups = [];
            private readonly List<string> _rowLookups = [];
            private readonly Dictionary<string, NodeInput> _replaced = new(StringComparer.Ordinal);

            public GraphFile File => file;

            public List<ImportProblem> Problems { get; } = [];

            public long Count { get; private set; }

            public async Task RunAsync(CancellationToken cancellationToken)
            {
                using var rows = CsvRows.Open(file.Path);
                var headerProblems = new List<(string Column, string Reason)>();
                var nodes = file.Kind is { } kind ? new NodeRowParser(kind, rows.Header, headerProblems) : null;
                var links = file.Type is { } type ? new LinkRowParser(type, rows.Header, headerProblems) : null;
                var columns = nodes?.Columns ?? links!.Columns;
                foreach (var (column, reason) in headerProblems)
                    Problems.Add(new(file.Name, 1, column, reason));
                var unreadable = headerProblems.Any(p => p.Reason == "the column is missing");
                var nodeValidator = new NodeValidator(Exists);
                var linkValidator = new LinkValidator(Exists);
                var linkLines = new Dictionary<UInt128, long>();
                var problems = new List<ValidationProblem>();
                long reported = 0;
                while (!unreadable && rows.Read())
                {
                    if (++Count % ProgressEvery == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        check.Advance(rows.ByteOffset - reported);
                        reported = rows.ByteOffset;
                    }
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
                        QueueLookups(rows.Line, GraphSchema.Of(node.Kind).Properties);
                        if (RuleKinds.Contains(node.Kind)) check.RuleNodes.Add(node);
                        else if (PartyKinds.Contains(node.Kind))
                            check.RuleNodes.Add(node with { Properties = PropertyBag.From(PartyProperties.Select(p => new KeyValuePair<string, object?>(p, node.Properties.GetValueOrDefault(p)))) });
                        if (check._storedKinds.Contains(node.Kind)) _replaced[node.Id] = node;
                    }
                    else
                    {
                        var link = links!.Parse(rows, problems);
                        var info = GraphSchema.Of(link.Type);
                        problems.AddRange(linkValidator.Validate(link));
                        QueueLookups(rows.Line, info.Properties);
                        CheckEnd(rows.Line, "from", link.FromId, info.FromKinds);
                        CheckEnd(rows.Line, "to", link.ToId, info.ToKinds);
                        if (RuleLinkTypes.Contains(link.Type)) check.RuleLinks.Add(link);
                        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(link.Id.AsSpan()));
                        if (!linkLines.TryAdd(hash, rows.Line))
                            Problems.Add(new(file.Name, rows.Line, link.Key is null ? "to" : "key",
                                $"the same link (from, to{(link.Key is null ? "" : ", key")}) is on line {linkLines[hash]}; give each a different key"));
                    }
                    foreach (var problem in problems)
                        Problems.Add(new(file.Name, rows.Line, problem.Field, problem.Message));
                    if (_lookups.Count >= StoreLookupBatch)
                        await LookUpAsync(cancellationToken).ConfigureAwait(false);
                    if (_replaced.Count >= StoreLookupBatch)
                        await CountClearedAsync(cancellationToken).ConfigureAwait(false);
                }
                await LookUpAsync(cancellationToken).ConfigureAwait(false);
                await CountClearedAsync(cancellationToken).ConfigureAwait(false);
                // A node file's bytes count twice in the total: once for its keys, once for its rows.
                check.Advance(file.Length - reported);
            }

            private bool Exists(NodeKind kind, string key)
            {
                var id = NodeId.Of(kind, key);
                if (check._nodeLines.ContainsKey(id) || check._storeReferences.Contains(id)) return true;
                // The store's Region and Field nodes are all known already; other kinds are looked up in batches.
                if (kind is NodeKind.Region or NodeKind.Field) return false;
                _rowLookups.Add(id);
                return true;
            }

            private void QueueLookups(long line, IReadOnlyList<PropertyDefinition> properties)
            {
                foreach (var id in _rowLookups)
                {
                    var kind = NodeId.KindOf(id);
                    _lookups.Add((line, properties.FirstOrDefault(p => p.References == kind)?.Name ?? "row", id));
                }
            }

            private void CheckEnd(long line, string column, string id, IReadOnlySet<NodeKind> allowed)
            {
                if (NodeId.KindOf(id) is { } kind && allowed.Contains(kind) && !check._nodeLines.ContainsKey(id) && !check._storeReferences.Contains(id))
                    _lookups.Add((line, column, id));
            }

            // The values the store holds for these nodes that their rows leave empty: the import will clear them.
            private async Task CountClearedAsync(CancellationToken cancellationToken)
            {
                if (_replaced.Count == 0) return;
                var stored = await check._store.GetNodesAsync(_replaced.Keys, cancellationToken).ConfigureAwait(false);
                long cleared = 0;
                foreach (var (id, before) in stored)
                {
                    var after = _replaced[id];
                    cleared += before.Properties.Keys.Count(name => !after.Properties.ContainsKey(name));
                    if (before.NameEn is not null && after.NameEn is null) cleared++;
                    if (before.Aliases.Length > 0 && after.Aliases.IsEmpty) cleared++;
                }
                Interlocked.Add(ref check._propertiesCleared, cleared);
                _replaced.Clear();
            }

            private async Task LookUpAsync(CancellationToken cancellationToken)
            {
                if (_lookups.Count == 0) return;
                var found = await check._store.GetNodesAsync(_lookups.Select(l => l.Id).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
                foreach (var (line, column, id) in _lookups.Where(l => !found.ContainsKey(l.Id)))
                    Problems.Add(new(file.Name, line, column, $"no node '{id}' in the files or the store"));
                _lookups.Clear();
            }
        }
    }
}
