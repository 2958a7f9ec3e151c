using System.Collections;
using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
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
/// Translates <see cref="NodeFilter"/> and <see cref="SortField"/> into SQL over <c>nodes n</c>. Property
/// names are checked against the catalog of the queried kinds and the core fields; only names taken from
/// the catalog reach the SQL text, every value is a parameter. SQL's NULL is folded to false under NOT,
/// so a comparison with an absent property behaves as the port says. Link conditions are EXISTS subqueries
/// over the links table's two indexes (from, type) and (to, type), with a nested translator for the other end.
/// </summary>
internal sealed class NodeFilterSql
{
    static readonly string[] CoreFields = ["id", "kind", "key", "name", "nameEn", "aliases", "createdAt", "updatedAt"];
    static readonly string[] LinkCoreFields = ["key", "startDate", "endDate", "source"];

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

    /// <summary>Table aliases unique within one statement, shared by the nested translators.</summary>
    sealed class Aliases
    {
        int _count;

        public string Next(string prefix) => prefix + (++_count).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A property as SQL: a scalar expression, or for a list the arguments of <c>json_each</c>.</summary>
    sealed record Target(string Name, PropertyType Type, string? Scalar, string? Each, string? First, bool Timestamp = false)
    {
        public bool IsList => Each is not null;
    }

    /// <summary>The condition that selects the nodes the filter holds for.</summary>
    public string Where(NodeFilter filter) => Where(filter, Resolve, linkOf: null);

    /// <summary>The condition over one subject: a node (<paramref name="linkOf"/> null) or a link of that type.</summary>
    string Where(NodeFilter filter, Func<string, Target> resolve, LinkType? linkOf) => filter switch
    {
        NodeFilter.AllOf all => all.Filters.Count == 0 ? "1" : "(" + string.Join(" AND ", all.Filters.Select(f => Where(f, resolve, linkOf))) + ")",
        NodeFilter.AnyOf any => any.Filters.Count == 0 ? "0" : "(" + string.Join(" OR ", any.Filters.Select(f => Where(f, resolve, linkOf))) + ")",
        NodeFilter.Not not => $"NOT COALESCE({Where(not.Filter, resolve, linkOf)}, 0)",
        NodeFilter.Compare compare => Compare(compare, resolve),
        NodeFilter.HasLink hasLink when linkOf is null => HasLink(hasLink),
        NodeFilter.HasLink => throw new InvalidInputException($"a condition on a {GraphSchema.Of(linkOf!.Value).Name} link cannot itself be a link condition: put it on the node at the other end"),
        _ => throw new InvalidInputException($"unknown filter {filter.GetType().Name}"),
    };

    /// <summary>The ORDER BY terms: each sort key with absent values last, then the id.</summary>
    public string OrderBy(IReadOnlyList<SortField>? sort)
    {
        var terms = new List<string>();
        foreach (var field in sort ?? [])
        {
            var target = Resolve(field.Property);
            var expression = target.Scalar ?? target.First!;
            terms.Add($"{expression} IS NULL");
            terms.Add(field.Descending ? expression + " DESC" : expression);
        }
        terms.Add($"{_node}.id");
        return string.Join(", ", terms);
    }

    string Compare(NodeFilter.Compare compare, Func<string, Target> resolve)
    {
        var target = resolve(compare.Property);
        var op = compare.Op;
        var value = compare.Value;
        if (value is null)
        {
            op = op switch
            {
                FilterOp.Eq => FilterOp.IsNull,
                FilterOp.Neq => FilterOp.IsNull,
                FilterOp.IsNull => op,
                _ => throw new InvalidInputException($"filter on '{target.Name}': {op} needs a value"),
            };
            value = compare.Op != FilterOp.Neq;
        }
        if (op == FilterOp.IsNull)
        {
            if (value is not bool absent) throw new InvalidInputException($"filter on '{target.Name}': IsNull takes true or false");
            return target.IsList
                ? $"{(absent ? "NOT " : "")}EXISTS (SELECT 1 FROM json_each({target.Each}))"
                : $"{target.Scalar} IS {(absent ? "" : "NOT ")}NULL";
        }
        if (op is FilterOp.Contains or FilterOp.NotContains or FilterOp.StartsWith && !IsText(target))
        {
            throw new InvalidInputException($"filter on '{target.Name}': {op} applies to text, and '{target.Name}' is a {PropertyJson.TypeName(target.Type)}");
        }
        var parameter = op is FilterOp.In or FilterOp.NotIn
            ? _parameters.Add(PropertyJson.EncodeScalars(ListOf(target, value).Select(v => Convert(target, v))))
            : _parameters.Add(Convert(target, value));
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
        _ => throw new InvalidInputException($"unknown filter operator {op}"),
    };

