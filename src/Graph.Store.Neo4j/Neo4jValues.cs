using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// How nodes and links are stored. Each property is flattened onto the node or relationship as a
/// queryable value (dates as ISO strings, decimals as floats, lists as string arrays), and the whole
/// property bag is also kept as typed JSON in <c>props</c>, because Neo4j has no decimal type and 3.x
/// no date type: reading from <c>props</c> gives an exact round trip, filtering uses the flat values.
/// </summary>
internal static class Neo4jValues
{
    static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "id", "kind", "key", "name", "nameEn", "aliases", "aliasText", "searchText", "props", "createdAt", "updatedAt",
        "type", "fromId", "toId", "startDate", "endDate", "source",
    };

    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A value as a Cypher parameter (for flattened properties and filters).</summary>
    public static object? Flat(object? value) => value switch
    {
        null => null,
        DateOnly d => Day(d),
        DateTimeOffset t => Stamp(t),
        DateTime t => Stamp(new DateTimeOffset(t.ToUniversalTime())),
        decimal m => (double)m,
        int i => (long)i,
        double or float or long or bool or string => value,
        Enum e => e.ToString(),
        ImmutableArray<string> list => list.ToArray(),
        IEnumerable<string> list => list.ToArray(),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(Flat).ToArray(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The exact JSON of a property bag: each value tagged with its type.</summary>
    public static string PropsJson(PropertyBag bag)
    {
        var tagged = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in bag)
        {
            tagged[name] = value switch
            {
                string s => new object[] { "s", s },
                long l => new object[] { "i", l.ToString(CultureInfo.InvariantCulture) },
                decimal m => new object[] { "m", m.ToString(CultureInfo.InvariantCulture) },
                bool b => new object[] { "b", b },
                DateOnly d => new object[] { "d", Day(d) },
                ImmutableArray<string> list => new object[] { "l", list.ToArray() },
                _ => new object[] { "s", Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" },
            };
        }
        return JsonSerializer.Serialize(tagged, Neo4jJson.Options);
    }

    public static PropertyBag ParseProps(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.String) return PropertyBag.Empty;
        using var doc = JsonDocument.Parse(json.GetString()!);
        var values = new List<KeyValuePair<string, object?>>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            var tag = p.Value[0].GetString();
            var v = p.Value[1];
            object? value = tag switch
            {
                "i" => long.Parse(v.GetString()!, CultureInfo.InvariantCulture),
                "m" => decimal.Parse(v.GetString()!, CultureInfo.InvariantCulture),
                "b" => v.GetBoolean(),
                "d" => DateOnly.ParseExact(v.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                "l" => v.EnumerateArray().Select(e => e.GetString()!).ToImmutableArray(),
                _ => v.GetString(),
            };
            values.Add(new(p.Name, value));
        }
        return PropertyBag.From(values);
    }

    static void Flatten(Dictionary<string, object?> target, PropertyBag bag)
    {
        foreach (var (name, value) in bag)
        {
            if (!Reserved.Contains(name)) target[name] = Flat(value);
        }
    }

    /// <summary>Every stored property of a node.</summary>
    public static Dictionary<string, object?> NodeProperties(NodeInput input, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        Flatten(map, input.Properties);
        map["id"] = input.Id;
        map["kind"] = input.Kind.ToString();
        map["key"] = input.Key;
        map["name"] = input.Name;
        if (input.NameEn is not null) map["nameEn"] = input.NameEn;
        map["aliases"] = input.Aliases.ToArray();
        map["aliasText"] = string.Join(' ', input.Aliases);
        map["props"] = PropsJson(input.Properties);
        map["createdAt"] = Stamp(createdAt);
        map["updatedAt"] = Stamp(updatedAt);
        return map;
    }

    /// <summary>Every stored property of a link.</summary>
    public static Dictionary<string, object?> LinkProperties(LinkInput input, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        Flatten(map, input.Properties);
        map["id"] = input.Id;
        if (!string.IsNullOrEmpty(input.Key)) map["key"] = input.Key;
        if (input.StartDate is { } start) map["startDate"] = Day(start);
        if (input.EndDate is { } end) map["endDate"] = Day(end);
        if (input.Source is not null) map["source"] = input.Source;
        map["props"] = PropsJson(input.Properties);
        map["createdAt"] = Stamp(createdAt);
        map["updatedAt"] = Stamp(updatedAt);
        return map;
    }

    static string? Text(JsonElement map, string name) =>
        map.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static DateTimeOffset Time(JsonElement map, string name) =>
        DateTimeOffset.Parse(Text(map, name) ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    static DateOnly? Date(JsonElement map, string name) =>
        Text(map, name) is { } s ? DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    /// <summary>A node from its map projection.</summary>
    public static Node ReadNode(JsonElement map)
    {
        var aliases = map.TryGetProperty("aliases", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(e => e.GetString()!).ToImmutableArray()
            : [];
        return new Node(
            Text(map, "id")!,
            Enum.Parse<NodeKind>(Text(map, "kind")!),
            Text(map, "key")!,
            Text(map, "name")!,
            Text(map, "nameEn"),
            aliases,
            map.TryGetProperty("props", out var p) ? ParseProps(p) : PropertyBag.Empty,
            Time(map, "createdAt"),
            Time(map, "updatedAt"));
    }

    /// <summary>
    /// A link from its map projection: the relationship's own properties. Its type and ends are read from its id
    /// ("TYPE|fromId|toId[|key]"), so a read never has to touch the nodes at the far end.
    /// </summary>
    public static Link ReadLink(JsonElement map)
    {
        var id = Text(map, "id")!;
        if (!LinkId.TryParse(id, out var type, out var fromId, out var toId, out _))
            throw new InvalidOperationException($"Stored link id '{id}' is not a link id.");
        return new Link(id, type, fromId, toId, Text(map, "key"), Date(map, "startDate"), Date(map, "endDate"), Text(map, "source"),
            map.TryGetProperty("props", out var p) ? ParseProps(p) : PropertyBag.Empty,
            Time(map, "createdAt"),
            Time(map, "updatedAt"));
    }

    /// <summary>The type and start node of a link id (TYPE|fromId|toId[|key]); null when it is not one.</summary>
    public static (LinkType Type, string FromId)? ParseLinkId(string id)
    {
        var parts = id.Split('|');
        if (parts.Length < 3 || GraphCatalog.FindLinkType(parts[0]) is not { } info) return null;
        return (info.Type, parts[1]);
    }
}
