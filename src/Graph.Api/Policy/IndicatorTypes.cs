using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Policy;

/// <summary>An indicator's value beside its target.</summary>
public sealed class IndicatorValueType : ObjectGraphType<IndicatorValue>
{
    public IndicatorValueType()
    {
        Name = "IndicatorValue";
        Description = "A policy indicator's value, with the target the seeds set beside it and the gap. 政策指标。";
        Field<NonNullGraphType<PolicyIndicatorType>>("indicator").Description("Which indicator. 指标。").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its Chinese name. 指标名称。").Resolve(c => PolicyIndicatorType.Chinese(c.Source.Indicator));
        Field<NonNullGraphType<IntGraphType>>("year").Description("The year: the enterprises' figures of that year, the graph as it stood on 31 December. 年度。").Resolve(c => c.Source.Year);
        Field<NonNullGraphType<BooleanGraphType>>("noData")
            .Description("True when nothing was measured: a share of no enterprise, or a count over no enterprise with figures for the year. value, gap and met are then null: no data is not 0 and does not meet a target. 无数据。")
            .Resolve(c => c.Source.NoData);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed")
            .Description($"True when the value rests on, or counts, fewer than {SmallCells.MinimumCount} enterprises and the caller lacks the 'analyst' role: value, numerator, denominator, gap and met are then null, since they would point at those enterprises' confidential figures. 小样本隐藏。")
            .Resolve(c => Suppressed(c));
        Field<DecimalGraphType>("value").Description("The value: a percentage or a count; null when suppressed or with no data. 指标值。").Resolve(c => Suppressed(c) || c.Source.NoData ? null : decimal.Round(c.Source.Value, 2));
        Field<NonNullGraphType<StringGraphType>>("unit").Description("% or enterprises. 单位。").Resolve(c => c.Source.Unit);
        Field<IntGraphType>("numerator").Description("What is counted; null when suppressed. 分子。").Resolve(c => Suppressed(c) ? null : c.Source.Numerator);
        Field<IntGraphType>("denominator").Description("Out of how many; null when suppressed. 分母。").Resolve(c => Suppressed(c) ? null : c.Source.Denominator);
        Field<IndicatorTargetType>("target").Description("The target, when a seed sets one for this jurisdiction. 目标。").Resolve(c => c.Source.Target);
        Field<DecimalGraphType>("gap").Description("How far from the target; 0 when met. 差距。").Resolve(c => !Suppressed(c) && c.Source.Gap is { } gap ? decimal.Round(gap, 2) : null);
        Field<BooleanGraphType>("met").Description("Whether the target is met. 是否达标。").Resolve(c => !Suppressed(c) && c.Source.Gap is { } gap ? gap == 0m : null);
    }

    // An analyst whose token is scoped to regions is an analyst only for a region inside them.
    private static bool Suppressed(IResolveFieldContext<IndicatorValue> context) =>
        SmallCells.IsDisclosive(context.Source)
        && (!Roles.Has(context.User, Roles.Analyst) || !Roles.JurisdictionOf(context.User).CoversAllOf(RegionAsked(context)));

    // The region argument of the field that returned the indicators.
    private static string? RegionAsked(IResolveFieldContext context)
    {
        for (var parent = context.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.FieldDefinition.Arguments?.Find("region") is not null)
                return parent.GetArgument<string?>("region");
        }
        return null;
    }
}

/// <summary>One indicator over several years.</summary>
public sealed class IndicatorHistoryType : ObjectGraphType<IndicatorHistory>
{
    public IndicatorHistoryType()
    {
        Name = "IndicatorHistory";
        Description = "One policy indicator year by year, oldest first, each year beside the target that applies to it. 指标历年值。";
        Field<NonNullGraphType<PolicyIndicatorType>>("indicator").Description("Which indicator. 指标。").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its Chinese name. 指标名称。").Resolve(c => PolicyIndicatorType.Chinese(c.Source.Indicator));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorValueType>>>>("values").Description("One value a year. 各年度值。").Resolve(c => c.Source.Values);
    }
}