    /// <summary>
    /// Some: a matching link exists; None: none exists; All: no link exists that does not match; Single: the matching
    /// links, counted up to two, are one. With both directions, a link matches from either end.
    /// </summary>
    string HasLink(NodeFilter.HasLink hasLink)
    {
        if (!Enum.IsDefined(hasLink.Type)) throw new InvalidInputException($"unknown link type {hasLink.Type}");
        if (!Enum.IsDefined(hasLink.Quantifier)) throw new InvalidInputException($"unknown link quantifier {hasLink.Quantifier}");
        var type = _parameters.Add(_codes.CodeOf(hasLink.Type));
        var others = hasLink.OtherIds is null ? null : _parameters.Add(PropertyJson.EncodeScalars(hasLink.OtherIds));
        var failing = hasLink.Quantifier == LinkQuantifier.All;
        string Matching(string here, string there)
        {
            var l = _aliases.Next("l");
            var conditions = new List<string> { $"{l}.{here} = {_node}.n", $"{l}.type = {type}" };
            var tests = new List<string>();
            if (others is not null)
                tests.Add($"{l}.{there} IN (SELECT o.n FROM json_each({others}) j JOIN nodes o ON o.id = j.value)");
            if (hasLink.Link is not null)
                tests.Add(Where(hasLink.Link, name => ResolveLink(hasLink.Type, l, name), hasLink.Type));
            var from = $"links {l}";
            if (hasLink.Other is not null)
            {
                var m = _aliases.Next("m");
                from += $" JOIN nodes {m} ON {m}.n = {l}.{there}";
                tests.Add(new NodeFilterSql([.. hasLink.OtherKinds], _codes, _parameters, m, _aliases).Where(hasLink.Other));
            }
            var test = tests.Count == 0 ? "1" : string.Join(" AND ", tests);
            conditions.Add(failing ? $"NOT COALESCE(({test}), 0)" : $"({test})");
            return $"SELECT 1 FROM {from} WHERE {string.Join(" AND ", conditions)}";
        }
        var matching = hasLink.Direction switch
        {
            Direction.Out => [Matching("from_n", "to_n")],
            Direction.In => [Matching("to_n", "from_n")],
            _ => new[] { Matching("from_n", "to_n"), Matching("to_n", "from_n") },
        };
        if (hasLink.Quantifier == LinkQuantifier.Single)
            return $"(SELECT count(*) FROM ({string.Join(" UNION ALL ", matching)} LIMIT 2)) = 1";
        var exists = string.Join(" OR ", matching.Select(m => $"EXISTS ({m})"));
        if (matching.Length > 1) exists = $"({exists})";
        return hasLink.Quantifier == LinkQuantifier.Some ? exists : $"NOT {exists}";
    }

    /// <summary>A property of a link (alias <paramref name="l"/>) of this type: its dates, source, key or a catalog property.</summary>
    static Target ResolveLink(LinkType type, string l, string name)
    {
        switch (name)
        {
            case "key": return new(name, PropertyType.Text, $"NULLIF({l}.key, '')", null, null);
            case "startDate": return new(name, PropertyType.Date, $"{l}.start_date", null, null);
            case "endDate": return new(name, PropertyType.Date, $"{l}.end_date", null, null);
            case "source": return new(name, PropertyType.Text, $"{l}.source", null, null);
        }
        var info = GraphSchema.Of(type);
        if (info.Properties.FirstOrDefault(p => p.Name == name) is { } definition) return Stored(definition, l);
        var known = LinkCoreFields.Concat(info.Properties.Select(p => p.Name));
        throw new InvalidInputException($"unknown property '{name}' of {info.Name} links (known: {string.Join(", ", known)})");
    }

