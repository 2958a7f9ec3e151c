using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// The writes of one transaction: upserts by natural key with a content comparison, the referential and
/// kind checks of links, deletes, and the upkeep of the name index. Statements are prepared once per
/// session and reused, which is what makes a bulk import fast. Not thread-safe: one writer at a time.
/// </summary>
internal sealed class WriteSession : IDisposable
{
    readonly SqliteConnection _connection;
    readonly SqliteTransaction _transaction;
    readonly LinkTypeCodes _codes;
    readonly long _now;
    readonly bool _bulk;
    // The region and name indexes of a bulk session are built at its first link (or at its end), and kept up after.
    bool _nodeIndexesDeferred;
    readonly WriteStatements _statements;
    readonly NameRows _names;
    readonly LinkRows _links;
    // The insert run for every node, bound by position through SQLitePCL.
    RawStatement? _insertNode;
    readonly Dictionary<string, NodeRef> _refs = new(StringComparer.Ordinal);
    readonly Dictionary<NodeKind, long> _nodeCounts = [];
    readonly Dictionary<long, long> _linkCounts = [];
    // The links of a load into a store without links, kept in memory until the end and then written in the order of
    // their key, so the clustered table is built by appends instead of taking millions of inserts at random places.
    List<StagedLink>? _staged;
    // The region and name indexes being built on another thread while links are staged, which needs no statement.
    Task? _nodeIndexBuild;
    // A bulk load into an empty store: its nodes are numbered on the import's thread and written on another.
    NodeLoad? _nodeLoad;

    internal readonly record struct NodeRef(long N, NodeKind Kind);

    /// <summary>
    /// A session in the transaction, timestamping with <paramref name="now"/>. A <paramref name="bulk"/> session
    /// leaves the full-text tables and the region index alone until its first link, and the backward link index until
    /// the end (<see cref="Finish"/>), and builds each once; it tries each node as new before looking for it: several
    /// times faster when most of the data is new, as in a first import.
    /// </summary>
    /// <remarks>
    /// A bulk session into a store without links also stages the links it is given (<paramref name="stageLinks"/>):
    /// each is reported as created when given, and repeats of a link are sorted out when the staged links are written
    /// (at the first delete, or in <see cref="Finish"/>), where <see cref="RepeatedLinksUpdated"/> and
    /// <see cref="RepeatedLinksUnchanged"/> count the ones that were not new after all. Into an empty store
    /// (<paramref name="emptyStore"/>) it also writes the nodes that come before anything else on another thread
    /// (<see cref="NodeLoad"/>).
    /// </remarks>
    public WriteSession(
        SqliteConnection connection, SqliteTransaction transaction, LinkTypeCodes codes, DateTimeOffset now, bool bulk, bool stageLinks = false, bool emptyStore = false)
    {
        _connection = connection;
        _transaction = transaction;
        _codes = codes;
        _now = now.ToUnixTimeMilliseconds();
        _bulk = bulk;
        _statements = new WriteStatements(connection, transaction);
        _names = new NameRows(connection, _statements);
        _links = new LinkRows(_statements, _now);
        _nodeIndexesDeferred = bulk;
        if (bulk) Run(SqlStatements.DropBulkIndexes);
        if (bulk && stageLinks) _staged = [];
        if (bulk && stageLinks && emptyStore) _nodeLoad = new NodeLoad(this);
    }

    /// <summary>Whether any write of the session changed data.</summary>
    public bool Changed { get; private set; }

    /// <summary>Nodes of the load reported as unchanged that repeated an earlier node of the load with other content.</summary>
    public long RepeatedNodesUpdated { get; internal set; }

    /// <summary>The node numbers and kinds the session knows, by id.</summary>
    internal Dictionary<string, NodeRef> Refs => _refs;

    /// <summary>Staged links reported as created that repeated an earlier link of the session with other content.</summary>
    public long RepeatedLinksUpdated { get; private set; }

    /// <summary>Staged links reported as created that repeated an earlier link of the session with the same content.</summary>
    public long RepeatedLinksUnchanged { get; private set; }

    /// <summary>Creates the node or replaces its content; with <paramref name="materialize"/> it gives the node as stored.</summary>
    public (Change Change, Node? Node) UpsertNode(NodeInput input, bool materialize)
    {
        PreparedNode node;
        try
        {
            node = PreparedNode.Of(input);
        }
        catch (DomainException) when (_nodeLoad is not null || _nodeIndexBuild is not null)
        {
            // An error of the nodes written before this one, on the other thread, comes first.
            WaitForNodeIndexes();
            throw;
        }
        if (!materialize && _nodeLoad is { Accepting: true } load) return (load.Add(node), null);
        WaitForNodeIndexes();
        if (_bulk && Create(node, number: null, loaded: false, materialize) is { } fresh) return fresh;
        return Replace(node, loaded: false, materialize);
    }

