using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>What the store holds: the counts of nodes by kind and links by type, and the data version.</summary>
internal sealed class CountReads(SqliteConnections connections)
{
    public Task<GraphCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        return connections.Read(connection =>
        {
            var codes = connections.Codes;
            using var transaction = connection.Connection.BeginTransaction(deferred: true);
            var nodes = Enum.GetValues<NodeKind>().ToDictionary(k => k, _ => 0L);
            var links = Enum.GetValues<LinkType>().ToDictionary(t => t, _ => 0L);
            using (var reader = connection.Command(SqlStatements.CountNodesByKind, transaction).ExecuteReader())
            {
                while (reader.Read())
                {
                    if (GraphCatalog.FindNodeKind(reader.GetString(0)) is { } kind) nodes[kind] = reader.GetInt64(1);
                }
            }
            using (var reader = connection.Command(SqlStatements.CountLinksByType, transaction).ExecuteReader())
            {
                while (reader.Read()) links[codes.TypeOf(reader.GetInt64(0))] = reader.GetInt64(1);
            }
            transaction.Commit();
            return new GraphCounts(nodes, links);
        }, cancellationToken);
    }

    public Task<long> GetDataVersionAsync(CancellationToken cancellationToken = default) =>
        connections.Read(connection => (long)connection.Command(SqlStatements.GetDataVersion, null).ExecuteScalar()!, cancellationToken);
}