/// <summary>A target a seed sets.</summary>
public sealed class IndicatorTargetType : ObjectGraphType<IndicatorTarget>
{
    public IndicatorTargetType()
    {
        Name = "IndicatorTarget";
        Description = "A target for an indicator in a jurisdiction by the end of a year, from the targets file (the seeds' targets ship with the service). 指标目标。";
        Field<NonNullGraphType<StringGraphType>>("jurisdiction").Description("The region it applies to, by name. 适用地区。").Resolve(c => c.Source.Jurisdiction);
        Field<NonNullGraphType<StringGraphType>>("region").Description("The region's GB/T 2260 code: a target applies to that region, not to the regions within it. 地区代码。").Resolve(c => c.Source.Region);
        Field<NonNullGraphType<StringGraphType>>("level").Description("The region's level: Province, City or County. 层级。").Resolve(c => c.Source.Level.ToString());
        Field<NonNullGraphType<DecimalGraphType>>("value").Description("The target value. 目标值。").Resolve(c => c.Source.Target);
        Field<NonNullGraphType<BooleanGraphType>>("atLeast").Description("True when the value should reach it (以上); false when it should fall to it (清零). 方向。").Resolve(c => c.Source.Direction == TargetDirection.AtLeast);
        Field<NonNullGraphType<IntGraphType>>("year").Description("By the end of which year. 目标年度。").Resolve(c => c.Source.Year);
        Field<NonNullGraphType<StringGraphType>>("seed").Description("The seed that sets it. 政策依据。").Resolve(c => c.Source.Seed);
        Field<NonNullGraphType<StringGraphType>>("source").Description("The seed's words. 原文。").Resolve(c => c.Source.Source);
    }
}

/// <summary>The indicators of DOMAIN.md rule 7.</summary>
public sealed class PolicyIndicatorType : EnumerationGraphType
{
    public PolicyIndicatorType()
    {
        Name = "PolicyIndicator";
        Description = "The policy indicators of the seeds (001, 002, 000, 003). 政策指标。";
        foreach (var indicator in Enum.GetValues<Indicator>())
            Add(PolicySchema.ScreamingCase(indicator.ToString()), indicator, Chinese(indicator));
    }

    /// <summary>The indicator's Chinese name.</summary>
    public static string Chinese(Indicator indicator) => indicator switch
    {
        Indicator.RdActivityShare => "有研发活动的规模以上工业企业占比",
        Indicator.RdInstitutionShare => "有研发机构的规模以上工业企业占比",
        Indicator.DoubleZero => "营收5亿元以上无研发活动和无研发机构的工业企业（双清零）",
        Indicator.StateOwnedWithoutRd => "无研发活动和研发机构的国有规模以上工业企业",
        Indicator.HighTechAboveScaleShare => "高新技术企业中规模以上工业企业占比",
        Indicator.HighTechCultivationPool => "高新技术企业培育库",
        Indicator.FiledInstitutions => "备案研发机构企业",
        Indicator.Pairings => "与高校院所结对子企业",
        _ => indicator.ToString(),
    };
}

/// <summary>The lists staff work through.</summary>
public sealed class PolicyListType : EnumerationGraphType
{
    public PolicyListType()
    {
        Name = "PolicyList";
        Description = "The enterprise lists of the seeds: 双清零, the five lists 五类清单 of 001, the high-tech cultivation pool. 政策清单。";
        foreach (var list in Enum.GetValues<PolicyList>())
            Add(PolicySchema.ScreamingCase(list.ToString()), list, PolicyIndicatorReport.Name(list));
    }
}

/// <summary>A page of a list: the enterprises on it, and how many there are.</summary>
public sealed record PolicyListPage(PolicyList List, Page<Node> Page, int Skip);

