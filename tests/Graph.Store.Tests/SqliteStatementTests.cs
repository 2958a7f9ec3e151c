using KnowledgeGraph.Store.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KnowledgeGraph.Store.Tests;

/// <summary>The SQL files in src/Graph.Store.Sqlite/sql: each one read by the store, and each one valid on a fresh store.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("kg-sql-").FullName;

    [Fact]
    public void EveryEmbeddedSqlFileIsReadByTheStore()
    {
        var read = SqlStatements.All.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var embedded = SqlStatements.Embedded.Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(embedded);
        Assert.Equal(embedded, read);
        Assert.Equal(read.Count, read.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task EveryStatementPreparesOnAFreshStore()
    {
        var path = Path.Combine(_directory, "graph.db");
        await using (var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(path)))
        {
            await store.InitializeAsync();
        }
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        // The writer's connection computes the name grams (build-node-indexes calls it).
        connection.CreateFunction(NameIndex.GramsFunction, (string folded) => NameIndex.Grams(folded), isDeterministic: true);

        var failures = new List<string>();
        foreach (var (name, sql) in SqlStatements.All)
        {
            // Every statement of the file in turn, as SQLite reads a script: a typo or an unknown table or column fails here.
            var rest = sql;
            var statements = 0;
            var failed = false;
            while (!string.IsNullOrWhiteSpace(rest))
            {
                var result = raw.sqlite3_prepare_v2(connection.Handle, rest, out var statement, out var tail);
                using (statement)
                {
                    if (result != raw.SQLITE_OK)
                    {
                        failures.Add($"{name}: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}");
                        failed = true;
                        break;
                    }
                    if (statement is { IsInvalid: false }) statements++;
                }
                rest = tail;
            }
            if (statements == 0 && !failed) failures.Add($"{name}: no statement");
        }

        Assert.Empty(failures);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
