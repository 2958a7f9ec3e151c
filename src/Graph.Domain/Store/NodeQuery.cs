using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>
/// A filter over nodes. Property names are the catalog's (<see cref="GraphSchema"/>) plus the core
/// fields "id", "key", "name", "nameEn", "aliases", "createdAt" and "updatedAt". On a list property
/// (fields, aliases) a comparison holds when it holds for any element.
/// </summary>
public abstract record NodeFilter
{
    /// <summary>All of these hold.</summary>
    public sealed record AllOf(IReadOnlyList<NodeFilter> Filters) : NodeFilter;

    /// <summary>At least one of these holds.</summary>
    public sealed record AnyOf(IReadOnlyList<NodeFilter> Filters) : NodeFilter;

    /// <summary>This does not hold.</summary>
    public sealed record Not(NodeFilter Filter) : NodeFilter;

    /// <summary>
    /// A comparison of a property with a value. <see cref="FilterOp.In"/> and <see cref="FilterOp.NotIn"/>
    /// take a list of values; <see cref="FilterOp.IsNull"/> takes true (absent) or false (present);
    /// a comparison with an absent property is false (except NotIn, Neq and IsNull true).
    /// </summary>
    public sealed record Compare(string Property, FilterOp Op, object? Value) : NodeFilter;

    /// <summary>
    /// The node has at least one link of this type in this direction — to one of these nodes, when
    /// <paramref name="OtherIds"/> is given.
    /// </summary>
    public sealed record HasLink(LinkType Type, Direction Direction, IReadOnlyCollection<string>? OtherIds = null) : NodeFilter;
}

/// <summary>Comparison operators of <see cref="NodeFilter.Compare"/>.</summary>
public enum FilterOp
{
    /// <summary>Equal.</summary>
    Eq,
    /// <summary>Not equal (or absent).</summary>
    Neq,
    /// <summary>Equal to one of a list.</summary>
    In,
    /// <summary>Equal to none of a list (or absent).</summary>
    NotIn,
    /// <summary>Text contains the value (case-insensitive for Latin letters).</summary>
    Contains,
    /// <summary>Text does not contain the value.</summary>
    NotContains,
    /// <summary>Text starts with the value.</summary>
    StartsWith,
    /// <summary>Greater than.</summary>
    Gt,
    /// <summary>Greater than or equal.</summary>
    Gte,
    /// <summary>Less than.</summary>
    Lt,
    /// <summary>Less than or equal.</summary>
    Lte,
    /// <summary>Absent (value true) or present (value false).</summary>
    IsNull,
}

/// <summary>One sort key: a property (as in filters) and a direction.</summary>
public sealed record SortField(string Property, bool Descending = false);

/// <summary>
/// A page of nodes of some kinds, filtered and sorted. Ties are broken by id, so paging is stable.
/// Skip/Take are offsets into the sorted result; TotalCount is counted when asked for.
/// </summary>
public sealed record NodeQuery(
    IReadOnlyCollection<NodeKind> Kinds,
    NodeFilter? Filter = null,
    IReadOnlyList<SortField>? Sort = null,
    int Skip = 0,
    int Take = 50,
    bool CountTotal = true);

/// <summary>A page of results, and how many there are in all (null when not counted).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int? TotalCount);

/// <summary>A search over names, English names and aliases; Chinese substrings of any length match.</summary>
public sealed record SearchQuery(string Text, IReadOnlyCollection<NodeKind>? Kinds = null, int Limit = 20);

/// <summary>The links of some nodes, of some types (all when null), in a direction.</summary>
public sealed record LinkQuery(
    IReadOnlyCollection<string> NodeIds,
    Direction Direction = Direction.Both,
    IReadOnlyCollection<LinkType>? Types = null);

/// <summary>How many nodes of each kind and links of each type a store holds.</summary>
public sealed record GraphCounts(IReadOnlyDictionary<NodeKind, long> Nodes, IReadOnlyDictionary<LinkType, long> Links)
{
    /// <summary>All nodes.</summary>
    public long NodeTotal => Nodes.Values.Sum();

    /// <summary>All links.</summary>
    public long LinkTotal => Links.Values.Sum();
}