/// <summary>A list as a Relay connection of enterprises.</summary>
public sealed class PolicyListConnectionType : ObjectGraphType<PolicyListPage>
{
    public PolicyListConnectionType()
    {
        Name = "PolicyListConnection";
        Description = "The enterprises on a policy list, a page at a time. 政策清单企业。";
        Field<NonNullGraphType<PolicyListType>>("list").Description("Which list. 清单。").Resolve(c => c.Source.List);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The list's name as the seed gives it. 清单名称。").Resolve(c => PolicyIndicatorReport.Name(c.Source.List));
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many enterprises are on it. 企业总数。").Resolve(c => c.Source.Page.TotalCount ?? c.Source.Page.Items.Count);
        Field("nodes", PolicySchema.ListOf("Enterprise")).Description("The enterprises of this page. 本页企业。").Resolve(c => c.Source.Page.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PolicyListEdgeType>>>>("edges").Description("The enterprises of this page with their cursors. 本页。")
            .Resolve(c => c.Source.Page.Items.Select((node, i) => new PolicyListEdge(PolicyCursor.Of(c.Source.Skip + i), node)).ToList());
        Field<NonNullGraphType<PolicyListPageInfoType>>("pageInfo").Description("Where this page is. 分页信息。").Resolve(c => c.Source);
    }
}

/// <summary>An enterprise on a list with its cursor.</summary>
public sealed record PolicyListEdge(string Cursor, Node Node);

/// <summary>An edge of a list.</summary>
public sealed class PolicyListEdgeType : ObjectGraphType<PolicyListEdge>
{
    public PolicyListEdgeType()
    {
        Name = "PolicyListEdge";
        Description = "An enterprise on a list. 清单企业。";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as `after` to continue after it. 游标。").Resolve(c => c.Source.Cursor);
        Field("node", PolicySchema.NonNull("Enterprise")).Description("The enterprise. 企业。").Resolve(c => c.Source.Node);
    }
}

/// <summary>Relay page info of a list page.</summary>
public sealed class PolicyListPageInfoType : ObjectGraphType<PolicyListPage>
{
    public PolicyListPageInfoType()
    {
        Name = "PolicyListPageInfo";
        Description = "Where a page of a list is. 分页信息。";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("More follow. 有下一页。")
            .Resolve(c => c.Source.Skip + c.Source.Page.Items.Count < (c.Source.Page.TotalCount ?? 0));
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("Some come before. 有上一页。").Resolve(c => c.Source.Skip > 0);
        Field<StringGraphType>("startCursor").Description("The first edge's cursor. 首游标。")
            .Resolve(c => c.Source.Page.Items.Count == 0 ? null : PolicyCursor.Of(c.Source.Skip));
        Field<StringGraphType>("endCursor").Description("The last edge's cursor. 末游标。")
            .Resolve(c => c.Source.Page.Items.Count == 0 ? null : PolicyCursor.Of(c.Source.Skip + c.Source.Page.Items.Count - 1));
    }
}

/// <summary>Opaque cursors over a list's positions.</summary>
internal static class PolicyCursor
{
    const string Prefix = "policy-list:";

    public static string Of(int position) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Prefix + position.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The position after a cursor; INVALID_INPUT for a cursor this did not make.</summary>
    public static int After(string? cursor)
    {
        if (cursor is null) return 0;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var position) && position >= 0)
                return position + 1;
        }
        catch (FormatException)
        {
        }
        throw new Domain.Errors.InvalidInputException($"after: '{cursor}' is not a cursor of a policy list");
    }
}

/// <summary>A project's priority decision.</summary>
public sealed class ProjectPriorityType : ObjectGraphType<ProjectPriorityResult>
{
    public ProjectPriorityType()
    {
        Name = "ProjectPriority";
        Description = "Whether an enterprise-led project with universities or institutes gets priority: they must receive at least 20 % of its public S&T funding (003). 项目优先支持。";
        Field("project", PolicySchema.NonNull("Project")).Description("The project. 项目。").Resolve(c => c.Source.Project);
        Field<NonNullGraphType<BooleanGraphType>>("priority").Description("Whether it gets priority. 是否优先支持。").Resolve(c => c.Source.Decision.Priority);
        Field<NonNullGraphType<DecimalGraphType>>("academicShare").Description("The share of public funding to universities and institutes (%). 高校院所经费占比。")
            .Resolve(c => decimal.Round(c.Source.Decision.AcademicShare * 100m, 4));
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why. 理由。").Resolve(c => c.Source.Decision.Reason);
    }
}
