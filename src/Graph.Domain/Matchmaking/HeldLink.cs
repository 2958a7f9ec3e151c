using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>
/// What the matchmaking index keeps of a link it reads: its type, ends, key and dates, and the achievement a technology
/// contract names. Not its properties, source or timestamps, and not its id, spelled only when asked: millions of links
/// are held, and these few fields are all a derivation reads.
/// </summary>
internal sealed record HeldLink(LinkType Type, string FromId, string ToId, string? Key, DateOnly? StartDate, DateOnly? EndDate, string? Achievement)
{
    /// <summary>The link's id (<see cref="LinkId"/>).</summary>
    public string Id => LinkId.Of(Type, FromId, ToId, Key);

    /// <summary>Whether this is the link of that identity (type, ends and key; an empty key is none).</summary>
    public bool Is(LinkType type, string fromId, string toId, string? key) =>
        Type == type && string.Equals(FromId, fromId, StringComparison.Ordinal) && string.Equals(ToId, toId, StringComparison.Ordinal)
        && string.Equals(Key, string.IsNullOrEmpty(key) ? null : key, StringComparison.Ordinal);

    /// <summary>Whether the link is in force on the day.</summary>
    public bool InForceOn(DateOnly day) => (StartDate is null || StartDate <= day) && (EndDate is null || EndDate >= day);
}
