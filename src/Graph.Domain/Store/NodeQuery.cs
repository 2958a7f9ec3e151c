using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>
/// A filter over nodes. Property names are the catalog's (<see cref="GraphCatalog"/>) plus the core
/// fields "id", "kind", "key", "name", "nameEn", "aliases", "createdAt" and "updatedAt". On a list property
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
    /// A condition on the node's links of this type in this direction (<see cref="Direction.Both"/>: at either end).
    /// A link matches when it leads to one of <paramref name="OtherIds"/> (when given), meets <paramref name="Link"/>
    /// (when given) and its other end meets <paramref name="Other"/> (when given). <paramref name="Quantifier"/> says
    /// how many must match: at least one (the default), none or all of them (both true for a node with no such links), or
    /// exactly one.
    /// </summary>
    /// <param name="Type">The link type.</param>
    /// <param name="Direction">Links from the node (Out), to it (In), or either.</param>
    /// <param name="OtherIds">When given, only links to one of these nodes match.</param>
    /// <param name="Quantifier">How many links must match.</param>
    /// <param name="Link">
    /// A filter over the link itself: <see cref="Compare"/> on "key", "startDate", "endDate", "source" and the link
    /// type's catalog properties, combined with <see cref="AllOf"/>, <see cref="AnyOf"/> and <see cref="Not"/>.
    /// </param>
    /// <param name="Other">A filter over the node at the other end, as over any node of the kinds the link type allows there.</param>
    public sealed record HasLink(
        LinkType Type,
        Direction Direction,
        IReadOnlyCollection<string>? OtherIds = null,
        LinkQuantifier Quantifier = LinkQuantifier.Some,
        NodeFilter? Link = null,
        NodeFilter? Other = null) : NodeFilter
    {
        /// <summary>The kinds the link type allows at the other end of the node's links.</summary>
        public IReadOnlySet<NodeKind> OtherKinds
        {
            get
            {
                var info = GraphCatalog.Of(Type);
                return Direction switch
                {
                    Direction.Out => info.ToKinds,
                    Direction.In => info.FromKinds,
                    _ => info.FromKinds.Union(info.ToKinds).ToHashSet(),
                };
            }
        }
    }

    /// <summary>
    /// A condition on how many links of this type in this direction the node has (<see cref="Direction.Both"/>: at
    /// either end, a link from the node to itself counted once), compared with <paramref name="Value"/> by
    /// <see cref="FilterOp.Eq"/>, <see cref="FilterOp.Gt"/>, <see cref="FilterOp.Gte"/>, <see cref="FilterOp.Lt"/> or
    /// <see cref="FilterOp.Lte"/>. A store counts them in its query, never by loading them.
    /// </summary>
    public sealed record LinkCount(LinkType Type, Direction Direction, FilterOp Op, long Value) : NodeFilter;
}

/// <summary>How many of a node's links must match a <see cref="NodeFilter.HasLink"/> condition.</summary>
public enum LinkQuantifier
{
    /// <summary>At least one.</summary>
    Some,
    /// <summary>None (true for a node with no such links).</summary>
    None,
    /// <summary>Every one (true for a node with no such links).</summary>
    All,
    /// <summary>Exactly one (false for a node with no such links, and for one with two or more that match).</summary>
    Single,
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

/// <summary>
/// One sort key: a property (as in filters) and a direction; or, with <see cref="CountedLinks"/>, the number of the
/// node's links of that type in that direction (nodes without any count 0), when <see cref="Property"/> is the key's name in messages.
/// </summary>
public sealed record SortField(string Property, bool Descending = false)
{
    /// <summary>When set, the key is how many such links the node has (counted as <see cref="NodeFilter.LinkCount"/> counts them).</summary>
    public CountedLinks? CountedLinks { get; init; }

    /// <summary>A key on the number of links of this type in this direction, named <paramref name="name"/> in messages.</summary>
    public static SortField ByLinkCount(string name, LinkType type, Direction direction, bool descending) =>
        new(name, descending) { CountedLinks = new(type, direction) };
}

/// <summary>Which of a node's links a count takes: those of this type in this direction.</summary>
public sealed record CountedLinks(LinkType Type, Direction Direction);

/// <summary>
/// A page of nodes of some kinds, filtered and sorted. Ties are broken by id, so paging is stable.
/// Skip/Take are offsets into the sorted result; TotalCount is counted when asked for.
/// With a <see cref="FigureYear"/>, filters and sorts read an enterprise's year-dependent properties
/// (<see cref="Rules.EnterpriseFigures.YearDependentProperties"/>) from that year's figures, absent when it has none;
/// without one, from the latest year it has (the stored columns).
/// </summary>
public sealed record NodeQuery(
    IReadOnlyCollection<NodeKind> Kinds,
    NodeFilter? Filter = null,
    IReadOnlyList<SortField>? Sort = null,
    int Skip = 0,
    int Take = 50,
    bool CountTotal = true)
{
    /// <summary>The year whose figures filters and sorts read; the latest each enterprise has when null.</summary>
    public int? FigureYear { get; init; }
}

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
