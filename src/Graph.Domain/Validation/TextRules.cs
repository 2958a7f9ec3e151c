using System.Globalization;
using System.Text;

namespace KnowledgeGraph.Domain.Validation;

/// <summary>
/// Which characters a name, alias, key or search text may not hold: control characters (NUL, ESC, BEL, tabs and line
/// breaks among them), bidirectional overrides and isolates (they make text display in another order than it is
/// stored), lone surrogates and the noncharacters U+FFFE/U+FFFF. Such characters break exports (XML 1.0 forbids most
/// C0 controls), terminals, CSV readers and the store's full-text search, and are never part of a real name.
/// </summary>
public static class TextRules
{
    /// <summary>Null when the text is fine, else which character is refused and where, e.g. "U+0007 (a control character) at position 3".</summary>
    public static string? Check(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (Refused(c) is { } what)
                return string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4} ({what}) at position {i + 1}");
        }
        return null;
    }

    /// <summary>Whether the text holds a refused character.</summary>
    public static bool IsClean(string? text) => Check(text) is null;

    private static string? Refused(char c) => c switch
    {
        < ' ' or (>= '\u007F' and <= '\u009F') => "a control character",
        (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C' => "a bidirectional control",
        _ when char.IsSurrogate(c) => "half of a surrogate pair",
        '\uFFFE' or '\uFFFF' => "a noncharacter",
        _ => null,
    };

    /// <summary>
    /// The text with every character XML 1.0 cannot hold removed (C0 controls but tab, CR and LF; lone surrogates;
    /// U+FFFE/U+FFFF): for exports of text stored before these rules, or typed into free-text properties.
    /// </summary>
    public static string ForXml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
            clean = IsXmlChar(text, ref i);
        if (clean) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var start = i;
            if (IsXmlChar(text, ref i))
                builder.Append(text, start, i - start + 1);
        }
        return builder.ToString();
    }

    /// <summary>
    /// The text as a spreadsheet cell that shows it instead of running it: text that starts with =, +, -, @, a tab or a
    /// carriage return (what Excel, LibreOffice and Google Sheets read as a formula, e.g. <c>=HYPERLINK(…)</c>) gets a
    /// leading apostrophe. Numbers such as -1.5 are left as they are.
    /// </summary>
    public static string ForSpreadsheet(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
            return text;
        return text[0] is '-' or '+' && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? text : "'" + text;
    }

    /// <summary>
    /// The text as one field of a CSV file meant for spreadsheets: <see cref="ForSpreadsheet"/>, then quoted as RFC 4180
    /// says when it holds a comma, a quote or a line break (quotes doubled).
    /// </summary>
    public static string ForCsv(string text)
    {
        var field = ForSpreadsheet(text);
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    // Advances i past a valid surrogate pair.
    private static bool IsXmlChar(string text, ref int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                return true;
            }
            return false;
        }
        return c is '\t' or '\n' or '\r' or (>= ' ' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
    }
}
