using System.Text;
using KnowledgeGraph.Domain.Model;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// A link as a scan holds it while it sorts the links of a type: the ends as the scan's shared id strings, the
/// properties as their JSON text in UTF-8 (half the bytes of a string, and what their decoder reads), the rest as stored.
/// The <see cref="Link"/> (its id text, its properties' decoder) is made only when it is handed out, so a sort of a
/// million links holds a fraction of the memory the links would.
/// </summary>
internal readonly record struct ScannedLink(
    string FromId, string ToId, string Key, DateOnly? StartDate, DateOnly? EndDate, string? Source, byte[]? Properties, long CreatedAt, long UpdatedAt)
{
    /// <summary>The link columns of <c>links</c>, in the order <see cref="Read"/> reads them after the type.</summary>
    public const string Columns = "type, from_n, to_n, key, start_date, end_date, source, props, created_at, updated_at";

    /// <summary>The link of the row (read with <see cref="Columns"/>), its ends looked up by node row number.</summary>
    public static ScannedLink Read(SqliteDataReader reader, Func<long, string> idOf, Dictionary<string, string> sources) =>
        new(idOf(reader.GetInt64(1)),
            idOf(reader.GetInt64(2)),
            reader.GetString(3),
            RowReader.ReadDate(reader, 4),
            RowReader.ReadDate(reader, 5),
            reader.IsDBNull(6) ? null : Shared(sources, reader.GetString(6)),
            reader.IsDBNull(7) ? null : Encoding.UTF8.GetBytes(reader.GetString(7)),
            reader.GetInt64(8),
            reader.GetInt64(9));

    public Link ToLink(LinkType type)
    {
        var key = Key.Length == 0 ? null : Key;
        var json = Properties;
        var properties = json is null ? PropertyBag.Empty : PropertyBag.Deferred(() => PropertyJson.DecodeUtf8(json, GraphCatalog.Of(type).Properties));
        return new Link(LinkId.Of(type, FromId, ToId, key), type, FromId, ToId, key, StartDate, EndDate, Source, properties,
            RowReader.FromUnixMilliseconds(CreatedAt), RowReader.FromUnixMilliseconds(UpdatedAt));
    }

    // A few sources name most links (an import's file): held once each.
    static string Shared(Dictionary<string, string> sources, string source)
    {
        if (sources.TryGetValue(source, out var shared)) return shared;
        if (sources.Count < 4096) sources.Add(source, source);
        return source;
    }

    /// <summary>
    /// The order of the links' id text (from id, to id and key, joined by '|') as SQLite's BINARY collation orders text:
    /// by its UTF-8 bytes, which is code point order, compared without making the text. (Joined text orders otherwise
    /// than (from, to, key) when one node id starts another.)
    /// </summary>
    public static int CompareIds(ScannedLink a, ScannedLink b)
    {
        int sa = 0, oa = 0, sb = 0, ob = 0;
        while (true)
        {
            var ta = a.Segment(sa);
            var tb = b.Segment(sb);
            var common = ta.AsSpan(oa).CommonPrefixLength(tb.AsSpan(ob));
            oa += common;
            ob += common;
            var ca = a.CharAt(sa, oa);
            var cb = b.CharAt(sb, ob);
            if (ca != cb) return Rank(ca).CompareTo(Rank(cb));
            if (ca < 0) return 0;
            if (oa == ta.Length) (sa, oa) = (sa + 1, 0);
            else oa++;
            if (ob == tb.Length) (sb, ob) = (sb + 1, 0);
            else ob++;
        }
    }

    int Segments => Key.Length == 0 ? 2 : 3;

    string Segment(int index) => index switch { 0 => FromId, 1 => ToId, _ => Key };

    // The character at the offset of the segment; the separator past a segment's end, -1 past the last one.
    int CharAt(int segment, int offset)
    {
        var text = Segment(segment);
        if (offset < text.Length) return text[offset];
        return segment + 1 < Segments ? '|' : -1;
    }

    // UTF-16 units ranked in code point order: surrogates (characters past U+FFFF) above U+E000–U+FFFF.
    static int Rank(int c) => c switch
    {
        >= 0xE000 => c - 0x800,
        >= 0xD800 => c + 0x2000,
        _ => c,
    };
}
