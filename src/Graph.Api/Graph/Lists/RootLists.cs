using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Aggregates;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Cost;
using KnowledgeGraph.Api.Hosting.Errors;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>
/// One root list per kind (<c>enterprises</c>, <c>universities</c>, …, <c>people</c>) and one over the organisation
/// kinds (<c>organizations</c>): a cursor connection with <c>where</c> and <c>order</c>, answered by one
/// <see cref="IGraphStore.ListNodesAsync"/> call (two for <c>last</c> without <c>before</c>, which needs the total first).
/// A link condition in <c>where</c> counts towards the query's complexity as a list at its depth of nesting.
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
        [NodeKind.DiagnosisTeam] = "diagnosisTeams",
        [NodeKind.DiagnosisReport] = "diagnosisReports",
        [NodeKind.TechnologyProblem] = "technologyProblems",
        [NodeKind.Instrument] = "instruments",
    };

    /// <summary>Adds the root lists to the query root.</summary>
    public static void AddTo(ObjectGraphType query, NodeTypes nodes)
    {
        var inputs = new FilterInputs(nodes.Enums);
        var aggregates = new AggregateTypes();
        foreach (var kind in GraphCatalog.NodeKinds)
        {
            var connection = Connections.Create(kind.Kind.ToString(),
                CatalogNames.Bilingual($"A page of {kind.Kind} nodes", kind.Chinese + "列表"), nodes.Of(kind.Kind));
            Add(query, inputs, aggregates, FilterScope.Of(kind.Kind), FieldNames[kind.Kind], connection, CatalogNames.Bilingual(
                $"{kind.Description} All of them as a cursor connection, filtered by `where` and sorted by `order` (by name, then id, when not given)",
                kind.Chinese + "列表"));
        }
        var organizations = Connections.Create("Organization",
            CatalogNames.Bilingual("A page of organisations of any kind", "组织机构列表"), nodes.Organization);
        Add(query, inputs, aggregates, FilterScope.Of(GraphCatalog.OrganizationKinds), "organizations", organizations, CatalogNames.Bilingual(
            "Enterprises, universities, research institutes and government bodies together, as a cursor connection, filtered by `where` on the fields they share and on `kind`, and sorted by `order` (by name, then id, when not given)",
            "企业、高校、科研院所、政府部门列表"));
    }

    private static void Add(ObjectGraphType query, FilterInputs inputs, AggregateTypes aggregates, FilterScope scope, string name, IGraphType connection, string description)
    {
        query.Field(name, new NonNullGraphType(connection))
            .Description(description)
            .Arguments(
            [
                .. PageRequest.Arguments(),
                WhereArgument(inputs, scope),
                FigureYear.Argument(),
                new QueryArgument(new ListGraphType(new NonNullGraphType(inputs.Sort(scope)))) { Name = "order", Description = $"Sort keys, most significant first (at most {FilterReader.MaxSortKeys}). 排序。" }
                    .Validate(order => FilterReader.CheckSort((IEnumerable<object?>)order)),
            ])
            .WithArgumentCost((arguments, listSize) =>
                (arguments?.TryGetValue("where", out var where) == true && where.Value is IDictionary<string, object?> conditions
                    ? LinkConditionCost(scope, conditions, LinkConditionWeight, listSize)
                    : 0)
                + (arguments?.TryGetValue("order", out var order) == true ? LinkCounts.SortCost(scope, order.Value, LinkConditionWeight) : 0)
                + NetworkRankings.Cost(ValueOf(arguments, "where"), ValueOf(arguments, "order"), LinkConditionWeight))
            .ResolveAsync(async context => await ListAsync(context, scope).ConfigureAwait(false));
        AggregateFields.Add(query, aggregates, WhereArgument(inputs, scope), scope, name);
    }

    internal static object? ValueOf(IDictionary<string, ArgumentValue>? arguments, string name) =>
        arguments?.TryGetValue(name, out var argument) == true ? argument.Value : null;

    private static QueryArgument WhereArgument(FilterInputs inputs, FilterScope scope) =>
        new QueryArgument(inputs.Filter(scope)) { Name = "where", Description = "Conditions the nodes must meet. 筛选条件。" }
            .Validate(where => new FilterReader(scope).Check((IDictionary<string, object?>)where));

    /// <summary>
    /// What a link condition adds to the cost: it reads the links of every node of the kind, not only of the page, so it
    /// weighs as much as five default pages; one nested in another weighs that much for each link of the outer one
    /// (times the default list size again), so three nested in each other are over the default limit.
    /// </summary>
    internal const double LinkConditionWeight = 100;

    /// <summary>What the link conditions of a filter add to the cost (<see cref="LinkConditionWeight"/>).</summary>
    private static double LinkConditionCost(FilterScope scope, IDictionary<string, object?> where, double weight, double multiplier)
    {
        double cost = 0;
        foreach (var (name, value) in where)
        {
            switch (value)
            {
                case IEnumerable<object?> list when name is "and" or "or":
                    cost += list.OfType<IDictionary<string, object?>>().Sum(item => LinkConditionCost(scope, item, weight, multiplier));
                    break;
                case IDictionary<string, object?> not when name == "not":
                    cost += LinkConditionCost(scope, not, weight, multiplier);
                    break;
                case IDictionary<string, object?> quantifiers when scope.LinkFields.TryGetValue(name, out var linkField):
                    // Each quantifier and a count read the links of every node selected: each weighs the same.
                    foreach (var edge in quantifiers.Values.OfType<IDictionary<string, object?>>())
                    {
                        cost += weight;
                        if (edge.TryGetValue("node", out var node) && node is IDictionary<string, object?> other)
                            cost += LinkConditionCost(FilterScope.Of(linkField.OtherKinds), other, weight * multiplier, multiplier);
                    }
                    break;
            }
        }
        return cost;
    }

    /// <summary>
    /// The store filter of a root field's <c>where</c>, its ranking conditions read from <paramref name="rankings"/>; refused
    /// (FORBIDDEN) when it reads a confidential figure without the 'analyst' role.
    /// </summary>
    internal static NodeFilter? Where(IResolveFieldContext context, FilterScope scope, NetworkRankings? rankings) => Read(context, scope, null, rankings).Filter;

    private static (NodeFilter? Filter, IReadOnlyList<SortField> Sort) Read(IResolveFieldContext context, FilterScope scope, List<object?>? order, NetworkRankings? rankings)
    {
        var jurisdiction = Roles.JurisdictionOf(context.User);
        var reader = new FilterReader(scope) { ConfidentialWithin = jurisdiction.IsScoped ? jurisdiction.Codes() : null, Rankings = rankings };
        var sort = reader.Sort(order);
        var filter = reader.Limited(reader.Filter(context.GetArgument<Dictionary<string, object?>?>("where")));
        if (reader.ConfidentialUsed.Count > 0 && !Roles.Has(context.User, Roles.Analyst))
        {
            throw new FieldForbiddenError(
                $"Field '{context.FieldDefinition.Name}' filters or sorts on the confidential {string.Join(", ", reader.ConfidentialUsed.Order())}: that needs a bearer token with the role '{Roles.Analyst}'.");
        }
        return (filter, sort);
    }

    private static async Task<Connection> ListAsync(IResolveFieldContext context, FilterScope scope)
    {
        var page = PageRequest.Read(context);
        var order = context.GetArgument<List<object?>?>("order");
        var rankings = await NetworkRankings.ForAsync(context, context.GetArgument<Dictionary<string, object?>?>("where"), order).ConfigureAwait(false);
        var (filter, sort) = Read(context, scope, order, rankings);
        var year = FigureYear.Of(context);
        var query = new NodeQuery([.. scope.Kinds], filter, sort.Count > 0 ? sort : [new SortField("name")]) { FigureYear = year };
        var store = context.Store();
        if (rankings is not null && sort.Any(key => NetworkRankings.IsSortKey(scope, key)))
            return await rankings.PageAsync(context, scope, query, page).ConfigureAwait(false);

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
        var edges = result.Items.Select((node, i) => new Edge(PageRequest.Cursor(skip + i), FigureYear.AsOf(node, year), node.Id)).ToList();
        return new Connection(edges, PageRequest.Info(skip, edges.Count, total.Value), total.Value);
    }
}
