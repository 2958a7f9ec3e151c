using System.Globalization;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>Values bound to a statement; the SQL text only ever names them.</summary>
internal sealed class SqlParameters
{
    readonly List<(string Name, object Value)> _values = [];

    /// <summary>Binds a value and gives the name to write in the SQL.</summary>
    public string Add(object value)
    {
        var name = "@p" + _values.Count.ToString(CultureInfo.InvariantCulture);
        _values.Add((name, value));
        return name;
    }

    /// <summary>Binds every value to the command.</summary>
    public void ApplyTo(SqliteCommand command)
    {
        foreach (var (name, value) in _values) command.Parameters.AddWithValue(name, value);
    }
}

/// <summary>
/// Translates <see cref="NodeFilter"/> and <see cref="SortField"/> into SQL over <c>nodes n</c>. The filter is
/// checked and normalised by <see cref="NodeFilterValidator"/> first; only names taken from the catalog reach
/// the SQL text, every value is a parameter. SQL's NULL is folded to false under NOT,
/// so a comparison with an absent property behaves as the port says. Link conditions are EXISTS subqueries
/// over the links table's two indexes (from, type) and (to, type), with a nested translator for the other end.
/// </summary>
internal sealed class NodeFilterSql
{
    readonly IReadOnlyCollection<NodeKind> _kinds;
    readonly LinkTypeCodes _codes;
    readonly SqlParameters _parameters;
    readonly string _node;
    readonly Aliases _aliases;

    /// <summary>A translator over <c>nodes n</c> of these kinds (all kinds when empty).</summary>
    public NodeFilterSql(IReadOnlyCollection<NodeKind> kinds, LinkTypeCodes codes, SqlParameters parameters)
        : this(kinds, codes, parameters, "n", new Aliases())
    {
    }

    NodeFilterSql(IReadOnlyCollection<NodeKind> kinds, LinkTypeCodes codes, SqlParameters parameters, string node, Aliases aliases)
    {
        _kinds = kinds.Count == 0 ? Enum.GetValues<NodeKind>() : kinds;
        _codes = codes;
        _parameters = parameters;
        _node = node;
        _aliases = aliases;
    }

    /// <summary>
    /// The year whose figures an enterprise's year-dependent properties are read from (<see cref="YearFigureFunction"/>),
    /// here and at the other end of link conditions; the stored columns (the latest year) when null.
    /// </summary>
    public int? FigureYear { get; init; }

    /// <summary>Table aliases unique within one statement, shared by the nested translators.</summary>
    sealed class Aliases
    {
        int _count;

        public string Next(string prefix) => prefix + (++_count).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A property as SQL: a scalar expression, or for a list the arguments of <c>json_each</c>.</summary>
    sealed record Target(FilterProperty Property, string? Scalar, string? Each, string? First)
    {
        public bool IsList => Each is not null;
    }

    /// <summary>The condition that selects the nodes the filter holds for.</summary>
    public string Where(NodeFilter filter) => Translate(NodeFilterValidator.Check(filter, _kinds), Resolve);

    /// <summary>A checked filter over one subject, a node or a link, whose properties <paramref name="resolve"/> finds.</summary>
    string Translate(NodeFilter filter, Func<string, Target> resolve) => filter switch
    {
        NodeFilter.AllOf all => all.Filters.Count == 0 ? "1" : "(" + string.Join(" AND ", all.Filters.Select(f => Translate(f, resolve))) + ")",
        NodeFilter.AnyOf any => any.Filters.Count == 0 ? "0" : "(" + string.Join(" OR ", any.Filters.Select(f => Translate(f, resolve))) + ")",
        NodeFilter.Not not => $"NOT COALESCE({Translate(not.Filter, resolve)}, 0)",
        NodeFilter.Compare compare => Compare(compare, resolve(compare.Property)),
        NodeFilter.HasLink hasLink => HasLink(hasLink),
        NodeFilter.LinkCount count => Condition(LinkCount(count.Type, count.Direction), count.Op, _parameters.Add(count.Value)),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType().Name, "not a checked filter"),
    };

    /// <summary>The ORDER BY terms: each sort key with absent values last, then the id.</summary>
    public string OrderBy(IReadOnlyList<SortField>? sort)
    {
        var terms = new List<string>();
        foreach (var field in sort ?? [])
        {
            if (field.CountedLinks is { } counted)
            {
                NodeFilterValidator.CountedLinks(counted.Type, counted.Direction);
                terms.Add(LinkCount(counted.Type, counted.Direction) + (field.Descending ? " DESC" : ""));
                continue;
            }
            var target = Resolve(field.Property);
            var expression = target.Scalar ?? target.First!;
            terms.Add($"{expression} IS NULL");
            terms.Add(field.Descending ? expression + " DESC" : expression);
        }
        terms.Add($"{_node}.id");
        return string.Join(", ", terms);
    }

