using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Errors;
using KnowledgeGraph.Api.Schema.Loading;
using KnowledgeGraph.Api.Schema.Nodes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Schema.Lists;

/// <summary>
/// One root list per kind (<c>enterprises</c>, <c>universities</c>, …, <c>people</c>): a cursor connection with
/// <c>where</c> and <c>order</c>, answered by one <see cref="IGraphStore.ListNodesAsync"/> call (two for
/// <c>last</c> without <c>before</c>, which needs the total first).
/// </summary>
public static class RootLists
{
    /// <summary>The root field name of each kind.</summary>
    public static readonly IReadOnlyDictionary<NodeKind, string> FieldNames = new Dictionary<NodeKind, string>
    {
        [NodeKind.Enterprise] = "enterprises",
        [NodeKind.University] = "universities",
        [NodeKind.ResearchInstitute] = "researchInstitutes",
        [NodeKind.GovernmentBody] = "governmentBodies",
        [NodeKind.Platform] = "platforms",
        [NodeKind.Consortium] = "consortia",
        [NodeKind.Challenge] = "challenges",
        [NodeKind.Project] = "projects",
        [NodeKind.Achievement] = "achievements",
        [NodeKind.Region] = "regions",
        [NodeKind.Field] = "fields",
        [NodeKind.Person] = "people",
    };

    /// <summary>Adds the root lists to the query root.</summary>
    public static void AddTo(ObjectGraphType query, NodeTypes nodes)
    {
        var inputs = new FilterInputs(nodes.Enums);
        foreach (var kind in GraphSchema.NodeKinds)
        {
            var connection = Connections.Create(kind.Kind.ToString(),
                CatalogNames.Bilingual($"A page of {kind.Kind} nodes", kind.Chinese + "列表"), nodes.Of(kind.Kind));
            query.Field(FieldNames[kind.Kind], new NonNullGraphType(connection))
                .Description(CatalogNames.Bilingual(
                    $"{kind.Description} All of them as a cursor connection, filtered by `where` and sorted by `order` (by name, then id, when not given)",
                    kind.Chinese + "列表"))
                .Arguments(
                [
                    .. PageRequest.Arguments(),
                    new QueryArgument(inputs.Filter(kind.Kind)) { Name = "where", Description = "Conditions the nodes must meet. 筛选条件。" },
                    new QueryArgument(new ListGraphType(new NonNullGraphType(inputs.Sort(kind.Kind)))) { Name = "order", Description = "Sort keys, most significant first. 排序。" },
                ])
                .ResolveAsync(async context => await ListAsync(context, kind).ConfigureAwait(false));
        }
    }

    private static async Task<Connection> ListAsync(IResolveFieldContext context, NodeKindInfo kind)
    {
        var page = PageRequest.Read(context);
        var reader = new FilterReader(kind);
        var filter = reader.Filter(context.GetArgument<Dictionary<string, object?>?>("where"));
        var sort = reader.Sort(context.GetArgument<List<object?>?>("order"));
        if (reader.ConfidentialUsed.Count > 0 && !Roles.Has(context.User, Roles.Analyst))
        {
            throw new FieldForbiddenError(
                $"Field '{context.FieldDefinition.Name}' filters or sorts on the confidential {string.Join(", ", reader.ConfidentialUsed.Order())}: that needs a bearer token with the role '{Roles.Analyst}'.");
        }
        var query = new NodeQuery([kind.Kind], filter, sort.Count > 0 ? sort : [new SortField("name")]);
        var store = context.Store();

        int skip, take;
        int? total = null;
        if (page.NeedsTotalFirst)
        {
            var counted = await store.ListNodesAsync(query with { Take = 0 }, context.CancellationToken).ConfigureAwait(false);
            total = counted.TotalCount ?? 0;
            var (start, end) = page.Window(total.Value);
            (skip, take) = (start, end - start);
        }
        else
        {
            var (start, count) = page.Fetch();
            (skip, take) = (start, count ?? PageRequest.MaxSize);
        }
        var result = await store.ListNodesAsync(query with { Skip = skip, Take = take, CountTotal = total is null }, context.CancellationToken).ConfigureAwait(false);
        total ??= result.TotalCount ?? 0;
        var edges = result.Items.Select((node, i) => new Edge(PageRequest.Cursor(skip + i), node, node.Id)).ToList();
        return new Connection(edges, PageRequest.Info(skip, edges.Count, total.Value), total.Value);
    }
}
