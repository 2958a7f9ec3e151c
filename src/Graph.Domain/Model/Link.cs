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
        var name = GraphSchema.Of(type).Name;
        return string.IsNullOrEmpty(key) ? $"{name}|{fromId}|{toId}" : $"{name}|{fromId}|{toId}|{key}";
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
