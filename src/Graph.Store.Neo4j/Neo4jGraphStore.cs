using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>The graph in Neo4j, over its HTTP APIs (the Query API on 5.25+, else the transactional endpoint).</summary>
public sealed partial class Neo4jGraphStore : IGraphStore
{
    const int ScanPage = 5000;
    const int ImportChunk = 500;
    const int ImportTransaction = 5000;
    readonly Neo4jConnection _connection;
    readonly Neo4jStoreOptions _options;
    readonly TimeProvider _time;
    // Writers queue here rather than on the data-version lock in Neo4j, where each waiting writer would hold
    // one of the server's HTTP worker threads and could starve the transaction that holds the lock.
    readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>A store speaking to Neo4j through this client (its lifetime is the caller's).</summary>
    public Neo4jGraphStore(HttpClient http, Neo4jStoreOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _connection = new Neo4jConnection(http, options, _time);
    }

    /// <summary>The server's version, discovered on first use.</summary>
    public async Task<Version> GetServerVersionAsync(CancellationToken cancellationToken = default) =>
        (await _connection.ServerAsync(cancellationToken).ConfigureAwait(false)).Version;

    public ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs a write once the writes before it in this store are done.</summary>
    async Task<T> GatedAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs an operation, again after transient errors (on the next server, or after a doubling wait).</summary>
    Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        _connection.RetryAsync(operation, cancellationToken);

    /// <summary>Runs a statement that writes (the schema) in a transaction of its own.</summary>
    Task<IReadOnlyList<JsonElement>> RunAsync(string statement, object? parameters, CancellationToken cancellationToken) =>
        RetryAsync(ct => _connection.RunAsync(statement, parameters, ct), cancellationToken);

    /// <summary>Runs a read in a transaction of its own, marked as a read so that a cluster may answer it from any member.</summary>
    Task<IReadOnlyList<JsonElement>> ReadAsync(string statement, object? parameters, CancellationToken cancellationToken) =>
        RetryAsync(ct => _connection.RunAsync(statement, parameters, ct, read: true), cancellationToken);

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var server = await _connection.ServerAsync(cancellationToken).ConfigureAwait(false);
        var schema = CypherStatements.Split(CypherStatements.Get(server.IsLegacy ? "schema/schema-3x" : "schema/schema"));
        if (server.IsLegacy)
        {
            // 3.x has no IF NOT EXISTS, and its schema statements take the schema lock even when there is nothing to do.
            var existing = (await ReadAsync(CypherStatements.Get("queries/list-schema-3x"), null, cancellationToken).ConfigureAwait(false))
                .Select(r => SchemaKey(r[0].GetString()!)).ToHashSet(StringComparer.Ordinal);
            schema = [.. schema.Where(s => !existing.Contains(SchemaKey(s)))];
        }
        foreach (var statement in schema)
        {
            await RunAsync(statement, null, cancellationToken).ConfigureAwait(false);
        }
        // Nodes written before search used searchText, or loaded with LOAD CSV, get it now, a slice at a time.
        while ((await RunAsync(CypherStatements.Get("queries/fill-search-text"), null, cancellationToken).ConfigureAwait(false))[0][0].GetInt64() > 0) { }
    }

    /// <summary>What a 3.x index or constraint is on, from its statement or from its description in db.indexes()/db.constraints().</summary>
    static string SchemaKey(string text)
    {
        var index = Regex.Match(text, @"INDEX ON :(\w+)\((\w+)\)");
        if (index.Success) return $"index {index.Groups[1].Value}.{index.Groups[2].Value}";
        var unique = Regex.Match(text, @"CONSTRAINT ON \(\s*\w+:(\w+)\s*\) ASSERT \w+\.(\w+) IS UNIQUE");
        return unique.Success ? $"unique {unique.Groups[1].Value}.{unique.Groups[2].Value}" : text;
    }

