using System.Collections;
using KnowledgeGraph.Api.Graph.Links;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>
/// Turns the <c>where</c> and <c>order</c> arguments into the store's <see cref="NodeFilter"/> and
/// <see cref="SortField"/>s. A region or field code expands to itself and everything within it; a link field's
/// <c>some</c>/<c>none</c>/<c>single</c>/<c>all</c> becomes a <see cref="NodeFilter.HasLink"/> whose other-end condition is read in
/// the scope of the kinds there, its <c>count</c> a <see cref="NodeFilter.LinkCount"/> (<see cref="LinkCounts"/>). A value the store cannot match is an INVALID_INPUT error that names the argument
/// path, e.g. <c>where.region.eq</c> or <c>where.pairings.some.node.region.eq</c>.
/// </summary>
public sealed class FilterReader(FilterScope scope)
{
    /// <summary>The confidential properties the filter or sort reads, at any depth (who may use them is the caller's to check).</summary>
    public HashSet<string> ConfidentialUsed { get; private init; } = [];

    /// <summary>
    /// When set (a token scoped to regions), a filter or sort that reads a confidential property reads it only on nodes
    /// located in these region codes: the nodes of a list, or those at a link's other end, are limited to them.
    /// </summary>
    public IReadOnlyList<string>? ConfidentialWithin { get; init; }

    /// <summary>The whole network's rankings, for conditions on them; needed to read such a condition, not to check it (as the request is validated).</summary>
    public NetworkRankings? Rankings { get; init; }

    private int _confidentialReads;
    private bool _checkOnly;

    /// <summary>The filter, limited to <see cref="ConfidentialWithin"/> when this level read a confidential property.</summary>
    public NodeFilter? Limited(NodeFilter? filter)
    {
        if (ConfidentialWithin is not { } codes || _confidentialReads == 0)
            return filter;
        var inside = new NodeFilter.Compare("region", FilterOp.In, codes);
        return filter is null ? inside : new NodeFilter.AllOf([filter, inside]);
    }

    /// <summary>The filter a <c>where</c> argument describes; null when it sets nothing.</summary>
    public NodeFilter? Filter(IDictionary<string, object?>? where) => where is null ? null : Object(where, "where");

    /// <summary>The most conditions, list values and link quantifiers one filter may hold, all nesting levels together.</summary>
    public const int MaxFilterSize = 500;

    /// <summary>The most sort keys one <c>order</c> may list.</summary>
    public const int MaxSortKeys = 10;

    /// <summary>
    /// Refuses a filter larger than <see cref="MaxFilterSize"/> (a 5,000-term <c>or</c> would reach the store as one
    /// statement past its limits) and any value the filter cannot match, as the request is validated.
    /// </summary>
    public void Check(IDictionary<string, object?> where)
    {
        var size = SizeOf(where);
        if (size > MaxFilterSize)
            throw new InvalidInputException($"Argument 'where' holds {size} conditions and values; at most {MaxFilterSize} are allowed: split the request, or use 'in' on a region or field code, which covers its sub-regions and sub-fields.");
        _checkOnly = true;
        Filter(where);
    }

    /// <summary>Refuses an <c>order</c> with more than <see cref="MaxSortKeys"/> keys.</summary>
    public static void CheckSort(IEnumerable<object?> order)
    {
        var count = order.Count();
        if (count > MaxSortKeys)
            throw new InvalidInputException($"Argument 'order' lists {count} sort keys; at most {MaxSortKeys} are allowed.");
    }

    private static int SizeOf(object? value) => value switch
    {
        IDictionary<string, object?> map => map.Sum(entry => 1 + SizeOf(entry.Value)),
        string => 0,
        IEnumerable list => list.Cast<object?>().Sum(item => 1 + SizeOf(item)),
        _ => 0,
    };

    /// <summary>The sort keys an <c>order</c> argument lists, in order.</summary>
    public IReadOnlyList<SortField> Sort(IEnumerable<object?>? order)
    {
        var keys = new List<SortField>();
        foreach (var item in order ?? [])
        {
            if (item is not IDictionary<string, object?> fields)
                continue;
            foreach (var (name, direction) in fields)
            {
                if (direction is not bool descending)
                    continue;
                Note(name);
                keys.Add(LinkCounts.SortKey(scope, name, descending) ?? new SortField(name == scope.KeyName ? "key" : name, descending));
            }
        }
        return keys;
    }

    private NodeFilter? Object(IDictionary<string, object?> where, string path) => Combine(where, path, Object, (name, value, at) =>
        scope.LinkFields.TryGetValue(name, out var linkField) ? Links(linkField, value, at)
        : name == "kind" && scope.IsSeveralKinds ? Kind(value, at)
        : NetworkRankings.Metrics.ContainsKey(name) && NetworkRankings.Applies(scope) ? Ranking(name, value, at)
        : Field(name, value, at));

