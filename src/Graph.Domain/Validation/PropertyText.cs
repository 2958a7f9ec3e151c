using System.Collections.Immutable;
using System.Globalization;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Validation;

/// <summary>A value parsed from text: the typed value (null for an empty cell), or why the text is not of its type.</summary>
public sealed record ParsedValue(object? Value, string? Error)
{
    /// <summary>Whether the text parsed.</summary>
    public bool IsValid => Error is null;
}

/// <summary>Property values parsed from named text cells, and the problems met.</summary>
public sealed record ParsedProperties(PropertyBag Properties, IReadOnlyList<ValidationProblem> Problems);

/// <summary>
/// Property values as text, for CSV import/export and GraphQL string input (docs/import-format.md, "Values").
/// <see cref="Format"/> is the inverse of <see cref="Parse"/>: formatting a parsed value and parsing it again gives
/// the same value, and formatting is canonical, so export → import → export is identical.
/// </summary>
public static class PropertyText
{
    /// <summary>Separates the elements of a list value.</summary>
    public const char ListSeparator = ';';

    const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// Parses text as a value of the property's type: empty (or blank) text is no value; lists are split on ';',
    /// trimmed, empties dropped; enums take the English name (any case) or the Chinese label and give the English name.
    /// </summary>
    public static ParsedValue Parse(PropertyDefinition property, string? text)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (string.IsNullOrWhiteSpace(text)) return new ParsedValue(null, null);
        var trimmed = text.Trim();
        return property.Type switch
        {
            PropertyType.Text => Ok(text),
            PropertyType.Reference => Ok(trimmed),
            PropertyType.Integer => long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? Ok(l) : Fail($"'{text}' is not an integer"),
            PropertyType.Decimal => decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                ? Ok(d) : Fail($"'{text}' is not a decimal number (write digits with '.', e.g. 52000.5)"),
            PropertyType.Boolean => ParseBoolean(trimmed) is { } b ? Ok(b) : Fail($"'{text}' is not a boolean (true/false, 1/0, 是/否)"),
            PropertyType.Date => DateOnly.TryParseExact(trimmed, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? Ok(date) : Fail($"'{text}' is not a date (yyyy-MM-dd)"),
            PropertyType.Enum => property.FindValue(trimmed) is { } value
                ? Ok(value.Name) : Fail($"'{text}' is not one of {EnumNames(property)}"),
            PropertyType.TextList or PropertyType.ReferenceList => ParseList(trimmed),
            _ => Fail($"'{text}' cannot be read as {property.Type}"),
        };
    }

    /// <summary>The canonical text of a value: invariant numbers without trailing zeros, true/false, yyyy-MM-dd, ';'-joined lists.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(ListSeparator, list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// Parses named text cells (a CSV row, a GraphQL input) into a property bag of the given properties. Every unknown
    /// name and every unreadable value is a problem; empty cells are no value.
    /// </summary>
    public static ParsedProperties ParseAll(IReadOnlyList<PropertyDefinition> properties, IEnumerable<KeyValuePair<string, string?>> cells)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(cells);
        var values = new List<KeyValuePair<string, object?>>();
        var problems = new List<ValidationProblem>();
        foreach (var (name, text) in cells)
        {
            var property = properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                problems.Add(new(name, $"unknown property '{name}' (known: {string.Join(", ", properties.Select(p => p.Name))})"));
                continue;
            }
            var parsed = Parse(property, text);
            if (parsed.IsValid) values.Add(new(name, parsed.Value));
            else problems.Add(new(name, parsed.Error!));
        }
        return new ParsedProperties(PropertyBag.From(values), problems);
    }

    /// <summary>The allowed names of an enum property, for messages.</summary>
    internal static string EnumNames(PropertyDefinition property) =>
        string.Join(", ", (property.Values ?? []).Select(v => $"{v.Name} ({v.Chinese})"));

    static bool? ParseBoolean(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "是" => true,
        "FALSE" or "0" or "否" => false,
        _ => null,
    };

    static ParsedValue ParseList(string text)
    {
        var items = text.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
        return Ok(items.IsEmpty ? null : items);
    }

    static ParsedValue Ok(object? value) => new(value, null);
    static ParsedValue Fail(string error) => new(null, error);
}
