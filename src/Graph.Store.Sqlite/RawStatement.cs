using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// A statement prepared on a connection's SQLite handle and run through SQLitePCL's own API: values are bound by
/// position without boxing or parameter objects, for the millions of rows of a bulk load. It runs in whatever
/// transaction the connection is in, and waits for a locked table as the connection's commands do.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    readonly sqlite3 _db;
    readonly sqlite3_stmt _statement;
    readonly TimeSpan _timeout;
    // Texts are encoded into this buffer and copied by SQLite when bound: no array per value.
    byte[] _text = new byte[256];
    static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>Prepares one statement of <paramref name="sql"/> on the connection.</summary>
    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        _timeout = TimeSpan.FromSeconds(connection.DefaultTimeout);
        var result = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, _db);
    }

    /// <summary>Binds an integer to the parameter at <paramref name="index"/> (from 1).</summary>
    public RawStatement Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds a text, or NULL for null, to the parameter at <paramref name="index"/> (from 1).</summary>
    public RawStatement Bind(int index, string? value)
    {
        if (value is null) return Check(raw.sqlite3_bind_null(_statement, index));
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_text.Length < most) _text = new byte[Math.Max(most, _text.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, _text);
        return Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length)));
    }

    /// <summary>Binds a date as stored (<c>yyyy-MM-dd</c>), or NULL for null, to the parameter at <paramref name="index"/> (from 1).</summary>
    public RawStatement Bind(int index, DateOnly? value)
    {
        if (value is not { } date) return Check(raw.sqlite3_bind_null(_statement, index));
        // The digits written directly: the general formatter parses its pattern on every call.
        Span<byte> text = stackalloc byte[10];
        var (year, month, day) = date;
        for (var (i, rest) = (3, year); i >= 0; i--, rest /= 10) text[i] = (byte)('0' + rest % 10);
        text[4] = text[7] = (byte)'-';
        text[5] = (byte)('0' + month / 10);
        text[6] = (byte)('0' + month % 10);
        text[8] = (byte)('0' + day / 10);
        text[9] = (byte)('0' + day % 10);
        return Check(raw.sqlite3_bind_text(_statement, index, text));
    }

    /// <summary>Runs the statement, which gives no rows, and makes it ready for the next values.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(_statement);
        // A table of a shared in-memory database locked by a reader: retried until the timeout, as Microsoft.Data.Sqlite does.
        var waited = IsLocked(result) ? System.Diagnostics.Stopwatch.StartNew() : null;
        while (IsLocked(result) && waited!.Elapsed < _timeout)
        {
            raw.sqlite3_reset(_statement);
            Thread.Sleep(LockRetryDelay);
            result = raw.sqlite3_step(_statement);
        }
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(result, _db);
    }

    static bool IsLocked(int result) => result is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_LOCKED_SHAREDCACHE;

    /// <summary>Runs an insert of one row: the row's rowid, or null when it inserted nothing (a conflict it ignores).</summary>
    public long? Insert()
    {
        Run();
        return raw.sqlite3_changes(_db) == 1 ? raw.sqlite3_last_insert_rowid(_db) : null;
    }

    RawStatement Check(int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, _db);
        return this;
    }

    public void Dispose() => _statement.Dispose();
}
