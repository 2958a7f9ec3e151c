using System.Globalization;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// NodeFilter to a Cypher WHERE expression over <c>n</c>, in the subset of Cypher that 3.1 and 5 share, with the
/// embedded store's semantics. The filter is checked and normalised by <see cref="NodeFilterValidator"/> first (over
/// the queried kinds, all kinds when none are given); only the catalog's spelling of a name reaches the text, every
/// value is a parameter, typed as stored.
/// Cypher's null is folded to false under NOT, so a comparison with an absent property behaves as the port says.
/// Link conditions are pattern comprehensions (3.1 has neither EXISTS { } nor exists() on a pattern with a WHERE),
/// with a nested translator for the node at the other end.
/// </summary>
internal sealed class Neo4jFilters
{
    readonly IReadOnlyCollection<NodeKind> _kinds;
    readonly Dictionary<string, object?> _parameters;
    readonly string _node;
    readonly Variables _variables;

    /// <summary>A translator over <c>n</c> of these kinds (all kinds when empty); values go into <paramref name="parameters"/>.</summary>
    public Neo4jFilters(IReadOnlyCollection<NodeKind> kinds, Dictionary<string, object?> parameters)
        : this(kinds, parameters, "n", new Variables())
    {
    }

    Neo4jFilters(IReadOnlyCollection<NodeKind> kinds, Dictionary<string, object?> parameters, string node, Variables variables)
    {
        _kinds = kinds.Count == 0 ? Enum.GetValues<NodeKind>() : kinds;
        _parameters = parameters;
        _node = node;
        _variables = variables;
    }

    /// <summary>
    /// The year whose figures an enterprise's year-dependent properties are read from (<see cref="Neo4jYearFigures"/>),
    /// here and at the other end of link conditions; the stored properties (the latest year) when null.
    /// </summary>
    public int? FigureYear { get; init; }

    /// <summary>Variable names unique within one statement, shared by the nested translators.</summary>
    sealed class Variables
    {
        int _count;

        public int Next() => ++_count;
    }

    /// <summary>A property as Cypher: what it is, and its expression.</summary>
    sealed record Target(FilterProperty Property, string Expression);

    /// <summary>The condition that selects the nodes the filter holds for.</summary>
    public string Where(NodeFilter? filter) => filter is null ? "true" : Translate(NodeFilterValidator.Check(filter, _kinds), Resolve);

