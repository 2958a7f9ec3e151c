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
}