    /// <summary>
    /// Inserts the node, as number <paramref name="number"/> when given (else SQLite numbers it); null when a node with
    /// its id exists. A node <paramref name="loaded"/> on the node load's thread (<see cref="NodeLoad"/>) leaves the
    /// session's map of ids alone, which the import's thread keeps, and its names are indexed later, with all the others.
    /// </summary>
    internal (Change, Node?)? Create(PreparedNode node, long? number, bool loaded, bool materialize)
    {
        var (input, nameEn, properties, propsJson, aliasesJson, names) = node;
        // Parameters by position: $id, $kind, $key, $name, $nameEn, $aliases, $props, $now, $n (NULL: the next number).
        _insertNode ??= new RawStatement(_connection, SqlStatements.InsertNode);
        _insertNode.Bind(1, input.Id).Bind(2, input.Kind.ToString()).Bind(3, input.Key).Bind(4, input.Name).Bind(5, nameEn)
            .Bind(6, aliasesJson).Bind(7, propsJson).Bind(8, _now);
        if (number is { } n) _insertNode.Bind(9, n);
        else _insertNode.Bind(9, (string?)null);
        if (_insertNode.Insert() is not { } created) return null;
        _names.Add(created, input.Kind, names, indexed: !loaded && !_nodeIndexesDeferred);
        if (!loaded) _refs[input.Id] = new(created, input.Kind);
        Count(_nodeCounts, input.Kind, +1);
        return (Change.Created, materialize ? NodeOf(input, nameEn, properties, _now, _now) : null);
    }

    /// <summary>Replaces the content of the node with the prepared one's, if it differs; creates it when there is none.</summary>
    internal (Change Change, Node? Node) Replace(PreparedNode node, bool loaded, bool materialize)
    {
        var (input, nameEn, properties, propsJson, aliasesJson, names) = node;
        var id = input.Id;
        var indexed = !loaded && !_nodeIndexesDeferred;
        long n, createdAt;
        string oldName, oldAliases;
        string? oldNameEn;
        using (var reader = Bind(Statement(SqlStatements.SelectNode, "$id"), id).ExecuteReader())
        {
            if (!reader.Read())
            {
                reader.Close();
                return Create(node, number: null, loaded, materialize) ?? throw new InvalidOperationException($"node {id} appeared while it was being written");
            }
            n = reader.GetInt64(0);
            oldName = reader.GetString(1);
            oldNameEn = reader.IsDBNull(2) ? null : reader.GetString(2);
            oldAliases = reader.IsDBNull(3) ? "" : reader.GetString(3);
            var oldProps = reader.IsDBNull(4) ? null : reader.GetString(4);
            createdAt = reader.GetInt64(5);
            if (!loaded) _refs[id] = new(n, input.Kind);
            if (oldName == input.Name && oldNameEn == nameEn && oldAliases == (aliasesJson ?? "") && oldProps == propsJson)
            {
                return (Change.Unchanged, materialize ? NodeOf(input, nameEn, properties, createdAt, reader.GetInt64(6)) : null);
            }
        }
        Bind(Statement(SqlStatements.UpdateNode, "$name", "$nameEn", "$aliases", "$props", "$now", "$n"),
            input.Name, nameEn, aliasesJson, propsJson, _now, n).ExecuteNonQuery();
        if (oldName != input.Name || oldNameEn != nameEn || oldAliases != (aliasesJson ?? ""))
        {
            _names.Remove(n, indexed);
            _names.Add(n, input.Kind, names, indexed);
        }
        Changed = true;
        return (Change.Updated, materialize ? NodeOf(input, nameEn, properties, createdAt, _now) : null);
    }

    static Node NodeOf(NodeInput input, string? nameEn, PropertyBag properties, long createdAt, long updatedAt) =>
        new(input.Id, input.Kind, input.Key, input.Name, nameEn, input.Aliases, properties,
            RowReader.FromUnixMilliseconds(createdAt), RowReader.FromUnixMilliseconds(updatedAt));

