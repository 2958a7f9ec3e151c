using System.Text;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>Reads the small reference tables embedded in this assembly (RFC 4180 CSV with a header row).</summary>
internal static class ReferenceCsv
{
    /// <summary>The rows of an embedded CSV file as header → value maps, in file order.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string resourceName)
    {
        var assembly = typeof(ReferenceCsv).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource '{resourceName}' is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses CSV text with a header row; blank lines are skipped.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string text)
    {
        var records = Records(text).Where(r => !(r.Count == 1 && r[0].Length == 0)).ToList();
        if (records.Count == 0) return [];
        var header = records[0];
        return records.Skip(1)
            .Select(r => (IReadOnlyDictionary<string, string>)header
                .Select((name, i) => (name, value: i < r.Count ? r[i] : ""))
                .ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal))
            .ToList();
    }

    static IEnumerable<List<string>> Records(string text)
    {
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(cell.ToString());
                cell.Clear();
                yield return record;
                record = [];
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            yield return record;
        }
    }
}
