using SQLitePCL;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// SQLite's process-wide settings, made once, before the process opens its first connection (SQLite takes them only
/// then; after that they are refused and the defaults stay, which are safe).
/// </summary>
internal static class SqliteLibrary
{
    static readonly Lazy<bool> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Makes the settings below, once per process.</summary>
    public static void EnsureConfigured() => _ = Configured.Value;

    // Whether SQLite took both settings (not when a connection was opened first); either way what runs is safe.
    static bool Configure()
    {
        Batteries_V2.Init();
        // The store uses each connection on one thread at a time (a rented read connection, the writer under its lock,
        // a write session's threads one after the other), so SQLite's per-connection mutex, taken on every call (each
        // column of each row read), only costs. Multi-thread mode drops it; SQLite's own shared state stays guarded.
        var threading = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
        // Memory statistics take a process-wide mutex on every allocation; nothing here reads them.
        var statistics = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
        return threading == raw.SQLITE_OK && statistics == raw.SQLITE_OK;
    }
}
