using System.Text;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// How names are searched. Every name, English name and alias of a node is a row of <c>node_names</c>
/// (folded to lower case) and is indexed twice: in <c>name_trigrams</c> (FTS5 trigram tokenizer), which
/// finds substrings of 3+ characters, and in <c>name_bigrams</c> (each pair of neighbouring characters and
/// the last character as tokens), which finds substrings of 1-2 characters such as 柳工 or 广西. Both only
/// propose candidates; the folded text is checked again, so a token that the tokenizer splits oddly can
/// never produce a wrong hit.
/// </summary>
internal static class NameIndex
{
    /// <summary>The SQL function that turns folded text into bigram tokens (for bulk rebuilds).</summary>
    public const string GramsFunction = "kg_name_grams";

    /// <summary>The names of a node that search finds, folded and without repeats.</summary>
    public static IEnumerable<(string Text, string Folded)> NamesOf(string name, string? nameEn, IEnumerable<string> aliases)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in aliases.Prepend(nameEn).Prepend(name))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var folded = Fold(text);
            if (seen.Add(folded)) yield return (text, folded);
        }
    }

    /// <summary>Text as it is matched: trimmed, lower case (Latin letters match either case).</summary>
    public static string Fold(string text) => text.Trim().ToLowerInvariant();

    /// <summary>Each pair of neighbouring characters, and the last character alone, separated by spaces.</summary>
    public static string Grams(string folded)
    {
        var runes = Runes(folded);
        var grams = new StringBuilder(folded.Length * 3);
        for (var i = 0; i < runes.Count; i++)
        {
            if (i > 0) grams.Append(' ');
            grams.Append(runes[i]);
            if (i + 1 < runes.Count) grams.Append(runes[i + 1]);
        }
        return grams.ToString();
    }

    /// <summary>The number of characters (Unicode scalar values) of the text.</summary>
    public static int Length(string text) => Runes(text).Count;

    /// <summary>
    /// The FTS5 query that proposes names containing the folded text, and the table it runs on;
    /// null when the text has a character the tokenizers treat as a separator (then names are scanned).
    /// </summary>
    public static (string Table, string Match)? CandidateQuery(string folded)
    {
        var length = Length(folded);
        if (length >= 3) return ("name_trigrams", Quote(folded));
        foreach (var rune in folded.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune)) return null;
        }
        return length == 2 ? ("name_bigrams", Quote(folded)) : ("name_bigrams", Quote(folded) + "*");
    }

    /// <summary>
    /// The least text above every text that starts with the folded one, in SQLite's binary order (UTF-8 bytes, which is
    /// the order of code points): the text with its last character made the next one. The names that start with the
    /// text are those from it up to this bound. Null when the last character has no next one to stand for it.
    /// </summary>
    public static string? PrefixEnd(string folded)
    {
        if (Rune.DecodeLastFromUtf16(folded, out var last, out var length) != System.Buffers.OperationStatus.Done) return null;
        // After U+D7FF come the surrogates, which no text holds; U+10FFFF is the last.
        var next = last.Value switch
        {
            0xD7FF => 0xE000,
            0x10FFFF => -1,
            var value => value + 1,
        };
        return next < 0 ? null : string.Concat(folded.AsSpan(0, folded.Length - length), new Rune(next).ToString());
    }

    static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static List<string> Runes(string text)
    {
        var runes = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes()) runes.Add(rune.ToString());
        return runes;
    }
}
