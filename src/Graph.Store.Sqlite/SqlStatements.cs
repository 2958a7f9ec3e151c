namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// The store's fixed SQL, one statement (or a short script) per file in sql/, embedded in this assembly and read once.
/// SQL built from a query's filters, sorts and groups stays in code (<see cref="NodeFilterSql"/>, <see cref="GroupedSql"/>).
/// A statement's text is also its identity: the write session and the read connections keep prepared commands by it.
/// </summary>
internal static class SqlStatements
{
    const string Prefix = "sql/";
    static readonly List<(string Name, string Sql)> Loaded = [];

    public static readonly string CreateSchemaVersion = Load("setup/create-schema-version");
    public static readonly string GetSchemaVersion = Load("setup/get-schema-version");
    public static readonly string RecordMigration = Load("setup/record-migration");
    public static readonly string AddLinkTypes = Load("setup/add-link-types");
    public static readonly string GetLinkTypes = Load("setup/get-link-types");

    public static readonly string IsMostOfTheGraph = Load("reads/is-most-of-the-graph");
    public static readonly string CountNodesByKind = Load("reads/count-nodes-by-kind");
    public static readonly string CountLinksByType = Load("reads/count-links-by-type");
    public static readonly string CountNodes = Load("reads/count-nodes");
    public static readonly string HasNoLinks = Load("reads/has-no-links");
    public static readonly string GetDataVersion = Load("reads/get-data-version");
    public static readonly string ScanNodeIds = Load("reads/scan-node-ids");
    public static readonly string ScanLinkCounts = Load("reads/scan-link-counts");
    public static readonly string NodeIdByRow = Load("reads/node-id-by-row");

    public static readonly string SelectNode = Load("writes/select-node");
    public static readonly string InsertNode = Load("writes/insert-node");
    public static readonly string UpdateNode = Load("writes/update-node");
    public static readonly string DeleteNode = Load("writes/delete-node");
    public static readonly string LinksAtNode = Load("writes/links-at-node");
    public static readonly string DeleteLinksAtNode = Load("writes/delete-links-at-node");
    public static readonly string SelectNodeRef = Load("writes/select-node-ref");
    public static readonly string InsertName = Load("writes/insert-name");
    public static readonly string IndexName = Load("writes/index-name");
    public static readonly string UnindexNames = Load("writes/unindex-names");
    public static readonly string DropNames = Load("writes/drop-names");
    public static readonly string SelectLink = Load("writes/select-link");
    public static readonly string InsertLink = Load("writes/insert-link");
    public static readonly string AppendLink = Load("writes/append-link");
    public static readonly string UpdateLink = Load("writes/update-link");
    public static readonly string DeleteLink = Load("writes/delete-link");
    public static readonly string AddToNodeCount = Load("writes/count-nodes");
    public static readonly string AddToLinkCount = Load("writes/count-links");
    public static readonly string BumpDataVersion = Load("writes/bump-data-version");
    public static readonly string DropBulkIndexes = Load("writes/drop-bulk-indexes");
    public static readonly string CreateLinksTo = Load("writes/create-links-to");
    public static readonly string BuildNodeIndexes = Load("writes/build-node-indexes");

    public static readonly string AppendJournalEntry = Load("journal/append-entry");
    public static readonly string AppendJournalNode = Load("journal/append-node");
    public static readonly string NewestJournalByNode = Load("journal/newest-by-node");

    /// <summary>Every statement read, by its file's name under sql/ (without the extension).</summary>
    public static IReadOnlyList<(string Name, string Sql)> All => Loaded;

    /// <summary>The names of the embedded files under sql/ (without the extension), read or not.</summary>
    public static IEnumerable<string> Embedded =>
        typeof(SqlStatements).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".sql".Length]);

    static string Load(string name)
    {
        var resource = $"{Prefix}{name}.sql";
        using var stream = typeof(SqlStatements).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"SQL statement '{resource}' is not embedded.");
        using var reader = new StreamReader(stream);
        var sql = reader.ReadToEnd();
        Loaded.Add((name, sql));
        return sql;
    }
}
