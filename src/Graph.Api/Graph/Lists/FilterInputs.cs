using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Links;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>
/// The <c>where</c> and <c>order</c> input types of the root lists, in Hot Chocolate's data conventions: one
/// <c>&lt;Kind&gt;FilterInput</c> per kind with a typed operation input per field (<c>StringOperationFilterInput</c>,
/// <c>LongOperationFilterInput</c>, …) and <c>and</c>/<c>or</c>/<c>not</c>; one <c>&lt;Kind&gt;SortInput</c> per kind
/// whose fields take <c>ASC</c> or <c>DESC</c>. A filter over several kinds (<c>OrganizationFilterInput</c>, …) has the fields
/// they share and <c>kind</c>. Each link field of the kinds is a link condition: <c>List&lt;Connection&gt;EdgeFilterInput</c>
/// with <c>some</c>/<c>none</c>/<c>single</c>/<c>all</c> of an edge condition on the <c>link</c> and the <c>node</c> at its other end.
/// </summary>
[DoNotRegister]
public sealed class FilterInputs
{
    /// <summary>Operations on text; <c>contains</c> and <c>startsWith</c> ignore Latin case.</summary>
    internal static readonly string[] TextOperations = ["eq", "neq", "in", "nin", "contains", "ncontains", "startsWith", "nstartsWith"];

    /// <summary>Operations on ordered values: numbers and dates.</summary>
    internal static readonly string[] RangeOperations = ["eq", "neq", "in", "nin", "gt", "gte", "lt", "lte"];

    /// <summary>Operations on ids and enums.</summary>
    internal static readonly string[] EqualityOperations = ["eq", "neq", "in", "nin"];

    /// <summary>The operations allowed on one element of a list (<c>some</c>, <c>none</c>).</summary>
    internal static readonly string[] ElementOperations = ["eq", "in", "contains", "startsWith"];

    private readonly CatalogEnums _enums;
    private readonly EnumerationGraphType _sortDirection;
    private readonly Dictionary<string, IInputObjectGraphType> _operations = [];
    private readonly Dictionary<FilterScope, InputObjectGraphType> _filters = [];
    private readonly Dictionary<FilterScope, InputObjectGraphType> _sorts = [];

    public FilterInputs(CatalogEnums enums)
    {
        _enums = enums;
        _sortDirection = new EnumerationGraphType { Name = "SortEnumType", Description = "Ascending or descending. 排序方向。" };
        _sortDirection.Add("ASC", false, "Smallest first; absent values last. 升序。");
        _sortDirection.Add("DESC", true, "Largest first; absent values last. 降序。");

        // Filters refer to each other through link conditions: make them all, then give them their fields.
        foreach (var scope in FilterScope.All)
        {
            var description = scope.IsSeveralKinds
                ? $"Conditions on a node that is one of {string.Join(", ", scope.Kinds.Order())}: on the fields they share and on its kind; the fields of one object must all hold. 筛选条件。"
                : $"Conditions on {scope.Name} nodes; the fields of one object must all hold. 筛选条件。";
            _filters.Add(scope, new InputObjectGraphType { Name = scope.Name + "FilterInput", Description = description });
        }
        foreach (var (scope, filter) in _filters)
            AddFields(scope, filter);
    }

    /// <summary>The filter input of a kind.</summary>
    public InputObjectGraphType Filter(NodeKind kind) => _filters[FilterScope.Of(kind)];

    /// <summary>The filter input of a scope.</summary>
    public InputObjectGraphType Filter(FilterScope scope) => _filters[scope];

