using System.Globalization;
using System.Text.Json;
using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// An aggregation's selection as SQL: a <c>member</c> table with one row per node, year and group it falls in — the node
/// (<c>n</c>), its kind, the key values <c>k0</c>…, and the year whose 31 December links are taken on (<c>y</c>, null for
/// every link). The key values are those <see cref="NodeAggregation"/> gives: region codes cut to the level by the GB/T
/// 2260 prefix, fields mapped to the level of the field tree (a node in two of them in both groups), the year, kind, status.
/// </summary>
internal sealed class GroupedSql
{
    /// <summary>The values the statement binds.</summary>
    public SqlParameters Parameters { get; } = new();

    /// <summary>The key columns of <c>member</c>, in the order of the group-by keys.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The <c>WITH</c> clause that defines <c>member</c>.</summary>
    public string With { get; }

    /// <summary>The dimensions of the keys, in order.</summary>
    readonly IReadOnlyList<GroupDimension> _dimensions;

    public GroupedSql(AggregateSelection selection, LinkTypeCodes codes, bool scanKinds)
    {
        var request = selection.Request;
        var kinds = selection.Kinds.Distinct().ToList();
        var filter = new NodeFilterSql(kinds, codes, Parameters) { FigureYear = request.Year };
        var conditions = new List<string>();
        if (kinds.Count > 0)
            conditions.Add($"{(scanKinds ? "+" : "")}n.kind IN ({string.Join(", ", kinds.Select(k => Parameters.Add(k.ToString())))})");
        if (selection.Filter is not null) conditions.Add(filter.Where(selection.Filter));
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        // A region node is grouped by its own code, a field node by its own field.
        var ctes = new List<string>
        {
            $"sel AS (SELECT n.n, n.kind, n.props, CASE WHEN n.kind = 'Region' THEN n.key ELSE json_extract(n.props, '$.region') END AS region, "
                + $"CASE WHEN n.kind = 'Field' THEN json_array(n.key) ELSE json_extract(n.props, '$.fields') END AS fields FROM nodes n {where})",
        };
        var from = new List<string> { "sel s" };
        string year;
        if (request.GroupBy.Any(g => g.Dimension == GroupDimension.Year))
        {
            ctes.Add($"years (y) AS (SELECT value FROM json_each({Parameters.Add(JsonSerializer.Serialize(request.Years))}))");
            from.Add("CROSS JOIN years");
            year = "years.y";
        }
        else
        {
            year = request.Year is { } y ? Parameters.Add((long)y) : "NULL";
        }
        var keys = new List<string>();
        foreach (var key in request.GroupBy)
        {
            keys.Add(key.Dimension switch
            {
                GroupDimension.Region => Region(key.RegionLevel),
                GroupDimension.Field => Field(key.FieldLevel, ctes, from),
                GroupDimension.Year => $"CAST({year} AS TEXT)",
                GroupDimension.Kind => "s.kind",
                GroupDimension.Status => "CASE WHEN json_type(s.props, '$.status') = 'text' THEN json_extract(s.props, '$.status') END",
                _ => throw new ArgumentOutOfRangeException(nameof(selection), key.Dimension, "the store does not group by this"),
            });
        }
        Keys = [.. keys.Select((_, i) => "k" + i.ToString(CultureInfo.InvariantCulture))];
        _dimensions = [.. request.GroupBy.Select(g => g.Dimension)];
        var columns = string.Concat(keys.Select((k, i) => $", {k} AS {Keys[i]}"));
        ctes.Add($"member AS (SELECT s.n, s.kind, s.props{columns}, {year} AS y FROM {string.Join(" ", from)})");
        With = "WITH " + string.Join(",\n", ctes);
    }

    /// <summary>The key columns as a select list (with a trailing comma) and as GROUP BY terms; empty without keys.</summary>
    public string KeyList(string alias) => string.Concat(Keys.Select(k => $"{alias}.{k}, "));

    /// <summary>The GROUP BY clause over the keys, or nothing without keys.</summary>
    public string GroupBy(string alias) => Keys.Count == 0 ? "" : "GROUP BY " + string.Join(", ", Keys.Select(k => $"{alias}.{k}"));

    /// <summary>The group key of a row whose first columns are the key columns.</summary>
    public IReadOnlyList<GroupValue> ReadKey(Microsoft.Data.Sqlite.SqliteDataReader reader) =>
        [.. _dimensions.Select((d, i) => new GroupValue(d, reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)))];

    /// <summary>Whether a link of alias <paramref name="l"/> was in force on 31 December of the member's year (always without one).</summary>
    public static string InForce(string m, string l) =>
        $"({m}.y IS NULL OR (({l}.start_date IS NULL OR {l}.start_date <= {m}.y || '-12-31') AND ({l}.end_date IS NULL OR {l}.end_date >= {m}.y || '-12-31')))";

    // RegionAt: a six-digit division code (not 00….), cut to its province, city or county; null above that level.
    static string Region(RegionLevel level)
    {
        const string code = "s.region";
        var valid = $"typeof({code}) = 'text' AND {code} GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]' AND substr({code}, 1, 2) <> '00'";
        var cut = level switch
        {
            RegionLevel.Province => $"substr({code}, 1, 2) || '0000'",
            RegionLevel.City => $"CASE WHEN substr({code}, 3, 2) <> '00' THEN substr({code}, 1, 4) || '00' END",
            _ => $"CASE WHEN substr({code}, 5, 2) <> '00' THEN {code} END",
        };
        return $"CASE WHEN {valid} THEN {cut} END";
    }

    // FieldAt for every field of the tree, as a table the node's fields join; a node with none at the level is in the null group.
    string Field(int level, List<string> ctes, List<string> from)
    {
        var map = TechnologyFields.All.Select(f => (f.Code, At: NodeAggregation.FieldAt(f.Code, level)))
            .Where(f => f.At is not null).ToDictionary(f => f.Code, f => f.At, StringComparer.Ordinal);
        ctes.Add($"field_map (code, at) AS MATERIALIZED (SELECT key, value FROM json_each({Parameters.Add(JsonSerializer.Serialize(map))}))");
        ctes.Add("node_fields (n, at) AS MATERIALIZED (SELECT DISTINCT s.n, m.at FROM sel s, json_each(s.fields) e JOIN field_map m ON m.code = e.value WHERE json_type(s.fields) = 'array')");
        from.Add("LEFT JOIN node_fields nf ON nf.n = s.n");
        return "nf.at";
    }
}
