using System.Globalization;
using System.Runtime.CompilerServices;
using KnowledgeGraph.Domain.Errors;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// The store's connections to its database: opened with the store's settings, reads on pooled connections with their
/// statements prepared, the one writer at a time, and SQLite's failures as the store's own.
/// </summary>
internal sealed class SqliteConnections : IDisposable
{
    // Reads run on request threads, a few per core at a time; more idle connections would only hold page caches.
    static readonly int MaxIdleReadConnections = Environment.ProcessorCount * 4;

    readonly string _connectionString;
    readonly string _connectionPragmas;
    readonly ConditionalWeakTable<SQLitePCL.sqlite3, string> _configured = new();
    SqliteConnection? _keepAlive;
    LinkTypeCodes? _codes;

    public SqliteConnections(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SqliteLibrary.EnsureConfigured();
        Options = options;
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
        InMemory = builder.Mode == SqliteOpenMode.Memory;
        if (InMemory) builder.Cache = SqliteCacheMode.Shared;
        _connectionString = builder.ToString();
        _connectionPragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA cache_size = -{options.CacheSizeKib}; PRAGMA mmap_size = {options.MmapSizeBytes};");
        Readers = new ReadConnectionPool(Open, MaxIdleReadConnections);
    }

    public SqliteStoreOptions Options { get; }

    /// <summary>Whether the database is a shared in-memory one (no file, no log).</summary>
    public bool InMemory { get; }

    /// <summary>Held by the one writer of this store; SQLite's write lock serializes writers across processes.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public ReadConnectionPool Readers { get; }

    /// <summary>The link types' codes in this database, known once the schema is set up.</summary>
    public LinkTypeCodes Codes
    {
        get => _codes ?? throw new InvalidOperationException("the store is not initialized: call InitializeAsync first");
        set => _codes = value;
    }

    /// <summary>A shared in-memory database lives while one connection to it is open: this one, until disposed.</summary>
    public void KeepAlive()
    {
        if (InMemory && _keepAlive is null) _keepAlive = Open();
    }

    /// <summary>
    /// Runs a read on a connection of its own, taken from the read connections with the statements prepared on it;
    /// every failure comes back in the task, and a connection whose read failed is closed rather than kept.
    /// </summary>
    public Task<T> Read<T>(Func<ReadConnection, T> read, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = Codes;
            var connection = Readers.Rent();
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
            Readers.Return(connection);
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

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            YearFigureFunction.Register(connection);
            // A pooled connection keeps its SQLite handle, and the handle its settings: set them once per handle.
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                SqlCommands.Execute(connection, null, _connectionPragmas);
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

    /// <summary>A connection for writing: it also computes the name index's grams.</summary>
    public SqliteConnection OpenWriter()
    {
        var connection = Open();
        connection.CreateFunction(NameIndex.GramsFunction, (string folded) => NameIndex.Grams(folded), isDeterministic: true);
        return connection;
    }

    public SqliteConnection OpenOrThrow()
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

    /// <summary>
    /// Reads that go through much of a table (a view's build scanning it, an export naming every organisation of a
    /// network) read through the connection's own bounded cache instead of the file mapped into the process, where every
    /// page they touched would stay resident — counted in the service's memory — until the system needs the memory back.
    /// Disposed, the connection maps the file again and frees the pages its cache took meanwhile (up to
    /// <see cref="SqliteStoreOptions.CacheSizeKib"/>), which it would otherwise keep while pooled.
    /// </summary>
    public MmapPause Unmapped(SqliteConnection connection)
    {
        if (InMemory || Options.MmapSizeBytes == Options.ScanMmapSizeBytes) return default;
        SqlCommands.Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {Options.ScanMmapSizeBytes}"));
        return new MmapPause(connection, Options.MmapSizeBytes);
    }

    internal readonly struct MmapPause(SqliteConnection? connection, long mmapSizeBytes) : IDisposable
    {
        public void Dispose()
        {
            if (connection is { State: System.Data.ConnectionState.Open })
                SqlCommands.Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {mmapSizeBytes}; PRAGMA shrink_memory;"));
        }
    }

    public StoreUnavailableException Unavailable(SqliteException e) =>
        new($"the SQLite store ({new SqliteConnectionStringBuilder(_connectionString).DataSource}) failed: {e.Message}", e);

    public void Dispose()
    {
        Readers.Dispose();
        if (_keepAlive is not null)
        {
            _keepAlive.Dispose();
            _keepAlive = null;
        }
        using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);
        WriteLock.Dispose();
    }
}
