using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Writes;

/// <summary>
/// <c>&lt;Kind&gt;Input</c>: the full content of a node of one kind — its natural key, names and every catalog
/// property — to create, or to replace when a node of that kind and key exists.
/// </summary>
[DoNotRegister]
public sealed class NodeInputType : InputObjectGraphType
{
    public NodeInputType(NodeKindInfo kind, CatalogEnums enums)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Kind = kind;
        Name = $"{kind.Kind}Input";
        Description = $"{kind.Kind} ({kind.Chinese}) to create or update by its natural key `{kind.KeyName}`. "
            + "The input is the node's full content: a property left out is cleared. 按自然键新建或更新（整体替换）。";
        Field<NonNullGraphType<StringGraphType>>(kind.KeyName).Description(KeyDescription(kind));
        Field<NonNullGraphType<StringGraphType>>("name").Description("The name, in Chinese. 名称。");
        Field<StringGraphType>("nameEn").Description("The English name. 英文名称。");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("aliases").Description("Other names: short names, former names. 别名、简称、曾用名。");
        PropertyInputs.AddFields(this, kind.Kind.ToString(), kind.Properties, enums);
    }

    /// <summary>The node kind this input is for.</summary>
    public NodeKindInfo Kind { get; }

    private static string KeyDescription(NodeKindInfo kind) => kind.Kind switch
    {
        NodeKind.Enterprise => "统一社会信用代码: the unified social credit code (18 characters, GB 32100-2015, checked). "
            + "Without `region`, the region is taken from characters 3–8.",
        NodeKind.Region => "行政区划代码: the 6-digit GB/T 2260 division code.",
        NodeKind.Field => "领域代码: the field code.",
        _ => "The natural key: any stable identifier without '|'. 自然键。",
    };
}

/// <summary>
/// <c>&lt;LinkType&gt;Input</c>: a link of one type between two existing nodes, found by (from, to, key), with its
/// dates, source and properties — created, or replaced when that link exists.
/// </summary>
[DoNotRegister]
public sealed class LinkInputType : InputObjectGraphType
{
    public LinkInputType(LinkTypeInfo link, CatalogEnums enums)
    {
        ArgumentNullException.ThrowIfNull(link);
        Link = link;
        Name = $"{link.Type}Input";
        Description = $"A {link.Name} link ({link.Chinese}): {link.Description}. Created, or replaced when the link with this from, to and key exists. 新建或更新关系。";
        Field<NonNullGraphType<IdGraphType>>("from").Description($"The node the link leaves: the id of a {string.Join(", ", Kinds(link.FromKinds))}. 起点。");
        Field<NonNullGraphType<IdGraphType>>("to").Description($"The node the link arrives at: the id of a {string.Join(", ", Kinds(link.ToKinds))}. 终点。");
        Field<StringGraphType>("key").Description("Tells apart several links of this type between the same two nodes, e.g. a contract number. 区分同类多条关系的键。");
        Field<IsoDateGraphType>("startDate").Description("The date the link holds from. 开始日期。");
        Field<IsoDateGraphType>("endDate").Description("The date the link holds to. 结束日期。");
        Field<StringGraphType>("source").Description("Where the fact comes from: a document, a list, a URL. 来源。");
        PropertyInputs.AddFields(this, link.Type.ToString(), link.Properties, enums);
    }

    /// <summary>The link type this input is for.</summary>
    public LinkTypeInfo Link { get; }

    private static IEnumerable<NodeKind> Kinds(IReadOnlySet<NodeKind> kinds) => GraphCatalog.NodeKinds.Select(k => k.Kind).Where(kinds.Contains);
}

/// <summary>
/// <c>&lt;Kind&gt;PatchInput</c>: what a patch sets on a node of one kind — its names and any catalog property; what
/// it leaves out stays as stored.
/// </summary>
[DoNotRegister]
public sealed class NodePatchInputType : InputObjectGraphType
{
    public NodePatchInputType(NodeKindInfo kind, CatalogEnums enums)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Kind = kind;
        Name = $"{kind.Kind}PatchInput";
        Description = $"What to set on a {kind.Kind} ({kind.Chinese}); what is left out stays as stored. To remove a value, name it in `clear`. 部分更新：只改所列字段。";
        Field<StringGraphType>("name").Description("The name, in Chinese. 名称。");
        Field<StringGraphType>("nameEn").Description("The English name. 英文名称。");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("aliases").Description("Other names, replacing the stored ones. 别名（整体替换）。");
        PropertyInputs.AddFields(this, kind.Kind.ToString(), kind.Properties, enums);
    }

    /// <summary>The node kind this input is for.</summary>
    public NodeKindInfo Kind { get; }
}

