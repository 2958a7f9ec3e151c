using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Graph.Search;

/// <summary><c>search(text, kinds, first)</c>: nodes whose name, English name or an alias contains the text, best first.</summary>
public static class SearchField
{
    /// <summary>The most results one search returns.</summary>
    public const int MaxResults = 100;

    /// <summary>Adds <c>search</c> to the query root.</summary>
    public static void AddTo(ObjectGraphType query, NodeTypes nodes) =>
        query.Field("search", new NonNullGraphType(new ListGraphType(new NonNullGraphType(nodes.Node))))
            .Description("Nodes whose name, English name or an alias contains the text — any Chinese substring, Latin letters in any case — best matches first: exact, then prefix, then substring, then shorter names. 按名称、英文名、别名搜索，支持中文任意子串。")
            .Argument<NonNullGraphType<StringGraphType>>("text", "What to look for, e.g. 柳工, 广西大学, 新能源. 搜索词。",
                text => text.Validate(value => ArgumentChecks.Text("text", (string)value)))
            .Argument<ListGraphType<NonNullGraphType<NodeKindType>>>("kinds", "Only nodes of these kinds; all kinds when not given. 节点类型。")
            .Argument<IntGraphType>("first", $"How many results at most (1 to {MaxResults}, default 20). 结果数。")
            .ResolveAsync(async context =>
            {
                var text = context.GetArgument<string>("text").Trim();
                if (text.Length == 0)
                    throw new InvalidInputException("Argument 'text' of 'search' is empty: give a name or part of one.");
                var first = context.GetArgument("first", 20);
                if (first is < 1 or > MaxResults)
                    throw new InvalidInputException($"Argument 'first' of 'search' is {first}: it must be between 1 and {MaxResults}.");
                var kinds = context.GetArgument<List<NodeKind>?>("kinds");
                return await context.Store().SearchAsync(new SearchQuery(text, kinds, first), context.CancellationToken).ConfigureAwait(false);
            });
}
