using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Nodes;

/// <summary>
/// The node types, generated from the catalog (<see cref="GraphCatalog"/>): the Relay <c>Node</c> interface, the
/// <c>Organization</c> interface, and one object type per <see cref="NodeKind"/> named as the kind, with the core
/// fields and one field per catalog property. Link connections are added by the Links feature.
/// </summary>
[DoNotRegister]
public sealed class NodeTypes
{
    private readonly Dictionary<NodeKind, ObjectGraphType<Node>> _kinds = [];

    public NodeTypes(CatalogEnums enums)
    {
        Enums = enums;
        Node = new InterfaceGraphType<Node>
        {
            Name = "Node",
            Description = "A node of the graph, of any kind, with its global id (Relay object identification): fetch it again with `node(id:)`. 图节点。",
        };

        Organization = new InterfaceGraphType<Node>
        {
            Name = "Organization",
            Description = "An organisation: an Enterprise, University, ResearchInstitute or GovernmentBody. They host and co-build platforms, join consortia, post and apply to challenges, take part in projects, sign agreements and transfer technology. 组织机构（企业、高校、科研院所、政府部门）。",
        };

        foreach (var kind in GraphCatalog.NodeKinds)
        {
            var type = new ObjectGraphType<Node>
            {
                Name = kind.Kind.ToString(),
                Description = CatalogNames.Bilingual(kind.Description, kind.Chinese),
                IsTypeOf = source => source is Node node && node.Kind == kind.Kind,
            };
            _kinds.Add(kind.Kind, type);
        }

        var organizationKinds = GraphCatalog.NodeKinds.Where(k => k.IsOrganization).ToList();
        foreach (var kind in GraphCatalog.NodeKinds)
        {
            var type = _kinds[kind.Kind];
            AddCoreFields(type, kind);
            foreach (var property in kind.Properties)
                PropertyFields.Add(type, kind.Kind.ToString(), property, n => n.Properties, enums, ComplexTypes);
        }

        var common = organizationKinds[0].Properties
            .Where(p => p.Values is null && organizationKinds.All(k => k.Property(p.Name) is { Values: null } other && other.Type == p.Type && other.References == p.References))
            .Select(p => p.Name)
            .ToHashSet();
        InterfaceFields.Copy(_kinds[NodeKind.University], Node, CoreFieldNames.Contains);
        InterfaceFields.Copy(_kinds[NodeKind.University], Organization, name => CoreFieldNames.Contains(name) || common.Contains(name));

        // Interfaces are checked as they are added: after the fields they need.
        Organization.AddResolvedInterface(Node);
        foreach (var (kind, type) in _kinds)
        {
            type.AddResolvedInterface(Node);
            if (GraphCatalog.Of(kind).IsOrganization)
                type.AddResolvedInterface(Organization);
        }

        AddHierarchy(_kinds[NodeKind.Region], NodeKind.Region, "regions directly within this one, known to GB/T 2260 and held by the graph", "下级区划",
            code => Domain.Reference.Regions.Children(code).Select(r => r.Code));
        AddHierarchy(_kinds[NodeKind.Field], NodeKind.Field, "narrower fields directly below this one", "下级领域",
            code => Domain.Reference.TechnologyFields.Children(code).Select(f => f.Code));
    }

    /// <summary>The catalog's enums.</summary>
    public CatalogEnums Enums { get; }

    /// <summary>The Relay <c>Node</c> interface.</summary>
    public InterfaceGraphType<Node> Node { get; }

    /// <summary>The <c>Organization</c> interface.</summary>
    public InterfaceGraphType<Node> Organization { get; }

    /// <summary>The object type of a kind.</summary>
    public ObjectGraphType<Node> Of(NodeKind kind) => _kinds[kind];

    /// <summary>Every node object type.</summary>
    public IEnumerable<ObjectGraphType<Node>> All => _kinds.Values;

    /// <summary>The object types by kind, as complex types.</summary>
    public IReadOnlyDictionary<NodeKind, IComplexGraphType> ComplexTypes => _kinds.ToDictionary(k => k.Key, k => (IComplexGraphType)k.Value);