    /// <summary>
    /// Creates the link or replaces its content. Both ends must exist and be of kinds the type allows;
    /// with <paramref name="materialize"/> it gives the link as stored.
    /// </summary>
    public (Change Change, Link? Link) UpsertLink(LinkInput input, bool materialize)
    {
        if (!Enum.IsDefined(input.Type)) throw new InvalidInputException($"unknown link type {input.Type}");
        var staging = _staged is not null && !materialize;
        BuildNodeIndexes(inBackground: staging);
        if (!staging) WaitForNodeIndexes();
        var info = GraphCatalog.Of(input.Type);
        var from = Find(input.FromId) ?? throw new NotFoundException($"link {input.Id}: there is no node {input.FromId}");
        var to = Find(input.ToId) ?? throw new NotFoundException($"link {input.Id}: there is no node {input.ToId}");
        if (!info.FromKinds.Contains(from.Kind))
        {
            throw new RuleViolationException(
                $"link {input.Id}: a {info.Name} link cannot leave a {from.Kind} ({input.FromId}); it leaves {string.Join(", ", info.FromKinds.Order())}");
        }
        if (!info.ToKinds.Contains(to.Kind))
        {
            throw new RuleViolationException(
                $"link {input.Id}: a {info.Name} link cannot arrive at a {to.Kind} ({input.ToId}); it arrives at {string.Join(", ", info.ToKinds.Order())}");
        }
        var properties = info.Properties.Count == 0 && input.Properties.Count == 0
            ? input.Properties
            : StoredProperties.Normalize(input.Properties, info.Properties, input, static link => $"link {link.Id}");
        var propsJson = PropertyJson.Encode(properties);
        var key = input.Key ?? "";
        var type = _codes.CodeOf(input.Type);
        if (staging)
        {
            _staged!.Add(new(from.N, type, to.N, key, input.StartDate, input.EndDate, input.Source, propsJson));
            Count(_linkCounts, type, +1);
            return (Change.Created, null);
        }

        var start = RowReader.DateValue(input.StartDate);
        var end = RowReader.DateValue(input.EndDate);
        var source = (object?)input.Source ?? DBNull.Value;
        var props = (object?)propsJson ?? DBNull.Value;
        if (materialize) WriteStagedLinks();
        var (change, createdAt, updatedAt) = _links.Write(from.N, type, to.N, key, start, end, source, props, insertFirst: !materialize);
        if (change == Change.Created) Count(_linkCounts, type, +1);
        if (change != Change.Unchanged) Changed = true;
        var link = materialize
            ? new Link(input.Id, input.Type, input.FromId, input.ToId, key.Length == 0 ? null : key, input.StartDate, input.EndDate,
                input.Source, properties, RowReader.FromUnixMilliseconds(createdAt), RowReader.FromUnixMilliseconds(updatedAt))
            : null;
        return (change, link);
    }

    /// <summary>Deletes the node and every link at it; NotFound when there is none.</summary>
    public Change DeleteNode(string id)
    {
        WaitForNodeIndexes();
        WriteStagedLinks();
        if (Find(id) is not { } node) return Change.NotFound;
        using (var reader = Bind(Statement(SqlStatements.LinksAtNode, "$n"), node.N).ExecuteReader())
        {
            while (reader.Read()) Count(_linkCounts, reader.GetInt64(0), -reader.GetInt64(1));
        }
        // Explicit rather than by cascade: the bulk path runs without foreign key enforcement.
        Bind(Statement(SqlStatements.DeleteLinksAtNode, "$n"), node.N).ExecuteNonQuery();
        _names.Remove(node.N, !_nodeIndexesDeferred);
        Bind(Statement(SqlStatements.DeleteNode, "$n"), node.N).ExecuteNonQuery();
        _refs.Remove(id);
        Count(_nodeCounts, node.Kind, -1);
        return Change.Deleted;
    }

    /// <summary>Deletes the link; NotFound when there is none (or the id is not a link id).</summary>
    public Change DeleteLink(string id)
    {
        WaitForNodeIndexes();
        WriteStagedLinks();
        if (!LinkIds.TryParse(id, out var type, out var fromId, out var toId, out var key)) return Change.NotFound;
        var code = _codes.CodeOf(type);
        var deleted = Bind(Statement(SqlStatements.DeleteLink, "$from", "$type", "$to", "$key"), fromId, code, toId, key).ExecuteNonQuery();
        if (deleted == 0) return Change.NotFound;
        Count(_linkCounts, code, -1);
        return Change.Deleted;
    }

