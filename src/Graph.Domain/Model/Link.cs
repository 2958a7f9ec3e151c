namespace KnowledgeGraph.Domain.Model;

/// <summary>
/// A stored link: a typed, directed relationship between two nodes with dates (start, end), a source (where the
/// fact came from) and properties. Its identity is (type, from, to, key): the optional key tells apart
/// several links of one type between the same two nodes, e.g. two technology contracts.
/// </summary>
public sealed record Link(
    string Id,
    LinkType Type,
    string FromId,
    string ToId,
    string? Key,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? Source,
    PropertyBag Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the stored content (everything but timestamps) equals the input's.</summary>
    public bool HasSameContent(LinkInput input) =>
        Type == input.Type && FromId == input.FromId && ToId == input.ToId && Key == input.Key
        && StartDate == input.StartDate && EndDate == input.EndDate && Source == input.Source && Properties.Equals(input.Properties);

    /// <summary>The node at the other end from <paramref name="nodeId"/>.</summary>
    public string OtherEnd(string nodeId) => FromId == nodeId ? ToId : FromId;
}

/// <summary>The full content of a link to create or replace, found by (type, from, to, key).</summary>
public sealed record LinkInput(
    LinkType Type,
    string FromId,
    string ToId,
    string? Key = null,
    DateOnly? StartDate = null,
    DateOnly? EndDate = null,
    string? Source = null,
    PropertyBag? Properties = null)
{
    /// <summary>Properties; never null.</summary>
    public PropertyBag Properties { get; init; } = Properties ?? PropertyBag.Empty;

    /// <summary>The id the link has in every store.</summary>
    public string Id => LinkId.Of(Type, FromId, ToId, Key);
}

/// <summary>Link ids: "TYPE|fromId|toId" or "TYPE|fromId|toId|key".</summary>
public static class LinkId
{
    /// <summary>The id of the link of this type between these nodes, with this key.</summary>
    public static string Of(LinkType type, string fromId, string toId, string? key = null)
    {
        var name = GraphCatalog.Of(type).Name;
        return string.IsNullOrEmpty(key) ? $"{name}|{fromId}|{toId}" : $"{name}|{fromId}|{toId}|{key}";
    }

    /// <summary>
    /// Splits a link id into its type, its ends and its key (null when it has none); false when the id is not a
    /// link id (a known type name, then two node ids). Node ids hold no '|'; a key may.
    /// </summary>
    public static bool TryParse(string id, out LinkType type, out string fromId, out string toId, out string? key)
    {
        ArgumentNullException.ThrowIfNull(id);
        type = default;
        fromId = toId = "";
        key = null;
        var parts = id.Split('|', 4);
        if (parts.Length < 3 || GraphCatalog.FindLinkType(parts[0]) is not { } info || info.Name != parts[0]) return false;
        if (NodeId.KindOf(parts[1]) is null || NodeId.KindOf(parts[2]) is null) return false;
        type = info.Type;
        fromId = parts[1];
        toId = parts[2];
        key = parts.Length == 4 && parts[3].Length > 0 ? parts[3] : null;
        return true;
    }
}

/// <summary>Which links of a node: those leaving it, those arriving, or both.</summary>
public enum Direction
{
    /// <summary>Links whose from-end is the node.</summary>
    Out,
    /// <summary>Links whose to-end is the node.</summary>
    In,
    /// <summary>Links at either end.</summary>
    Both,
}
