using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Links;

/// <summary>
/// The link types, generated from the catalog: the <c>Link</c> interface and one object type per
/// <see cref="LinkType"/> named <c>&lt;LinkType&gt;Link</c> (e.g. <c>PairedWithLink</c>) with the type's properties.
/// </summary>
[DoNotRegister]
public sealed class LinkTypes
{
    private readonly Dictionary<LinkType, ObjectGraphType<Link>> _types = [];

    public LinkTypes(NodeTypes nodes)
    {
        Link = new InterfaceGraphType<Link>
        {
            Name = "Link",
            Description = "A typed, directed link between two nodes, with dates, the source of the fact and the type's properties. 关系。",
        };
        var template = new ObjectGraphType<Link>();
        AddCoreFields(template, nodes.Node, nodes.Node);
        InterfaceFields.Copy(template, Link, _ => true);

        foreach (var info in GraphCatalog.LinkTypes)
        {
            var type = new ObjectGraphType<Link>
            {
                Name = CatalogNames.LinkTypeName(info.Type),
                Description = CatalogNames.Bilingual($"{info.Name}: {info.Description}", info.Chinese),
                IsTypeOf = source => source is Link link && link.Type == info.Type,
            };
            AddCoreFields(type, nodes.Common(info.FromKinds), nodes.Common(info.ToKinds));
            foreach (var property in info.Properties)
                PropertyFields.Add(type, info.Type.ToString(), property, l => l.Properties, nodes.Enums, nodes.ComplexTypes);
            type.AddResolvedInterface(Link);
            _types.Add(info.Type, type);
        }
    }

    /// <summary>The <c>Link</c> interface.</summary>
    public InterfaceGraphType<Link> Link { get; }

    /// <summary>The object type of a link type.</summary>
    public ObjectGraphType<Link> Of(LinkType type) => _types[type];

    private static void AddCoreFields(ObjectGraphType<Link> type, IGraphType from, IGraphType to)
    {
        type.Field<NonNullGraphType<IdGraphType>>("id").Description("The link's id: `TYPE|fromId|toId`, plus `|key` when it has one. 关系标识。").Resolve(c => c.Source.Id);
        type.Field<NonNullGraphType<LinkTypeType>>("type").Description("The link's type. 关系类型。").Resolve(c => c.Source.Type);
        type.Field("from", new NonNullGraphType(from)).Description("The node the link starts at. 起点。").Resolve(c => c.Nodes().Load(c.Source.FromId));
        type.Field("to", new NonNullGraphType(to)).Description("The node the link ends at. 终点。").Resolve(c => c.Nodes().Load(c.Source.ToId));
        type.Field<StringGraphType>("key").Description("Tells apart several links of one type between the same two nodes, e.g. two contracts. 区分键。").Resolve(c => c.Source.Key);
        type.Field<IsoDateGraphType>("startDate").Description("When it began (signed, founded, joined). 开始日期。").Resolve(c => c.Source.StartDate);
        type.Field<IsoDateGraphType>("endDate").Description("When it ended; null while it lasts. 结束日期。").Resolve(c => c.Source.EndDate);
        type.Field<StringGraphType>("source").Description("Where the fact comes from: a document, a list, a URL. 来源。").Resolve(c => c.Source.Source);
        type.Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When the graph first recorded it. 创建时间。").Resolve(c => c.Source.CreatedAt);
        type.Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Description("When its content last changed. 更新时间。").Resolve(c => c.Source.UpdatedAt);
        RecordVersionField.Add(type);
    }
}

/// <summary>The <c>LinkType</c> enum: the catalog's link type names, SUBSIDIARY_OF, HOSTS, ….</summary>
public sealed class LinkTypeType : EnumerationGraphType
{
    public LinkTypeType()
    {
        Name = "LinkType";
        Description = "The kinds of link between nodes. 关系类型。";
        foreach (var type in GraphCatalog.LinkTypes)
            Add(type.Name, type.Type, CatalogNames.Bilingual(CatalogNames.Pascal(type.Description), type.Chinese));
    }
}
