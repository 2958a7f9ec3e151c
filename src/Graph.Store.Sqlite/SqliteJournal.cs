using KnowledgeGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>The journal's rows: appended in the write's transaction, read in data-version order.</summary>
internal static class SqliteJournal
{
    /// <summary>Appends the entry and the nodes it touched.</summary>
    public static void Append(SqliteConnection connection, SqliteTransaction transaction, JournalEntry entry)
    {
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SqlStatements.AppendJournalEntry;
            command.Parameters.AddWithValue("$version", entry.DataVersion);
            command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$subject", entry.Actor.Subject);
            command.Parameters.AddWithValue("$entry", JournalCodec.Encode(entry));
            command.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = SqlStatements.AppendJournalNode;
        var node = insert.Parameters.Add("$node", SqliteType.Text);
        insert.Parameters.AddWithValue("$version", entry.DataVersion);
        foreach (var id in entry.NodeIds())
        {
            node.Value = id;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The SQL and parameters of a journal page.</summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) Select(JournalQuery query)
    {
        var conditions = new List<string> { "j.version > $after" };
        var parameters = new List<(string, object?)> { ("$after", query.After), ("$first", Math.Max(0, query.First)) };
        var from = "journal j";
        if (query.NodeId is { } nodeId)
        {
            from = "journal_nodes jn JOIN journal j ON j.version = jn.version";
            conditions.Add("jn.node_id = $node");
            parameters.Add(("$node", nodeId));
        }
        if (query.Subject is { } subject)
        {
            // Without a node, one subject's entries are found through its index: left to choose, SQLite walks the whole
            // journal newest first for the order, which for a subject that wrote long ago (the import) is every row.
            if (query.NodeId is null) from = "journal j INDEXED BY journal_subject";
            conditions.Add("j.subject = $subject");
            parameters.Add(("$subject", subject));
        }
        return ($"SELECT j.entry FROM {from} WHERE {string.Join(" AND ", conditions)} ORDER BY j.version{(query.NewestFirst ? " DESC" : "")} LIMIT $first", [.. parameters]);
    }
}