    public async Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var nodes = await GetNodesAsync([id], cancellationToken).ConfigureAwait(false);
        return nodes.GetValueOrDefault(id);
    }

    public Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken = default) =>
        GetNodeAsync(NodeId.Of(kind, key), cancellationToken);

    public async Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return new Dictionary<string, Node>();
        var rows = await ReadAsync(CypherStatements.Get("queries/get-nodes"), new { ids = ids.Distinct().ToArray() }, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => Neo4jValues.ReadNode(r[0])).ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    public async Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Skip < 0 || query.Take < 0) throw new InvalidInputException("Skip and take must not be negative.");
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        // No kinds means every kind.
        var kinds = query.Kinds.Count == 0 ? Enum.GetValues<NodeKind>() : query.Kinds;
        var filters = new Neo4jFilters(kinds, parameters) { FigureYear = query.FigureYear };
        var where = filters.Where(query.Filter);
        var order = filters.OrderBy(query.Sort);
        parameters["kinds"] = kinds.Select(k => k.ToString()).ToArray();
        parameters["skip"] = query.Skip;
        parameters["take"] = query.Take;
        // One kind is read through its label; several through the kind index on Node. When the label alone selects the
        // kinds (one kind's label, or Node for every kind), no node's kind is read.
        var label = kinds.Count == 1 ? CypherStatements.Label(kinds.First()) : "Node";
        var kindCondition = kinds.Count == 1 || kinds.Distinct().Count() == Enum.GetValues<NodeKind>().Length ? "true" : "n.kind IN $kinds";
        string Statement(string path) => CypherStatements.Get(path).Replace("$$LABEL$$", label, StringComparison.Ordinal)
            .Replace("$$KINDS$$", kindCondition, StringComparison.Ordinal)
            .Replace("$$FILTER$$", where, StringComparison.Ordinal).Replace("$$ORDER$$", order, StringComparison.Ordinal);
        var rows = await ReadAsync(Statement("queries/list-nodes"), parameters, cancellationToken).ConfigureAwait(false);
        int? total = null;
        if (query.CountTotal && query.Filter is null)
        {
            // Unfiltered, the total is Neo4j's count of each kind's label: no node is read.
            total = 0;
            foreach (var kind in kinds.Distinct())
                total += (await ReadAsync(CypherStatements.ForKind("queries/count-nodes-of-kind", kind), null, cancellationToken).ConfigureAwait(false))[0][0].GetInt32();
        }
        else if (query.CountTotal)
        {
            total = (await ReadAsync(Statement("queries/count-nodes"), parameters, cancellationToken).ConfigureAwait(false))[0][0].GetInt32();
        }
        return new Page<Node>(rows.Select(r => Neo4jValues.ReadNode(r[0])).ToList(), total);
    }

    public async Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = (query.Text ?? "").Trim().ToLowerInvariant();
        if (text.Length == 0 || query.Limit <= 0) return [];
        var server = await _connection.ServerAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["text"] = text,
            ["kinds"] = query.Kinds is { Count: > 0 } kinds ? kinds.Select(k => k.ToString()).ToArray() : null,
            ["limit"] = query.Limit,
            ["query"] = "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        };
        // The full-text index (CJK bigrams) needs two characters; shorter texts scan.
        var statement = !server.IsLegacy && text.Length >= 2 ? "queries/search-fulltext-5" : "queries/search";
        var rows = await ReadAsync(CypherStatements.Get(statement), parameters, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => Neo4jValues.ReadNode(r[0])).ToList();
    }

    static (LinkType Type, string FromId)? ParseLinkId(string id)
    {
        var parts = id.Split('|');
        if (parts.Length < 3 || GraphSchema.FindLinkType(parts[0]) is not { } info) return null;
        return (info.Type, parts[1]);
    }

    public async Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (ParseLinkId(id) is not { } parsed) return null;
        var rows = await ReadAsync(CypherStatements.ForType("queries/get-link", parsed.Type), new { id, fromId = parsed.FromId }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : Neo4jValues.ReadLink(rows[0][0]);
    }

    public async Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.NodeIds.Count == 0 || query.Types is { Count: 0 }) return [];
        var rows = await ReadAsync(ForLinkQuery("queries/get-links", query), new { ids = query.NodeIds.Distinct().ToArray() }, cancellationToken).ConfigureAwait(false);
        // Sorted here rather than by Cypher's ORDER BY (the same order: both compare UTF-16 code units), which is slower.
        return [.. rows.Select(r => Neo4jValues.ReadLink(r[0])).OrderBy(l => l.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.NodeIds.Count == 0 || query.Types is { Count: 0 }) return new Dictionary<string, IReadOnlyList<string>>();
        var rows = await ReadAsync(ForLinkQuery("queries/get-neighbour-ids", query), new { ids = query.NodeIds.Distinct().ToArray() }, cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(
            r => r[0].GetString()!,
            r => (IReadOnlyList<string>)r[1].EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The statement for a link query's direction, expanding only the relationships of its types: Neo4j keeps a node's
    /// relationships by type and direction, so a hub's links of one type are read without touching the others.
    /// </summary>
    static string ForLinkQuery(string path, LinkQuery query)
    {
        var direction = query.Direction switch { Direction.Out => "out", Direction.In => "in", _ => "both" };
        var types = query.Types is null ? "" : ":" + string.Join('|', query.Types.Distinct().Order().Select(CypherStatements.RelationshipType));
        return CypherStatements.Get($"{path}-{direction}").Replace("$$TYPES$$", types, StringComparison.Ordinal);
    }

    public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return GatedAsync(() => RetryAsync(async ct =>
        {
            var tx = await _connection.BeginAsync(ct).ConfigureAwait(false);
            await using var rollback = tx.ConfigureAwait(false);
            var version = await LockVersionAsync(tx, ct).ConfigureAwait(false);
            if (batch.ExpectedDataVersion is { } expected && expected != version)
                throw new ConflictException($"The data changed since it was read: expected data version {expected}, the store is at {version}.");
            var outcomes = await ApplyAsync(tx, batch.Operations, ct).ConfigureAwait(false);
            var result = new WriteResult(outcomes, version);
            if (result.Changed)
            {
                result = result with { DataVersion = await BumpVersionAsync(tx, ct).ConfigureAwait(false) };
                if (batch.Journal?.Complete(result.DataVersion, DateTimeOffset.UtcNow, outcomes) is { } entry)
                    result = result with { Journal = await AppendJournalAsync(tx, entry, ct).ConfigureAwait(false) };
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }, cancellationToken), cancellationToken);
    }

    /// <summary>Applies the operations in order; each run of node upserts or link upserts goes in one round of statements.</summary>
    async Task<List<WriteOutcome>> ApplyAsync(Neo4jTransaction tx, IReadOnlyList<WriteOperation> operations, CancellationToken ct)
    {
        var outcomes = new List<WriteOutcome>(operations.Count);
        for (var i = 0; i < operations.Count;)
        {
            switch (operations[i])
            {
                case WriteOperation.UpsertNode:
                {
                    var nodes = new List<NodeInput>();
                    for (; i < operations.Count && operations[i] is WriteOperation.UpsertNode upsert; i++) nodes.Add(upsert.Node);
                    outcomes.AddRange(await UpsertNodesAsync(tx, nodes, ct).ConfigureAwait(false));
                    continue;
                }
                case WriteOperation.UpsertLink:
                {
                    var links = new List<LinkInput>();
                    for (; i < operations.Count && operations[i] is WriteOperation.UpsertLink upsert; i++) links.Add(upsert.Link);
                    outcomes.AddRange(await UpsertLinksAsync(tx, links, ct).ConfigureAwait(false));
                    continue;
                }
                case WriteOperation.DeleteNode delete:
                {
                    var rows = await tx.RunAsync(CypherStatements.Get("queries/delete-node"), new { id = delete.Id }, ct).ConfigureAwait(false);
                    outcomes.Add(new WriteOutcome(delete.Id, rows[0][0].GetInt32() > 0 ? Change.Deleted : Change.NotFound));
                    break;
                }
                case WriteOperation.DeleteLink delete:
                {
                    var deleted = ParseLinkId(delete.Id) is { } parsed
                        && (await tx.RunAsync(CypherStatements.ForType("queries/delete-link", parsed.Type), new { id = delete.Id, fromId = parsed.FromId }, ct).ConfigureAwait(false))[0][0].GetInt32() > 0;
                    outcomes.Add(new WriteOutcome(delete.Id, deleted ? Change.Deleted : Change.NotFound));
                    break;
                }
                default:
                    throw new InvalidInputException($"unknown write operation {operations[i]?.GetType().Name ?? "null"}");
            }
            i++;
        }
        return outcomes;
    }

    static async Task<long> LockVersionAsync(Neo4jTransaction tx, CancellationToken ct) =>
        (await tx.RunAsync(CypherStatements.Get("queries/lock-data-version"), null, ct).ConfigureAwait(false))[0][0].GetInt64();

    static async Task<long> BumpVersionAsync(Neo4jTransaction tx, CancellationToken ct) =>
        (await tx.RunAsync(CypherStatements.Get("queries/bump-data-version"), null, ct).ConfigureAwait(false))[0][0].GetInt64();

    /// <summary>Upserts nodes (all of one kind or not): reads what is stored, writes only what changed.</summary>
    async Task<IReadOnlyList<WriteOutcome>> UpsertNodesAsync(Neo4jTransaction tx, List<NodeInput> inputs, CancellationToken ct)
    {
        inputs = inputs.ConvertAll(Neo4jInputs.Node);
        var ids = inputs.Select(i => i.Id).Distinct().ToArray();
        var existing = (await tx.RunAsync(CypherStatements.Get("queries/get-nodes"), new { ids }, ct).ConfigureAwait(false))
            .Select(r => Neo4jValues.ReadNode(r[0])).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        var outcomes = new List<WriteOutcome>(inputs.Count);
        var writes = new List<(NodeKind Kind, Dictionary<string, object?> Row)>();
        foreach (var input in inputs)
        {
            existing.TryGetValue(input.Id, out var stored);
            if (stored is not null && stored.HasSameContent(input))
            {
                outcomes.Add(new WriteOutcome(input.Id, Change.Unchanged, stored));
                continue;
            }
            var node = new Node(input.Id, input.Kind, input.Key, input.Name, input.NameEn, input.Aliases, input.Properties, stored?.CreatedAt ?? now, now);
            existing[input.Id] = node;
            writes.Add((input.Kind, new Dictionary<string, object?> { ["id"] = input.Id, ["props"] = Neo4jValues.NodeProperties(input, node.CreatedAt, now) }));
            outcomes.Add(new WriteOutcome(input.Id, stored is null ? Change.Created : Change.Updated, node));
        }
        foreach (var group in writes.GroupBy(w => w.Kind))
        {
            await tx.RunAsync(CypherStatements.ForKind("queries/upsert-nodes", group.Key), new { rows = group.Select(g => g.Row).ToArray() }, ct).ConfigureAwait(false);
        }
        return outcomes;
    }

    /// <summary>Upserts links: both ends must exist and be of kinds the link type allows.</summary>
    async Task<IReadOnlyList<WriteOutcome>> UpsertLinksAsync(Neo4jTransaction tx, List<LinkInput> inputs, CancellationToken ct)
    {
        inputs = inputs.ConvertAll(Neo4jInputs.Link);
        var now = _time.GetUtcNow();
        // Outcomes in input order, while the statements go one type at a time.
        var outcomes = new WriteOutcome[inputs.Count];
        foreach (var group in inputs.Select((input, index) => (Input: input, Index: index)).GroupBy(p => p.Input.Type))
        {
            var info = GraphSchema.Of(group.Key);
            var keys = group.Select(p => new Dictionary<string, object?> { ["id"] = p.Input.Id, ["fromId"] = p.Input.FromId, ["toId"] = p.Input.ToId }).ToArray();
            var found = await tx.RunAsync(CypherStatements.ForType("queries/get-link-ends", group.Key), new { rows = keys }, ct).ConfigureAwait(false);
            var ends = new Dictionary<string, (string? From, string? To, Link? Link)>(StringComparer.Ordinal);
            foreach (var row in found)
            {
                ends[row[0].GetString()!] = (row[1].ValueKind == JsonValueKind.String ? row[1].GetString() : null,
                    row[2].ValueKind == JsonValueKind.String ? row[2].GetString() : null,
                    row[3].ValueKind == JsonValueKind.Object ? Neo4jValues.ReadLink(row[3]) : null);
            }
            var writes = new List<Dictionary<string, object?>>();
            foreach (var (input, index) in group)
            {
                var (fromKind, toKind, stored) = ends.GetValueOrDefault(input.Id);
                if (fromKind is null) throw new NotFoundException($"Link {input.Id}: node {input.FromId} does not exist.");
                if (toKind is null) throw new NotFoundException($"Link {input.Id}: node {input.ToId} does not exist.");
                if (!info.FromKinds.Contains(Enum.Parse<NodeKind>(fromKind)))
                {
                    throw new RuleViolationException(
                        $"link {input.Id}: a {info.Name} link cannot leave a {fromKind} ({input.FromId}); it leaves {string.Join(", ", info.FromKinds.Order())}");
                }
                if (!info.ToKinds.Contains(Enum.Parse<NodeKind>(toKind)))
                {
                    throw new RuleViolationException(
                        $"link {input.Id}: a {info.Name} link cannot arrive at a {toKind} ({input.ToId}); it arrives at {string.Join(", ", info.ToKinds.Order())}");
                }
                if (stored is not null && stored.HasSameContent(input))
                {
                    outcomes[index] = new WriteOutcome(input.Id, Change.Unchanged, Link: stored);
                    continue;
                }
                var link = new Link(input.Id, input.Type, input.FromId, input.ToId, input.Key,
                    input.StartDate, input.EndDate, input.Source, input.Properties, stored?.CreatedAt ?? now, now);
                ends[input.Id] = (fromKind, toKind, link);
                writes.Add(new Dictionary<string, object?>
                {
                    ["id"] = input.Id, ["fromId"] = input.FromId, ["toId"] = input.ToId,
                    ["props"] = Neo4jValues.LinkProperties(input, link.CreatedAt, now),
                });
                outcomes[index] = new WriteOutcome(input.Id, stored is null ? Change.Created : Change.Updated, Link: link);
            }
            if (writes.Count > 0)
                await tx.RunAsync(CypherStatements.ForType("queries/upsert-links", group.Key), new { rows = writes.ToArray() }, ct).ConfigureAwait(false);
        }
        return outcomes;
    }

    public Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress = null, JournalDraft? journal = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return GatedAsync(() => ImportGatedAsync(operations, progress, journal, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Imports in transactions of <see cref="ImportTransaction"/> operations: an import that fits in one is all or
    /// nothing; a larger one commits as it goes (Neo4j holds a transaction's changes in its heap, and one of a whole
    /// province does not fit a small server), each transaction retried as a write is, and each that changed anything
    /// journaled as a bulk entry. After a failure, running the same import again finishes it: what was already written
    /// is found unchanged.
    /// </summary>
    async Task<ImportResult> ImportGatedAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress, JournalDraft? journal, CancellationToken cancellationToken)
    {
        var totals = new long[6];
        long committed = 0, reported = 0;
        long? version = null;
        var batch = new List<WriteOperation>(ImportTransaction);
        void Report(long done)
        {
            // A transaction that runs again does not move the progress back.
            if (done <= reported) return;
            reported = done;
            progress?.Report(done);
        }
        async Task CommitBatchAsync()
        {
            var (counts, batchVersion) = await RetryAsync(ct => ImportTransactionAsync(batch, journal, done => Report(committed + done), ct), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < totals.Length; i++) totals[i] += counts[i];
            version = batchVersion;
            committed += batch.Count;
            batch.Clear();
        }
        try
        {
            await foreach (var operation in operations.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (operation is not (WriteOperation.UpsertNode or WriteOperation.UpsertLink))
                    throw new InvalidInputException($"An import holds upserts only, not {operation.GetType().Name}.");
                batch.Add(operation);
                if (batch.Count == ImportTransaction) await CommitBatchAsync().ConfigureAwait(false);
            }
            if (batch.Count > 0 || version is null) await CommitBatchAsync().ConfigureAwait(false);
        }
        catch (StoreUnavailableException e) when (committed > 0)
        {
            throw new StoreUnavailableException(
                $"{e.Message} The import stopped after {committed:N0} operations, committed in transactions of {ImportTransaction:N0}; " +
                "run the same import again to finish it (what is already written is found unchanged).", e);
        }
        Report(committed);
        return new ImportResult(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], version!.Value);
    }

    /// <summary>One transaction of an import: the counts of created, updated, unchanged nodes and links, and the data version after.</summary>
    async Task<(long[] Counts, long Version)> ImportTransactionAsync(List<WriteOperation> operations, JournalDraft? journal, Action<long> report, CancellationToken ct)
    {
        var tx = await _connection.BeginAsync(ct).ConfigureAwait(false);
        await using var rollback = tx.ConfigureAwait(false);
        var version = await LockVersionAsync(tx, ct).ConfigureAwait(false);
        long done = 0;
        var counts = new long[6];
        var nodes = new List<NodeInput>();
        var links = new List<LinkInput>();
        async Task FlushAsync()
        {
            if (nodes.Count > 0) Count(await UpsertNodesAsync(tx, nodes, ct).ConfigureAwait(false), 0);
            if (links.Count > 0) Count(await UpsertLinksAsync(tx, links, ct).ConfigureAwait(false), 3);
            done += nodes.Count + links.Count;
            nodes.Clear();
            links.Clear();
            report(done);
        }
        void Count(IReadOnlyList<WriteOutcome> outcomes, int offset)
        {
            foreach (var o in outcomes) counts[offset + o.Change switch { Change.Created => 0, Change.Updated => 1, _ => 2 }]++;
        }
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case WriteOperation.UpsertNode n:
                    if (links.Count > 0) await FlushAsync().ConfigureAwait(false);
                    nodes.Add(n.Node);
                    break;
                case WriteOperation.UpsertLink l:
                    if (nodes.Count > 0) await FlushAsync().ConfigureAwait(false);
                    links.Add(l.Link);
                    break;
            }
            if (nodes.Count + links.Count >= ImportChunk) await FlushAsync().ConfigureAwait(false);
        }
        await FlushAsync().ConfigureAwait(false);
        if (counts[0] + counts[1] + counts[3] + counts[4] > 0)
        {
            version = await BumpVersionAsync(tx, ct).ConfigureAwait(false);
            if (journal is not null) await AppendJournalAsync(tx, journal.Complete(version, DateTimeOffset.UtcNow, []), ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return (counts, version);
    }

    /// <summary>
    /// Every node in id order. Ids begin with the kind, so kinds taken in the ordinal order of "Kind:" give all nodes in
    /// id order; each kind's ids are read once through its label, then its nodes by id a page at a time.
    /// </summary>
    public async IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        NodeKind[] kinds = kind is { } only ? [only] : [.. Enum.GetValues<NodeKind>().OrderBy(k => CypherStatements.Label(k) + ":", StringComparer.Ordinal)];
        foreach (var scanned in kinds)
        {
            var ids = (await ReadAsync(CypherStatements.ForKind("queries/scan-node-ids", scanned), null, cancellationToken).ConfigureAwait(false))
                .Select(r => r[0].GetString()!).Order(StringComparer.Ordinal).ToArray();
            foreach (var page in ids.Chunk(ScanPage))
            {
                var rows = await ReadAsync(CypherStatements.Get("queries/get-nodes"), new { ids = page }, cancellationToken).ConfigureAwait(false);
                foreach (var node in rows.Select(r => Neo4jValues.ReadNode(r[0])).OrderBy(n => n.Id, StringComparer.Ordinal))
                    yield return node;
            }
        }
    }

    /// <summary>
    /// Every link in id order, one type at a time: ids begin with "TYPE|fromId|", so types in the ordinal order of
    /// "TYPE|" and, within a type, start nodes in the ordinal order of "fromId|" give all links in id order. Each type's
    /// start nodes are read once, then its links a page of start nodes at a time.
    /// </summary>
    public async IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LinkType[] types = type is { } only ? [only]
            : [.. Enum.GetValues<LinkType>().OrderBy(t => CypherStatements.RelationshipType(t) + "|", StringComparer.Ordinal)];
        foreach (var linkType in types)
        {
            var starts = (await ReadAsync(CypherStatements.ForType("queries/scan-link-starts", linkType), null, cancellationToken).ConfigureAwait(false))
                .Select(r => (Id: r[0].GetString()!, Links: r[1].GetInt64())).OrderBy(s => s.Id + "|", StringComparer.Ordinal).ToList();
            var statement = CypherStatements.ForType("queries/scan-links-from", linkType);
            for (var first = 0; first < starts.Count;)
            {
                // As many start nodes as make a page of links (at least one, however many links it has).
                var page = new List<string>();
                for (long links = 0; first < starts.Count && (page.Count == 0 || links + starts[first].Links <= ScanPage); first++)
                {
                    links += starts[first].Links;
                    page.Add(starts[first].Id);
                }
                var rows = await ReadAsync(statement, new { ids = page }, cancellationToken).ConfigureAwait(false);
                foreach (var link in rows.Select(r => Neo4jValues.ReadLink(r[0])).OrderBy(l => l.Id, StringComparer.Ordinal))
                    yield return link;
            }
        }
    }

    public async Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var nodeRows = await ReadAsync(CypherStatements.Get("queries/count-nodes-by-kind"), null, cancellationToken).ConfigureAwait(false);
        var linkRows = await ReadAsync(CypherStatements.Get("queries/count-links-by-type"), null, cancellationToken).ConfigureAwait(false);
        var nodes = Enum.GetValues<NodeKind>().ToDictionary(k => k, _ => 0L);
        foreach (var row in nodeRows)
        {
            if (Enum.TryParse<NodeKind>(row[0].GetString(), out var kind)) nodes[kind] = row[1].GetInt64();
        }
        var links = Enum.GetValues<LinkType>().ToDictionary(t => t, _ => 0L);
        foreach (var row in linkRows)
        {
            if (GraphSchema.FindLinkType(row[0].GetString()!) is { } info) links[info.Type] = row[1].GetInt64();
        }
        return new GraphCounts(nodes, links);
    }

    static async Task<JournalEntry> AppendJournalAsync(Neo4jTransaction tx, JournalEntry entry, CancellationToken ct)
    {
        await tx.RunAsync(CypherStatements.Get("queries/append-journal"), new
        {
            version = entry.DataVersion,
            at = entry.At.ToUnixTimeMilliseconds(),
            subject = entry.Actor.Subject,
            entry = JournalCodec.Encode(entry),
            nodeIds = entry.NodeIds().ToArray(),
        }, ct).ConfigureAwait(false);
        return entry;
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(JournalQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await RunAsync(CypherStatements.Get("queries/get-journal"),
            new { after = query.After, first = Math.Max(0, query.First), nodeId = query.NodeId, subject = query.Subject, newestFirst = query.NewestFirst }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => JournalCodec.Decode(row[0].GetString()!))];
    }

    public async Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(CypherStatements.Get("queries/get-data-version"), null, cancellationToken).ConfigureAwait(false);
        return rows[0][0].GetInt64();
    }
}
