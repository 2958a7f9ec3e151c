using System.Collections;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Schema.Lists;

/// <summary>
/// Turns the <c>where</c> and <c>order</c> arguments into the store's <see cref="NodeFilter"/> and
/// <see cref="SortField"/>s. A region or field code expands to itself and everything within it. A value the store
/// cannot match is an INVALID_INPUT error that names the argument path, e.g. <c>where.region.eq</c>.
/// </summary>
public sealed class FilterReader(NodeKindInfo kind)
{
    /// <summary>The confidential properties the filter or sort reads (who may use them is the caller's to check).</summary>
    public HashSet<string> ConfidentialUsed { get; } = [];

    /// <summary>The filter a <c>where</c> argument describes; null when it sets nothing.</summary>
    public NodeFilter? Filter(IDictionary<string, object?>? where) => where is null ? null : Object(where, "where");

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
                keys.Add(new SortField(name == kind.KeyName ? "key" : name, descending));
            }
        }
        return keys;
    }

    private NodeFilter? Object(IDictionary<string, object?> where, string path)
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
                    conditions.Add(new NodeFilter.AllOf(Each(value, at)));
                    break;
                case "or":
                    conditions.Add(new NodeFilter.AnyOf(Each(value, at)));
                    break;
                case "not":
                    conditions.Add(new NodeFilter.Not(Object((IDictionary<string, object?>)value, at) ?? new NodeFilter.AllOf([])));
                    break;
                default:
                    conditions.AddRange(Field(name, (IDictionary<string, object?>)value, at));
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

    private List<NodeFilter> Each(object value, string path) =>
        ((IEnumerable)value).Cast<IDictionary<string, object?>>()
            .Select((item, i) => Object(item, $"{path}[{i}]") ?? new NodeFilter.AllOf([]))
            .ToList();

    private IEnumerable<NodeFilter> Field(string name, IDictionary<string, object?> operations, string path)
    {
        Note(name);
        var property = name == kind.KeyName ? "key" : name;
        var definition = kind.Property(name);
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
        if (definition?.References is { } referenced)
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

    /// <summary>A region or field code matches itself and every code within it.</summary>
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
            if (Regions.Find(code) is null)
                throw new InvalidInputException($"Argument '{path}' is '{code}', which is not a known region code (GB/T 2260, six digits, e.g. 450200 for 柳州市).");
            return [code, .. Regions.Descendants(code).Select(r => r.Code)];
        }
        if (referenced == NodeKind.Field)
        {
            if (Fields.Find(code) is null)
                throw new InvalidInputException($"Argument '{path}' is '{code}', which is not a known field code.");
            return [code, .. Fields.Descendants(code).Select(f => f.Code)];
        }
        return [code];
    }

    private static List<object> Values(object value) => ((IEnumerable)value).Cast<object>().ToList();

    private void Note(string name)
    {
        if (kind.Property(name) is { Confidential: true })
            ConfidentialUsed.Add(name);
    }
}
