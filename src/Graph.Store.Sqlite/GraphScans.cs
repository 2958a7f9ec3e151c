using System.Globalization;
using System.Runtime.CompilerServices;
using KnowledgeGraph.Domain.Model;
using Microsoft.Data.Sqlite;
using static KnowledgeGraph.Store.Sqlite.SqlCommands;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>The scans of every node and every link, in id order, that views are built from.</summary>
internal sealed class GraphScans(SqliteConnections connections)
{
    public async IAsyncEnumerable<Node> ScanNodesAsync(NodeKind? kind, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = connections.Codes;
        using var connection = connections.OpenOrThrow();
        using var unmapped = Unmapped(connection);
        using var command = kind is { } only
            ? Command(connection, null, $"SELECT {RowReader.NodeColumns} FROM nodes n WHERE n.kind = $kind ORDER BY n.kind, n.key", ("$kind", only.ToString()))
            : Command(connection, null, $"SELECT {RowReader.NodeColumns} FROM nodes n ORDER BY n.id");
        using var reader = ExecuteReaderOrThrow(command);
        while (ReadOrThrow(reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return RowReader.ReadNode(reader);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<Link> ScanLinksAsync(LinkType? type, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var codes = connections.Codes;
        var types = type is { } only ? [GraphCatalog.Of(only)] : GraphCatalog.LinkTypes.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        using var connection = connections.OpenOrThrow();
        using var unmapped = Unmapped(connection);
        foreach (var info in types)
        {
            // Sorted on the id text itself: (from, to, key) order differs from it when one node id is a prefix of another.
            using var command = Command(connection, null,
                $"SELECT {RowReader.LinkColumns} FROM {RowReader.LinkJoins} WHERE l.type = $type ORDER BY f.id || '|' || t.id || CASE WHEN l.key = '' THEN '' ELSE '|' || l.key END",
                ("$type", codes.CodeOf(info.Type)));
            using var reader = ExecuteReaderOrThrow(command);
            while (ReadOrThrow(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return RowReader.ReadLink(reader, codes);
            }
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    // A scan reads the whole table once (a view's build): through the connection's own bounded cache, not mapped into
    // the process, where every page it read would stay resident — counted in the service's memory — until the system
    // needs the memory back. The connection maps the file again when it goes back to the pool.
    MmapPause Unmapped(SqliteConnection connection)
    {
        if (connections.InMemory || connections.Options.MmapSizeBytes == connections.Options.ScanMmapSizeBytes) return default;
        Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {connections.Options.ScanMmapSizeBytes}"));
        return new MmapPause(connection, connections.Options.MmapSizeBytes);
    }

    readonly struct MmapPause(SqliteConnection? connection, long mmapSizeBytes) : IDisposable
    {
        public void Dispose()
        {
            if (connection is { State: System.Data.ConnectionState.Open })
                Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {mmapSizeBytes}"));
        }
    }

    SqliteDataReader ExecuteReaderOrThrow(SqliteCommand command)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (SqliteException e)
        {
            throw connections.Unavailable(e);
        }
    }

    bool ReadOrThrow(SqliteDataReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (SqliteException e)
        {
            throw connections.Unavailable(e);
        }
    }
}
