using System.Collections.Immutable;

namespace KnowledgeGraph.Domain.Model;

/// <summary>
/// A node of the graph. Its id is stable and derived from its kind and natural key
/// (<see cref="NodeId.Of"/>), so the same data always gets the same ids.
/// </summary>
public sealed record Node(
    string Id,
    NodeKind Kind,
    string Key,
    string Name,
    string? NameEn,
    ImmutableArray<string> Aliases,
    PropertyBag Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the stored content (everything but timestamps) equals the input's.</summary>
    public bool HasSameContent(NodeInput input) =>
        Kind == input.Kind && Key == input.Key && Name == input.Name && NameEn == input.NameEn
        && Aliases.SequenceEqual(input.Aliases) && Properties.Equals(input.Properties);
}

/// <summary>The full content of a node to create or replace, found by kind and natural key.</summary>
public sealed record NodeInput(
    NodeKind Kind,
    string Key,
    string Name,
    string? NameEn = null,
    ImmutableArray<string> Aliases = default,
    PropertyBag? Properties = null)
{
    /// <summary>Aliases; never default.</summary>
    public ImmutableArray<string> Aliases { get; init; } = Aliases.IsDefault ? [] : Aliases;

    /// <summary>Properties; never null.</summary>
    public PropertyBag Properties { get; init; } = Properties ?? PropertyBag.Empty;

    /// <summary>The id the node has in every store.</summary>
    public string Id => NodeId.Of(Kind, Key);
}

/// <summary>Node ids: "Kind:key", e.g. "Enterprise:91450200MA5K000001", "Region:450200".</summary>
public static class NodeId
{
    /// <summary>The id of the node of this kind and natural key.</summary>
    public static string Of(NodeKind kind, string key) => $"{kind}:{key}";

    /// <summary>Splits an id into kind and key; false when it is not a node id.</summary>
    public static bool TryParse(string id, out NodeKind kind, out string key)
    {
        kind = default;
        key = "";
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == id.Length - 1) return false;
        var parsed = GraphCatalog.FindNodeKind(id[..colon]);
        if (parsed is null) return false;
        kind = parsed.Value;
        key = id[(colon + 1)..];
        return true;
    }

    /// <summary>The kind named by an id, or null when it is not a node id.</summary>
    public static NodeKind? KindOf(string id) => TryParse(id, out var kind, out _) ? kind : null;
}
