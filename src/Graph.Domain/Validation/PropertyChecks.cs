using System.Collections.Immutable;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Validation;

/// <summary>Checks a property bag against the properties the catalog defines for a node kind or link type.</summary>
internal static class PropertyChecks
{
    public static void Check(
        PropertyBag properties,
        IReadOnlyList<PropertyDefinition> definitions,
        string owner,
        ReferenceLookup references,
        List<ValidationProblem> problems)
    {
        foreach (var (name, value) in properties)
        {
            var definition = definitions.FirstOrDefault(d => d.Name == name);
            if (definition is null)
            {
                problems.Add(new(name, $"{owner} has no property '{name}' (known: {string.Join(", ", definitions.Select(d => d.Name))})"));
                continue;
            }
            if (CheckValue(definition, value) is { } problem) problems.Add(new(name, problem));
            else if (MissingReference(definition, value, references) is { } missing) problems.Add(new(name, missing, ErrorCodes.NotFound));
        }
    }

    static string? CheckValue(PropertyDefinition definition, object value) => definition.Type switch
    {
        PropertyType.Text when value is string text => definition.References is not null ? CheckReferenceKey(text) : null,
        PropertyType.Integer when value is long l => l < 0 ? $"{l} is negative; it must be 0 or more" : null,
        PropertyType.Decimal when value is decimal or long => CheckNumber(definition, value is decimal d ? d : (long)value),
        PropertyType.Boolean when value is bool => null,
        PropertyType.Date when value is DateOnly => null,
        PropertyType.Enum when value is string name => CheckEnum(definition, name),
        PropertyType.TextList when value is ImmutableArray<string> list => CheckList(list),
        PropertyType.Reference when value is string key => CheckReferenceKey(key),
        PropertyType.ReferenceList when value is ImmutableArray<string> keys => CheckList(keys),
        _ => $"'{PropertyText.Format(value)}' is {Describe(value)}, not {Describe(definition.Type)}",
    };

    static string? CheckNumber(PropertyDefinition definition, decimal value) => definition.Unit switch
    {
        "%" when value is < 0 or > 100 => $"{PropertyText.Format(value)} is not a percentage between 0 and 100",
        "万元" when value < 0 => $"{PropertyText.Format(value)} 万元 is negative; money must be 0 or more",
        _ => null,
    };

    static string? CheckEnum(PropertyDefinition definition, string name)
    {
        if (definition.Values?.Any(v => v.Name == name) ?? false) return null;
        var close = definition.FindValue(name);
        return close is null
            ? $"'{name}' is not one of {PropertyText.EnumNames(definition)}"
            : $"'{name}' is not one of {PropertyText.EnumNames(definition)} (did you mean '{close.Name}'?)";
    }

    static string? CheckList(ImmutableArray<string> list)
    {
        foreach (var item in list)
        {
            if (string.IsNullOrWhiteSpace(item)) return "a list element is empty";
            if (item.Contains(PropertyText.ListSeparator, StringComparison.Ordinal)) return $"list element '{item}' contains ';', the list separator";
            if (item != item.Trim()) return $"list element '{item}' has leading or trailing spaces";
        }
        return null;
    }

    static string? CheckReferenceKey(string key) => string.IsNullOrWhiteSpace(key) ? "the reference is empty" : null;

    // A well-formed reference to a node that does not exist: NOT_FOUND rather than a malformed input.
    static string? MissingReference(PropertyDefinition definition, object value, ReferenceLookup references) =>
        (definition.References, value) switch
        {
            (null, _) => null,
            ({ } kind, string key) => references.Check(kind, key),
            ({ } kind, ImmutableArray<string> keys) => keys.Select(k => references.Check(kind, k)).FirstOrDefault(p => p is not null),
            _ => null,
        };

    static string Describe(object value) => value switch
    {
        string => "text",
        long or int => "an integer",
        decimal or double or float => "a decimal number",
        bool => "a boolean",
        DateOnly => "a date",
        ImmutableArray<string> => "a list",
        _ => $"a {value.GetType().Name}",
    };

    static string Describe(PropertyType type) => type switch
    {
        PropertyType.Text => "text",
        PropertyType.Integer => "an integer",
        PropertyType.Decimal => "a decimal number",
        PropertyType.Boolean => "a boolean",
        PropertyType.Date => "a date",
        PropertyType.Enum => "an enum name",
        PropertyType.TextList => "a list of text",
        PropertyType.Reference => "a reference key",
        PropertyType.ReferenceList => "a list of reference keys",
        _ => type.ToString(),
    };
}
