using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Store.Sqlite;
using KnowledgeGraph.Synthetic;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Tests;

/// <summary>What only the embedded store does: one file in WAL mode, migrations, reopening.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("kg-store-").FullName;

    string DatabasePath => Path.Combine(_directory, "graph.db");

    async Task<SqliteGraphStore> OpenAsync(SqliteStoreOptions? options = null)
    {
        var store = new SqliteGraphStore(options ?? SqliteStoreOptions.ForFile(DatabasePath));
        await store.InitializeAsync();
        return store;
    }

    object? Query(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    string QueryPlan(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read()) steps.Add(reader.GetString(3));
        return string.Join("; ", steps);
    }

    [Fact]
    public async Task AFileStoreKeepsItsGraphAcrossReopening()
    {
        long version;
        await using (var store = await OpenAsync())
        {
            version = (await store.WriteAsync(Sample.Batch())).DataVersion;
        }

        await using var reopened = await OpenAsync();

        Assert.Equal(version, await reopened.GetDataVersionAsync());
        Assert.Equal(Sample.Nodes.Length, (await reopened.CountAsync()).NodeTotal);
        Assert.Equal(Sample.LiuGong.Name, (await reopened.GetNodeAsync(Sample.LiuGong.Id))!.Name);
        Assert.Equal(Sample.Yuchai.Id, (await reopened.SearchAsync(new SearchQuery("玉柴"))).Single().Id);
        Assert.Equal("wal", Query("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task MigrationsAreRecordedOnceAndSafeToRunOnEveryStart()
    {
        await using (var store = await OpenAsync())
        {
            await store.InitializeAsync();
        }
        await using (await OpenAsync())
        {
        }

        Assert.Equal(3L, Query("SELECT count(*) FROM schema_version"));
        Assert.Equal(3L, Query("SELECT max(version) FROM schema_version"));
        Assert.Equal((long)Enum.GetValues<LinkType>().Length, Query("SELECT count(*) FROM link_types"));
    }

    [Fact]
    public async Task ADatabaseOfANewerSchemaIsRefused()
    {
        await using (await OpenAsync())
        {
        }
        Query("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'from the future', '2099-01-01')");

        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(DatabasePath));
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync());

        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImportIntoABigStoreKeepsTheNameIndexUpAsItGoes()
    {
        await using var store = await OpenAsync(SqliteStoreOptions.ForFile(DatabasePath) with { BulkImportBelowNodes = 0 });
        await store.WriteAsync(Sample.Batch());
        var renamed = Sample.Yuchai with { Name = "广西示例动力有限公司", Aliases = ["桂动"] };
        var expert = new NodeInput(NodeKind.Person, "expert-1", "玉林示例专家", Aliases: ["柳工专家"]);

        await store.ImportAsync(Operations(new WriteOperation.UpsertNode(renamed), new WriteOperation.UpsertNode(expert)));

        Assert.Empty(await store.SearchAsync(new SearchQuery("玉柴")));
        Assert.Equal(renamed.Id, (await store.SearchAsync(new SearchQuery("桂动"))).Single().Id);
        Assert.Equal(expert.Id, (await store.SearchAsync(new SearchQuery("柳工专家"))).Single().Id);
        Assert.Equal(5, (await store.SearchAsync(new SearchQuery("柳工"))).Count);
    }

    [Fact]
    public async Task TheJournalIsLeftOutOfSqlitesStatisticsSoThatItsEntriesAreFoundByVersion()
    {
        await using (var store = await OpenAsync())
        {
            await store.ImportAsync(Operations([.. Sample.Nodes.Select(n => new WriteOperation.UpsertNode(n))]));
        }
        // Statistics as an import by an earlier release left them: a journal of one entry.
        Query("ANALYZE");
        Query("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('journal', 'journal_subject', '1 1 1')");

        await using var reopened = await OpenAsync();
        await reopened.ImportAsync(Operations(new WriteOperation.UpsertNode(Sample.LiuGong with { Name = "广西柳工示例新名有限公司" })));

        Assert.Equal(0L, Query("SELECT count(*) FROM sqlite_stat1 WHERE tbl IN ('journal', 'journal_nodes')"));
        Assert.NotEqual(0L, Query("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'nodes'"));
        // A record's journal entries are read by their node, then each entry by its version.
        Assert.Contains("SEARCH j USING INTEGER PRIMARY KEY", QueryPlan(
            "SELECT j.entry FROM journal_nodes jn JOIN journal j ON j.version = jn.version WHERE jn.node_id = 'x' AND j.version > 0 ORDER BY j.version LIMIT 200"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageOfPrefixMatchesIsReadFromTheNamesInOrderAndAnyOtherFromTheFullTextTables()
    {
        await using (var store = await OpenAsync())
        {
            // Five names start with 柳工 (one of them is it, the best); a sixth holds it further in.
            var nodes = new[] { "柳工", "柳工示例一号有限公司", "柳工示例二号机械有限公司", "柳工示例三号", "柳工示例四号动力有限公司", "广西柳工示例五号有限公司" }
                .Select((name, i) => new WriteOperation.UpsertNode(new NodeInput(NodeKind.Person, $"p{i}", name)));
            await store.WriteAsync(new WriteBatch([.. nodes]));
            Assert.Equal(["Person:p0", "Person:p3", "Person:p1"], (await store.SearchAsync(new SearchQuery("柳工", Limit: 3))).Select(n => n.Id));
            Assert.Equal(6, (await store.SearchAsync(new SearchQuery("柳工"))).Count);
        }
        // Without the full-text tables' rows, the prefix matches that fill a page still answer; a page they do not fill
        // is read from those tables.
        Query("INSERT INTO name_trigrams (name_trigrams) VALUES ('delete-all')");
        Query("INSERT INTO name_bigrams (name_bigrams) VALUES ('delete-all')");
        await using var emptied = await OpenAsync();

        Assert.Equal(["Person:p0", "Person:p3", "Person:p1"], (await emptied.SearchAsync(new SearchQuery("柳工", Limit: 3))).Select(n => n.Id));
        Assert.Equal(["Person:p0", "Person:p3", "Person:p1", "Person:p2", "Person:p4"], (await emptied.SearchAsync(new SearchQuery("柳工", Limit: 5))).Select(n => n.Id));
        Assert.Empty(await emptied.SearchAsync(new SearchQuery("柳工", Limit: 6)));
    }

    [Fact]
    public async Task ReadsOnKeptConnectionsSeeEveryWriteAndHoldNoSnapshotBetweenReads()
    {
        await using var store = await OpenAsync();
        await store.WriteAsync(Sample.Batch());
        // Each read once, so that its statement is prepared and kept; a node by id stops reading after its one row.
        Assert.Equal(Sample.LiuGong.Name, (await store.GetNodeAsync(Sample.LiuGong.Id))!.Name);
        Assert.Equal(Sample.Nodes.Length, (await store.CountAsync()).NodeTotal);
        Assert.Single(await store.SearchAsync(new SearchQuery("玉柴")));
        var renamed = Sample.LiuGong with { Name = "广西柳工新名机械有限公司" };
        var expert = new NodeInput(NodeKind.Person, "expert-1", "玉柴示例专家");

        var version = (await store.WriteAsync(new WriteBatch([new WriteOperation.UpsertNode(renamed), new WriteOperation.UpsertNode(expert)]))).DataVersion;

        Assert.Equal(renamed.Name, (await store.GetNodeAsync(Sample.LiuGong.Id))!.Name);
        Assert.Equal(Sample.Nodes.Length + 1, (await store.CountAsync()).NodeTotal);
        Assert.Equal(2, (await store.SearchAsync(new SearchQuery("玉柴"))).Count);
        Assert.Equal(version, await store.GetDataVersionAsync());
        // A checkpoint that truncates the log waits for every reader: none may be left inside a read transaction.
        using var checkpoint = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, DefaultTimeout = 1 }.ToString());
        checkpoint.Open();
        using var command = checkpoint.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(0L, reader.GetInt64(0));
    }

    [Fact]
    public async Task ConcurrentReadsEachGetTheirOwnAnswer()
    {
        await using var store = await OpenAsync();
        await store.WriteAsync(Sample.Batch());

        var reads = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var expected = Sample.Nodes[i % Sample.Nodes.Length];
            var nodes = await store.GetNodesAsync([expected.Id, Sample.Province.Id]);
            var links = await store.GetLinksAsync(new LinkQuery([expected.Id]));
            return (expected, nodes, links);
        }));

        foreach (var (expected, nodes, links) in await Task.WhenAll(reads))
        {
            Assert.Equal(expected.Name, nodes[expected.Id].Name);
            Assert.Equal(Sample.Province.Name, nodes[Sample.Province.Id].Name);
            Assert.All(links, link => Assert.True(link.FromId == expected.Id || link.ToId == expected.Id));
        }
    }

    [Fact]
    public async Task AFailedBulkLoadLeavesTheFileEmptyUsableAndInWalMode()
    {
        await using var store = await OpenAsync();
        var generated = SyntheticGraph.Create(SyntheticPreset.Tiny, 7).Operations().ToList();
        var missing = new LinkInput(LinkType.PairedWith, Sample.LiuGong.Id, "University:missing");

        // The whole generated graph is loaded before the link to a missing node stops it.
        await Assert.ThrowsAsync<NotFoundException>(() => store.ImportAsync(Operations([.. generated, new WriteOperation.UpsertLink(missing)])));

        Assert.Equal(0, (await store.CountAsync()).NodeTotal);
        Assert.Equal(0L, Query("SELECT count(*) FROM nodes") as long?);
        Assert.Equal(0L, Query("SELECT count(*) FROM links") as long?);
        Assert.Equal("wal", Query("PRAGMA journal_mode"));
        Assert.False(File.Exists(DatabasePath + "-journal"));
        var result = await store.ImportAsync(Sample.Stream());
        Assert.Equal(Sample.Nodes.Length, result.NodesCreated);
        Assert.Equal(Sample.Yuchai.Id, (await store.SearchAsync(new SearchQuery("玉柴"))).Single().Id);
    }

    [Fact]
    public async Task ABulkLoadWhileAnotherConnectionReadsTheFileStillLoads()
    {
        await using var store = await OpenAsync();
        using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        reader.Open();
        using var transaction = reader.BeginTransaction(deferred: true);
        using (var command = reader.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT count(*) FROM nodes";
            Assert.Equal(0L, command.ExecuteScalar());
        }

        var result = await store.ImportAsync(Sample.Stream());

        Assert.Equal(Sample.Links.Length, result.LinksCreated);
        Assert.Equal(Sample.Links.Length, (await store.CountAsync()).LinkTotal);
        Assert.Equal("wal", Query("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task ReadingThousandsOfNodesByIdLeavesNoPageOfTheFileMappedInTheProcess()
    {
        // Linux tells how much of a mapped file is resident (/proc/self/smaps); elsewhere there is nothing to look at.
        if (!OperatingSystem.IsLinux()) return;
        var universities = Enumerable.Range(0, 3000).Select(i => new NodeInput(NodeKind.University, $"u{i:D4}", $"示例大学{i}号", $"Example University No. {i}")).ToArray();
        await using (var writer = await OpenAsync())
        {
            foreach (var batch in universities.Chunk(500))
                await writer.WriteAsync(new WriteBatch([.. batch.Select(n => (WriteOperation)new WriteOperation.UpsertNode(n))]));
        }
        await using var store = await OpenAsync();
        var before = ResidentKibMapped(DatabasePath);

        // As an export names a network's organisations: a thousand at a time, every one of them.
        foreach (var chunk in universities.Chunk(1000))
            Assert.Equal(chunk.Length, (await store.GetNodesAsync([.. chunk.Select(n => n.Id)])).Count);

        Assert.True(ResidentKibMapped(DatabasePath) <= before, $"{ResidentKibMapped(DatabasePath)} KiB of the file resident in the process after the reads, {before} KiB before");
    }

    // The resident KiB of every mapping of the file in this process.
    static long ResidentKibMapped(string path)
    {
        long kib = 0;
        var inFile = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsMappingHeader(line)) inFile = line.EndsWith(path, StringComparison.Ordinal);
            else if (inFile && line.StartsWith("Rss:", StringComparison.Ordinal)) kib += long.Parse(line["Rss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return kib;
    }

    // "7f12a000-7f13a000 r--s 00000000 fd:01 1234   /path": an address range opens each mapping's lines.
    static bool IsMappingHeader(string line)
    {
        var range = line.Split(' ', 2)[0];
        return range.Contains('-', StringComparison.Ordinal) && range.Replace("-", "", StringComparison.Ordinal).All(char.IsAsciiHexDigit);
    }

    [Fact]
    public void AnUnnamedInMemoryDatabaseIsRefused() =>
        Assert.Throws<ArgumentException>(() => new SqliteGraphStore(new SqliteStoreOptions("Data Source=:memory:")));

    static async IAsyncEnumerable<WriteOperation> Operations(params WriteOperation[] operations)
    {
        foreach (var operation in operations)
        {
            await Task.Yield();
            yield return operation;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
