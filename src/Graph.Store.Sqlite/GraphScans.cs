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
        using var unmapped = connections.Unmapped(connection);
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
        using var unmapped = connections.Unmapped(connection);
        // One read transaction on a file: the ids and every batch of links come from the same state of the store, so a
        // write that commits meanwhile is in the scan whole or not at all. (An in-memory store shares one cache, where
        // a long read would hold writers off: there each statement reads its own state, and an end written after the
        // ids were read is looked up on its own.)
        using var snapshot = connections.InMemory ? null : BeginOrThrow(connection);
        // Links hold their ends as node row numbers. Joined to the nodes table, each end reads a nodes page from anywhere
        // in the file, and a sort in SQL of the joined id text comes on top: the ids are read once instead and the
        // links read in the table's own order, then sorted in memory.
        var ids = NodeIdsOf(connection, snapshot, cancellationToken);
        var counts = ReadLinkCounts(connection, snapshot);
        foreach (var batch in Batches(types, t => counts.GetValueOrDefault(codes.CodeOf(t.Type))))
        {
            var read = ReadLinks(connection, snapshot, batch.Select(t => codes.CodeOf(t.Type)).ToList(), counts, ids, cancellationToken);
            foreach (var info in batch)
            {
                if (!read.Remove(codes.CodeOf(info.Type), out var links)) continue;
                links.Sort(ScannedLink.CompareIds);
                foreach (var link in links)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return link.ToLink(info.Type);
                }
            }
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    // Each read of links goes through the whole table (its order is by from-node, not by type): neighbouring types are
    // read together while they hold no more links than the largest type, which bounds the links held at once.
    static List<List<LinkTypeInfo>> Batches(List<LinkTypeInfo> types, Func<LinkTypeInfo, long> count)
    {
        var limit = types.Count == 0 ? 0 : types.Max(count);
        var batches = new List<List<LinkTypeInfo>>();
        long held = 0;
        foreach (var info in types)
        {
            if (batches.Count == 0 || held + count(info) > limit)
            {
                batches.Add([]);
                held = 0;
            }
            batches[^1].Add(info);
            held += count(info);
        }
        return batches;
    }

    // A view's build scans one link type after another, and each scan needs every node's id (770 k on a country-sized
    // store, about 80 MB): the ids of the last scan are used again while the store is at the same data version and the
    // collector has not taken them, instead of being read and dropped a dozen times over.
    NodeIds NodeIdsOf(SqliteConnection connection, SqliteTransaction? snapshot, CancellationToken cancellationToken)
    {
        var version = snapshot is null ? -1 : (long)Scalar(connection, snapshot, SqlStatements.GetDataVersion)!;
        if (snapshot is not null && _lastIds?.TryGetTarget(out var last) == true && last.DataVersion == version) return last;
        using var command = Command(connection, snapshot, SqlStatements.ScanNodeIds);
        using var reader = ExecuteReaderOrThrow(command);
        var ids = new Dictionary<long, string>();
        while (ReadOrThrow(reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ids.Add(reader.GetInt64(0), reader.GetString(1));
        }
        var read = new NodeIds(version, ids);
        if (snapshot is not null) _lastIds = new WeakReference<NodeIds>(read);
        return read;
    }

    WeakReference<NodeIds>? _lastIds;

    SqliteTransaction BeginOrThrow(SqliteConnection connection)
    {
        try
        {
            return connection.BeginTransaction(deferred: true);
        }
        catch (SqliteException e)
        {
            throw connections.Unavailable(e);
        }
    }

    Dictionary<long, long> ReadLinkCounts(SqliteConnection connection, SqliteTransaction? snapshot)
    {
        using var command = Command(connection, snapshot, SqlStatements.ScanLinkCounts);
        using var reader = ExecuteReaderOrThrow(command);
        var counts = new Dictionary<long, long>();
        while (ReadOrThrow(reader)) counts[reader.GetInt64(0)] = reader.GetInt64(1);
        return counts;
    }

    // A scan of the table: by the index on (to_n, type) the planner would fetch each row out of the table's order, and
    // NOT INDEXED alone does not stop it for one type; "+type" keeps the term off every index.
    Dictionary<long, List<ScannedLink>> ReadLinks(SqliteConnection connection, SqliteTransaction? snapshot, List<long> typeCodes, Dictionary<long, long> counts, NodeIds ids, CancellationToken cancellationToken)
    {
        using var command = Command(connection, snapshot,
            string.Create(CultureInfo.InvariantCulture, $"SELECT {ScannedLink.Columns} FROM links NOT INDEXED WHERE +type IN ({string.Join(", ", typeCodes)})"));
        using var reader = ExecuteReaderOrThrow(command);
        // Sized by the stored counts: grown by doubling, a list of a million links leaves its smaller copies behind.
        var links = typeCodes.ToDictionary(c => c, c => new List<ScannedLink>((int)Math.Min(counts.GetValueOrDefault(c), Array.MaxLength)));
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        while (ReadOrThrow(reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            links[reader.GetInt64(0)].Add(ScannedLink.Read(reader, IdOf, sources));
        }
        return links;

        string IdOf(long n) => ids.Ids.TryGetValue(n, out var id) ? id : ReadNodeId(connection, snapshot, n);
    }

    // A node written after the scan read the ids (an in-memory store only: a file is read in one transaction).
    static string ReadNodeId(SqliteConnection connection, SqliteTransaction? snapshot, long n) =>
        Scalar(connection, snapshot, SqlStatements.NodeIdByRow, ("$n", n)) as string
            ?? throw new InvalidOperationException($"A link read by the scan names node row {n}, which is gone.");

    /// <summary>Every node's id by its row number, at a data version (-1: read outside a transaction, not kept).</summary>
    sealed record NodeIds(long DataVersion, Dictionary<long, string> Ids);

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
