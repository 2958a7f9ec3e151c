using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// Aggregations grouped in SQL (<see cref="GroupedSql"/>): counts and link counts by GROUP BY over the selection, figures
/// from the few properties they rest on, so that no node is read whole.
/// </summary>
internal sealed class GroupedReads(SqliteConnections connections)
{
    public static bool CanGroup(AggregateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.ByList;
    }

    public Task<IReadOnlyList<GroupCount>> GroupAsync(AggregateSelection selection, CancellationToken cancellationToken) =>
        Grouped(selection, (sql, connection, transaction) =>
        {
            var command = connection.Command(
                $"{sql.With}\nSELECT {sql.KeyList("m")}count(*), sum(m.kind = 'Enterprise') FROM member m {sql.GroupBy("m")} HAVING count(*) > 0", transaction);
            sql.Parameters.ApplyTo(command);
            using var reader = command.ExecuteReader();
            var groups = new List<GroupCount>();
            while (reader.Read())
            {
                var at = sql.Keys.Count;
                groups.Add(new GroupCount(sql.ReadKey(reader), (int)reader.GetInt64(at), (int)reader.GetInt64(at + 1)));
            }
            return (IReadOnlyList<GroupCount>)groups;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountLinksAsync(AggregateSelection selection, LinkType type, Direction direction, CancellationToken cancellationToken) =>
        Grouped(selection, (sql, connection, transaction) =>
        {
            var code = sql.Parameters.Add(connections.Codes.CodeOf(type));
            string Ends(string end) =>
                $"SELECT {sql.KeyList("m")}l.from_n, l.to_n, l.key FROM member m JOIN links l ON l.{end} = m.n AND l.type = {code} WHERE {GroupedSql.InForce("m", "l")}";
            // A link read from one end belongs to that end alone; read from both, one between two nodes of a group counts once.
            var links = direction switch
            {
                Direction.Out => Ends("from_n"),
                Direction.In => Ends("to_n"),
                _ => $"{Ends("from_n")} UNION {Ends("to_n")}",
            };
            var keys = string.Concat(sql.Keys.Select(k => $"g.{k}, "));
            var command = connection.Command($"{sql.With},\nlinked AS ({links})\nSELECT {keys}count(*) FROM linked g {sql.GroupBy("g")}", transaction);
            sql.Parameters.ApplyTo(command);
            using var reader = command.ExecuteReader();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            while (reader.Read()) counts[NodeAggregation.KeyId(sql.ReadKey(reader))] = (int)reader.GetInt64(sql.Keys.Count);
            return (IReadOnlyDictionary<string, int>)counts;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, FigureSummary>> SummarizeAsync(AggregateSelection selection, string property, CancellationToken cancellationToken) =>
        Grouped(selection, (sql, connection, transaction) =>
        {
            // Only the properties the figure rests on leave the database, as one small object per node (absent ones dropped).
            var names = selection.Kinds.SelectMany(k => NodeAggregation.PropertiesOf(k, property)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var name in names)
            {
                // Names from the catalog only, but they are written into the SQL text.
                if (name.Length == 0 || !name.All(char.IsAsciiLetter)) throw new ArgumentException($"'{name}' is not a property name", nameof(property));
            }
            var subset = $"json_patch('{{}}', json_object({string.Join(", ", names.Select(n => $"'{n}', json(m.props -> '$.{n}')"))}))";
            var command = connection.Command($"{sql.With}\nSELECT {sql.KeyList("m")}m.kind, m.y, {subset} FROM member m", transaction);
            sql.Parameters.ApplyTo(command);
            using var reader = command.ExecuteReader();
            var values = new Dictionary<string, List<decimal?>>(StringComparer.Ordinal);
            var at = sql.Keys.Count;
            while (reader.Read())
            {
                var kind = RowReader.KindOf(reader.GetString(at));
                var properties = PropertyJson.Decode(reader.GetString(at + 2), GraphCatalog.Of(kind).Properties);
                var year = reader.IsDBNull(at + 1) ? (int?)null : (int)reader.GetInt64(at + 1);
                var id = NodeAggregation.KeyId(sql.ReadKey(reader));
                if (!values.TryGetValue(id, out var list)) values[id] = list = [];
                list.Add(NodeAggregation.Figure(kind, properties, year, property));
            }
            return (IReadOnlyDictionary<string, FigureSummary>)values
                .Select(v => (v.Key, Summary: FigureSummary.Of(v.Value)))
                .Where(v => v.Summary is not null)
                .ToDictionary(v => v.Key, v => v.Summary!, StringComparer.Ordinal);
        }, cancellationToken);

    /// <summary>Runs a grouped read over the selection in one snapshot.</summary>
    Task<T> Grouped<T>(AggregateSelection selection, Func<GroupedSql, ReadConnection, Microsoft.Data.Sqlite.SqliteTransaction, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!CanGroup(selection.Request)) throw new ArgumentException("the store does not group by policy list", nameof(selection));
        return connections.Read(connection =>
        {
            using var transaction = connection.Connection.BeginTransaction(deferred: true);
            // As for the lists: a selection of most of the graph is read by a scan, not through the kind index.
            var scan = NodeReads.IsMostOfTheGraph(connection, transaction, [.. selection.Kinds]);
            var result = read(new GroupedSql(selection, connections.Codes, scan), connection, transaction);
            transaction.Commit();
            return result;
        }, cancellationToken);
    }
}
