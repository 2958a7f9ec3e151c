using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>
/// The first pass of an import (<see cref="GraphImporter"/>): the keys of the node files first (so rows can refer to
/// nodes listed later), then every row of every file checked, files side by side on the machine's cores, problems
/// collected, rows counted.
/// </summary>
internal sealed class ImportCheck(IGraphStore store, IReadOnlyList<GraphFile> files, IProgress<ImportStage>? progress)
{
    private const int StoreLookupBatch = 2_000;
    private const int ProgressEvery = 4_096;

    // What the policy rules read of the files: challenges, platforms, government bodies, consortia and diagnosis teams in full; of the
    // organisations that may post or apply, their region and tech status, and of an enterprise its case's stage and officer;
    // of people, that they are there (a pairing's commissioner, a case's officer); the links the rules follow (HOSTS: a filed
    // institution is hosted by an enterprise).
    private static readonly HashSet<NodeKind> RuleKinds = [NodeKind.Challenge, NodeKind.Platform, NodeKind.GovernmentBody, NodeKind.Consortium, NodeKind.DiagnosisTeam];
    private static readonly HashSet<NodeKind> PartyKinds = [NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute, NodeKind.Person];
    private static readonly string[] PartyProperties = ["region", "highTech", "techSme", Cases.Stage, Cases.Officer];
    private static readonly HashSet<LinkType> RuleLinkTypes = [LinkType.Posts, LinkType.AppliesTo, LinkType.Awarded, LinkType.Leads, LinkType.CoBuilds, LinkType.SubsidiaryOf,
        LinkType.PairedWith, LinkType.CommissionedTo, LinkType.Hosts];

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
        var keyName = GraphCatalog.Of(file.Kind.Value).KeyName;
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
        progress?.Report(new ImportStage(GraphImporter.CheckingStage, Math.Min(done, _totalBytes), _totalBytes));
    }

    /// <summary>The check of one file: its own problems and store look-ups; the keys and references are shared, read only.</summary>
    private sealed class FileCheck(ImportCheck check, GraphFile file)
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
                    QueueLookups(rows.Line, GraphCatalog.Of(node.Kind).Properties);
                    if (RuleKinds.Contains(node.Kind)) check.RuleNodes.Add(node);
                    else if (PartyKinds.Contains(node.Kind))
                        check.RuleNodes.Add(node with { Properties = PropertyBag.From(PartyProperties.Select(p => new KeyValuePair<string, object?>(p, node.Properties.GetValueOrDefault(p)))) });
                    if (check._storedKinds.Contains(node.Kind)) _replaced[node.Id] = node;
                }
                else
                {
                    var link = links!.Parse(rows, problems);
                    var info = GraphCatalog.Of(link.Type);
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