    Target Resolve(string name)
    {
        switch (name)
        {
            case "id": return new(name, PropertyType.Text, $"{_node}.id", null, null);
            case "kind": return new(name, PropertyType.Text, $"{_node}.kind", null, null);
            case "key": return new(name, PropertyType.Text, $"{_node}.key", null, null);
            case "name": return new(name, PropertyType.Text, $"{_node}.name", null, null);
            case "nameEn": return new(name, PropertyType.Text, $"{_node}.name_en", null, null);
            case "aliases": return new(name, PropertyType.TextList, null, $"{_node}.aliases", $"json_extract({_node}.aliases, '$[0]')");
            case "createdAt": return new(name, PropertyType.Integer, $"{_node}.created_at", null, null, Timestamp: true);
            case "updatedAt": return new(name, PropertyType.Integer, $"{_node}.updated_at", null, null, Timestamp: true);
        }
        foreach (var kind in _kinds)
        {
            // The catalog's own spelling of the name goes into the JSON path, never the caller's text.
            if (GraphSchema.Of(kind).Property(name) is { } definition) return Stored(definition, _node);
        }
        var known = CoreFields.Concat(_kinds.SelectMany(k => GraphSchema.Of(k).Properties.Select(p => p.Name))).Distinct();
        throw new InvalidInputException(
            $"unknown property '{name}' for {string.Join(", ", _kinds)} (known: {string.Join(", ", known)})");
    }

    /// <summary>A catalog property held in the props JSON of the row with this alias; only the catalog's spelling reaches the path.</summary>
    static Target Stored(PropertyDefinition definition, string alias)
    {
        var path = "$." + definition.Name;
        return definition.IsList
            ? new(definition.Name, definition.Type, null, $"{alias}.props, '{path}'", $"json_extract({alias}.props, '{path}[0]')")
            : new(definition.Name, definition.Type, $"json_extract({alias}.props, '{path}')", null, null);
    }

    static bool IsText(Target target) => target.Type is PropertyType.Text or PropertyType.Enum or PropertyType.Reference
        or PropertyType.TextList or PropertyType.ReferenceList;

    static IEnumerable<object> ListOf(Target target, object value) => value switch
    {
        string => throw new InvalidInputException($"filter on '{target.Name}': In and NotIn take a list of values"),
        IEnumerable list => list.Cast<object?>().Select(v => v ?? throw new InvalidInputException($"filter on '{target.Name}': a list value is null")),
        _ => throw new InvalidInputException($"filter on '{target.Name}': In and NotIn take a list of values"),
    };

    /// <summary>A filter value as the column holds it: text, a whole or real number, 0/1, ISO date, Unix milliseconds.</summary>
    static object Convert(Target target, object value)
    {
        if (target.Timestamp)
        {
            return value switch
            {
                DateTimeOffset at => at.ToUnixTimeMilliseconds(),
                DateTime at => new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at).ToUnixTimeMilliseconds(),
                DateOnly day => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds(),
                string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at.ToUnixTimeMilliseconds(),
                _ => throw Mismatch(target, value),
            };
        }
        return target.Type switch
        {
            PropertyType.Integer or PropertyType.Decimal => value switch
            {
                long or int or double => value is int i ? (long)i : value,
                decimal d => Number(d),
                float f => (double)f,
                string text when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Number(d),
                _ => throw Mismatch(target, value),
            },
            PropertyType.Boolean => value switch
            {
                bool b => b ? 1L : 0L,
                string text when bool.TryParse(text, out var b) => b ? 1L : 0L,
                _ => throw Mismatch(target, value),
            },
            PropertyType.Date => value switch
            {
                DateOnly day => Rows.DateValue(day),
                DateTime at => Rows.DateValue(DateOnly.FromDateTime(at)),
                DateTimeOffset at => Rows.DateValue(DateOnly.FromDateTime(at.Date)),
                string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => Rows.DateValue(day),
                _ => throw Mismatch(target, value),
            },
            _ => value switch
            {
                string text => text,
                long or int or decimal => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
                _ => throw Mismatch(target, value),
            },
        };
    }

    // Whole decimals compare as integers; others as reals, as SQLite compares JSON numbers.
    static object Number(decimal value)
    {
        var isWhole = decimal.Truncate(value) == value && value is >= long.MinValue and <= long.MaxValue;
        object number = isWhole ? (object)(long)value : (object)(double)value;
        return number;
    }

    static InvalidInputException Mismatch(Target target, object value) =>
        new($"filter on '{target.Name}': {value} ({value.GetType().Name}) is not a {PropertyJson.TypeName(target.Type)}");
}