    /// <summary>The sort input of a scope: its core fields, its kind when it has several, and its scalar properties.</summary>
    public InputObjectGraphType Sort(FilterScope scope)
    {
        if (_sorts.TryGetValue(scope, out var existing))
            return existing;
        var sort = new InputObjectGraphType
        {
            Name = scope.Name + "SortInput",
            Description = $"How to sort {scope.Name} nodes: set one field per object, list objects for further keys; ties are broken by id. 排序。",
        };
        foreach (var name in (string[])["id", "key", "name", "nameEn", "createdAt", "updatedAt"])
            sort.Field(name, _sortDirection);
        if (scope.IsSeveralKinds)
        {
            // The stores hold the kind's name and sort it as text: alphabetically, the same on both.
            var alphabetically = scope.Kinds.Select(k => k.ToString()).Order(StringComparer.Ordinal).Select(CatalogNames.ScreamingCase);
            sort.Field("kind", _sortDirection).Description(
                $"The node's kind, alphabetically by its name: {string.Join(", ", alphabetically)} (ASC). 按节点类型名称的字母顺序。");
        }
        foreach (var property in scope.Properties.Where(p => !p.IsList))
            sort.Field(property.Name, _sortDirection).Description(CatalogNames.Describe(property));
        foreach (var (name, linkField) in scope.LinkFields.Where(f => scope.Property(LinkCounts.SortName(f.Key)) is null))
        {
            sort.Field(LinkCounts.SortName(name), _sortDirection).Description(CatalogNames.Bilingual(
                $"How many {name} links the node has (all of them; none counts 0): {linkField.Description}", GraphCatalog.Of(linkField.Type).Chinese + "关系数量"));
        }
        if (NetworkRankings.Applies(scope))
        {
            foreach (var (name, description) in NetworkRankings.Descriptions)
                sort.Field(name, _sortDirection).Description(description + $" Must come before the other keys; the selection may hold at most {NetworkRankings.MaxRankedOrganizations} organisations.");
        }
        _sorts.Add(scope, sort);
        return sort;
    }

    private void AddFields(FilterScope scope, InputObjectGraphType filter)
    {
        AddCombinators(filter);
        filter.Field("id", Operations("Id", typeof(IdGraphType), EqualityOperations)).Description("The global id. 全局标识。");
        if (scope.IsSeveralKinds)
            filter.Field("kind", Operations("NodeKind", typeof(NodeKindType), EqualityOperations)).Description("The node's kind. 节点类型。");
        filter.Field("key", Text()).Description("The natural key. 业务主键。");
        if (scope.KeyName != "key")
            filter.Field(scope.KeyName, Text()).Description($"The {scope.KeyName}, the natural key. 业务主键。");
        filter.Field("name", Text()).Description("The Chinese name. 名称。");
        filter.Field("nameEn", Text()).Description("The English name. 英文名称。");
        filter.Field("aliases", List("String", Text())).Description("The aliases. 别名。");
        var owner = scope.Kinds.Min().ToString();
        foreach (var property in scope.Properties)
            filter.Field(property.Name, PropertyFilter(owner, property)).Description(CatalogNames.Describe(property));
        foreach (var (name, linkField) in scope.LinkFields)
        {
            filter.Field(name, LinkList(linkField))
                .Description(CatalogNames.Bilingual($"{linkField.Description}: conditions on these links and the nodes at their other end, with `some`, `none`, `single` or `all`", GraphCatalog.Of(linkField.Type).Chinese + "关系条件"));
        }
        if (NetworkRankings.Applies(scope))
        {
            foreach (var (name, description) in NetworkRankings.Descriptions)
                filter.Field(name, Operations("Float", typeof(FloatGraphType), NetworkRankings.Operations)).Description(description);
        }
    }

    private static void AddCombinators(InputObjectGraphType filter)
    {
        filter.Field("and", new ListGraphType(new NonNullGraphType(filter))).Description("All of these hold. 且。");
        filter.Field("or", new ListGraphType(new NonNullGraphType(filter))).Description("At least one of these holds. 或。");
        filter.Field("not", filter).Description("This does not hold. 非。");
    }

