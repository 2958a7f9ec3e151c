using System.Collections;
using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>
/// A property a filter or a sort names, resolved against the catalog: the catalog's spelling of its name (the only
/// spelling a store may put in a statement), its type, and whether it is a core field every node or link has.
/// </summary>
/// <param name="Name">The name as the catalog (or the core fields) spell it.</param>
/// <param name="Type">Its type; a timestamp's values are <see cref="DateTimeOffset"/>s whatever this says.</param>
/// <param name="IsCore">A core field ("id", "kind", "key", …, "startDate", …) rather than a catalog property.</param>
/// <param name="IsTimestamp">"createdAt" or "updatedAt": compared as instants.</param>
public sealed record FilterProperty(string Name, PropertyType Type, bool IsCore, bool IsTimestamp = false)
{
    /// <summary>A list of values (aliases, fields): a comparison holds when it holds for any element.</summary>
    public bool IsList => Type is PropertyType.TextList or PropertyType.ReferenceList;

    /// <summary>Held as text, so <see cref="FilterOp.Contains"/> and <see cref="FilterOp.StartsWith"/> apply.</summary>
    public bool IsText => !IsTimestamp && Type is PropertyType.Text or PropertyType.Enum or PropertyType.Reference
        or PropertyType.TextList or PropertyType.ReferenceList;
}

/// <summary>
/// Checks a <see cref="NodeFilter"/> before a store translates it, the same for every store: every property is one the
/// queried kinds (or the link type) have, every operator gets a value of the property's type, link conditions name a
/// known link type and quantifier and are not nested inside a condition on a link. It gives back the filter
/// normalised, so a store only translates: property names in the catalog's spelling; a null value of
/// <see cref="FilterOp.Eq"/> or <see cref="FilterOp.Neq"/> turned into <see cref="FilterOp.IsNull"/> with true or false;
/// values as the property's type holds them — <see cref="string"/> for text, enums and references, <see cref="long"/>
/// for whole numbers and <see cref="double"/> for others, <see cref="bool"/>, <see cref="DateOnly"/> for dates,
/// <see cref="DateTimeOffset"/> for timestamps — and <see cref="FilterOp.In"/>/<see cref="FilterOp.NotIn"/> as a list of them.
/// Every problem is an <see cref="InvalidInputException"/> that names the property.
/// </summary>
public static class NodeFilterValidator
{
    /// <summary>The fields every node has, beside its kind's catalog properties.</summary>
    public static readonly IReadOnlyList<string> CoreFields = ["id", "kind", "key", "name", "nameEn", "aliases", "createdAt", "updatedAt"];

    /// <summary>The fields every link has, beside its type's catalog properties.</summary>
    public static readonly IReadOnlyList<string> LinkCoreFields = ["key", "startDate", "endDate", "source"];

    /// <summary>The filter, checked and normalised, over nodes of these kinds (all kinds when empty).</summary>
    public static NodeFilter Check(NodeFilter filter, IReadOnlyCollection<NodeKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(kinds);
        var all = kinds.Count == 0 ? Enum.GetValues<NodeKind>() : kinds;
        return Check(filter, name => Property(all, name), linkOf: null);
    }