/// <summary><c>&lt;Kind&gt;Property</c>: the properties of a kind a patch can clear.</summary>
[DoNotRegister]
public sealed class ClearablePropertyType : EnumerationGraphType
{
    public ClearablePropertyType(NodeKindInfo kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Name = $"{kind.Kind}Property";
        Description = $"A property of {kind.Kind} ({kind.Chinese}) that a patch can clear. 可清除的属性。";
        Add("nameEn", "nameEn", "The English name. 英文名称。");
        Add("aliases", "aliases", "The other names. 别名。");
        foreach (var property in kind.Properties)
            Add(property.Name, property.Name, $"{property.Chinese}.");
    }
}

/// <summary><c>&lt;Kind&gt;PatchOperationInput</c>: a patch as one write of a batch — the node, what to set, what to clear.</summary>
[DoNotRegister]
public sealed class NodePatchOperationInputType : InputObjectGraphType
{
    public NodePatchOperationInputType(NodePatchInputType set, ClearablePropertyType clear)
    {
        ArgumentNullException.ThrowIfNull(set);
        Kind = set.Kind;
        Name = $"{set.Kind.Kind}PatchOperationInput";
        Description = $"A patch of a {set.Kind.Kind} in a batch, as `{MutationNames.Patch(set.Kind.Kind)}` takes it. 批量中的部分更新。";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The node to patch. 节点 id。");
        Field("set", set).Description("What to set. 要设置的值。");
        Field("clear", new ListGraphType(new NonNullGraphType(clear))).Description("What to clear. 要清除的属性。");
    }

    /// <summary>The node kind this input is for.</summary>
    public NodeKindInfo Kind { get; }
}

/// <summary>
/// One write of <c>applyBatch</c>: exactly one of its fields (a oneOf input) — an upsert of a node, a link, an unlink
/// or a delete.
/// </summary>
[DoNotRegister]
public sealed class BatchOperationInputType : InputObjectGraphType
{
    public BatchOperationInputType(IEnumerable<NodeInputType> nodeInputs, IEnumerable<NodePatchOperationInputType> patchInputs, IEnumerable<LinkInputType> linkInputs)
    {
        Name = "BatchOperationInput";
        Description = "One write of a batch: set exactly one field. 批量写入中的一项：只填一个字段。";
        IsOneOf = true;
        foreach (var input in nodeInputs)
            Field(MutationNames.Upsert(input.Kind.Kind), input).Description($"Create or update: {input.Kind.Kind} ({input.Kind.Chinese}), as `{MutationNames.Upsert(input.Kind.Kind)}` does.");
        foreach (var input in patchInputs)
            Field(MutationNames.Patch(input.Kind.Kind), input).Description($"Change only what it names: {input.Kind.Kind} ({input.Kind.Chinese}), as `{MutationNames.Patch(input.Kind.Kind)}` does.");
        foreach (var input in linkInputs)
            Field(MutationNames.Link(input.Link.Type), input).Description($"Create or update: a {input.Link.Name} link ({input.Link.Chinese}), as `{MutationNames.Link(input.Link.Type)}` does.");
        Field<IdGraphType>(MutationNames.Unlink).Description("Delete the link with this id. 删除关系。");
        Field<IdGraphType>(MutationNames.DeleteNode).Description("Delete the node with this id and every link at it. 删除节点及其关系。");
    }
}

/// <summary>The names of the mutations, which are also the fields of a batch operation.</summary>
internal static class MutationNames
{
    public const string Unlink = "unlink";
    public const string DeleteNode = "deleteNode";

    public static string Upsert(NodeKind kind) => $"upsert{kind}";

    public static string Patch(NodeKind kind) => $"patch{kind}";

    public static string Link(LinkType type) => $"link{type}";
}
