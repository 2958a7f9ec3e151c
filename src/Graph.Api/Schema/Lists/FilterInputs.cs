using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Schema.Nodes;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Schema.Lists;

/// <summary>
/// The <c>where</c> and <c>order</c> input types of the root lists, in Hot Chocolate's data conventions: one
/// <c>&lt;Kind&gt;FilterInput</c> per kind with a typed operation input per field (<c>StringOperationFilterInput</c>,
/// <c>LongOperationFilterInput</c>, …) and <c>and</c>/<c>or</c>/<c>not</c>; one <c>&lt;Kind&gt;SortInput</c> per kind
/// whose fields take <c>ASC</c> or <c>DESC</c>.
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

    private readonly Dictionary<string, IInputObjectGraphType> _operations = [];
    private readonly Dictionary<NodeKind, InputObjectGraphType> _filters = [];
    private readonly Dictionary<NodeKind, InputObjectGraphType> _sorts = [];

    public FilterInputs(CatalogEnums enums)
    {
        var sortDirection = new EnumerationGraphType { Name = "SortEnumType", Description = "Ascending or descending. 排序方向。" };
        sortDirection.Add("ASC", false, "Smallest first; absent values last. 升序。");
        sortDirection.Add("DESC", true, "Largest first; absent values last. 降序。");

        foreach (var kind in GraphSchema.NodeKinds)
        {
            var filter = new InputObjectGraphType
            {
                Name = kind.Kind + "FilterInput",
                Description = $"Conditions on {kind.Kind} nodes; the fields of one object must all hold. 筛选条件。",
            };
            filter.Field("and", new ListGraphType(new NonNullGraphType(filter))).Description("All of these hold. 且。");
            filter.Field("or", new ListGraphType(new NonNullGraphType(filter))).Description("At least one of these holds. 或。");
            filter.Field("not", filter).Description("This does not hold. 非。");
            filter.Field("id", Operations("Id", typeof(IdGraphType), EqualityOperations)).Description("The global id. 全局标识。");
            filter.Field("key", Text()).Description("The natural key. 业务主键。");
            if (kind.KeyName != "key")
                filter.Field(kind.KeyName, Text()).Description($"The {kind.KeyName}, the natural key. 业务主键。");
            filter.Field("name", Text()).Description("The Chinese name. 名称。");
            filter.Field("nameEn", Text()).Description("The English name. 英文名称。");
            filter.Field("aliases", List("String", Text())).Description("The aliases. 别名。");

            var sort = new InputObjectGraphType
            {
                Name = kind.Kind + "SortInput",
                Description = $"How to sort {kind.Kind} nodes: set one field per object, list objects for further keys; ties are broken by id. 排序。",
            };
            foreach (var name in (string[])["id", "key", "name", "nameEn", "createdAt", "updatedAt"])
                sort.Field(name, sortDirection);

            foreach (var property in kind.Properties)
            {
                var description = CatalogNames.Describe(property);
                if (property.References is { } referenced)
                {
                    var reference = Reference(referenced);
                    filter.Field(property.Name, property.IsList ? List(referenced.ToString(), reference) : reference).Description(description);
                }
                else if (property.Values is not null)
                {
                    var type = enums.Of(kind.Kind.ToString(), property);
                    filter.Field(property.Name, Operations(type.Name, type, EqualityOperations)).Description(description);
                }
                else if (property.IsList)
                {
                    filter.Field(property.Name, List("String", Text())).Description(description);
                }
                else
                {
                    filter.Field(property.Name, Scalar(property.Type)).Description(description);
                }
                if (!property.IsList)
                    sort.Field(property.Name, sortDirection).Description(description);
            }
            _filters.Add(kind.Kind, filter);
            _sorts.Add(kind.Kind, sort);
        }
    }

    /// <summary>The filter input of a kind.</summary>
    public InputObjectGraphType Filter(NodeKind kind) => _filters[kind];

    /// <summary>The sort input of a kind.</summary>
    public InputObjectGraphType Sort(NodeKind kind) => _sorts[kind];

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
