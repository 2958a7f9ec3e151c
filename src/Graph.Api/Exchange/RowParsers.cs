using System.Collections.Immutable;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>The columns of a file's header: where each known column is, and what is wrong with the header.</summary>
internal sealed class HeaderColumns
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public HeaderColumns(IReadOnlyList<string> header, IReadOnlyList<string> known, IReadOnlyList<string> required, List<(string Column, string Reason)> problems)
    {
        Count = header.Count;
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (!known.Contains(name))
            {
                var close = known.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase));
                problems.Add((name, close is null
                    ? $"unknown column (the columns are: {string.Join(", ", known)})"
                    : $"unknown column (did you mean '{close}'?)"));
            }
            else if (!_index.TryAdd(name, i))
                problems.Add((name, "the column appears twice"));
        }
        foreach (var name in required.Where(r => !_index.ContainsKey(r)))
            problems.Add((name, "the column is missing"));
    }

    /// <summary>How many columns the header has.</summary>
    public int Count { get; }

    /// <summary>Whether the column is in the header.</summary>
    public bool Has(string name) => _index.ContainsKey(name);

    /// <summary>The cell of the column in the current row; null when the file has no such column.</summary>
    public string? Cell(CsvRows row, string name) => _index.TryGetValue(name, out var i) ? row[i] : null;

    /// <summary>The non-empty cells of these columns in the current row, by column name.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Cells(CsvRows row, IReadOnlyList<PropertyDefinition> properties)
    {
        foreach (var property in properties)
        {
            if (_index.TryGetValue(property.Name, out var i))
                yield return new(property.Name, row[i]);
        }
    }
}

/// <summary>Reads the rows of a node file as <see cref="NodeInput"/>s, with what cannot be read (validation is the caller's).</summary>
internal sealed class NodeRowParser
{
    private static readonly PropertyDefinition Aliases = new("aliases", PropertyType.TextList, "别名", "other names");

    private readonly NodeKindInfo _info;

    public NodeRowParser(NodeKind kind, IReadOnlyList<string> header, List<(string Column, string Reason)> headerProblems)
    {
        _info = GraphCatalog.Of(kind);
        Columns = new HeaderColumns(header, ExchangeFormat.ColumnsOf(kind), [_info.KeyName, "name"], headerProblems);
    }

    public HeaderColumns Columns { get; }

    /// <summary>The node id the row's key gives (credit codes upper-cased), or null when the key cell is empty.</summary>
    public string? IdOf(CsvRows row) => Columns.Cell(row, _info.KeyName) is { Length: > 0 } key ? NodeId.Of(_info.Kind, Normalize(_info.Kind, key)) : null;

    /// <summary>The node of the row, with the credit code's defaults applied; problems of reading get added.</summary>
    public NodeInput Parse(CsvRows row, List<ValidationProblem> problems)
    {
        var key = Columns.Cell(row, _info.KeyName) ?? "";
        var nameEn = Columns.Cell(row, "nameEn");
        var aliases = PropertyText.Parse(Aliases, Columns.Cell(row, "aliases")).Value as ImmutableArray<string>?;
        var parsed = PropertyText.ParseAll(_info.Properties, Columns.Cells(row, _info.Properties));
        problems.AddRange(parsed.Problems);
        var input = new NodeInput(_info.Kind, key, Columns.Cell(row, "name") ?? "", string.IsNullOrEmpty(nameEn) ? null : nameEn,
            aliases ?? [], parsed.Properties);
        return EnterpriseDefaults.Apply(input);
    }

    /// <summary>An enterprise's key as the store keeps it: a valid credit code in upper case.</summary>
    public static string Normalize(NodeKind kind, string key) =>
        kind == NodeKind.Enterprise && CreditCode.Validate(key) is { IsValid: true } check ? check.Code : key;
}

/// <summary>Reads the rows of a link file as <see cref="LinkInput"/>s, with what cannot be read (validation is the caller's).</summary>
internal sealed class LinkRowParser
{
    private static readonly PropertyDefinition StartDate = new("startDate", PropertyType.Date, "开始日期", "the date the link holds from");
    private static readonly PropertyDefinition EndDate = new("endDate", PropertyType.Date, "结束日期", "the date the link holds to");

    private readonly LinkTypeInfo _info;

    public LinkRowParser(LinkType type, IReadOnlyList<string> header, List<(string Column, string Reason)> headerProblems)
    {
        _info = GraphCatalog.Of(type);
        Columns = new HeaderColumns(header, ExchangeFormat.ColumnsOf(type), ["from", "to"], headerProblems);
    }

    public HeaderColumns Columns { get; }

    /// <summary>The link of the row; problems of reading get added.</summary>
    public LinkInput Parse(CsvRows row, List<ValidationProblem> problems)
    {
        var start = PropertyText.Parse(StartDate, Columns.Cell(row, StartDate.Name));
        var end = PropertyText.Parse(EndDate, Columns.Cell(row, EndDate.Name));
        if (!start.IsValid) problems.Add(new(StartDate.Name, start.Error!));
        if (!end.IsValid) problems.Add(new(EndDate.Name, end.Error!));
        var parsed = PropertyText.ParseAll(_info.Properties, Columns.Cells(row, _info.Properties));
        problems.AddRange(parsed.Problems);
        var key = Columns.Cell(row, "key");
        var source = Columns.Cell(row, "source");
        return new LinkInput(_info.Type,
            End(Columns.Cell(row, "from") ?? "", _info.FromKinds),
            End(Columns.Cell(row, "to") ?? "", _info.ToKinds),
            string.IsNullOrEmpty(key) ? null : key,
            start.Value as DateOnly?,
            end.Value as DateOnly?,
            string.IsNullOrEmpty(source) ? null : source,
            parsed.Properties);
    }

    // A full node id, or a bare key where the link type allows one kind at that end (docs/import-format.md).
    private static string End(string cell, IReadOnlySet<NodeKind> allowed)
    {
        if (NodeId.TryParse(cell, out var kind, out var key)) return NodeId.Of(kind, NodeRowParser.Normalize(kind, key));
        if (allowed.Count == 1 && cell.Length > 0)
        {
            var only = allowed.First();
            return NodeId.Of(only, NodeRowParser.Normalize(only, cell));
        }
        return cell;
    }
}