    /// <summary>
    /// Completes the session: rebuilds what a bulk session left alone, records the counts, and adds one to
    /// the data version when anything changed. Gives the data version after the session.
    /// </summary>
    public long Finish()
    {
        WaitForNodeIndexes();
        WriteStagedLinks();
        BuildNodeIndexes();
        if (_bulk) Run(SqlStatements.CreateLinksTo);
        foreach (var (kind, delta) in _nodeCounts.Where(c => c.Value != 0))
        {
            Bind(Statement(SqlStatements.AddToNodeCount, "$kind", "$delta"), kind.ToString(), delta).ExecuteNonQuery();
        }
        foreach (var (type, delta) in _linkCounts.Where(c => c.Value != 0))
        {
            Bind(Statement(SqlStatements.AddToLinkCount, "$type", "$delta"), type, delta).ExecuteNonQuery();
        }
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = Changed
            ? SqlStatements.BumpDataVersion
            : SqlStatements.GetDataVersion;
        return (long)command.ExecuteScalar()!;
    }

    void Count<TKey>(Dictionary<TKey, long> counts, TKey key, long delta)
        where TKey : notnull
    {
        counts[key] = counts.GetValueOrDefault(key) + delta;
        Changed = true;
    }

    NodeRef? Find(string id)
    {
        if (_refs.TryGetValue(id, out var known)) return known;
        WaitForNodeIndexes();
        using var reader = Bind(Statement(SqlStatements.SelectNodeRef, "$id"), id).ExecuteReader();
        if (!reader.Read()) return null;
        var found = new NodeRef(reader.GetInt64(0), Enum.Parse<NodeKind>(reader.GetString(1)));
        _refs[id] = found;
        return found;
    }

    /// <summary>
    /// Builds the region and name indexes a bulk session left alone, once: at its first link, as nodes come first in an
    /// import; the nodes written after keep them up one by one. When the links are staged, which takes no statement, the
    /// build runs <paramref name="inBackground"/> on another thread, beside the staging and the reading of the rest of
    /// the import, and whatever uses the connection next waits for it (<see cref="WaitForNodeIndexes"/>).
    /// </summary>
    void BuildNodeIndexes(bool inBackground = false)
    {
        if (!_nodeIndexesDeferred) return;
        _nodeIndexesDeferred = false;
        if (inBackground && _nodeLoad is { Accepting: true } load)
        {
            // The load's thread builds them after its nodes.
            load.Finish(buildIndexes: true);
            return;
        }
        WaitForNodeIndexes();
        if (inBackground)
        {
            _nodeIndexBuild = Task.Run(() => Run(SqlStatements.BuildNodeIndexes));
            return;
        }
        Run(SqlStatements.BuildNodeIndexes);
    }

    /// <summary>
    /// Waits for the node indexes being built in the background: every use of the connection comes after it, as the
    /// connection serves one thread at a time. An error of the build is thrown here.
    /// </summary>
    void WaitForNodeIndexes()
    {
        if (_nodeLoad is { } load)
        {
            _nodeLoad = null;
            try
            {
                if (load.Accepting) load.Finish(buildIndexes: false);
                load.Completion.GetAwaiter().GetResult();
            }
            finally
            {
                load.Dispose();
            }
        }
        if (_nodeIndexBuild is not { } build) return;
        _nodeIndexBuild = null;
        build.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Writes the staged links (<see cref="StagedLinkWriter"/>) and stops staging: what follows (a delete) sees every
    /// link in the table.
    /// </summary>
    void WriteStagedLinks()
    {
        if (_staged is null) return;
        var staged = _staged;
        _staged = null;
        var (updated, unchanged) = StagedLinkWriter.Write(_connection, staged, _now, type => Count(_linkCounts, type, -1));
        RepeatedLinksUpdated += updated;
        RepeatedLinksUnchanged += unchanged;
    }

    internal void Run(string sql) => _statements.Run(sql);

    SqliteCommand Statement(string sql, params string[] parameterNames) => _statements.Statement(sql, parameterNames);

    static SqliteCommand Bind(SqliteCommand command, params object?[] values) => WriteStatements.Bind(command, values);

    public void Dispose()
    {
        // A session given up while its indexes are built (an error, a cancelled import) lets the build end first: the
        // transaction is rolled back after the session is disposed.
        try
        {
            // Queued nodes and an index build not begun are left: the transaction is rolled back.
            _nodeLoad?.Abandon();
            WaitForNodeIndexes();
        }
        catch (Exception)
        {
            // The error that ended the session is the one reported.
        }
        _insertNode?.Dispose();
        _names.Dispose();
        _statements.Dispose();
    }
}
