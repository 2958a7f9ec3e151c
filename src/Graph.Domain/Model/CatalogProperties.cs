namespace KnowledgeGraph.Domain.Model;

/// <summary>Short ways to declare the properties of the catalog's node kinds and link types, by type.</summary>
internal static class CatalogProperties
{
    public static PropertyDefinition Text(string name, string chinese, string description) => new(name, PropertyType.Text, chinese, description);
    public static PropertyDefinition Int(string name, string chinese, string description, bool confidential = false) =>
        new(name, PropertyType.Integer, chinese, description, Confidential: confidential);
    public static PropertyDefinition Money(string name, string chinese, string description, bool confidential = false) =>
        new(name, PropertyType.Decimal, chinese, description, Unit: "万元", Confidential: confidential);
    public static PropertyDefinition Percent(string name, string chinese, string description) =>
        new(name, PropertyType.Decimal, chinese, description, Unit: "%");
    public static PropertyDefinition Quantity(string name, string chinese, string description, string unit) =>
        new(name, PropertyType.Decimal, chinese, description, Unit: unit);
    public static PropertyDefinition Texts(string name, string chinese, string description) => new(name, PropertyType.TextList, chinese, description);
    public static PropertyDefinition Flag(string name, string chinese, string description, bool confidential = false) =>
        new(name, PropertyType.Boolean, chinese, description, Confidential: confidential);
    public static PropertyDefinition Day(string name, string chinese, string description) => new(name, PropertyType.Date, chinese, description);
    public static PropertyDefinition Choice(string name, string chinese, string description, IReadOnlyList<EnumValue> values) =>
        new(name, PropertyType.Enum, chinese, description, values);
}
