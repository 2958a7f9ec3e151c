using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Api.Graph.Lists;

/// <summary>
/// Relay cursor paging over a sorted result: <c>first</c>/<c>after</c> forwards, <c>last</c>/<c>before</c> backwards.
/// A cursor is an opaque encoding of an offset into the result, so it stays valid while the data does not change.
/// </summary>
public sealed record PageRequest(int? First, int? After, int? Last, int? Before)
{
    /// <summary>The page size when neither <c>first</c> nor <c>last</c> is given.</summary>
    public const int DefaultSize = 20;

    /// <summary>The largest <c>first</c> or <c>last</c>.</summary>
    public const int MaxSize = 500;

    private const string CursorPrefix = "offset:";

    /// <summary>The four paging arguments, described.</summary>
    public static QueryArgument[] Arguments() =>
    [
        new QueryArgument<IntGraphType> { Name = "first", Description = $"Returns the first n elements (at most {MaxSize}; {DefaultSize} when neither first nor last is given). 前n条。" },
        new QueryArgument<StringGraphType> { Name = "after", Description = "Returns the elements after this cursor. 此游标之后。" },
        new QueryArgument<IntGraphType> { Name = "last", Description = $"Returns the last n elements (at most {MaxSize}). 后n条。" },
        new QueryArgument<StringGraphType> { Name = "before", Description = "Returns the elements before this cursor. 此游标之前。" },
    ];

    /// <summary>Reads and checks the paging arguments; a bad value is an INVALID_INPUT error naming the argument.</summary>
    public static PageRequest Read(IResolveFieldContext context)
    {
        var first = Size(context, "first");
        var last = Size(context, "last");
        if (first is null && last is null)
            first = DefaultSize;
        return new PageRequest(first, Offset(context, "after"), last, Offset(context, "before"));
    }

    /// <summary>The cursor of the element at this offset.</summary>
    public static string Cursor(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Whether the window needs the total before it can be placed (<c>last</c> without <c>before</c>).</summary>
    public bool NeedsTotalFirst => Last is not null && Before is null;

    /// <summary>The offsets [Start, End) of the page in a result of <paramref name="total"/> elements.</summary>
    public (int Start, int End) Window(int total)
    {
        var start = After is { } after ? Math.Min(after + 1, total) : 0;
        var end = Before is { } before ? Math.Clamp(before, start, total) : total;
        if (First is { } first)
            end = Math.Min(end, start + first);
        if (Last is { } last)
            start = Math.Max(start, end - last);
        return (start, end);
    }

    /// <summary>
    /// The offsets to fetch when the total is not known yet: from the start of the window, as many as it can hold
    /// (Take is null when it is unbounded, i.e. <c>before</c> without <c>first</c> or <c>last</c>).
    /// </summary>
    public (int Skip, int? Take) Fetch()
    {
        var start = After is { } after ? after + 1 : 0;
        int? end = Before;
        if (First is { } first)
            end = end is { } e ? Math.Min(e, start + first) : start + first;
        if (Last is { } last && end is { } bounded)
            start = Math.Max(start, bounded - last);
        return (start, end is { } stop ? Math.Max(0, stop - start) : null);
    }

    /// <summary>The page info of elements [start, start + count) of a result of <paramref name="total"/> elements.</summary>
    public static PageInfo Info(int start, int count, int total) => new()
    {
        HasPreviousPage = start > 0,
        HasNextPage = start + count < total,
        StartCursor = count > 0 ? Cursor(start) : null,
        EndCursor = count > 0 ? Cursor(start + count - 1) : null,
    };

    /// <summary>A page size argument, checked: an INVALID_INPUT error unless it is 0 to <see cref="MaxSize"/>.</summary>
    internal static int? Size(IResolveFieldContext context, string name)
    {
        var value = context.GetArgument<int?>(name);
        if (value is < 0 or > MaxSize)
            throw new InvalidInputException($"Argument '{name}' of '{context.FieldDefinition.Name}' is {value}: it must be between 0 and {MaxSize}.");
        return value;
    }

    private static int? Offset(IResolveFieldContext context, string name)
    {
        var cursor = context.GetArgument<string?>(name);
        if (cursor is null)
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }
        throw new InvalidInputException($"Argument '{name}' of '{context.FieldDefinition.Name}' is '{cursor}', which is not a cursor this API gave out: use a pageInfo or edge cursor.");
    }
}
