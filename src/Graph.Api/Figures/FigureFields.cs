using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Api.Figures;

/// <summary>Enterprise figures per year: the fields on Enterprise and the mutation that writes one year.</summary>
public static class FigureFields
{
    /// <summary>Adds <c>figures</c>, <c>figureSeries</c> and <c>figureYears</c> to the Enterprise type.</summary>
    public static void AddTo(NodeTypes nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var enterprise = nodes.Of(NodeKind.Enterprise);
        var yearFigures = new EnterpriseYearFiguresType();
        enterprise.Field("figures", yearFigures)
            .Description("The figures and statuses of a year; without one, the data year of the other fields (the latest, or the year a list was asked for); null when it has none. 年度数据。")
            .Argument<IntGraphType>("year", "The year; the latest available (or the list's year) by default. 年度。", year => year.CheckedYear())
            .Resolve(c => EnterpriseFigures.For(c.Source.Properties, c.GetArgument<int?>("year") ?? (int?)c.Source.Properties.Integer(EnterpriseFigures.DataYear)) is { } figures
                ? new EnterpriseYear(c.Source, figures) : null);
        enterprise.Field("figureSeries", new NonNullGraphType(new ListGraphType(new NonNullGraphType(yearFigures))))
            .Description("The figures of every year it has, oldest first: the trend. 历年数据。")
            .Resolve(c => EnterpriseFigures.Series(c.Source.Properties).Select(f => new EnterpriseYear(c.Source, f)).ToList());
        enterprise.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("figureYears")
            .Description("The years it has figures for, oldest first. 有数据的年度。")
            .Resolve(c => EnterpriseFigures.Series(c.Source.Properties).Select(f => f.Year).ToList());
    }

    /// <summary>Adds <c>setEnterpriseFigures</c> to the mutation root.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field("setEnterpriseFigures", PolicySchema.Ref("Enterprise"))
            .Description("Sets an enterprise's figures of one year (the other years stay); the single-year fields then show the latest year. "
                + "Needs 'editor', and 'analyst' as the figures are confidential. A 规上 flag contradicting the revenue is refused with RULE_VIOLATION. 写入企业年度数据。")
            .Argument<NonNullGraphType<IdGraphType>>("enterpriseId", "The enterprise. 企业。")
            .Argument<NonNullGraphType<EnterpriseFiguresInputType>>("input", "The year's figures. 年度数据。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new EnterpriseFiguresWorkflow(c.Writer(), c.Actor())
                .SetAsync(c.GetArgument<string>("enterpriseId"), EnterpriseFiguresInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));
    }
}
