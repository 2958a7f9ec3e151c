using System.Collections.Frozen;
using System.Globalization;
using KnowledgeGraph.Domain.Model;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>The columns the store reads, and how a row becomes a <see cref="Node"/> or <see cref="Link"/>.</summary>
internal static class RowReader
{
    /// <summary>The node columns, from <c>nodes n</c>, in the order <see cref="ReadNode"/> reads them.</summary>
    public const string NodeColumns = "n.id, n.kind, n.key, n.name, n.name_en, n.aliases, n.props, n.created_at, n.updated_at";

    /// <summary>The link columns, from <see cref="LinkJoins"/>, in the order <see cref="ReadLink"/> reads them.</summary>
    public const string LinkColumns = "l.type, f.id, t.id, l.key, l.start_date, l.end_date, l.source, l.props, l.created_at, l.updated_at";

    /// <summary>Links with the ids of their ends.</summary>
    public const string LinkJoins = "links l JOIN nodes f ON f.n = l.from_n JOIN nodes t ON t.n = l.to_n";

    static readonly FrozenDictionary<string, NodeKind> KindsByName =
        Enum.GetValues<NodeKind>().ToFrozenDictionary(k => k.ToString(), StringComparer.Ordinal);

    /// <summary>The kind a stored kind name names.</summary>
    public static NodeKind KindOf(string name) => KindsByName[name];

    /// <summary>The node of the row, from column <paramref name="first"/> on.</summary>
    public static Node ReadNode(SqliteDataReader reader, int first = 0)
    {
        var kind = KindsByName[reader.GetString(first + 1)];
        return new Node(
            reader.GetString(first),
            kind,
            reader.GetString(first + 2),
            reader.GetString(first + 3),
            reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
            PropertyJson.DecodeList(reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5)),
            Properties(reader, first + 6, GraphCatalog.Of(kind).Properties),
            FromUnixMilliseconds(reader.GetInt64(first + 7)),
            FromUnixMilliseconds(reader.GetInt64(first + 8)));
    }

    /// <summary>The link of the row.</summary>
    public static Link ReadLink(SqliteDataReader reader, LinkTypeCodes codes)
    {
        var type = codes.TypeOf(reader.GetInt64(0));
        var fromId = reader.GetString(1);
        var toId = reader.GetString(2);
        var key = reader.GetString(3);
        var storedKey = key.Length == 0 ? null : key;
        return new Link(
            LinkId.Of(type, fromId, toId, storedKey),
            type,
            fromId,
            toId,
            storedKey,
            ReadDate(reader, 4),
            ReadDate(reader, 5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            Properties(reader, 7, GraphCatalog.Of(type).Properties),
            FromUnixMilliseconds(reader.GetInt64(8)),
            FromUnixMilliseconds(reader.GetInt64(9)));
    }

    /// <summary>
    /// The properties in the column, decoded when first read: a read returns many nodes and links of which a request
    /// reads few properties (the nodes at the ends of links are mostly asked for their names).
    /// </summary>
    static PropertyBag Properties(SqliteDataReader reader, int ordinal, IReadOnlyList<PropertyDefinition> catalog)
    {
        if (reader.IsDBNull(ordinal)) return PropertyBag.Empty;
        var json = reader.GetString(ordinal);
        return PropertyBag.Deferred(() => PropertyJson.Decode(json, catalog));
    }

    /// <summary>The stored date in the column, or null.</summary>
    public static DateOnly? ReadDate(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ParseDate(reader.GetString(ordinal));

    /// <summary>A stored date, <c>yyyy-MM-dd</c> (as <see cref="DateValue"/> writes it), read without culture rules.</summary>
    static DateOnly ParseDate(string text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4) is var year and > 0 && Digits(text, 5, 2) is var month and > 0 && Digits(text, 8, 2) is var day and > 0)
        {
            return new DateOnly(year, month, day);
        }
        return DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The number the digits at <paramref name="start"/> spell, or -1 when one is not a digit.</summary>
    static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9) return -1;
            value = value * 10 + digit;
        }
        return value;
    }

    /// <summary>A date as stored: ISO text, so text order is date order.</summary>
    public static object DateValue(DateOnly? date) =>
        date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;

    /// <summary>A timestamp as stored: milliseconds since the Unix epoch.</summary>
    public static DateTimeOffset FromUnixMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}

/// <summary>
/// The integer codes links store for their types. Codes are assigned in the database (<c>link_types</c>),
/// never derived from the enum's order, so reordering <see cref="LinkType"/> cannot corrupt a file.
/// </summary>
internal sealed class LinkTypeCodes(IReadOnlyDictionary<LinkType, long> codes)
{
    readonly FrozenDictionary<LinkType, long> _codes = codes.ToFrozenDictionary();
    readonly FrozenDictionary<long, LinkType> _types = codes.ToFrozenDictionary(c => c.Value, c => c.Key);

    /// <summary>The code of a type.</summary>
    public long CodeOf(LinkType type) => _codes[type];

    /// <summary>The type of a code.</summary>
    public LinkType TypeOf(long code) => _types[code];
}