    /// <summary>The operations input of a catalog property of a node kind or link type (owner is its name).</summary>
    private IInputObjectGraphType PropertyFilter(string owner, PropertyDefinition property)
    {
        if (property.References is NodeKind.Region or NodeKind.Field)
        {
            var referenced = property.References.Value;
            var reference = Reference(referenced);
            return property.IsList ? List(referenced.ToString(), reference) : reference;
        }
        if (property.Values is not null)
        {
            var type = _enums.Of(owner, property);
            return Operations(type.Name, type, EqualityOperations);
        }
        return property.IsList ? List("String", Text()) : Scalar(property.Type);
    }

    /// <summary>
    /// <c>List&lt;Connection&gt;EdgeFilterInput</c>: <c>some</c>, <c>none</c>, <c>single</c> or <c>all</c> of a node's links (of one link
    /// field) meet an edge condition: on the link (<c>link</c>) and on the node at its other end (<c>node</c>), as the
    /// connection's edges carry them.
    /// </summary>
    private IInputObjectGraphType LinkList(LinkField linkField)
    {
        var name = "List" + linkField.ConnectionName + "EdgeFilterInput";
        if (_operations.TryGetValue(name, out var existing))
            return existing;
        var info = GraphCatalog.Of(linkField.Type);
        var edge = new InputObjectGraphType
        {
            Name = linkField.ConnectionName + "EdgeFilterInput",
            Description = $"Conditions on one {info.Name} link and the node at its other end, as the edges of {linkField.ConnectionName}Connection carry them; both must hold. 关系及对端条件。",
        };
        edge.Field("link", LinkFilter(info)).Description("Conditions on the link: dates, source, key and the type's properties. 关系条件。");
        edge.Field("node", _filters[FilterScope.Of(linkField.OtherKinds)]).Description("Conditions on the node at the other end. 对端节点条件。");

        var list = new InputObjectGraphType
        {
            Name = name,
            Description = $"Conditions on a node's {info.Name} links: some, none, exactly one or all of them meet the edge condition (all and none hold for a node with no such links), or how many there are (`count`). 关系列表条件。",
        };
        list.Field("some", edge).Description("At least one link meets it. 至少一个。");
        list.Field("none", edge).Description("No link meets it (also true with no links). 没有一个。");
        list.Field("single", edge).Description("Exactly one link meets it (false with none or with two or more). 恰好一个。");
        list.Field("all", edge).Description("Every link meets it (also true with no links). 全部。");
        list.Field("count", Operations("Int", typeof(IntGraphType), LinkCounts.Operations))
            .Description("How many such links the node has, all of them whatever `some` and the others say (0 with none), compared with a number. 关系数量。");
        _operations.Add(name, list);
        return list;
    }

    /// <summary><c>&lt;LinkType&gt;LinkFilterInput</c>: conditions on a link's dates, source, key and properties.</summary>
    private IInputObjectGraphType LinkFilter(LinkTypeInfo info)
    {
        var name = CatalogNames.LinkTypeName(info.Type) + "FilterInput";
        if (_operations.TryGetValue(name, out var existing))
            return existing;
        var filter = new InputObjectGraphType { Name = name, Description = $"Conditions on a {info.Name} link; the fields of one object must all hold. 关系条件。" };
        AddCombinators(filter);
        filter.Field("key", Text()).Description("The key that tells apart several links between the same two nodes. 区分键。");
        filter.Field("startDate", Scalar(PropertyType.Date)).Description("When it began. 开始日期。");
        filter.Field("endDate", Scalar(PropertyType.Date)).Description("When it ended; absent while it lasts. 结束日期。");
        filter.Field("source", Text()).Description("Where the fact comes from. 来源。");
        foreach (var property in info.Properties)
            filter.Field(property.Name, PropertyFilter(info.Type.ToString(), property)).Description(CatalogNames.Describe(property));
        _operations.Add(name, filter);
        return filter;
    }

    private IInputObjectGraphType Text() => Operations("String", typeof(StringGraphType), TextOperations);