    /// <summary>A condition on a network ranking: the organisations it holds for, from the whole network's scores.</summary>
    private IEnumerable<NodeFilter> Ranking(string name, IDictionary<string, object?> operations, string path)
    {
        var tests = NetworkRankings.Tests(operations, path);
        if (tests.Count == 0 || _checkOnly)
            return [];
        var rankings = Rankings ?? throw new InvalidOperationException(
            $"'{path}' names a network ranking but the filter is read without the rankings: load them with {nameof(NetworkRankings)}.{nameof(NetworkRankings.ForAsync)}.");
        return [rankings.Condition(scope, name, tests, path)];
    }

    /// <summary>The conditions of one filter object, all of which must hold: <c>and</c>, <c>or</c>, <c>not</c>, and its fields.</summary>
    private static NodeFilter? Combine(
        IDictionary<string, object?> where,
        string path,
        Func<IDictionary<string, object?>, string, NodeFilter?> nested,
        Func<string, IDictionary<string, object?>, string, IEnumerable<NodeFilter>> field)
    {
        var conditions = new List<NodeFilter>();
        foreach (var (name, value) in where)
        {
            if (value is null)
                continue;
            var at = $"{path}.{name}";
            switch (name)
            {
                case "and":
                    conditions.Add(new NodeFilter.AllOf(Each(value, at, nested)));
                    break;
                case "or":
                    conditions.Add(new NodeFilter.AnyOf(Each(value, at, nested)));
                    break;
                case "not":
                    conditions.Add(new NodeFilter.Not(nested((IDictionary<string, object?>)value, at) ?? new NodeFilter.AllOf([])));
                    break;
                default:
                    conditions.AddRange(field(name, (IDictionary<string, object?>)value, at));
                    break;
            }
        }
        return conditions.Count switch
        {
            0 => null,
            1 => conditions[0],
            _ => new NodeFilter.AllOf(conditions),
        };
    }

    private static List<NodeFilter> Each(object value, string path, Func<IDictionary<string, object?>, string, NodeFilter?> nested) =>
        ((IEnumerable)value).Cast<IDictionary<string, object?>>()
            .Select((item, i) => nested(item, $"{path}[{i}]") ?? new NodeFilter.AllOf([]))
            .ToList();

    /// <summary><c>some</c>, <c>none</c>, <c>single</c>, <c>all</c> of a link field: each a link condition with its edge's two parts.</summary>
    private IEnumerable<NodeFilter> Links(LinkField linkField, IDictionary<string, object?> quantifiers, string path)
    {
        foreach (var (name, value) in quantifiers)
        {
            if (value is null)
                continue;
            var at = $"{path}.{name}";
            if (name == "count")
            {
                foreach (var count in LinkCounts.Read(linkField, (IDictionary<string, object?>)value, at))
                    yield return count;
                continue;
            }
            var quantifier = name switch
            {
                "some" => LinkQuantifier.Some,
                "none" => LinkQuantifier.None,
                "single" => LinkQuantifier.Single,
                "all" => LinkQuantifier.All,
                _ => throw new InvalidInputException($"Argument '{at}': unknown quantifier '{name}' (some, none, single or all)."),
            };
            var edge = (IDictionary<string, object?>)value;
            var link = edge.TryGetValue("link", out var onLink) && onLink is IDictionary<string, object?> linkWhere
                ? LinkObject(GraphCatalog.Of(linkField.Type), linkWhere, $"{at}.link")
                : null;
            var nested = new FilterReader(FilterScope.Of(linkField.OtherKinds)) { ConfidentialUsed = ConfidentialUsed, ConfidentialWithin = ConfidentialWithin, Rankings = Rankings, _checkOnly = _checkOnly };
            var other = edge.TryGetValue("node", out var onNode) && onNode is IDictionary<string, object?> nodeWhere
                ? nested.Limited(nested.Object(nodeWhere, $"{at}.node"))
                : null;
            yield return new NodeFilter.HasLink(linkField.Type, linkField.Direction, Quantifier: quantifier, Link: link, Other: other);
        }
    }

    private static NodeFilter? LinkObject(LinkTypeInfo info, IDictionary<string, object?> where, string path) =>
        Combine(where, path, (nested, at) => LinkObject(info, nested, at), (name, operations, at) =>
        {
            var definition = info.Properties.FirstOrDefault(p => p.Name == name);
            return operations.Where(o => o.Value is not null)
                .SelectMany(o => Compare(name, definition, o.Key, o.Value!, $"{at}.{o.Key}", elementOfList: false))
                .ToList();
        });

