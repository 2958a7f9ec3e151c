using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// The commands of one write transaction, each prepared once and reused with new values: what makes a bulk import fast.
/// </summary>
internal sealed class WriteStatements(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    // Keyed by the statement's reference: hashing the SQL text on every call cost more than running some statements.
    readonly Dictionary<string, SqliteCommand> _statements = new(ReferenceEqualityComparer.Instance);

    public void Run(string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public SqliteCommand Statement(string sql, params string[] parameterNames)
    {
        if (_statements.TryGetValue(sql, out var command)) return command;
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameterNames) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        _statements[sql] = command;
        return command;
    }

    public static SqliteCommand Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _statements.Values) command.Dispose();
        _statements.Clear();
    }
}
