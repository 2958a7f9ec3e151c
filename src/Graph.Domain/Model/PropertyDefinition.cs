namespace KnowledgeGraph.Domain.Model;

/// <summary>The value types a node or link property can hold.</summary>
public enum PropertyType
{
    /// <summary>A string (C# <see cref="string"/>).</summary>
    Text,
    /// <summary>A whole number (C# <see cref="long"/>).</summary>
    Integer,
    /// <summary>A decimal number (C# <see cref="decimal"/>); money is in 万元.</summary>
    Decimal,
    /// <summary>true / false (C# <see cref="bool"/>).</summary>
    Boolean,
    /// <summary>A calendar date (C# <see cref="DateOnly"/>).</summary>
    Date,
    /// <summary>One of a closed list of names (C# <see cref="string"/>).</summary>
    Enum,
    /// <summary>A list of strings (C# <see cref="IReadOnlyList{T}"/> of string).</summary>
    TextList,
    /// <summary>The key of a Region or Field node (C# <see cref="string"/>).</summary>
    Reference,
    /// <summary>A list of keys of Region or Field nodes (C# <see cref="IReadOnlyList{T}"/> of string).</summary>
    ReferenceList,
}

/// <summary>A named value of an enum property, with its Chinese label.</summary>
public sealed record EnumValue(string Name, string Chinese);

/// <summary>
/// One property of a node kind or link type: its name (camelCase, as in CSV headers and GraphQL),
/// value type, Chinese label, and for enums the allowed values, for references the kind referred to.
/// </summary>
public sealed record PropertyDefinition(
    string Name,
    PropertyType Type,
    string Chinese,
    string Description,
    IReadOnlyList<EnumValue>? Values = null,
    NodeKind? References = null,
    string? Unit = null,
    bool Confidential = false)
{
    /// <summary>Whether the value is a list.</summary>
    public bool IsList => Type is PropertyType.TextList or PropertyType.ReferenceList;

    /// <summary>Finds an enum value by its name or its Chinese label; null when neither matches.</summary>
    public EnumValue? FindValue(string text) =>
        Values?.FirstOrDefault(v => string.Equals(v.Name, text, StringComparison.OrdinalIgnoreCase) || v.Chinese == text);
}
