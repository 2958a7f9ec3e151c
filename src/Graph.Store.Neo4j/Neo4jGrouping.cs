using System.Text.Json;
using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// Aggregations grouped in Cypher (cypher/queries/aggregate-groups and aggregate-links): counts and link counts per group
/// come back from the server; for a figure, each member's typed properties, read here as the service reads them.
/// </summary>
internal sealed class Neo4jGrouping(Neo4jConnection connection)
{
    public static bool CanGroup(AggregateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.ByList;
    }

    public async Task<IReadOnlyList<GroupCount>> GroupAsync(AggregateSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var rows = await GroupRowsAsync(selection, figures: false, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new GroupCount(Key(selection.Request, r[0]), r[1].GetInt32(), r[2].GetInt32()))];
    }

    public async Task<IReadOnlyDictionary<string, FigureSummary>> SummarizeAsync(AggregateSelection selection, string property, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(property);
        var summaries = new Dictionary<string, FigureSummary>(StringComparer.Ordinal);
        foreach (var row in await GroupRowsAsync(selection, figures: true, cancellationToken).ConfigureAwait(false))
        {
            var values = row[3].EnumerateArray().Select(member => NodeAggregation.Figure(
                Enum.Parse<NodeKind>(member[1].GetString()!), Neo4jValues.ParseProps(member[2]),
                member[0].ValueKind == JsonValueKind.Null ? null : member[0].GetInt32(), property));
            if (FigureSummary.Of(values) is { } summary) summaries[NodeAggregation.KeyId(Key(selection.Request, row[0]))] = summary;
        }
        return summaries;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountLinksAsync(AggregateSelection selection, LinkType type, Direction direction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var name = CypherStatements.RelationshipType(type);
        var link = direction switch
        {
            Direction.Out => $"-[r:`{name}`]->",
            Direction.In => $"<-[r:`{name}`]-",
            _ => $"-[r:`{name}`]-",
        };
        var (statement, parameters) = Grouped("queries/aggregate-links", selection, figures: false);
        var rows = await connection.ReadAsync(statement.Replace("$$LINK$$", link, StringComparison.Ordinal), parameters, cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => NodeAggregation.KeyId(Key(selection.Request, r[0])), r => r[1].GetInt32(), StringComparer.Ordinal);
    }

    Task<IReadOnlyList<JsonElement>> GroupRowsAsync(AggregateSelection selection, bool figures, CancellationToken cancellationToken)
    {
        var (statement, parameters) = Grouped("queries/aggregate-groups", selection, figures);
        return connection.ReadAsync(statement, parameters, cancellationToken);
    }

    /// <summary>A grouped statement over the selection, with its parameters: the dimensions, years, region level and field map.</summary>
    static (string Statement, Dictionary<string, object?> Parameters) Grouped(string path, AggregateSelection selection, bool figures)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var request = selection.Request;
        if (!CanGroup(request)) throw new ArgumentException("the store does not group by policy list", nameof(selection));
        var kinds = selection.Kinds.Count == 0 ? Enum.GetValues<NodeKind>() : selection.Kinds;
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var where = new Neo4jFilters(kinds, parameters) { FigureYear = selection.Request.Year }.Where(selection.Filter);
        var fieldLevel = request.GroupBy.FirstOrDefault(g => g.Dimension == GroupDimension.Field)?.FieldLevel ?? 1;
        parameters["kinds"] = kinds.Select(k => k.ToString()).ToArray();
        parameters["dims"] = request.GroupBy.Select(g => g.Dimension.ToString()).ToArray();
        parameters["years"] = request.Years.ToArray();
        parameters["regionLevel"] = (request.GroupBy.FirstOrDefault(g => g.Dimension == GroupDimension.Region)?.RegionLevel ?? RegionLevel.Province).ToString();
        parameters["fieldMap"] = TechnologyFields.All.Select(f => (f.Code, At: NodeAggregation.FieldAt(f.Code, fieldLevel)))
            .Where(f => f.At is not null).ToDictionary(f => f.Code, f => (object?)f.At, StringComparer.Ordinal);
        parameters["figures"] = figures;
        var label = kinds.Count == 1 ? CypherStatements.Label(kinds.First()) : "Node";
        var statement = CypherStatements.Get(path).Replace("$$LABEL$$", label, StringComparison.Ordinal).Replace("$$FILTER$$", where, StringComparison.Ordinal);
        return (statement, parameters);
    }

    static IReadOnlyList<GroupValue> Key(AggregateRequest request, JsonElement key) =>
        [.. request.GroupBy.Select((g, i) => new GroupValue(g.Dimension, key[i].ValueKind == JsonValueKind.Null ? null : key[i].ToString()))];
}
