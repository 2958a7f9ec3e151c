using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// A statement prepared on a connection's SQLite handle and run through SQLitePCL's own API: values are bound by
/// position without boxing or parameter objects, for the millions of rows of a bulk load. It runs in whatever
/// transaction the connection is in.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    readonly sqlite3 _db;
    readonly sqlite3_stmt _statement;

    /// <summary>Prepares one statement of <paramref name="sql"/> on the handle.</summary>
    public RawStatement(sqlite3 db, string sql)
    {
        _db = db;
        var result = raw.sqlite3_prepare_v2(db, sql, out _statement);
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, db);
    }

    /// <summary>Binds an integer to the parameter at <paramref name="index"/> (from 1).</summary>
    public RawStatement Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds a text, or NULL for null, to the parameter at <paramref name="index"/> (from 1).</summary>
    public RawStatement Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    /// <summary>Runs the statement, which gives no rows, and makes it ready for the next values.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(result, _db);
    }

    RawStatement Check(int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, _db);
        return this;
    }

    public void Dispose() => _statement.Dispose();
}