    private IInputObjectGraphType Scalar(PropertyType type) => type switch
    {
        PropertyType.Text => Text(),
        PropertyType.Boolean => Operations("Boolean", typeof(BooleanGraphType), ["eq", "neq"]),
        PropertyType.Integer => Operations("Long", typeof(LongGraphType), RangeOperations),
        PropertyType.Decimal => Operations("Decimal", typeof(DecimalGraphType), RangeOperations),
        PropertyType.Date => Operations("Date", typeof(IsoDateGraphType), RangeOperations),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a scalar property type"),
    };

    /// <summary><c>XOperationFilterInput</c>: the given operations on values of one scalar or enum type.</summary>
    private IInputObjectGraphType Operations(string typeName, object valueType, IReadOnlyList<string> operations)
    {
        var name = typeName + "OperationFilterInput";
        if (_operations.TryGetValue(name, out var existing))
            return existing;
        var input = new InputObjectGraphType { Name = name, Description = $"Conditions on a {typeName} value; all given must hold. 条件。" };
        foreach (var operation in operations)
        {
            var list = operation is "in" or "nin";
            var field = valueType switch
            {
                Type type => input.Field(operation, list ? typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(type)) : type),
                IGraphType type => input.Field(operation, list ? new ListGraphType(new NonNullGraphType(type)) : type),
                _ => throw new ArgumentException("a graph type or its CLR type", nameof(valueType)),
            };
            field.Description(OperationDescriptions[operation]);
        }
        _operations.Add(name, input);
        return input;
    }

    /// <summary><c>RegionReferenceFilterInput</c> / <c>FieldReferenceFilterInput</c>: codes that match their sub-regions or sub-fields.</summary>
    private IInputObjectGraphType Reference(NodeKind referenced)
    {
        var name = referenced + "ReferenceFilterInput";
        if (_operations.TryGetValue(name, out var existing))
            return existing;
        var within = referenced == NodeKind.Region ? "the region or any region within it (GB/T 2260 code)" : "the field or any narrower field (field code)";
        var input = new InputObjectGraphType { Name = name, Description = $"Conditions on a {referenced} code: each matches {within}. 含下级。" };
        input.Field<StringGraphType>("eq").Description($"Is {within}. 属于。");
        input.Field<StringGraphType>("neq").Description($"Is not {within}, or is absent. 不属于。");
        input.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("in").Description("Is within one of these. 属于其一。");
        input.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("nin").Description("Is within none of these, or is absent. 不属于任何一个。");
        _operations.Add(name, input);
        return input;
    }

    /// <summary><c>ListXFilterInput</c>: <c>some</c> element or <c>none</c> matches.</summary>
    private IInputObjectGraphType List(string typeName, IInputObjectGraphType element)
    {
        var name = "List" + typeName + "FilterInput";
        if (_operations.TryGetValue(name, out var existing))
            return existing;
        var input = new InputObjectGraphType { Name = name, Description = $"Conditions on a list: some element matches, or none does (within an element: {string.Join(", ", ElementOperations)}). 列表条件。" };
        input.Field("some", element).Description("At least one element matches. 至少一个。");
        input.Field("none", element).Description("No element matches. 没有一个。");
        _operations.Add(name, input);
        return input;
    }

    private static readonly Dictionary<string, string> OperationDescriptions = new()
    {
        ["eq"] = "Equals. 等于。",
        ["neq"] = "Does not equal, or is absent. 不等于。",
        ["in"] = "Equals one of these. 属于。",
        ["nin"] = "Equals none of these, or is absent. 不属于。",
        ["contains"] = "Contains this text (Latin letters in any case). 包含。",
        ["ncontains"] = "Does not contain this text. 不包含。",
        ["startsWith"] = "Starts with this text. 开头是。",
        ["nstartsWith"] = "Does not start with this text. 开头不是。",
        ["gt"] = "Greater than. 大于。",
        ["gte"] = "Greater than or equal. 大于等于。",
        ["lt"] = "Less than. 小于。",
        ["lte"] = "Less than or equal. 小于等于。",
    };
}
