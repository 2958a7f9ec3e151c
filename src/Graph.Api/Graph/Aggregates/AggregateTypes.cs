using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Lists;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Domain.Aggregation;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Api.Graph.Aggregates;

/// <summary>
/// The aggregation types of one filter scope, in the Neo4j GraphQL Library's shape: <c>&lt;Scope&gt;Aggregate</c> holds the
/// groups, <c>&lt;Scope&gt;AggregateGroup</c> the measures of one group — <c>count</c>, one
/// <see cref="NumericAggregateSelectionType"/> (<c>min max average sum</c>) per numeric property, <c>&lt;linkField&gt;Count</c>
/// per link field, and <c>ties</c> for organisations.
/// </summary>
public sealed class AggregateTypes
{
    // One instance of each shared type per schema: a graph type belongs to the schema that resolved it.
    private readonly NumericAggregateSelectionType _numeric = new();
    private readonly AggregateKeyType _key = new();

    /// <summary>The <c>groupBy</c> input every aggregation takes.</summary>
    public AggregateGroupByInputType GroupByInput { get; } = new();

    /// <summary>The numeric properties a scope's groups summarise (the data year is a column's label, not a figure).</summary>
    public static IEnumerable<PropertyDefinition> Figures(FilterScope scope) =>
        scope.Properties.Where(p => p.Type is PropertyType.Integer or PropertyType.Decimal && p.Name != EnterpriseFigures.DataYear);

    /// <summary>The <c>&lt;Scope&gt;Aggregate</c> type of a scope.</summary>
    public ObjectGraphType<Aggregation> Create(FilterScope scope)
    {
        var group = new ObjectGraphType<AggregateGroupResult>
        {
            Name = $"{scope.Name}AggregateGroup",
            Description = "One group and its measures. Confidential figures need the 'analyst' role (FORBIDDEN otherwise). 分组统计。",
        };
        group.Field("key", new NonNullGraphType(_key)).Description("What the group's nodes share, one value per groupBy key. 分组键。").Resolve(c => c.Source.Group.Key);
        group.Field<NonNullGraphType<IntGraphType>>("count").Description("How many nodes are in the group. 数量。").Resolve(c => c.Source.Group.Count);
        group.Field<NonNullGraphType<IntGraphType>>("enterprises").Description("How many of them are enterprises (groups of one or two are shown to analysts only). 企业数。")
            .Resolve(c => c.Source.Group.Enterprises);
        foreach (var property in Figures(scope))
        {
            var field = group.Field(property.Name, _numeric)
                .Description(CatalogNames.Bilingual($"{CatalogNames.Pascal(property.Description)}: over the nodes that have it (an enterprise's figure of the group's year)", property.Chinese))
                .ResolveAsync(async c => await c.Source.Aggregation.SummarizeAsync(c.Source.Group, property.Name, c.CancellationToken).ConfigureAwait(false));
            if (property.Confidential) field.RequireRole(Roles.Analyst);
        }
        foreach (var link in scope.LinkFields.Values)
        {
            group.Field<NonNullGraphType<IntGraphType>>($"{link.Name}Count")
                .Description($"How many {PolicySchema.ScreamingCase(link.Type.ToString())} links the group's nodes have ({link.Name}); one between two of them counts once; in a year, those in force on 31 December. 关系数量。")
                .ResolveAsync(async c => await c.Source.Aggregation.CountLinksAsync(c.Source.Group, link, c.CancellationToken).ConfigureAwait(false));
        }
        if (scope.Kinds.IsSubsetOf(GraphCatalog.OrganizationKinds))
        {
            group.Field<NonNullGraphType<IntGraphType>>("ties")
                .Description("How many collaboration ties the group's organisations have (one inside the group counts once); in a year, ties evidenced by its 31 December. 合作关系数量。")
                .ResolveAsync(async c => await c.Source.Aggregation.CountTiesAsync(c.Source.Group).ConfigureAwait(false));
        }

        var aggregate = new ObjectGraphType<Aggregation>
        {
            Name = $"{scope.Name}Aggregate",
            Description = "The selection's nodes grouped, each group with its measures; groups of one or two enterprises are left out unless the token has the 'analyst' role. 分组统计结果。",
        };
        aggregate.Field("groups", new NonNullGraphType(new ListGraphType(new NonNullGraphType(group))))
            .Description("The groups, ordered by key (absent values last); without groupBy one group of the whole selection. 分组。")
            .Resolve(c => c.Source.Groups.Select(g => new AggregateGroupResult(c.Source, g)).ToList());
        aggregate.Field<NonNullGraphType<IntGraphType>>("suppressedGroups")
            .Description("How many groups were left out as holding only one or two enterprises (小样本抑制). 被抑制的分组数。")
            .Resolve(c => c.Source.SuppressedGroups);
        return aggregate;
    }
}