    /// <summary>The <c>kind</c> condition of a filter over several kinds, on the kinds' names as the store holds them.</summary>
    private static IEnumerable<NodeFilter> Kind(IDictionary<string, object?> operations, string path)
    {
        foreach (var (operation, value) in operations)
        {
            if (value is null)
                continue;
            object names = value is IEnumerable list and not string ? list.Cast<object>().Select(k => k.ToString()!).ToList() : value.ToString()!;
            foreach (var condition in Compare("kind", null, operation, names, $"{path}.{operation}", elementOfList: false))
                yield return condition;
        }
    }

    private IEnumerable<NodeFilter> Field(string name, IDictionary<string, object?> operations, string path)
    {
        Note(name);
        var property = name == scope.KeyName ? "key" : name;
        var definition = scope.Property(name);
        var isList = name == "aliases" || definition?.IsList == true;
        foreach (var (operation, value) in operations)
        {
            if (value is null)
                continue;
            var at = $"{path}.{operation}";
            if (isList)
            {
                var element = (IDictionary<string, object?>)value;
                var some = element.Where(e => e.Value is not null)
                    .SelectMany(e => Compare(property, definition, e.Key, e.Value!, $"{at}.{e.Key}", elementOfList: true))
                    .ToList();
                if (some.Count == 0)
                    continue;
                var any = some.Count == 1 ? some[0] : new NodeFilter.AllOf(some);
                yield return operation == "none" ? new NodeFilter.Not(any) : any;
            }
            else
            {
                foreach (var condition in Compare(property, definition, operation, value, at, elementOfList: false))
                    yield return condition;
            }
        }
    }

    private static IEnumerable<NodeFilter> Compare(string property, PropertyDefinition? definition, string operation, object value, string path, bool elementOfList)
    {
        if (elementOfList && !FilterInputs.ElementOperations.Contains(operation))
            throw new InvalidInputException($"Argument '{path}': within 'some' or 'none' only {string.Join(", ", FilterInputs.ElementOperations)} apply; for a negation use 'none'.");
        if (definition?.References is { } referenced and (NodeKind.Region or NodeKind.Field))
        {
            yield return Reference(property, referenced, operation, value, path);
            yield break;
        }
        if (value is string text && operation is "contains" or "ncontains" or "startsWith" or "nstartsWith" && text.Length == 0)
            throw new InvalidInputException($"Argument '{path}' is empty: give the text to look for.");
        yield return operation switch
        {
            "eq" => new NodeFilter.Compare(property, FilterOp.Eq, value),
            "neq" => new NodeFilter.Compare(property, FilterOp.Neq, value),
            "in" => new NodeFilter.Compare(property, FilterOp.In, Values(value)),
            "nin" => new NodeFilter.Compare(property, FilterOp.NotIn, Values(value)),
            "contains" => new NodeFilter.Compare(property, FilterOp.Contains, value),
            "ncontains" => new NodeFilter.Compare(property, FilterOp.NotContains, value),
            "startsWith" => new NodeFilter.Compare(property, FilterOp.StartsWith, value),
            "nstartsWith" => new NodeFilter.Not(new NodeFilter.Compare(property, FilterOp.StartsWith, value)),
            "gt" => new NodeFilter.Compare(property, FilterOp.Gt, value),
            "gte" => new NodeFilter.Compare(property, FilterOp.Gte, value),
            "lt" => new NodeFilter.Compare(property, FilterOp.Lt, value),
            "lte" => new NodeFilter.Compare(property, FilterOp.Lte, value),
            _ => throw new InvalidInputException($"Argument '{path}': unknown operation '{operation}'."),
        };
    }

    /// <summary>A region or field code (<paramref name="referenced"/> says which) matches itself and every code within it.</summary>
    private static NodeFilter Reference(string property, NodeKind referenced, string operation, object value, string path)
    {
        var codes = operation is "in" or "nin" ? Values(value).Cast<string>().ToList() : [(string)value];
        var expanded = codes.SelectMany(code => Within(referenced, code, path)).Distinct(StringComparer.Ordinal).ToList();
        var match = new NodeFilter.Compare(property, FilterOp.In, expanded);
        return operation is "neq" or "nin" ? new NodeFilter.Not(match) : match;
    }

    private static IEnumerable<string> Within(NodeKind referenced, string code, string path)
    {
        if (referenced == NodeKind.Region)
        {
            ArgumentChecks.Region(path, code);
            return [code, .. Regions.Descendants(code).Select(r => r.Code)];
        }
        ArgumentChecks.Field(path, code);
        return [code, .. TechnologyFields.Descendants(code).Select(f => f.Code)];
    }

    private static List<object> Values(object value) => ((IEnumerable)value).Cast<object>().ToList();

    private void Note(string name)
    {
        if (scope.Property(name) is { Confidential: true })
        {
            ConfidentialUsed.Add(name);
            _confidentialReads++;
        }
    }
}