    /// <summary>A property of nodes of these kinds (all kinds when empty): a core field or one of their catalog properties.</summary>
    public static FilterProperty Property(IReadOnlyCollection<NodeKind> kinds, string name)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        switch (name)
        {
            case "id" or "kind" or "key" or "name" or "nameEn": return new(name, PropertyType.Text, IsCore: true);
            case "aliases": return new(name, PropertyType.TextList, IsCore: true);
            case "createdAt" or "updatedAt": return new(name, PropertyType.Text, IsCore: true, IsTimestamp: true);
        }
        var all = kinds.Count == 0 ? Enum.GetValues<NodeKind>() : kinds;
        foreach (var kind in all)
        {
            if (GraphCatalog.Of(kind).Property(name) is { } definition) return new(definition.Name, definition.Type, IsCore: false);
        }
        var known = CoreFields.Concat(all.SelectMany(k => GraphCatalog.Of(k).Properties.Select(p => p.Name))).Distinct();
        throw new InvalidInputException($"unknown property '{name}' for {string.Join(", ", all)} (known: {string.Join(", ", known)})");
    }

    /// <summary>A property of links of this type: its dates, source, key or one of the type's catalog properties.</summary>
    public static FilterProperty LinkProperty(LinkType type, string name)
    {
        switch (name)
        {
            case "key" or "source": return new(name, PropertyType.Text, IsCore: true);
            case "startDate" or "endDate": return new(name, PropertyType.Date, IsCore: true);
        }
        var info = GraphCatalog.Of(type);
        if (info.Properties.FirstOrDefault(p => p.Name == name) is { } definition) return new(definition.Name, definition.Type, IsCore: false);
        var known = LinkCoreFields.Concat(info.Properties.Select(p => p.Name));
        throw new InvalidInputException($"unknown property '{name}' of {info.Name} links (known: {string.Join(", ", known)})");
    }

    /// <summary>The type's name in messages.</summary>
    public static string TypeName(PropertyType type) => type switch
    {
        PropertyType.Integer => "whole number",
        PropertyType.Decimal => "decimal number",
        PropertyType.Enum => "enum name",
        PropertyType.TextList => "list of text",
        PropertyType.Reference => "key",
        PropertyType.ReferenceList => "list of keys",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>One subject: a node (<paramref name="linkOf"/> null) or a link of that type, whose properties <paramref name="resolve"/> finds.</summary>
    static NodeFilter Check(NodeFilter filter, Func<string, FilterProperty> resolve, LinkType? linkOf) => filter switch
    {
        NodeFilter.AllOf all => new NodeFilter.AllOf(all.Filters.Select(f => Check(f, resolve, linkOf)).ToList()),
        NodeFilter.AnyOf any => new NodeFilter.AnyOf(any.Filters.Select(f => Check(f, resolve, linkOf)).ToList()),
        NodeFilter.Not not => new NodeFilter.Not(Check(not.Filter, resolve, linkOf)),
        NodeFilter.Compare compare => Compare(compare, resolve(compare.Property)),
        NodeFilter.HasLink link when linkOf is null => HasLink(link),
        NodeFilter.LinkCount count when linkOf is null => LinkCount(count),
        NodeFilter.HasLink or NodeFilter.LinkCount => throw new InvalidInputException(
            $"a condition on a {GraphCatalog.Of(linkOf!.Value).Name} link cannot itself be a link condition: put it on the node at the other end"),
        _ => throw new InvalidInputException($"unknown filter {filter.GetType().Name}"),
    };

    static NodeFilter.HasLink HasLink(NodeFilter.HasLink link)
    {
        if (!Enum.IsDefined(link.Type)) throw new InvalidInputException($"unknown link type {link.Type}");
        if (!Enum.IsDefined(link.Quantifier)) throw new InvalidInputException($"unknown link quantifier {link.Quantifier}");
        return link with
        {
            Link = link.Link is null ? null : Check(link.Link, name => LinkProperty(link.Type, name), link.Type),
            Other = link.Other is null ? null : Check(link.Other, [.. link.OtherKinds]),
        };
    }

    static NodeFilter.LinkCount LinkCount(NodeFilter.LinkCount count)
    {
        CountedLinks(count.Type, count.Direction);
        if (count.Op is not (FilterOp.Eq or FilterOp.Gt or FilterOp.Gte or FilterOp.Lt or FilterOp.Lte))
            throw new InvalidInputException($"a count of {GraphCatalog.Of(count.Type).Name} links is compared with Eq, Gt, Gte, Lt or Lte, not {count.Op}");
        if (count.Value < 0)
            throw new InvalidInputException($"a count of {GraphCatalog.Of(count.Type).Name} links is compared with {count.Value}: a count is never negative");
        return count;
    }

    /// <summary>Checks the links a count or a sort on a count takes: a known link type and direction.</summary>
    public static void CountedLinks(LinkType type, Direction direction)
    {
        if (!Enum.IsDefined(type)) throw new InvalidInputException($"unknown link type {type}");
        if (!Enum.IsDefined(direction)) throw new InvalidInputException($"unknown link direction {direction}");
    }

    static NodeFilter.Compare Compare(NodeFilter.Compare compare, FilterProperty property)
    {
        var op = compare.Op;
        var value = compare.Value;
        if (value is null)
        {
            op = op switch
            {
                FilterOp.Eq or FilterOp.Neq or FilterOp.IsNull => FilterOp.IsNull,
                _ => throw new InvalidInputException($"filter on '{property.Name}': {op} needs a value"),
            };
            value = compare.Op != FilterOp.Neq;
        }
        if (!Enum.IsDefined(op)) throw new InvalidInputException($"unknown filter operator {op}");
        if (op == FilterOp.IsNull)
        {
            return value is bool absent
                ? new NodeFilter.Compare(property.Name, op, absent)
                : throw new InvalidInputException($"filter on '{property.Name}': IsNull takes true or false");
        }
        if (op is FilterOp.Contains or FilterOp.NotContains or FilterOp.StartsWith && !property.IsText)
        {
            throw new InvalidInputException(
                $"filter on '{property.Name}': {op} applies to text, and '{property.Name}' is a {Describe(property)}");
        }
        var typed = op is FilterOp.In or FilterOp.NotIn
            ? ListOf(property, value).Select(v => Convert(property, v)).ToList()
            : Convert(property, value);
        return new NodeFilter.Compare(property.Name, op, typed);
    }

    static IEnumerable<object> ListOf(FilterProperty property, object value) => value switch
    {
        string => throw new InvalidInputException($"filter on '{property.Name}': In and NotIn take a list of values"),
        IEnumerable list => list.Cast<object?>().Select(v => v ?? throw new InvalidInputException($"filter on '{property.Name}': a list value is null")),
        _ => throw new InvalidInputException($"filter on '{property.Name}': In and NotIn take a list of values"),
    };

    /// <summary>A filter value as the property's type holds it (see the class summary).</summary>
    static object Convert(FilterProperty property, object value)
    {
        if (property.IsTimestamp)
        {
            return value switch
            {
                DateTimeOffset at => at,
                DateTime at => new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at),
                DateOnly day => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
                _ => throw Mismatch(property, value),
            };
        }
        return property.Type switch
        {
            PropertyType.Integer or PropertyType.Decimal => value switch
            {
                long or double => value,
                int i => (long)i,
                float f => (double)f,
                decimal d => Number(d),
                string text when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Number(d),
                _ => throw Mismatch(property, value),
            },
            PropertyType.Boolean => value switch
            {
                bool => value,
                string text when bool.TryParse(text, out var b) => b,
                _ => throw Mismatch(property, value),
            },
            PropertyType.Date => value switch
            {
                DateOnly => value,
                DateTime at => DateOnly.FromDateTime(at),
                DateTimeOffset at => DateOnly.FromDateTime(at.Date),
                string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day,
                _ => throw Mismatch(property, value),
            },
            _ => value switch
            {
                string text => text,
                long or int or decimal => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
                _ => throw Mismatch(property, value),
            },
        };
    }

    // Whole decimals compare as integers, others as floating point, as both stores hold numbers.
    static object Number(decimal value)
    {
        var isWhole = decimal.Truncate(value) == value && value is >= long.MinValue and <= long.MaxValue;
        object number = isWhole ? (object)(long)value : (object)(double)value;
        return number;
    }

    static string Describe(FilterProperty property) => property.IsTimestamp ? "timestamp" : TypeName(property.Type);

    static InvalidInputException Mismatch(FilterProperty property, object value) =>
        new($"filter on '{property.Name}': {value} ({value.GetType().Name}) is not a {Describe(property)}");
}
