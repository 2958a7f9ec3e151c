using KnowledgeGraph.Domain.Model;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// A node's names as rows of node_names, and their entries in the full-text tables (<see cref="NameIndex"/>) when those
/// are kept up row by row rather than built at the end of a bulk load.
/// </summary>
internal sealed class NameRows(SqliteConnection connection, WriteStatements statements) : IDisposable
{
    // Run for every name, bound by position through SQLitePCL.
    RawStatement? _insertName;

    public void Add(long n, NodeKind kind, (string Text, string Folded)[] names, bool indexed)
    {
        foreach (var (text, folded) in names)
        {
            // Parameters by position: $n, $kind, $text, $folded.
            _insertName ??= new RawStatement(connection, SqlStatements.InsertName);
            var nameId = _insertName.Bind(1, n).Bind(2, kind.ToString()).Bind(3, text).Bind(4, folded).Insert()!.Value;
            if (indexed)
            {
                WriteStatements.Bind(statements.Statement(SqlStatements.IndexName, "$id", "$folded", "$grams"), nameId, folded, NameIndex.Grams(folded)).ExecuteNonQuery();
            }
        }
    }

    public void Remove(long n, bool indexed) => WriteStatements.Bind(statements.Statement(indexed ? SqlStatements.UnindexNames : SqlStatements.DropNames, "$n"), n).ExecuteNonQuery();

    public void Dispose() => _insertName?.Dispose();
}