    /// <summary>A checked filter over one subject, a node or a link, whose properties <paramref name="resolve"/> finds.</summary>
    string Translate(NodeFilter filter, Func<string, Target> resolve) => filter switch
    {
        NodeFilter.AllOf all => all.Filters.Count == 0 ? "true" : "(" + string.Join(" AND ", all.Filters.Select(f => Translate(f, resolve))) + ")",
        NodeFilter.AnyOf any => any.Filters.Count == 0 ? "false" : "(" + string.Join(" OR ", any.Filters.Select(f => Translate(f, resolve))) + ")",
        NodeFilter.Not not => $"(NOT coalesce({Translate(not.Filter, resolve)}, false))",
        NodeFilter.Compare compare => Compare(compare, resolve(compare.Property)),
        NodeFilter.HasLink link => HasLink(link),
        NodeFilter.LinkCount count => Condition(LinkCount(count.Type, count.Direction), count.Op, Parameter(count.Value)),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.GetType().Name, "not a checked filter"),
    };

    /// <summary>The ORDER BY terms: each sort key with absent values last (a list by its first element), then the id.</summary>
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
            var expression = target.Property.IsList ? $"head(coalesce({target.Expression}, []))" : target.Expression;
            terms.Add($"{expression} IS NULL");
            terms.Add(field.Descending ? expression + " DESC" : expression);
        }
        terms.Add($"{_node}.id");
        return string.Join(", ", terms);
    }

    string Parameter(object value)
    {
        var name = "f" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters[name] = value;
        return "$" + name;
    }

    /// <summary>
    /// The matching links counted in a pattern comprehension: Some, more than none; None, none; All, none of those that
    /// do not match; Single, exactly one.
    /// </summary>
    string HasLink(NodeFilter.HasLink link)
    {
        var type = CypherStatements.RelationshipType(link.Type);
        var number = _variables.Next().ToString(CultureInfo.InvariantCulture);
        var (r, m) = ("r" + number, "m" + number);
        var pattern = link.Direction switch
        {
            Direction.Out => $"({_node})-[{r}:`{type}`]->({m}:Node)",
            Direction.In => $"({_node})<-[{r}:`{type}`]-({m}:Node)",
            _ => $"({_node})-[{r}:`{type}`]-({m}:Node)",
        };
        var tests = new List<string>();
        if (link.OtherIds is not null)
            tests.Add($"{m}.id IN {Parameter(link.OtherIds.ToArray())}");
        if (link.Link is not null)
            tests.Add(Translate(link.Link, name => ResolveLink(link.Type, r, name)));
        if (link.Other is not null)
        {
            var other = new Neo4jFilters([.. link.OtherKinds], _parameters, m, _variables) { FigureYear = FigureYear };
            tests.Add(other.Translate(link.Other, other.Resolve));
        }
        var test = tests.Count == 0 ? "true" : string.Join(" AND ", tests);
        return link.Quantifier switch
        {
            LinkQuantifier.Some => $"size([{pattern} WHERE {test} | 1]) > 0",
            LinkQuantifier.None => $"size([{pattern} WHERE {test} | 1]) = 0",
            LinkQuantifier.Single => $"size([{pattern} WHERE {test} | 1]) = 1",
            _ => $"size([{pattern} WHERE NOT coalesce({test}, false) | 1]) = 0",
        };
    }

    /// <summary>How many relationships of this type in this direction the node has: the size of a pattern comprehension, as 3.1 and 5 both read it.</summary>
    string LinkCount(LinkType linkType, Direction direction)
    {
        var type = CypherStatements.RelationshipType(linkType);
        return direction switch
        {
            Direction.Out => $"size([({_node})-[:`{type}`]->(:Node) | 1])",
            Direction.In => $"size([({_node})<-[:`{type}`]-(:Node) | 1])",
            _ => $"size([({_node})-[:`{type}`]-(:Node) | 1])",
        };
    }

    /// <summary>A property of a relationship (variable <paramref name="r"/>) of this type: its dates, source, key or a catalog property.</summary>
    static Target ResolveLink(LinkType type, string r, string name)
    {
        var property = NodeFilterValidator.LinkProperty(type, name);
        // The catalog's own spelling of the name goes into the statement, never the caller's text.
        return new(property, property.IsCore ? $"{r}.{property.Name}" : $"{r}.`{property.Name}`");
    }

    /// <summary>A checked comparison: its value is of the property's type (a list of them for In and NotIn).</summary>
    string Compare(NodeFilter.Compare compare, Target target)
    {
        var op = compare.Op;
        var p = target.Expression;
        if (op == FilterOp.IsNull)
        {
            var absent = (bool)compare.Value!;
            if (target.Property.IsList) return $"size(coalesce({p}, [])) {(absent ? "=" : ">")} 0";
            return $"{p} IS {(absent ? "" : "NOT ")}NULL";
        }
        var parameter = op switch
        {
            FilterOp.In or FilterOp.NotIn => Parameter(((IEnumerable<object>)compare.Value!).Select(Stored).ToArray()),
            // Text matching ignores Latin case: both sides are lowered (the stored side in Cypher).
            FilterOp.Contains or FilterOp.NotContains => Parameter(((string)compare.Value!).ToLowerInvariant()),
            _ => Parameter(Stored(compare.Value!)),
        };
        if (!target.Property.IsList) return Condition(p, op, parameter);

        var each = $"x IN coalesce({p}, [])";
        return op switch
        {
            FilterOp.Neq => $"(NOT any({each} WHERE {Condition("x", FilterOp.Eq, parameter)}))",
            FilterOp.NotIn => $"(NOT any({each} WHERE {Condition("x", FilterOp.In, parameter)}))",
            FilterOp.NotContains => $"(size(coalesce({p}, [])) > 0 AND NOT any({each} WHERE {Condition("x", FilterOp.Contains, parameter)}))",
            _ => $"any({each} WHERE {Condition("x", op, parameter)})",
        };
    }

    static string Condition(string p, FilterOp op, string parameter) => op switch
    {
        FilterOp.Eq => $"{p} = {parameter}",
        FilterOp.Neq => $"({p} IS NULL OR {p} <> {parameter})",
        FilterOp.In => $"{p} IN {parameter}",
        FilterOp.NotIn => $"({p} IS NULL OR NOT {p} IN {parameter})",
        FilterOp.Contains => $"toLower({p}) CONTAINS {parameter}",
        FilterOp.NotContains => $"({p} IS NOT NULL AND NOT toLower({p}) CONTAINS {parameter})",
        FilterOp.StartsWith => $"{p} STARTS WITH {parameter}",
        FilterOp.Gt => $"{p} > {parameter}",
        FilterOp.Gte => $"{p} >= {parameter}",
        FilterOp.Lt => $"{p} < {parameter}",
        FilterOp.Lte => $"{p} <= {parameter}",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };

    Target Resolve(string name)
    {
        var property = NodeFilterValidator.Property(_kinds, name);
        if (FigureYear is { } year && EnterpriseFigures.YearDependentProperties.Contains(property.Name))
            return new(property, Neo4jYearFigures.Expression(_node, year, property.Name, Parameter));
        // The catalog's own spelling of the name goes into the statement, never the caller's text.
        return new(property, property.IsCore ? $"{_node}.{property.Name}" : $"{_node}.`{property.Name}`");
    }

    /// <summary>A checked value as the node holds it: an ISO date, an ISO timestamp, or as it is.</summary>
    static object Stored(object value) => value switch
    {
        DateOnly day => Neo4jValues.Day(day),
        DateTimeOffset at => Neo4jValues.Stamp(at),
        _ => value,
    };
}
