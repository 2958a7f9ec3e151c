using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>A link's row: inserted when it is new, its content replaced when it differs, timestamped with <c>now</c>.</summary>
internal sealed class LinkRows(WriteStatements statements, long now)
{
    /// <summary>
    /// Writes the link's row. <paramref name="insertFirst"/> tries the insert before looking (the bulk path, which does
    /// not give the row back); otherwise the row is read first, for its timestamps. Gives the change and the row's
    /// creation and update times (Unix milliseconds).
    /// </summary>
    public (Change Change, long CreatedAt, long UpdatedAt) Write(
        long from, long type, long to, string key, object start, object end, object source, object props, bool insertFirst)
    {
        Change change;
        long createdAt = now, updatedAt = now;
        if (insertFirst)
        {
            // The bulk path: try to insert; a conflict means it exists, and the update only hits when content differs.
            change = WriteStatements.Bind(statements.Statement(SqlStatements.InsertLink, "$from", "$type", "$to", "$key", "$start", "$end", "$source", "$props", "$now"),
                    from, type, to, key, start, end, source, props, now).ExecuteNonQuery() == 1
                ? Change.Created
                : WriteStatements.Bind(statements.Statement(SqlStatements.UpdateLink, "$start", "$end", "$source", "$props", "$now", "$from", "$type", "$to", "$key"),
                    start, end, source, props, now, from, type, to, key).ExecuteNonQuery() == 1
                    ? Change.Updated
                    : Change.Unchanged;
        }
        else
        {
            using var reader = WriteStatements.Bind(statements.Statement(SqlStatements.SelectLink, "$from", "$type", "$to", "$key"), from, type, to, key).ExecuteReader();
            if (!reader.Read())
            {
                reader.Close();
                WriteStatements.Bind(statements.Statement(SqlStatements.InsertLink, "$from", "$type", "$to", "$key", "$start", "$end", "$source", "$props", "$now"),
                    from, type, to, key, start, end, source, props, now).ExecuteNonQuery();
                change = Change.Created;
            }
            else
            {
                var same = Equals(reader.GetValue(0), start) && Equals(reader.GetValue(1), end)
                    && Equals(reader.GetValue(2), source) && Equals(reader.GetValue(3), props);
                createdAt = reader.GetInt64(4);
                updatedAt = same ? reader.GetInt64(5) : now;
                reader.Close();
                if (!same)
                {
                    WriteStatements.Bind(statements.Statement(SqlStatements.UpdateLink, "$start", "$end", "$source", "$props", "$now", "$from", "$type", "$to", "$key"),
                        start, end, source, props, now, from, type, to, key).ExecuteNonQuery();
                }
                change = same ? Change.Unchanged : Change.Updated;
            }
        }
        return (change, createdAt, updatedAt);
    }
}
