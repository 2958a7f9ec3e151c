using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// A node checked and encoded for writing: its input, English name (null when blank), normalized properties and their
/// JSON, its aliases' JSON, and the names search finds it by (as given and folded).
/// </summary>
internal sealed record PreparedNode(
    NodeInput Input, string? NameEn, PropertyBag Properties, string? PropsJson, string? AliasesJson, (string Text, string Folded)[] Names)
{
    /// <summary>Checks a node and encodes what is written of it; needs nothing of the store, so any thread can do it.</summary>
    public static PreparedNode Of(NodeInput input)
    {
        if (!Enum.IsDefined(input.Kind)) throw new InvalidInputException($"unknown node kind {input.Kind}");
        if (string.IsNullOrWhiteSpace(input.Key)) throw new InvalidInputException($"a {input.Kind} node needs a non-empty key");
        if (input.Key.Contains('|', StringComparison.Ordinal)) throw new InvalidInputException($"node {input.Id}: a key cannot contain '|'");
        if (string.IsNullOrWhiteSpace(input.Name)) throw new InvalidInputException($"node {input.Id}: the name is empty");
        if (input.Aliases.Any(string.IsNullOrWhiteSpace)) throw new InvalidInputException($"node {input.Id}: an alias is empty");

        var nameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn;
        var properties = StoredProperties.Normalize(input.Properties, GraphCatalog.Of(input.Kind).Properties, input, static node => $"node {node.Id}");
        return new(input, nameEn, properties, PropertyJson.Encode(properties), PropertyJson.EncodeList(input.Aliases),
            [.. NameIndex.NamesOf(input.Name, nameEn, input.Aliases)]);
    }
}
