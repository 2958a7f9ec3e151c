using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>Pages of the journal, in data-version order.</summary>
internal sealed class JournalReads(SqliteConnections connections)
{
    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = SqliteJournal.Select(query);
        return connections.Read<IReadOnlyList<JournalEntry>>(connection =>
        {
            using var reader = connection.Command(sql, null, parameters).ExecuteReader();
            var entries = new List<JournalEntry>();
            while (reader.Read()) entries.Add(JournalCodec.Decode(reader.GetString(0)));
            return entries;
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>> GetNewestByNodeAsync(IReadOnlyCollection<string> nodeIds, int perNode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        var ids = PropertyJson.EncodeScalars(nodeIds.Distinct(StringComparer.Ordinal));
        return connections.Read<IReadOnlyDictionary<string, IReadOnlyList<JournalEntry>>>(connection =>
        {
            using var reader = connection.Command(SqlStatements.NewestJournalByNode, null, ("$nodes", ids), ("$first", Math.Max(0, perNode))).ExecuteReader();
            var byNode = new Dictionary<string, List<JournalEntry>>(StringComparer.Ordinal);
            // An entry touching several of the nodes comes once per node: decode it once.
            var decoded = new Dictionary<long, JournalEntry>();
            while (reader.Read())
            {
                var version = reader.GetInt64(1);
                if (!decoded.TryGetValue(version, out var entry)) decoded[version] = entry = JournalCodec.Decode(reader.GetString(2));
                var nodeId = reader.GetString(0);
                if (!byNode.TryGetValue(nodeId, out var entries)) byNode[nodeId] = entries = [];
                entries.Add(entry);
            }
            return byNode.ToDictionary(n => n.Key, n => (IReadOnlyList<JournalEntry>)n.Value, StringComparer.Ordinal);
        }, cancellationToken);
    }
}
