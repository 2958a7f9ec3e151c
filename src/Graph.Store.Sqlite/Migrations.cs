namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// The schema, as numbered migrations applied in order and recorded in <c>schema_version</c>.
/// A migration is never edited once released: a change is a new migration.
/// </summary>
internal static class Migrations
{
    /// <summary>The migrations, by version.</summary>
    public static readonly IReadOnlyList<(int Version, string Description, string Sql)> All =
    [
        (1, "initial schema", Initial),
        (2, "journal", Journal),
        (3, "names in order", NamesInOrder),
    ];

    // Search reads the names that start with its text as a range of node_names_folded (NameIndex.PrefixEnd), with the
    // node and the name's length from the index itself: a common prefix (柳州, 广西) is thousands of names, which the
    // full-text tables would propose one row at a time. The region index also holds the name and id, the default order
    // of a list: a city's enterprises (thousands) are sorted from the index, and only the page's rows are read. A bulk
    // load builds both at the end (drop-bulk-indexes, build-node-indexes).
    const string NamesInOrder = """
        CREATE INDEX node_names_folded ON node_names (folded, n, length(text));
        DROP INDEX nodes_region;
        CREATE INDEX nodes_region ON nodes (json_extract(props, '$.region'), kind, name, id);
        """;

    // One row per committed write, keyed by the data version it produced; the entry is the domain's JSON
    // (JournalCodec), the same text in every store. journal_nodes finds the entries that touched a node (the node
    // itself or a link at it) without reading them.
    const string Journal = """
        CREATE TABLE journal (
            version INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            subject TEXT NOT NULL,
            entry TEXT NOT NULL
        );
        CREATE INDEX journal_subject ON journal (subject, version);
        CREATE TABLE journal_nodes (
            node_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (node_id, version)
        ) WITHOUT ROWID;
        """;

    // Nodes get an integer surrogate (n) so the 4M links of a country-sized graph refer to them in a few
    // bytes; ids are "Kind:key" and unique. Links are clustered by (from, type, to, key), their identity,
    // and reached backwards through links_to. Link types are coded through link_types for the same reason.
    // Names (name, English name, aliases) are rows of node_names, indexed twice: by trigrams for 3+
    // characters and by bigrams for 1-2 characters; both FTS tables are contentless, keyed by node_names.id.
    // A name row repeats its node's kind so search filters kinds before ranking without reading nodes.
    // The counts are kept by the writer, not by triggers: a trigger per row halves the bulk import rate.
    const string Initial = """
        CREATE TABLE meta (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO meta (name, value) VALUES ('data_version', 0);

        CREATE TABLE nodes (
            n INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            name_en TEXT,
            aliases TEXT,
            props TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (kind, key)
        );
        CREATE INDEX nodes_region ON nodes (json_extract(props, '$.region'), kind);

        CREATE TABLE link_types (
            code INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );

        CREATE TABLE links (
            from_n INTEGER NOT NULL REFERENCES nodes (n) ON DELETE CASCADE,
            type INTEGER NOT NULL,
            to_n INTEGER NOT NULL REFERENCES nodes (n) ON DELETE CASCADE,
            key TEXT NOT NULL,
            start_date TEXT,
            end_date TEXT,
            source TEXT,
            props TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (from_n, type, to_n, key)
        ) WITHOUT ROWID;
        CREATE INDEX links_to ON links (to_n, type);

        CREATE TABLE node_counts (
            kind TEXT PRIMARY KEY,
            count INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE link_counts (
            type INTEGER PRIMARY KEY,
            count INTEGER NOT NULL
        );

        CREATE TABLE node_names (
            id INTEGER PRIMARY KEY,
            n INTEGER NOT NULL REFERENCES nodes (n) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            folded TEXT NOT NULL
        );
        CREATE INDEX node_names_n ON node_names (n);
        CREATE VIRTUAL TABLE name_trigrams USING fts5 (
            folded, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1', detail = 'full');
        CREATE VIRTUAL TABLE name_bigrams USING fts5 (
            grams, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0', detail = 'none');
        """;
}