/// <summary>A numeric figure over a group, as the Neo4j GraphQL Library names its aggregation selections.</summary>
public sealed class NumericAggregateSelectionType : ObjectGraphType<FigureSummary>
{
    public NumericAggregateSelectionType()
    {
        Name = "NumericAggregateSelection";
        Description = "A figure over the group's nodes that have it; null when none has it. 数值统计。";
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many nodes have it. 有值的数量。").Resolve(c => c.Source.Count);
        Field<NonNullGraphType<DecimalGraphType>>("sum").Description("The sum. 合计。").Resolve(c => c.Source.Sum);
        Field<NonNullGraphType<DecimalGraphType>>("average").Description("The mean, to 4 decimals. 平均值。").Resolve(c => c.Source.Average);
        Field<NonNullGraphType<DecimalGraphType>>("min").Description("The smallest. 最小值。").Resolve(c => c.Source.Min);
        Field<NonNullGraphType<DecimalGraphType>>("max").Description("The largest. 最大值。").Resolve(c => c.Source.Max);
    }
}

/// <summary>A group's key: the values its nodes share, one per groupBy key (null for the dimensions not grouped by, and for "none").</summary>
public sealed class AggregateKeyType : ObjectGraphType<IReadOnlyList<GroupValue>>
{
    public AggregateKeyType()
    {
        Name = "AggregateKey";
        Description = "What a group's nodes share. A dimension grouped by reads null for the nodes without a value (no region at that level, no field, not on any list). 分组键。";
        Field<StringGraphType>("region").Description("The region's GB/T 2260 code at the level asked. 行政区划代码。").Resolve(c => Value(c.Source, GroupDimension.Region));
        Field<StringGraphType>("regionName").Description("The region's name. 行政区划名称。").Resolve(c => Regions.Find(Value(c.Source, GroupDimension.Region))?.Name);
        Field<StringGraphType>("field").Description("The field's code at the level asked. 领域代码。").Resolve(c => Value(c.Source, GroupDimension.Field));
        Field<StringGraphType>("fieldName").Description("The field's name. 领域名称。").Resolve(c => Domain.Reference.TechnologyFields.Find(Value(c.Source, GroupDimension.Field))?.Name);
        Field<IntGraphType>("year").Description("The year. 年度。")
            .Resolve(c => Value(c.Source, GroupDimension.Year) is { } year ? int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) : null);
        Field<NodeKindType>("kind").Description("The kind. 节点类型。")
            .Resolve(c => Value(c.Source, GroupDimension.Kind) is { } kind ? Enum.Parse<NodeKind>(kind) : null);
        Field<StringGraphType>("status").Description("The status, as its enum value is written (ACCREDITED). 状态。")
            .Resolve(c => Value(c.Source, GroupDimension.Status) is { } status ? PolicySchema.ScreamingCase(status) : null);
        Field<PolicyListType>("list").Description("The policy list. 政策清单。")
            .Resolve(c => Value(c.Source, GroupDimension.List) is { } list ? Enum.Parse<PolicyList>(list) : null);
    }

    private static string? Value(IReadOnlyList<GroupValue> key, GroupDimension dimension) =>
        key.FirstOrDefault(v => v.Dimension == dimension)?.Value;
}