    /// <summary>A checked comparison: its value is of the property's type (a list of them for In and NotIn).</summary>
    string Compare(NodeFilter.Compare compare, Target target)
    {
        var op = compare.Op;
        if (op == FilterOp.IsNull)
        {
            var absent = (bool)compare.Value!;
            return target.IsList
                ? $"{(absent ? "NOT " : "")}EXISTS (SELECT 1 FROM json_each({target.Each}))"
                : $"{target.Scalar} IS {(absent ? "" : "NOT ")}NULL";
        }
        var parameter = op is FilterOp.In or FilterOp.NotIn
            ? _parameters.Add(PropertyJson.EncodeScalars(((IEnumerable<object>)compare.Value!).Select(Stored)))
            : _parameters.Add(Stored(compare.Value!));
        if (!target.IsList) return Condition(target.Scalar!, op, parameter);

        var e = _aliases.Next("e");
        var each = $"json_each({target.Each}) {e}";
        return op switch
        {
            FilterOp.Neq => $"NOT EXISTS (SELECT 1 FROM {each} WHERE {e}.value = {parameter})",
            FilterOp.NotIn => $"NOT EXISTS (SELECT 1 FROM {each} WHERE {Condition(e + ".value", FilterOp.In, parameter)})",
            FilterOp.NotContains => $"(EXISTS (SELECT 1 FROM json_each({target.Each})) AND NOT EXISTS (SELECT 1 FROM {each} WHERE {Condition(e + ".value", FilterOp.Contains, parameter)}))",
            _ => $"EXISTS (SELECT 1 FROM {each} WHERE {Condition(e + ".value", op, parameter)})",
        };
    }

    static string Condition(string expression, FilterOp op, string parameter) => op switch
    {
        FilterOp.Eq => $"{expression} = {parameter}",
        FilterOp.Neq => $"({expression} IS NULL OR {expression} <> {parameter})",
        FilterOp.In => $"{expression} IN (SELECT value FROM json_each({parameter}))",
        FilterOp.NotIn => $"({expression} IS NULL OR {expression} NOT IN (SELECT value FROM json_each({parameter})))",
        FilterOp.Contains => $"instr(lower({expression}), lower({parameter})) > 0",
        FilterOp.NotContains => $"({expression} IS NOT NULL AND instr(lower({expression}), lower({parameter})) = 0)",
        FilterOp.StartsWith => $"substr({expression}, 1, length({parameter})) = {parameter}",
        FilterOp.Gt => $"{expression} > {parameter}",
        FilterOp.Gte => $"{expression} >= {parameter}",
        FilterOp.Lt => $"{expression} < {parameter}",
        FilterOp.Lte => $"{expression} <= {parameter}",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };

    /// <summary>
    /// Some: a matching link exists; None: none exists; All: no link exists that does not match; Single: the matching
    /// links, counted up to two, are one. With both directions, a link matches from either end, and a link from the node
    /// to itself counts once.
    /// </summary>
    string HasLink(NodeFilter.HasLink hasLink)
    {
        var type = _parameters.Add(_codes.CodeOf(hasLink.Type));
        var others = hasLink.OtherIds is null ? null : _parameters.Add(PropertyJson.EncodeScalars(hasLink.OtherIds));
        var failing = hasLink.Quantifier == LinkQuantifier.All;
        string Matching(string here, string there, bool skipSelfLinks = false)
        {
            var l = _aliases.Next("l");
            var conditions = new List<string> { $"{l}.{here} = {_node}.n", $"{l}.type = {type}" };
            if (skipSelfLinks) conditions.Add($"{l}.{there} <> {l}.{here}");
            var tests = new List<string>();
            if (others is not null)
                tests.Add($"{l}.{there} IN (SELECT o.n FROM json_each({others}) j JOIN nodes o ON o.id = j.value)");
            if (hasLink.Link is not null)
                tests.Add(Translate(hasLink.Link, name => ResolveLink(hasLink.Type, l, name)));
            var from = $"links {l}";
            if (hasLink.Other is not null)
            {
                var m = _aliases.Next("m");
                from += $" JOIN nodes {m} ON {m}.n = {l}.{there}";
                var other = new NodeFilterSql([.. hasLink.OtherKinds], _codes, _parameters, m, _aliases) { FigureYear = FigureYear };
                tests.Add(other.Translate(hasLink.Other, other.Resolve));
            }
            var test = tests.Count == 0 ? "1" : string.Join(" AND ", tests);
            conditions.Add(failing ? $"NOT COALESCE(({test}), 0)" : $"({test})");
            return $"SELECT 1 FROM {from} WHERE {string.Join(" AND ", conditions)}";
        }
        var matching = hasLink.Direction switch
        {
            Direction.Out => [Matching("from_n", "to_n")],
            Direction.In => [Matching("to_n", "from_n")],
            // Arriving, the links that also leave the node were counted leaving.
            _ => new[] { Matching("from_n", "to_n"), Matching("to_n", "from_n", skipSelfLinks: true) },
        };
        if (hasLink.Quantifier == LinkQuantifier.Single)
            return $"(SELECT count(*) FROM ({string.Join(" UNION ALL ", matching)} LIMIT 2)) = 1";
        var exists = string.Join(" OR ", matching.Select(m => $"EXISTS ({m})"));
        if (matching.Length > 1) exists = $"({exists})";
        return hasLink.Quantifier == LinkQuantifier.Some ? exists : $"NOT {exists}";
    }

