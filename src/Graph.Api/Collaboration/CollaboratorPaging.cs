using System.Text;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
using KnowledgeGraph.Api.Graph.Lists;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// A page of <c>collaborators</c>: the collaborators of the page in the answer's order, where it lies, and the size of the
/// whole answer, searched only when asked for.
/// </summary>
public sealed class CollaboratorPage(IReadOnlyList<Collaborator> collaborators, PageInfo pageInfo, Func<int> totalCount)
{
    private readonly Lazy<int> _totalCount = new(totalCount);

    /// <summary>The collaborators of this page, in the answer's order.</summary>
    public IReadOnlyList<Collaborator> Collaborators { get; } = collaborators;

    /// <summary>Where this page lies.</summary>
    public PageInfo PageInfo { get; } = pageInfo;

    /// <summary>How many collaborators the whole answer holds; the first read searches to the full depth.</summary>
    public int TotalCount => _totalCount.Value;
}

/// <summary>
/// Relay paging over <c>collaborators</c>. A cursor is an opaque encoding of a collaborator's organisation id: a page
/// after it starts where that organisation stands in the same order, so the search stops at the level that fills the
/// page (<c>first</c> + 1, to know whether more follow) and only the page's evidence is described. Backward paging
/// (<c>last</c> or <c>before</c>) orders the ids of the whole answer without describing their ties; the total count of a
/// forward page only counts them.
/// </summary>
public static class CollaboratorPaging
{
    /// <summary>The page size when neither <c>first</c> nor <c>last</c> is given.</summary>
    public const int DefaultSize = 50;

    private const string CursorPrefix = "collaborator:";

    /// <summary>The four paging arguments, described.</summary>
    public static QueryArgument[] Arguments() =>
    [
        new QueryArgument<IntGraphType> { Name = "first", Description = $"The first n collaborators (at most {PageRequest.MaxSize}; {DefaultSize} when neither first nor last is given). 前n个。" },
        new QueryArgument<StringGraphType> { Name = "after", Description = "The collaborators after this cursor, in the same order. 此游标之后。" },
        new QueryArgument<IntGraphType> { Name = "last", Description = $"The last n collaborators (at most {PageRequest.MaxSize}). 后n个。" },
        new QueryArgument<StringGraphType> { Name = "before", Description = "The collaborators before this cursor. 此游标之前。" },
    ];

    /// <summary>The cursor of a collaborator.</summary>
    public static string Cursor(Collaborator collaborator) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + collaborator.OrganizationId));

    /// <summary>
    /// Reads the paging arguments and fetches the page from <paramref name="search"/>, which answers the collaborators
    /// after an organisation (or from the start), at most a number of them, in the answer's order, describing their ties;
    /// <paramref name="order"/> gives the ids of the whole answer in that order without describing any, for backward
    /// paging; <paramref name="count"/> gives the size of the whole answer, for the total count of a forward page.
    /// </summary>
    public static CollaboratorPage Read(
        IResolveFieldContext context, Func<string?, int, IReadOnlyList<Collaborator>> search, Func<IReadOnlyList<string>> order,
        Func<int> count)
    {
        var first = PageRequest.Size(context, "first");
        var last = PageRequest.Size(context, "last");
        var after = OrganizationOf(context, "after");
        var before = OrganizationOf(context, "before");
        if (first is null && last is null)
            first = DefaultSize;

        if (last is null && before is null)
        {
            // Forwards: one more than the page tells whether more follow, without searching deeper than that needs.
            var found = search(after, first!.Value + 1);
            var page = found.Take(first.Value).ToList();
            return new CollaboratorPage(page, Info(page, hasPrevious: after is not null, hasNext: found.Count > page.Count), count);
        }

        // Backwards: the order of the whole answer turns the cursors into offsets, and the shared paging rules place the
        // window; only the window's ties are described.
        var ids = order();
        int? afterOffset = after is null ? null : IndexOf(ids, after);
        if (afterOffset < 0)
            search(after, 1); // Not in the answer: the search after it says why (not a collaborator, or no such organisation).
        int? beforeOffset = before is null ? null : IndexOf(ids, before);
        if (beforeOffset is { } offset && offset <= (afterOffset ?? -1))
            throw new InvalidInputException($"Argument 'before' of '{context.FieldDefinition.Name}' names '{before}', which is not a collaborator after 'after' in this answer.");
        var (start, end) = new PageRequest(first, afterOffset, last, beforeOffset).Window(ids.Count);
        List<Collaborator> window = end > start ? search(start > 0 ? ids[start - 1] : null, end - start).ToList() : [];
        return new CollaboratorPage(window, Info(window, hasPrevious: start > 0, hasNext: end < ids.Count), () => ids.Count);
    }

    private static int IndexOf(IReadOnlyList<string> ids, string organizationId)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == organizationId)
                return i;
        }
        return -1;
    }

    private static PageInfo Info(List<Collaborator> page, bool hasPrevious, bool hasNext) => new()
    {
        HasPreviousPage = hasPrevious,
        HasNextPage = hasNext,
        StartCursor = page.Count > 0 ? Cursor(page[0]) : null,
        EndCursor = page.Count > 0 ? Cursor(page[^1]) : null,
    };

    private static string? OrganizationOf(IResolveFieldContext context, string name)
    {
        var cursor = context.GetArgument<string?>(name);
        if (cursor is null)
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal) && text.Length > CursorPrefix.Length)
                return text[CursorPrefix.Length..];
        }
        catch (FormatException)
        {
        }
        throw new InvalidInputException($"Argument '{name}' of '{context.FieldDefinition.Name}' is '{cursor}', which is not a collaborator cursor: use a pageInfo or edge cursor of collaborators.");
    }
}
