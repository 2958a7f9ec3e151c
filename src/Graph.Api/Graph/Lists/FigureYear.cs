using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>
/// The <c>year</c> of a root list: the year whose enterprise figures its <c>where</c> and <c>order</c> read (at the other end
/// of link conditions too) and its enterprises show. A year without data is no error, only no match; one that is not a
/// year (20230) is refused with INVALID_INPUT naming the argument.
/// </summary>
internal static class FigureYear
{
    /// <summary>The argument, checked before execution.</summary>
    public static QueryArgument Argument() =>
        new QueryArgument<IntGraphType>
        {
            Name = "year",
            Description = "The year whose enterprise figures (employees, revenue, R&D, the statuses, 规上, size class) `where` and `order` read and the listed "
                + "enterprises show; an enterprise without figures that year matches no figure condition and sorts last. The latest year each enterprise has by default. 数据年度。",
        }.CheckedYear();

    /// <summary>The year asked, or null for each enterprise's latest.</summary>
    public static int? Of(IResolveFieldContext context) => context.GetArgument<int?>("year");

    /// <summary>An enterprise as of the year asked: its single-year fields hold that year's figures (none when it has none).</summary>
    public static Node AsOf(Node node, int? year) =>
        year is { } y && node.Kind == NodeKind.Enterprise ? node with { Properties = EnterpriseFigures.AsOf(node.Properties, y) } : node;
}
