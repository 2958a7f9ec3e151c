using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// Where the embedded store keeps its graph: one SQLite file (or a named in-memory database, for tests),
/// and how long a writer waits for a lock held by another process before giving up.
/// </summary>
public sealed record SqliteStoreOptions(string ConnectionString)
{
    /// <summary>How long an operation waits for a lock held by another connection.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The page cache of each connection, in KiB.</summary>
    public int CacheSizeKib { get; init; } = 32 * 1024;

    /// <summary>
    /// How much of the file each connection reads through memory-mapped I/O, in bytes (0: none). Pages read that way
    /// are the operating system's cached file pages, not copies in each connection's cache, and a read takes no system
    /// call per page. The mapping is address space: the resident memory it adds is the file's pages actually read,
    /// which the operating system may drop at any time.
    /// </summary>
    public long MmapSizeBytes { get; init; } = 1L << 30;

    /// <summary>
    /// How much of the file a scan of a whole table (a view's build) or a read of a thousand nodes or more by id (an
    /// export naming a network's organisations) reads through memory-mapped I/O, in bytes (0: none, such a read goes
    /// through the connection's bounded page cache). Every page a mapped read touched stays resident in the process
    /// until the operating system needs the memory back.
    /// </summary>
    public long ScanMmapSizeBytes { get; init; }

    /// <summary>
    /// An import into a store holding fewer nodes than this is a bulk load: the name index and the backward link
    /// index are rebuilt once at the end, several times faster than keeping them up row by row. Into a bigger
    /// store an import keeps them up as it goes.
    /// </summary>
    public long BulkImportBelowNodes { get; init; } = 20_000;

    /// <summary>A store in this file, created when missing.</summary>
    public static SqliteStoreOptions ForFile(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());

    /// <summary>
    /// A store in a named in-memory database shared by the store's connections; it lives as long as the store.
    /// </summary>
    public static SqliteStoreOptions InMemory(string name) =>
        new(new SqliteConnectionStringBuilder { DataSource = name, Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared }.ToString());
}