    /// <summary>
    /// The most precise type for a node that is one of these kinds: the kind's own type, <c>Organization</c> when
    /// all are organisations, else <c>Node</c>.
    /// </summary>
    public IGraphType Common(IReadOnlySet<NodeKind> kinds) =>
        kinds.Count == 1 ? _kinds[kinds.Single()]
        : kinds.All(GraphCatalog.OrganizationKinds.Contains) ? Organization
        : Node;

    private static readonly string[] CoreFieldNames = ["id", "key", "kind", "name", "nameEn", "aliases", "createdAt", "updatedAt", "version", "history"];

    private static void AddCoreFields(ObjectGraphType<Node> type, NodeKindInfo? kind)
    {
        type.Field<NonNullGraphType<IdGraphType>>("id").Description("The global id, `Kind:key`, the same in every store. 全局标识。").Resolve(c => c.Source.Id);
        type.Field<NonNullGraphType<StringGraphType>>("key")
            .Description(kind is null || kind.KeyName == "key"
                ? "The natural key: unique within the kind, stable across imports. 业务主键。"
                : $"The natural key, here the {kind.KeyName}. 业务主键。")
            .Resolve(c => c.Source.Key);
        if (kind is { KeyName: not "key" })
        {
            type.Field<NonNullGraphType<StringGraphType>>(kind.KeyName)
                .Description(kind.Kind == NodeKind.Enterprise
                    ? "The unified social credit code (GB 32100-2015), the enterprise's key. 统一社会信用代码。"
                    : "The code, the node's key (GB/T 2260 for regions). 代码。")
                .Resolve(c => c.Source.Key);
        }
        type.Field<NonNullGraphType<NodeKindType>>("kind").Description("The node's kind. 节点类型。").Resolve(c => c.Source.Kind);
        type.Field<NonNullGraphType<StringGraphType>>("name").Description("The name, in Chinese. 名称。").Resolve(c => c.Source.Name);
        type.Field<StringGraphType>("nameEn").Description("The English name, when known. 英文名称。").Resolve(c => c.Source.NameEn);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("aliases")
            .Description("Other names it is known by (short names, former names); search matches them. 别名。").Resolve(c => c.Source.Aliases);
        type.Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When the graph first recorded it. 创建时间。").Resolve(c => c.Source.CreatedAt);
        type.Field<NonNullGraphType<DateTimeOffsetGraphType>>("updatedAt").Description("When its content last changed. 更新时间。").Resolve(c => c.Source.UpdatedAt);
        RecordVersionField.Add(type);
        Writes.JournalFields.AddHistory(type);
    }

    private static void AddHierarchy(ObjectGraphType<Node> type, NodeKind kind, string description, string chinese, Func<string, IEnumerable<string>> children) =>
        type.Field("children", new NonNullGraphType(new ListGraphType(new NonNullGraphType(type))))
            .Description(CatalogNames.Bilingual(CatalogNames.Pascal(description), chinese))
            .Resolve(context => context.Nodes()
                .LoadMany(children(context.Source.Key).Select(code => NodeId.Of(kind, code)))
                .Then(nodes => (object)nodes.OfType<Node>().ToList()));
}

/// <summary>The <c>NodeKind</c> enum as a graph type, for fields declared by CLR type.</summary>
public sealed class NodeKindType : EnumerationGraphType
{
    public NodeKindType()
    {
        Name = "NodeKind";
        Description = "The kinds of node in the graph. 节点类型。";
        foreach (var kind in GraphCatalog.NodeKinds)
            Add(CatalogNames.ScreamingCase(kind.Kind.ToString()), kind.Kind, CatalogNames.Bilingual(kind.Description, kind.Chinese));
    }
}

/// <summary>Declares on an interface the fields an object type already has (the interface's fields resolve on its objects).</summary>
public static class InterfaceFields
{
    /// <summary>Copies the chosen fields of <paramref name="from"/> to <paramref name="to"/>, without resolvers.</summary>
    public static void Copy(IComplexGraphType from, IInterfaceGraphType to, Func<string, bool> which)
    {
        foreach (var field in from.Fields.Where(f => which(f.Name)))
        {
            to.AddField(new FieldType
            {
                Name = field.Name,
                Description = field.Description,
                Type = field.Type,
                ResolvedType = field.ResolvedType,
                Arguments = field.Arguments,
            });
        }
    }
}
