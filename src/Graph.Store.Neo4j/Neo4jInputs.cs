using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// What the store accepts, as the embedded store does: a node needs a key without '|' and a name; every
/// property is one the catalog defines, of its type (a whole number for a decimal property becomes a
/// decimal); a blank English name and an empty link key are absent. Inputs come back in stored form,
/// so comparing them with what is stored tells a real change from a repeat.
/// </summary>
internal static class Neo4jInputs
{
    /// <summary>The node as it will be stored, or an <see cref="InvalidInputException"/>.</summary>
    public static NodeInput Node(NodeInput input)
    {
        if (!Enum.IsDefined(input.Kind)) throw new InvalidInputException($"unknown node kind {input.Kind}");
        if (string.IsNullOrWhiteSpace(input.Key)) throw new InvalidInputException($"a {input.Kind} node needs a non-empty key");
        if (input.Key.Contains('|', StringComparison.Ordinal)) throw new InvalidInputException($"node {input.Id}: a key cannot contain '|'");
        if (string.IsNullOrWhiteSpace(input.Name)) throw new InvalidInputException($"node {input.Id}: the name is empty");
        if (input.Aliases.Any(string.IsNullOrWhiteSpace)) throw new InvalidInputException($"node {input.Id}: an alias is empty");
        return input with
        {
            NameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn,
            Properties = StoredProperties.Normalize(input.Properties, GraphCatalog.Of(input.Kind).Properties, input, static node => $"node {node.Id}"),
        };
    }

    /// <summary>The link as it will be stored, or an <see cref="InvalidInputException"/>.</summary>
    public static LinkInput Link(LinkInput input)
    {
        if (!Enum.IsDefined(input.Type)) throw new InvalidInputException($"unknown link type {input.Type}");
        return input with
        {
            Key = string.IsNullOrEmpty(input.Key) ? null : input.Key,
            Properties = StoredProperties.Normalize(input.Properties, GraphCatalog.Of(input.Type).Properties, input, static link => $"link {link.Id}"),
        };
    }
}
