using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
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
            .Description("Nodes whose name, English name or an alias contains the text — any Chinese substring, Latin letters in any case — best matches first: exact, then prefix, then substring, then shorter names. A 学校标识码 (4145010593) or a ROR id (03cve4549, or its https://ror.org/ address) finds the university or institute that has it, first. 按名称、英文名、别名、学校标识码或 ROR 标识搜索，支持中文任意子串。")
            .Argument<NonNullGraphType<StringGraphType>>("text", "What to look for, e.g. 柳工, 广西大学, 西大, 新能源, 4145010593. 搜索词。",
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
                var found = await context.Store().SearchAsync(new SearchQuery(text, kinds, first), context.CancellationToken).ConfigureAwait(false);
                return await WithIdentifiedAsync(context.Store(), text, kinds, first, found, context.CancellationToken).ConfigureAwait(false);
            });

    private static readonly NodeKind[] IdentifiedKinds = [.. GraphCatalog.AcademicKinds];

    // A text that is an identifier (学校标识码, ROR id) names one institution: it comes first, then the name matches.
    private static async Task<IReadOnlyList<Node>> WithIdentifiedAsync(
        IGraphStore store, string text, List<NodeKind>? kinds, int first, IReadOnlyList<Node> found, CancellationToken cancellationToken)
    {
        if (InstitutionIdentifiers.Recognize(text) is not { } identifier) return found;
        var identifiedKinds = IdentifiedKinds.Where(k => kinds is null || kinds.Contains(k)).ToList();
        if (identifiedKinds.Count == 0) return found;
        var identified = await store.ListNodesAsync(
            new NodeQuery(identifiedKinds, new NodeFilter.Compare(identifier.Property, FilterOp.Eq, identifier.Value), Take: first, CountTotal: false),
            cancellationToken).ConfigureAwait(false);
        return [.. identified.Items.Concat(found).DistinctBy(n => n.Id).Take(first)];
    }
}
