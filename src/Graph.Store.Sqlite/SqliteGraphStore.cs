using System.Globalization;
using System.Runtime.CompilerServices;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// The embedded graph store: one SQLite file in WAL mode, so many readers run beside one writer.
/// Every operation takes a pooled connection of its own; writes are serialized by a lock here and by
/// SQLite's write lock across processes. See <see cref="Migrations"/> for the tables.
/// </summary>
public sealed partial class SqliteGraphStore : IGraphStore
{
    const int ImportProgressEvery = 10_000;
    // Reads run on request threads, a few per core at a time; more idle connections would only hold page caches.
    static readonly int MaxIdleReadConnections = Environment.ProcessorCount * 4;

    readonly SqliteStoreOptions _options;
    readonly string _connectionString;
    readonly string _connectionPragmas;
    readonly bool _inMemory;
    readonly SemaphoreSlim _writeLock = new(1, 1);
    readonly ConditionalWeakTable<SQLitePCL.sqlite3, string> _configured = new();
    readonly ReadConnectionPool _readers;
    SqliteConnection? _keepAlive;
    LinkTypeCodes? _codes;

    /// <summary>A store over the database the options name; call <see cref="InitializeAsync"/> before use.</summary>
    public SqliteGraphStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SqliteLibrary.EnsureConfigured();
        _options = options;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
        {
            throw new ArgumentException("name the database: a file, or SqliteStoreOptions.InMemory(name) for a shared in-memory one", nameof(options));
        }
        _inMemory = builder.Mode == SqliteOpenMode.Memory;
        if (_inMemory) builder.Cache = SqliteCacheMode.Shared;
        _connectionString = builder.ToString();
        _connectionPragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA cache_size = -{options.CacheSizeKib}; PRAGMA mmap_size = {options.MmapSizeBytes};");
        _readers = new ReadConnectionPool(Open, MaxIdleReadConnections);
    }

    LinkTypeCodes Codes => _codes ?? throw new InvalidOperationException("the store is not initialized: call InitializeAsync first");

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // A shared in-memory database lives while one connection to it is open.
        if (_inMemory && _keepAlive is null) _keepAlive = Open();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            if (!_inMemory) Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA journal_size_limit = 67108864;");
            using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version INTEGER PRIMARY KEY,
                    description TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """);
            var current = (long)Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version")!;
            var latest = Migrations.All[^1].Version;
            if (current > latest)
            {
                throw new StoreUnavailableException($"the database has schema version {current}, newer than this release knows ({latest})");
            }
            foreach (var (version, description, sql) in Migrations.All.Where(m => m.Version > current))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Execute(connection, transaction, sql);
                Execute(connection, transaction,
                    "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $at)",
                    ("$version", version), ("$description", description), ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            }
            Execute(connection, transaction, "INSERT OR IGNORE INTO link_types (name) SELECT value FROM json_each($names)",
                ("$names", PropertyJson.EncodeScalars(GraphSchema.LinkTypes.Select(t => t.Name))));
            var codes = new Dictionary<LinkType, long>();
            using (var command = Command(connection, transaction, "SELECT code, name FROM link_types"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (GraphSchema.FindLinkType(reader.GetString(1)) is { } info) codes[info.Type] = reader.GetInt64(0);
                }
            }
            transaction.Commit();
            _codes = new LinkTypeCodes(codes);
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default) =>
        Read(connection =>
        {
            var command = connection.Command($"SELECT {Rows.NodeColumns} FROM nodes n WHERE n.id = $id", null, ("$id", id));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Rows.ReadNode(reader) : null;
        }, cancellationToken);

    public Task<Node?> GetNodeByKeyAsync(NodeKind kind, string key, CancellationToken cancellationToken = default) =>
        GetNodeAsync(NodeId.Of(kind, key), cancellationToken);

    public Task<IReadOnlyDictionary<string, Node>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyDictionary<string, Node>>(connection =>
        {
            var nodes = new Dictionary<string, Node>(ids.Count, StringComparer.Ordinal);
            if (ids.Count == 0) return nodes;
            var command = ids.Count == 1
                ? connection.Command($"SELECT {Rows.NodeColumns} FROM nodes n WHERE n.id = $id", null, ("$id", ids.First()))
                // Each id looked up in turn, straight from json_each; IN (SELECT …) would first build a temporary index of them.
                // A repeated id gives its row again, which the dictionary takes once.
                : connection.Command($"SELECT {Rows.NodeColumns} FROM json_each($ids) j JOIN nodes n ON n.id = j.value", null,
                    ("$ids", PropertyJson.EncodeScalars(ids)));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var node = Rows.ReadNode(reader);
                nodes[node.Id] = node;
            }
            return nodes;
        }, cancellationToken);

    public Task<Page<Node>> ListNodesAsync(NodeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Skip < 0 || query.Take < 0)
        {
            return Task.FromException<Page<Node>>(new InvalidInputException($"skip ({query.Skip}) and take ({query.Take}) cannot be negative"));
        }
        return Read(connection =>
        {
            var parameters = new SqlParameters();
            var sql = new NodeFilterSql(query.Kinds, Codes, parameters) { FigureYear = query.FigureYear };
            var kinds = query.Kinds.Distinct().ToList();
            var kindList = string.Join(", ", kinds.Select(k => parameters.Add(k.ToString())));
            var filter = query.Filter is null ? null : sql.Where(query.Filter);
            var orderBy = sql.OrderBy(query.Sort);
            var take = parameters.Add((long)query.Take);
            var skip = parameters.Add((long)query.Skip);
            // One snapshot for the page and its count.
            using var transaction = connection.Connection.BeginTransaction(deferred: true);
            var conditions = new List<string>();
            if (kinds.Count > 0)
            {
                // SQLite cannot tell that one kind (enterprises) is most of the graph; filtering those through the
                // kind index reads rows in random order, three times slower than a scan, so the index is waved off.
                var scan = filter is not null && IsMostOfTheGraph(connection, transaction, kinds);
                conditions.Add($"{(scan ? "+" : "")}n.kind IN ({kindList})");
            }
            if (filter is not null) conditions.Add(filter);
            var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
            var items = new List<Node>();
            if (query.Take > 0)
            {
                var command = connection.Command($"SELECT {Rows.NodeColumns} FROM nodes n {where} ORDER BY {orderBy} LIMIT {take} OFFSET {skip}", transaction);
                parameters.ApplyTo(command);
                using var reader = command.ExecuteReader();
                while (reader.Read()) items.Add(Rows.ReadNode(reader));
            }
            int? total = null;
            if (query.CountTotal)
            {
                var command = connection.Command($"SELECT count(*) FROM nodes n {where}", transaction);
                parameters.ApplyTo(command);
                total = (int)(long)command.ExecuteScalar()!;
            }
            transaction.Commit();
            return new Page<Node>(items, total);
        }, cancellationToken);
    }

    static bool IsMostOfTheGraph(ReadConnection connection, SqliteTransaction transaction, IReadOnlyCollection<NodeKind> kinds)
    {
        var command = connection.Command(
            "SELECT coalesce(sum(CASE WHEN kind IN (SELECT value FROM json_each($kinds)) THEN count END), 0) * 4 >= coalesce(sum(count), 0) FROM node_counts", transaction,
            ("$kinds", PropertyJson.EncodeScalars(kinds.Select(k => k.ToString()))));
        return (long)command.ExecuteScalar()! == 1;
    }

    public Task<IReadOnlyList<Node>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var folded = NameIndex.Fold(query.Text ?? "");
        if (folded.Length == 0 || query.Limit <= 0) return Task.FromResult<IReadOnlyList<Node>>([]);
        var parameters = new SqlParameters();
        var text = parameters.Add(folded);
        var candidates = NameIndex.CandidateQuery(folded) is { } fts
            ? $"nm.id IN (SELECT rowid FROM {fts.Table} WHERE {fts.Table} MATCH {parameters.Add(fts.Match)}) AND "
            : "";
        var kinds = query.Kinds is { Count: > 0 }
            ? $"AND nm.kind IN ({string.Join(", ", query.Kinds.Distinct().Select(k => parameters.Add(k.ToString())))})"
            : "";
        var limit = parameters.Add((long)query.Limit);
        var last = parameters.Add((long)query.Limit - 1);
        // Exact before prefix before substring, then the shorter matching name, then the id. Only the hits that can
        // make the page (scores up to the limit-th) are joined to their nodes: a common 广西 has tens of thousands.
        var sql = $"""
            WITH hit AS MATERIALIZED (
                SELECT nm.n, min(CASE WHEN nm.folded = {text} THEN 0 WHEN substr(nm.folded, 1, length({text})) = {text} THEN 1 ELSE 2 END
                                 * 1000000 + length(nm.text)) AS score
                FROM node_names nm
                WHERE {candidates}instr(nm.folded, {text}) > 0 {kinds}
                GROUP BY nm.n
            ),
            cutoff AS (SELECT score FROM hit ORDER BY score LIMIT 1 OFFSET {last})
            SELECT {Rows.NodeColumns} FROM hit JOIN nodes n ON n.n = hit.n
            WHERE hit.score <= coalesce((SELECT score FROM cutoff), hit.score)
            ORDER BY hit.score, n.id LIMIT {limit}
            """;
        return Read<IReadOnlyList<Node>>(connection =>
        {
            var command = connection.Command(sql, null);
            parameters.ApplyTo(command);
            using var reader = command.ExecuteReader();
            var nodes = new List<Node>();
            while (reader.Read()) nodes.Add(Rows.ReadNode(reader));
            return nodes;
        }, cancellationToken);
    }

    public Task<Link?> GetLinkAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!WriteSession.TryParseLinkId(id, out var type, out var fromId, out var toId, out var key)) return Task.FromResult<Link?>(null);
        return Read(connection =>
        {
            var codes = Codes;
            var command = connection.Command(
                $"SELECT {Rows.LinkColumns} FROM {Rows.LinkJoins} WHERE f.id = $from AND t.id = $to AND l.type = $type AND l.key = $key", null,
                ("$from", fromId), ("$to", toId), ("$type", codes.CodeOf(type)), ("$key", key));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Rows.ReadLink(reader, codes) : null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Link>> GetLinksAsync(LinkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.NodeIds.Count == 0 || query.Types is { Count: 0 }) return Task.FromResult<IReadOnlyList<Link>>([]);
        return Read<IReadOnlyList<Link>>(connection =>
        {
            var codes = Codes;
            var parameters = new SqlParameters();
            string sql;
            if (query.Direction == Direction.Both)
            {
                var (ids, hits) = LinksAt(query, parameters, "from_n, type, to_n, key", "from_n, type, to_n, key", " UNION ");
                sql = $"""
                    WITH q(n) AS (SELECT nd.n FROM nodes nd WHERE nd.id IN (SELECT value FROM json_each({ids}))),
                         hit AS ({hits})
                    SELECT {Rows.LinkColumns} FROM hit h
                        JOIN links l ON l.from_n = h.from_n AND l.type = h.type AND l.to_n = h.to_n AND l.key = h.key
                        JOIN nodes f ON f.n = l.from_n JOIN nodes t ON t.n = l.to_n
                    """;
            }
            else
            {
                // One direction: each link is found once, straight from the primary key (leaving) or links_to (arriving).
                var end = query.Direction == Direction.Out ? "l.from_n" : "l.to_n";
                var at = query.NodeIds.Count == 1
                    ? $"{end} = (SELECT nd.n FROM nodes nd WHERE nd.id = {parameters.Add(query.NodeIds.First())})"
                    : $"{end} IN (SELECT nd.n FROM nodes nd WHERE nd.id IN (SELECT value FROM json_each({parameters.Add(PropertyJson.EncodeScalars(query.NodeIds))})))";
                sql = $"SELECT {Rows.LinkColumns} FROM {Rows.LinkJoins} WHERE {at}{TypeCondition(query.Types, codes, "l.type")}";
            }
            var command = connection.Command(sql, null);
            parameters.ApplyTo(command);
            using var reader = command.ExecuteReader();
            var links = new List<Link>();
            while (reader.Read()) links.Add(Rows.ReadLink(reader, codes));
            links.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            return links;
        }, cancellationToken);
    }

    /// <summary>
    /// The condition on the type <paramref name="column"/> for these types (none for all): their codes written into the
    /// SQL, which are the store's own integers, so that each set of types is one prepared statement and the index is
    /// searched type by type.
    /// </summary>
    static string TypeCondition(IReadOnlyCollection<LinkType>? types, LinkTypeCodes codes, string column) =>
        types is null ? "" : $" AND {column} IN ({string.Join(", ", types.Select(codes.CodeOf).Distinct().Order())})";

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetNeighbourIdsAsync(LinkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.NodeIds.Count == 0 || query.Types is { Count: 0 })
        {
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(new Dictionary<string, IReadOnlyList<string>>());
        }
        return Read<IReadOnlyDictionary<string, IReadOnlyList<string>>>(connection =>
        {
            var parameters = new SqlParameters();
            // Coming in, links_to (to_n, type) holds the primary key too, so the index alone answers; going out, the
            // primary key's range of the node does. Ends become ids once per distinct pair, never a link with its content.
            var (ids, pairs) = LinksAt(query, parameters, "from_n AS n, to_n AS m", "to_n AS n, from_n AS m", " UNION ALL ");
            var sql = $"""
                WITH q(n, id) AS (SELECT nd.n, nd.id FROM nodes nd WHERE nd.id IN (SELECT value FROM json_each({ids}))),
                     pair AS ({pairs})
                SELECT q.id, o.id FROM (SELECT DISTINCT n, m FROM pair) p JOIN q ON q.n = p.n JOIN nodes o ON o.n = p.m
                """;
            var command = connection.Command(sql, null);
            parameters.ApplyTo(command);
            using var reader = command.ExecuteReader();
            var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!neighbours.TryGetValue(id, out var list)) neighbours[id] = list = [];
                list.Add(reader.GetString(1));
            }
            return neighbours.ToDictionary(p => p.Key, p =>
            {
                p.Value.Sort(StringComparer.Ordinal);
                return (IReadOnlyList<string>)p.Value;
            }, StringComparer.Ordinal);
        }, cancellationToken);
    }

    /// <summary>
    /// The parameter of the query's node ids (for a CTE <c>q(n)</c> of their surrogates), and a select of the links at
    /// <c>q</c> in the query's direction and types, with these columns for links leaving and arriving.
    /// </summary>
    (string Ids, string Select) LinksAt(LinkQuery query, SqlParameters parameters, string outgoingColumns, string incomingColumns, string union)
    {
        var ids = parameters.Add(PropertyJson.EncodeScalars(query.NodeIds));
        var types = TypeCondition(query.Types, Codes, "type");
        var outgoing = $"SELECT {outgoingColumns} FROM links WHERE from_n IN (SELECT n FROM q){types}";
        var incoming = $"SELECT {incomingColumns} FROM links WHERE to_n IN (SELECT n FROM q){types}";
        return (ids, query.Direction switch
        {
            Direction.Out => outgoing,
            Direction.In => incoming,
            _ => outgoing + union + incoming,
        });
    }

    public async Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var codes = Codes;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = OpenWriter();
            using var transaction = connection.BeginTransaction(deferred: false);
            if (batch.ExpectedDataVersion is { } expected)
            {
                var actual = (long)Scalar(connection, transaction, "SELECT value FROM meta WHERE name = 'data_version'")!;
                if (actual != expected)
                {
                    throw new ConflictException($"the data changed: expected data version {expected}, the store is at {actual}");
                }
            }
            using var session = new WriteSession(connection, transaction, codes, DateTimeOffset.UtcNow, bulk: false);
            var outcomes = new List<WriteOutcome>(batch.Operations.Count);
            foreach (var operation in batch.Operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case WriteOperation.UpsertNode upsert:
                        var (nodeChange, node) = session.UpsertNode(upsert.Node, materialize: true);
                        outcomes.Add(new WriteOutcome(upsert.Node.Id, nodeChange, Node: node));
                        break;
                    case WriteOperation.UpsertLink upsert:
                        var (linkChange, link) = session.UpsertLink(upsert.Link, materialize: true);
                        outcomes.Add(new WriteOutcome(upsert.Link.Id, linkChange, Link: link));
                        break;
                    case WriteOperation.DeleteNode delete:
                        outcomes.Add(new WriteOutcome(delete.Id, session.DeleteNode(delete.Id)));
                        break;
                    case WriteOperation.DeleteLink delete:
                        outcomes.Add(new WriteOutcome(delete.Id, session.DeleteLink(delete.Id)));
                        break;
                    default:
                        throw new InvalidInputException($"unknown write operation {operation?.GetType().Name ?? "null"}");
                }
            }
            var version = session.Finish();
            var entry = session.Changed ? batch.Journal?.Complete(version, DateTimeOffset.UtcNow, outcomes) : null;
            if (entry is not null) SqliteJournal.Append(connection, transaction, entry);
            transaction.Commit();
            return new WriteResult(outcomes, version) { Journal = entry };
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<ImportResult> ImportAsync(IAsyncEnumerable<WriteOperation> operations, IProgress<long>? progress = null, JournalDraft? journal = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var codes = Codes;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = OpenWriter();
            // For this connection only: a bigger page cache, as the link table takes random inserts (768 MiB keeps the
            // country preset's import under 1.5 GiB); and no foreign key enforcement, which costs a sixth of the rate
            // while the session checks both ends of every link anyway. No memory-mapped reads: the pages the load reads
            // back would count as resident memory on top of its own.
            var synchronous = (long)Scalar(connection, null, "PRAGMA synchronous")!;
            Execute(connection, null, "PRAGMA cache_size = -786432; PRAGMA foreign_keys = OFF; PRAGMA mmap_size = 0;");
            var leftWal = false;
            try
            {
                var nodesBefore = (long)Scalar(connection, null, "SELECT coalesce(sum(count), 0) FROM node_counts")!;
                var bulk = nodesBefore < _options.BulkImportBelowNodes;
                leftWal = bulk && !_inMemory && LeaveWal(connection);
                // A bulk load skips the sync of the log at commit; in WAL mode that can lose the import on power loss,
                // never half of it, and the store had (next to) nothing to lose. Its index builds sort on every core.
                if (bulk) Execute(connection, null, FormattableString.Invariant($"PRAGMA synchronous = NORMAL; PRAGMA threads = {Environment.ProcessorCount};"));
                using var transaction = connection.BeginTransaction(deferred: false);
                // Into a store without links, a bulk load stages the links and writes them at the end in the order of
                // their key: the clustered links table is then built by appends.
                var stageLinks = bulk && (long)Scalar(connection, transaction, "SELECT NOT EXISTS (SELECT 1 FROM links)")! == 1;
                // The staged links take the memory the random inserts needed for pages: 256 MiB holds the nodes' indexes.
                if (stageLinks) Execute(connection, transaction, "PRAGMA cache_size = -262144;");
                using var session = new WriteSession(connection, transaction, codes, DateTimeOffset.UtcNow, bulk, stageLinks, emptyStore: nodesBefore == 0);
                long done = 0, nodesCreated = 0, nodesUpdated = 0, nodesUnchanged = 0, linksCreated = 0, linksUpdated = 0, linksUnchanged = 0;
                await foreach (var operation in operations.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    switch (operation)
                    {
                        case WriteOperation.UpsertNode upsert:
                            switch (session.UpsertNode(upsert.Node, materialize: false).Change)
                            {
                                case Change.Created: nodesCreated++; break;
                                case Change.Updated: nodesUpdated++; break;
                                default: nodesUnchanged++; break;
                            }
                            break;
                        case WriteOperation.UpsertLink upsert:
                            switch (session.UpsertLink(upsert.Link, materialize: false).Change)
                            {
                                case Change.Created: linksCreated++; break;
                                case Change.Updated: linksUpdated++; break;
                                default: linksUnchanged++; break;
                            }
                            break;
                        case WriteOperation.DeleteNode delete:
                            session.DeleteNode(delete.Id);
                            break;
                        case WriteOperation.DeleteLink delete:
                            session.DeleteLink(delete.Id);
                            break;
                        default:
                            throw new InvalidInputException($"unknown write operation {operation?.GetType().Name ?? "null"}");
                    }
                    if (++done % ImportProgressEvery == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        progress?.Report(done);
                    }
                }
                cancellationToken.ThrowIfCancellationRequested();
                var version = session.Finish();
                if (session.Changed && journal is not null)
                    SqliteJournal.Append(connection, transaction, journal.Complete(version, DateTimeOffset.UtcNow, []));
                transaction.Commit();
                progress?.Report(done);
                // Staged links were reported as created; the repeats among them are known once they are written.
                linksCreated -= session.RepeatedLinksUpdated + session.RepeatedLinksUnchanged;
                linksUpdated += session.RepeatedLinksUpdated;
                linksUnchanged += session.RepeatedLinksUnchanged;
                // So were the repeats of the nodes written on another thread, reported as unchanged.
                nodesUnchanged -= session.RepeatedNodesUpdated;
                nodesUpdated += session.RepeatedNodesUpdated;
                return new ImportResult(nodesCreated, nodesUpdated, nodesUnchanged, linksCreated, linksUpdated, linksUnchanged, version);
            }
            finally
            {
                if (leftWal) Execute(connection, null, "PRAGMA journal_mode = WAL;");
                Execute(connection, null, FormattableString.Invariant(
                    $"PRAGMA cache_size = -{_options.CacheSizeKib}; PRAGMA foreign_keys = ON; PRAGMA synchronous = {synchronous}; PRAGMA threads = 0; PRAGMA optimize; PRAGMA mmap_size = {_options.MmapSizeBytes};"));
            }
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Switches the file from the log (WAL) to a rollback journal for a bulk load. The journal of a load into a (nearly)
    /// empty store holds only the few pages the store had, as pages added beyond the end of the file need none, so the
    /// load is written once, into the file, instead of into the log and again by the checkpoint at its end; a failed
    /// load still rolls back, and a crash leaves the journal to roll it back on the next open. Leaving WAL needs the file
    /// to itself: the idle connections are closed, and when another connection (another process) has the file open the
    /// load keeps the log. Readers wait while the load writes; <see cref="ImportAsync"/> switches back to WAL at its end.
    /// </summary>
    bool LeaveWal(SqliteConnection connection)
    {
        _readers.CloseIdle();
        SqliteConnection.ClearPool(connection);
        Execute(connection, null, "PRAGMA busy_timeout = 0;");
        try
        {
            using var command = Command(connection, null, "PRAGMA journal_mode = DELETE;");
            command.CommandTimeout = 1;
            return command.ExecuteScalar() is "delete";
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            return false;
        }
        finally
        {
            Execute(connection, null, FormattableString.Invariant($"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds};"));
        }
    }

    public async IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = Codes;
        using var connection = OpenOrThrow();
        using var unmapped = Unmapped(connection);
        using var command = kind is { } only
            ? Command(connection, null, $"SELECT {Rows.NodeColumns} FROM nodes n WHERE n.kind = $kind ORDER BY n.kind, n.key", ("$kind", only.ToString()))
            : Command(connection, null, $"SELECT {Rows.NodeColumns} FROM nodes n ORDER BY n.id");
        using var reader = ExecuteReaderOrThrow(command);
        while (ReadOrThrow(reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Rows.ReadNode(reader);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var codes = Codes;
        var types = type is { } only ? [GraphSchema.Of(only)] : GraphSchema.LinkTypes.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        using var connection = OpenOrThrow();
        using var unmapped = Unmapped(connection);
        foreach (var info in types)
        {
            // Sorted on the id text itself: (from, to, key) order differs from it when one node id is a prefix of another.
            using var command = Command(connection, null,
                $"SELECT {Rows.LinkColumns} FROM {Rows.LinkJoins} WHERE l.type = $type ORDER BY f.id || '|' || t.id || CASE WHEN l.key = '' THEN '' ELSE '|' || l.key END",
                ("$type", codes.CodeOf(info.Type)));
            using var reader = ExecuteReaderOrThrow(command);
            while (ReadOrThrow(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return Rows.ReadLink(reader, codes);
            }
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        return Read(connection =>
        {
            var codes = Codes;
            using var transaction = connection.Connection.BeginTransaction(deferred: true);
            var nodes = Enum.GetValues<NodeKind>().ToDictionary(k => k, _ => 0L);
            var links = Enum.GetValues<LinkType>().ToDictionary(t => t, _ => 0L);
            using (var reader = connection.Command("SELECT kind, count FROM node_counts", transaction).ExecuteReader())
            {
                while (reader.Read())
                {
                    if (GraphSchema.FindNodeKind(reader.GetString(0)) is { } kind) nodes[kind] = reader.GetInt64(1);
                }
            }
            using (var reader = connection.Command("SELECT type, count FROM link_counts", transaction).ExecuteReader())
            {
                while (reader.Read()) links[codes.TypeOf(reader.GetInt64(0))] = reader.GetInt64(1);
            }
            transaction.Commit();
            return new GraphCounts(nodes, links);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(JournalQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = SqliteJournal.Select(query);
        return Read<IReadOnlyList<JournalEntry>>(connection =>
        {
            using var reader = connection.Command(sql, null, parameters).ExecuteReader();
            var entries = new List<JournalEntry>();
            while (reader.Read()) entries.Add(JournalCodec.Decode(reader.GetString(0)));
            return entries;
        }, cancellationToken);
    }

    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) =>
        Read(connection => (long)connection.Command("SELECT value FROM meta WHERE name = 'data_version'", null).ExecuteScalar()!, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _readers.Dispose();
        if (_keepAlive is not null)
        {
            _keepAlive.Dispose();
            _keepAlive = null;
        }
        using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);
        _writeLock.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs a read on a connection of its own, taken from the read connections with the statements prepared on it;
    /// every failure comes back in the task, and a connection whose read failed is closed rather than kept.
    /// </summary>
    Task<T> Read<T>(Func<ReadConnection, T> read, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = Codes;
            var connection = _readers.Rent();
            T result;
            try
            {
                // A long query (a count over every enterprise) stops when the caller gives up on it.
                using var interrupt = cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Connection.Handle));
                result = read(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
            _readers.Return(connection);
            return Task.FromResult(result);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (SqliteException e)
        {
            return Task.FromException<T>(Unavailable(e));
        }
        catch (Exception e) when (e is DomainException or OperationCanceledException or InvalidOperationException or ArgumentException)
        {
            return Task.FromException<T>(e);
        }
    }

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            YearFigureFunction.Register(connection);
            // A pooled connection keeps its SQLite handle, and the handle its settings: set them once per handle.
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                Execute(connection, null, _connectionPragmas);
                _configured.AddOrUpdate(connection.Handle!, _connectionPragmas);
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    SqliteConnection OpenWriter()
    {
        var connection = Open();
        connection.CreateFunction(NameIndex.GramsFunction, (string folded) => NameIndex.Grams(folded), isDeterministic: true);
        return connection;
    }

    // A scan reads the whole table once (a view's build): through the connection's own bounded cache, not mapped into
    // the process, where every page it read would stay resident — counted in the service's memory — until the system
    // needs the memory back. The connection maps the file again when it goes back to the pool.
    MmapPause Unmapped(SqliteConnection connection)
    {
        if (_inMemory || _options.MmapSizeBytes == 0) return default;
        Execute(connection, null, "PRAGMA mmap_size = 0");
        return new MmapPause(connection, _options.MmapSizeBytes);
    }

    readonly struct MmapPause(SqliteConnection? connection, long mmapSizeBytes) : IDisposable
    {
        public void Dispose()
        {
            if (connection is { State: System.Data.ConnectionState.Open })
                Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {mmapSizeBytes}"));
        }
    }

    SqliteConnection OpenOrThrow()
    {
        try
        {
            return Open();
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    SqliteDataReader ExecuteReaderOrThrow(SqliteCommand command)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    bool ReadOrThrow(SqliteDataReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    StoreUnavailableException Unavailable(SqliteException e) =>
        new($"the SQLite store ({new SqliteConnectionStringBuilder(_connectionString).DataSource}) failed: {e.Message}", e);

    static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }
}
