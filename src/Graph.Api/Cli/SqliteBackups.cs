using KnowledgeGraph.Api.Hosting.Store;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Api.Cli;

/// <summary>What a verified SQLite store file holds.</summary>
internal sealed record StoreFileSummary(long DataVersion, long Nodes, long Links);

/// <summary>
/// Online backups of the embedded store and their restore. A backup is <c>VACUUM INTO</c>: one read transaction, so a
/// consistent snapshot while the service reads and writes, compacted; then opened again and checked
/// (<c>PRAGMA integrity_check</c>, the data version readable). A restore never moves the data version backwards: it
/// continues after both the backup's and the replaced store's, so a client's old <c>expectedDataVersion</c> cannot
/// match data it never saw.
/// </summary>
internal static class SqliteBackups
{
    /// <summary>The configured SQLite file; a clear error for another store kind.</summary>
    public static string ConfiguredPath(string[] args, string verb) => FindConfiguredPath(args)
        ?? throw new InvalidOperationException($"'{verb}' works on the embedded store (Store:Kind=sqlite); for Neo4j use neo4j-admin database dump and load, then restore --loaded --version-before <N> (docs/neo4j.md).");

    /// <summary>The configured SQLite file, or null when the store is another kind.</summary>
    public static string? FindConfiguredPath(string[] args)
    {
        var configuration = CliConfiguration.CreateBuilder(args).Configuration;
        var kind = configuration[$"{StoreOptions.Section}:Kind"] ?? StoreKinds.Sqlite;
        if (!string.Equals(kind.Trim(), StoreKinds.Sqlite, StringComparison.OrdinalIgnoreCase))
            return null;
        var configured = configuration[$"{StoreOptions.Section}:Sqlite:Path"];
        return Path.GetFullPath(configured is { Length: > 0 } ? configured : ".data/knowledge-graph.db");
    }

    /// <summary>Writes a verified snapshot of <paramref name="source"/> to <paramref name="destination"/>, which must not exist.</summary>
    public static StoreFileSummary Backup(string source, string destination)
    {
        if (!File.Exists(source))
            throw new FileNotFoundException($"There is no store at {source} to back up.");
        if (File.Exists(destination))
            throw new IOException($"{destination} exists already: choose another name, or remove it first.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(directory);
        // Written beside the destination and renamed once verified: a file of that name is always a complete backup.
        var partial = Path.Combine(directory, "." + Path.GetFileName(destination) + ".partial");
        File.Delete(partial);
        try
        {
            VacuumInto(source, partial);
            var summary = Verify(partial);
            File.Move(partial, destination);
            return summary;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
    }

    /// <summary>Checks a store file's integrity and reads what it holds; a clear error when it is no store or damaged.</summary>
    public static StoreFileSummary Verify(string file)
    {
        if (!File.Exists(file))
            throw new FileNotFoundException($"There is no file {file}.");
        try
        {
            using var connection = Open(file, SqliteOpenMode.ReadOnly);
            var integrity = Scalar(connection, "PRAGMA integrity_check") as string;
            if (integrity != "ok")
                throw new InvalidDataException($"{file} fails SQLite's integrity check: {integrity}");
            return new StoreFileSummary(
                Convert.ToInt64(Scalar(connection, "SELECT value FROM meta WHERE name = 'data_version'"), System.Globalization.CultureInfo.InvariantCulture),
                (long)Scalar(connection, "SELECT count(*) FROM nodes")!,
                (long)Scalar(connection, "SELECT count(*) FROM links")!);
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"{file} is not a store of this service ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// Replaces <paramref name="target"/>'s content with the verified backup, in one step of SQLite's backup API, with
    /// the data version after both the backup's and the target's; returns what the target now holds. <paramref name="admit"/>
    /// judges the backup's content, staged beside the target, first: when it says no, the target is left as it was and
    /// the result is null.
    /// </summary>
    public static async Task<StoreFileSummary?> RestoreAsync(string backup, string target, Func<string, Task<bool>> admit)
    {
        ArgumentNullException.ThrowIfNull(admit);
        var restored = Verify(backup);
        var previous = File.Exists(target) ? CurrentVersion(target) : 0;
        var version = Math.Max(restored.DataVersion, previous) + 1;
        var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(directory);
        var staged = Path.Combine(directory, "." + Path.GetFileName(target) + ".restoring");
        File.Delete(staged);
        try
        {
            // The version is moved forward in a copy first, so that no reader of the target ever sees it go back.
            VacuumInto(backup, staged);
            if (!await admit(staged).ConfigureAwait(false)) return null;
            using (var copy = Open(staged, SqliteOpenMode.ReadWrite))
            using (var update = copy.CreateCommand())
            {
                update.CommandText = "UPDATE meta SET value = $version WHERE name = 'data_version'";
                update.Parameters.AddWithValue("$version", version);
                update.ExecuteNonQuery();
                using var destination = Open(target, SqliteOpenMode.ReadWriteCreate);
                copy.BackupDatabase(destination);
            }
            return Verify(target);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            // The rule check opened the staged copy as a store, which may have left its write-ahead log beside it.
            foreach (var part in new[] { staged, staged + "-wal", staged + "-shm" }) File.Delete(part);
        }
    }

    // A consistent copy, read in one transaction, compacted.
    private static void VacuumInto(string source, string destination)
    {
        using var connection = Open(source, SqliteOpenMode.ReadOnly);
        using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $path";
        vacuum.Parameters.AddWithValue("$path", destination);
        vacuum.ExecuteNonQuery();
    }

    private static long CurrentVersion(string file)
    {
        try
        {
            using var connection = Open(file, SqliteOpenMode.ReadOnly);
            return Convert.ToInt64(Scalar(connection, "SELECT value FROM meta WHERE name = 'data_version'") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // Not a store (or an empty file): nothing to continue after.
            return 0;
        }
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        using var timeout = connection.CreateCommand();
        timeout.CommandText = "PRAGMA busy_timeout = 10000";
        timeout.ExecuteNonQuery();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
