using Microsoft.Data.Sqlite;
using static KnowledgeGraph.Store.Sqlite.SqlCommands;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// SQLite's statistics of the tables (sqlite_stat1, taken by the <c>PRAGMA optimize</c> that ends an import) leave out the
/// journal's: it holds one entry when an import ends and grows by one with every write, so statistics taken then have
/// SQLite take it for a one-row table and scan it whole for every lookup by version (the newest entries of a record,
/// read for each record version; 461 ms a read after 1,385 writes on `province`). Without them SQLite plans for a large
/// table and uses its keys. The SQL is here, not in sql/: sqlite_stat1 exists only once statistics were taken.
/// </summary>
internal static class JournalStatistics
{
    public static void Forget(SqliteConnection connection, SqliteTransaction? transaction)
    {
        if ((long)Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")! == 0) return;
        Execute(connection, transaction, "DELETE FROM sqlite_stat1 WHERE tbl IN ('journal', 'journal_nodes')");
    }
}
