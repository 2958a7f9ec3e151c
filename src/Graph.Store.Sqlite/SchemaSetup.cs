using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using Microsoft.Data.Sqlite;
using static KnowledgeGraph.Store.Sqlite.SqlCommands;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>Brings a database to this release's schema (<see cref="Migrations"/>) and learns its link types' codes.</summary>
internal static class SchemaSetup
{
    public static async Task InitializeAsync(SqliteConnections connections, CancellationToken cancellationToken)
    {
        connections.KeepAlive();
        await connections.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = connections.Open();
            if (!connections.InMemory) Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA journal_size_limit = 67108864;");
            using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, SqlStatements.CreateSchemaVersion);
            var current = (long)Scalar(connection, transaction, SqlStatements.GetSchemaVersion)!;
            var latest = Migrations.All[^1].Version;
            if (current > latest)
            {
                throw new StoreUnavailableException($"the database has schema version {current}, newer than this release knows ({latest})");
            }
            foreach (var (version, description, sql) in Migrations.All.Where(m => m.Version > current))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Execute(connection, transaction, sql);
                Execute(connection, transaction, SqlStatements.RecordMigration,
                    ("$version", version), ("$description", description), ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            }
            // A store imported by an earlier release may hold statistics of the journal.
            JournalStatistics.Forget(connection, transaction);
            Execute(connection, transaction, SqlStatements.AddLinkTypes,
                ("$names", PropertyJson.EncodeScalars(GraphCatalog.LinkTypes.Select(t => t.Name))));
            var codes = new Dictionary<LinkType, long>();
            using (var command = Command(connection, transaction, SqlStatements.GetLinkTypes))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (GraphCatalog.FindLinkType(reader.GetString(1)) is { } info) codes[info.Type] = reader.GetInt64(0);
                }
            }
            transaction.Commit();
            connections.Codes = new LinkTypeCodes(codes);
        }
        catch (SqliteException e)
        {
            throw connections.Unavailable(e);
        }
        finally
        {
            connections.WriteLock.Release();
        }
    }
}