    /// <summary>
    /// How many links of this type in this direction the node has, counted on the links table's (from, type) and (to, type)
    /// indexes; with both directions a link from the node to itself is counted once, leaving.
    /// </summary>
    string LinkCount(LinkType linkType, Direction direction)
    {
        var type = _parameters.Add(_codes.CodeOf(linkType));
        string Counted(string here, string there, bool skipSelfLinks = false)
        {
            var l = _aliases.Next("l");
            var self = skipSelfLinks ? $" AND {l}.{there} <> {l}.{here}" : "";
            return $"(SELECT count(*) FROM links {l} WHERE {l}.{here} = {_node}.n AND {l}.type = {type}{self})";
        }
        return direction switch
        {
            Direction.Out => Counted("from_n", "to_n"),
            Direction.In => Counted("to_n", "from_n"),
            _ => $"({Counted("from_n", "to_n")} + {Counted("to_n", "from_n", skipSelfLinks: true)})",
        };
    }

    /// <summary>A property of a link (alias <paramref name="l"/>) of this type: its dates, source, key or a catalog property.</summary>
    static Target ResolveLink(LinkType type, string l, string name)
    {
        var property = NodeFilterValidator.LinkProperty(type, name);
        return property.Name switch
        {
            _ when !property.IsCore => Stored(property, l),
            "key" => new(property, $"NULLIF({l}.key, '')", null, null),
            "startDate" => new(property, $"{l}.start_date", null, null),
            "endDate" => new(property, $"{l}.end_date", null, null),
            _ => new(property, $"{l}.{property.Name}", null, null),
        };
    }

    Target Resolve(string name)
    {
        var property = NodeFilterValidator.Property(_kinds, name);
        return property.Name switch
        {
            _ when FigureYear is { } year && EnterpriseFigures.YearDependentProperties.Contains(property.Name) =>
                new(property, YearFigureFunction.Call(_node, _parameters.Add((long)year), property.Name), null, null),
            _ when !property.IsCore => Stored(property, _node),
            "nameEn" => new(property, $"{_node}.name_en", null, null),
            "aliases" => new(property, null, $"{_node}.aliases", $"json_extract({_node}.aliases, '$[0]')"),
            "createdAt" => new(property, $"{_node}.created_at", null, null),
            "updatedAt" => new(property, $"{_node}.updated_at", null, null),
            _ => new(property, $"{_node}.{property.Name}", null, null),
        };
    }

    /// <summary>A catalog property held in the props JSON of the row with this alias; only the catalog's spelling reaches the path.</summary>
    static Target Stored(FilterProperty property, string alias)
    {
        var path = "$." + property.Name;
        return property.IsList
            ? new(property, null, $"{alias}.props, '{path}'", $"json_extract({alias}.props, '{path}[0]')")
            : new(property, $"json_extract({alias}.props, '{path}')", null, null);
    }

    /// <summary>A checked value as the column holds it: 0/1 for booleans, an ISO date, Unix milliseconds for a timestamp.</summary>
    static object Stored(object value) => value switch
    {
        bool b => b ? 1L : 0L,
        DateOnly day => RowReader.DateValue(day),
        DateTimeOffset at => at.ToUnixTimeMilliseconds(),
        _ => value,
    };
}
