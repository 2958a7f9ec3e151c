using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// How SQLite reads a page of the journal by subject: through the subject's index, never by walking the whole journal.
/// Every record's <c>version</c> and every <c>expectedVersion</c> asks for the newest bulk loads by subject (the import's
/// entry is among the oldest, so a walk newest first reads every entry written since) and for the newest entries of
/// the records' nodes.
/// </summary>
public sealed class SqliteJournalPlanTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("kg-journal-plan-").FullName;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APageBySubjectSearchesTheSubjectIndex(bool newestFirst)
    {
        var plan = await PlanAsync(new JournalQuery(After: 0, First: 50, Subject: "import") { NewestFirst = newestFirst });

        Assert.Contains("USING INDEX journal_subject (subject=? AND version>?)", plan);
        Assert.DoesNotContain("SCAN", plan);
    }

    [Fact]
    public async Task APageByNodeSearchesTheNodesEntries()
    {
        var plan = await PlanAsync(new JournalQuery(After: 0, First: 50, NodeId: "Enterprise:91450200MA5L0000X1", Subject: "import") { NewestFirst = true });

        Assert.Contains("SEARCH jn USING PRIMARY KEY (node_id=?", plan);
        Assert.DoesNotContain("SCAN", plan);
    }

    [Fact]
    public async Task TheNewestEntriesOfNodesAreReadByVersion()
    {
        var plan = await PlanAsync(SqlStatements.NewestJournalByNode, [("$nodes", "[\"Enterprise:91450200MA5L0000X1\"]"), ("$first", 50)]);

        Assert.Contains("SEARCH journal_nodes USING PRIMARY KEY (node_id=?)", plan);
        Assert.Contains("SEARCH j USING INTEGER PRIMARY KEY (rowid=?)", plan);
        Assert.DoesNotContain("SCAN j", plan.Split('\n'));
    }

    Task<string> PlanAsync(JournalQuery query)
    {
        var (sql, parameters) = SqliteJournal.Select(query);
        return PlanAsync(sql, parameters);
    }

    async Task<string> PlanAsync(string sql, (string Name, object? Value)[] parameters)
    {
        var path = Path.Combine(_directory, "graph.db");
        await using (var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(path)))
        {
            await store.InitializeAsync();
        }
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        // The statistics a store keeps from its import (PRAGMA optimize), taken while the journal held one entry: on
        // them SQLite judges the journal too small for an index to be worth it, and keeps judging so as it grows.
        using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "INSERT INTO journal (version, at, subject, entry) VALUES (1, 0, 'import', '{}'); ANALYZE;";
            analyze.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read()) steps.Add(reader.GetString(3));
        return string.Join("\n", steps);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
