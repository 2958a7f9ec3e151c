using System.Globalization;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Writes;

/// <summary>A page of the journal: its entries, oldest first, and whether more follow.</summary>
public sealed record JournalPage(IReadOnlyList<JournalEntry> Entries, bool HasNextPage);

/// <summary>
/// The journal in GraphQL: <c>changes(since:, first:, after:, nodeId:, actor:)</c> on the query root and <c>history</c> on
/// every node. Both need the <c>analyst</c> role; confidential figures in the contents before and after are shown to
/// admins only.
/// </summary>
public static class JournalFields
{
    /// <summary>The most entries one page gives.</summary>
    public const int MaxPage = 500;

    const int DefaultPage = 50;
    const string Description = "The journal of committed writes: who wrote what, when, and each node and link before and after. "
        + "Needs the `analyst` role; confidential figures are shown to admins only. 变更日志（需 analyst 角色；保密数据仅 admin 可见）。";

    /// <summary>
    /// Adds <c>changes</c> to the query root; returns the entry type (the subscription's too) and the types the schema must
    /// hold besides (the kinds of change).
    /// </summary>
    public static (IGraphType Entry, IReadOnlyList<IGraphType> ChangeTypes) AddTo(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (connection, entry, changeTypes) = JournalTypes.Create();
        query.Field("changes", connection)
            .Description(Description + " Oldest first: page with `after` (the `endCursor`), or poll with `since` (the `dataVersion` you last saw).")
            .Argument<LongGraphType>("since", "Entries after this data version (exclusive). 此数据版本之后。")
            .Argument<IntGraphType>("first", $"How many entries, at most {MaxPage} (default {DefaultPage}). 条数。")
            .Argument<StringGraphType>("after", "The cursor after which to continue. 游标。")
            .Argument<IdGraphType>("nodeId", "Only entries that changed this node or a link at it. 仅与该节点相关的变更。")
            .Argument<StringGraphType>("actor", "Only entries written by this subject (a token's `sub`, or `import`, `migrate`, `service`). 仅该写入者的变更。")
            .AuthorizeWithRoles(Roles.Analyst)
            .ResolveAsync(async c => await PageAsync(c, c.GetArgument<string?>("nodeId"), c.GetArgument<string?>("actor"), c.GetArgument<long?>("since")).ConfigureAwait(false));
        return (entry, changeTypes);
    }

    /// <summary>Adds <c>history</c> to a node type: the journal entries that changed the node or a link at it.</summary>
    public static void AddHistory(IComplexGraphType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var field = new FieldType
        {
            Name = "history",
            Description = "The journal entries that changed this node or a link at it, oldest first. Needs the `analyst` role. 该节点的变更历史（需 analyst 角色）。",
            ResolvedType = new GraphQLTypeReference("JournalConnection"),
            Arguments = new QueryArguments(
                new QueryArgument<IntGraphType> { Name = "first", Description = $"How many entries, at most {MaxPage} (default {DefaultPage}). 条数。" },
                new QueryArgument<StringGraphType> { Name = "after", Description = "The cursor after which to continue. 游标。" }),
            Resolver = new FuncFieldResolver<object?>(async c => await PageAsync(c, ((Node)c.Source!).Id, null, null).ConfigureAwait(false)),
        };
        field.RequireRole(Roles.Analyst);
        type.AddField(field);
    }

    static async Task<JournalPage> PageAsync(IResolveFieldContext context, string? nodeId, string? actor, long? since)
    {
        var first = context.GetArgument<int?>("first") ?? DefaultPage;
        if (first is < 0 or > MaxPage)
            throw new InvalidInputException($"first: {first} is out of range; ask for 0 to {MaxPage} entries a page");
        var after = since ?? 0;
        if (context.GetArgument<string?>("after") is { } cursor)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidInputException($"after: '{cursor}' is not a cursor of the journal (give a pageInfo.endCursor)");
            after = Math.Max(after, version);
        }
        var store = context.RequestServices!.GetRequiredService<IGraphStore>();
        var entries = await store.GetJournalAsync(new JournalQuery(after, first + 1, nodeId, actor), context.CancellationToken).ConfigureAwait(false);
        var page = entries.Take(first).ToList();
        if (!Roles.Has(context.User, Roles.Admin))
            page = [.. page.Select(Masked)];
        return new JournalPage(page, entries.Count > first);
    }

    // What only admins read: the confidential figures, before and after.
    internal static JournalEntry Masked(JournalEntry entry) => entry with
    {
        Changes = [.. entry.Changes.Select(change => change is NodeChange n ? n with { Before = Masked(n.Before), After = Masked(n.After) } : change)],
    };

    static Node? Masked(Node? node)
    {
        if (node is null) return null;
        var confidential = GraphCatalog.Of(node.Kind).Properties.Where(p => p.Confidential).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return confidential.Count == 0 ? node : node with { Properties = PropertyBag.From(node.Properties.Where(p => !confidential.Contains(p.Key)).Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))) };
    }
}
