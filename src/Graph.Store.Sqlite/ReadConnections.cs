using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// A connection kept open for reads, with the commands prepared on it kept by their SQL text. Microsoft.Data.Sqlite
/// prepares the SQL of every new command again and disposes a connection's commands when it closes, so a read that
/// opens a pooled connection and creates its command pays for parsing and planning the SQL each time.
/// Used by one read at a time.
/// </summary>
internal sealed class ReadConnection : IDisposable
{
    /// <summary>Enough for every read path's SQL shapes; filters of many shapes push out the least recently used.</summary>
    const int MaxCommands = 64;

    readonly Dictionary<string, LinkedListNode<SqliteCommand>> _commands = new(StringComparer.Ordinal);
    readonly LinkedList<SqliteCommand> _recentFirst = new();

    public ReadConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>
    /// The command of this SQL on this connection, prepared on its first run and kept, in the transaction given
    /// (or none), with these parameters bound. It belongs to the connection: do not dispose it.
    /// </summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        if (_commands.TryGetValue(sql, out var entry))
        {
            _recentFirst.Remove(entry);
            _recentFirst.AddFirst(entry);
        }
        else
        {
            if (_commands.Count == MaxCommands)
            {
                var oldest = _recentFirst.Last!;
                _recentFirst.RemoveLast();
                _commands.Remove(oldest.Value.CommandText);
                oldest.Value.Dispose();
            }
            var created = Connection.CreateCommand();
            created.CommandText = sql;
            entry = _recentFirst.AddFirst(created);
            _commands[sql] = entry;
        }
        var command = entry.Value;
        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _recentFirst) command.Dispose();
        _recentFirst.Clear();
        _commands.Clear();
        Connection.Dispose();
    }
}

/// <summary>
/// The store's idle read connections, the most recently used handed out first so that their statements and pages
/// stay warm. A connection is rented by one read at a time; beyond <c>maxIdle</c> a returned one is closed.
/// </summary>
internal sealed class ReadConnectionPool(Func<SqliteConnection> open, int maxIdle) : IDisposable
{
    readonly Stack<ReadConnection> _idle = new();
    readonly Lock _lock = new();
    bool _disposed;

    /// <summary>An idle connection, or a newly opened one.</summary>
    public ReadConnection Rent()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle)) return idle;
        }
        return new ReadConnection(open());
    }

    /// <summary>Takes back a connection whose read ended normally (no transaction left open).</summary>
    public void Return(ReadConnection connection)
    {
        lock (_lock)
        {
            if (!_disposed && _idle.Count < maxIdle)
            {
                _idle.Push(connection);
                return;
            }
        }
        connection.Dispose();
    }

    /// <summary>Closes the idle connections; the rented ones come back as usual.</summary>
    public void CloseIdle()
    {
        lock (_lock)
        {
            while (_idle.TryPop(out var idle)) idle.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            while (_idle.TryPop(out var idle)) idle.Dispose();
        }
    }
}
