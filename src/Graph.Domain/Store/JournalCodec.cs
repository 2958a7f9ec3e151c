using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>
/// A journal entry as stored: one JSON document, the same text in every store. Property values are tagged with their
/// type (<c>["m","5000.50"]</c> for a decimal, <c>["d","2024-01-01"]</c> for a date) so they read back exactly.
/// </summary>
public static class JournalCodec
{
    static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The entry as JSON text.</summary>
    public static string Encode(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var json = new JsonObject
        {
            ["v"] = entry.DataVersion,
            ["at"] = entry.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["actor"] = new JsonObject
            {
                ["subject"] = entry.Actor.Subject,
                ["roles"] = new JsonArray([.. entry.Actor.Roles.Select(r => (JsonNode)r)]),
                ["channel"] = entry.Actor.Channel,
                ["source"] = entry.Actor.Source,
                ["regions"] = entry.Actor.Jurisdiction.IsScoped ? new JsonArray([.. entry.Actor.Jurisdiction.Regions.Select(r => (JsonNode)r)]) : null,
            },
            ["op"] = entry.Operation,
            ["override"] = entry.Override,
            ["bulk"] = entry.Bulk,
            ["changes"] = new JsonArray([.. entry.Changes.Select(EncodeChange)]),
        };
        return json.ToJsonString(Options);
    }

    /// <summary>The entry from its JSON text.</summary>
    public static JournalEntry Decode(string text)
    {
        var json = JsonNode.Parse(text)!.AsObject();
        var actor = json["actor"]!.AsObject();
        return new JournalEntry(
            json["v"]!.GetValue<long>(),
            DateTimeOffset.Parse(json["at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            new Actor(
                actor["subject"]!.GetValue<string>(),
                [.. actor["roles"]!.AsArray().Select(r => r!.GetValue<string>())],
                actor["channel"]!.GetValue<string>(),
                actor["source"]?.GetValue<string>())
            {
                Jurisdiction = Jurisdiction.Of(actor["regions"]?.AsArray().Select(r => r!.GetValue<string>())),
            },
            json["op"]!.GetValue<string>(),
            json["override"]!.GetValue<bool>(),
            [.. json["changes"]!.AsArray().Select(c => DecodeChange(c!.AsObject()))],
            json["bulk"]?.GetValue<bool>() ?? false);
    }

    static JsonNode EncodeChange(JournalChange change) => change switch
    {
        NodeChange n => new JsonObject
        {
            ["id"] = n.Id, ["change"] = n.Change.ToString(), ["node"] = true,
            ["before"] = n.Before is null ? null : EncodeNode(n.Before),
            ["after"] = n.After is null ? null : EncodeNode(n.After),
        },
        LinkChange l => new JsonObject
        {
            ["id"] = l.Id, ["change"] = l.Change.ToString(), ["node"] = false,
            ["before"] = l.Before is null ? null : EncodeLink(l.Before),
            ["after"] = l.After is null ? null : EncodeLink(l.After),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "unknown journal change"),
    };

    static JournalChange DecodeChange(JsonObject json)
    {
        var id = json["id"]!.GetValue<string>();
        var change = Enum.Parse<Change>(json["change"]!.GetValue<string>());
        return json["node"]!.GetValue<bool>()
            ? new NodeChange(id, change, DecodeNode(json["before"]), DecodeNode(json["after"]))
            : new LinkChange(id, change, DecodeLink(json["before"]), DecodeLink(json["after"]));
    }

    static JsonObject EncodeNode(Node node) => new()
    {
        ["id"] = node.Id,
        ["kind"] = node.Kind.ToString(),
        ["key"] = node.Key,
        ["name"] = node.Name,
        ["nameEn"] = node.NameEn,
        ["aliases"] = new JsonArray([.. node.Aliases.Select(a => (JsonNode)a)]),
        ["props"] = EncodeProperties(node.Properties),
        ["createdAt"] = Stamp(node.CreatedAt),
        ["updatedAt"] = Stamp(node.UpdatedAt),
    };

    static Node? DecodeNode(JsonNode? json) => json is not JsonObject o ? null : new Node(
        o["id"]!.GetValue<string>(),
        Enum.Parse<NodeKind>(o["kind"]!.GetValue<string>()),
        o["key"]!.GetValue<string>(),
        o["name"]!.GetValue<string>(),
        o["nameEn"]?.GetValue<string>(),
        [.. o["aliases"]!.AsArray().Select(a => a!.GetValue<string>())],
        DecodeProperties(o["props"]!.AsObject()),
        Time(o["createdAt"]),
        Time(o["updatedAt"]));

    static JsonObject EncodeLink(Link link) => new()
    {
        ["id"] = link.Id,
        ["type"] = link.Type.ToString(),
        ["from"] = link.FromId,
        ["to"] = link.ToId,
        ["key"] = link.Key,
        ["start"] = link.StartDate is { } s ? Day(s) : null,
        ["end"] = link.EndDate is { } e ? Day(e) : null,
        ["source"] = link.Source,
        ["props"] = EncodeProperties(link.Properties),
        ["createdAt"] = Stamp(link.CreatedAt),
        ["updatedAt"] = Stamp(link.UpdatedAt),
    };

    static Link? DecodeLink(JsonNode? json) => json is not JsonObject o ? null : new Link(
        o["id"]!.GetValue<string>(),
        Enum.Parse<LinkType>(o["type"]!.GetValue<string>()),
        o["from"]!.GetValue<string>(),
        o["to"]!.GetValue<string>(),
        o["key"]?.GetValue<string>(),
        o["start"] is { } s ? ParseDay(s.GetValue<string>()) : null,
        o["end"] is { } e ? ParseDay(e.GetValue<string>()) : null,
        o["source"]?.GetValue<string>(),
        DecodeProperties(o["props"]!.AsObject()),
        Time(o["createdAt"]),
        Time(o["updatedAt"]));

    static JsonObject EncodeProperties(PropertyBag bag)
    {
        var json = new JsonObject();
        foreach (var (name, value) in bag)
        {
            json[name] = value switch
            {
                string s => new JsonArray("s", s),
                long l => new JsonArray("i", l.ToString(CultureInfo.InvariantCulture)),
                decimal m => new JsonArray("m", m.ToString(CultureInfo.InvariantCulture)),
                bool b => new JsonArray("b", b),
                DateOnly d => new JsonArray("d", Day(d)),
                ImmutableArray<string> list => new JsonArray("l", new JsonArray([.. list.Select(x => (JsonNode)x)])),
                _ => throw new ArgumentOutOfRangeException(nameof(bag), value, $"property '{name}' has a value of an unknown type"),
            };
        }
        return json;
    }

    static PropertyBag DecodeProperties(JsonObject json) =>
        PropertyBag.From(json.Select(p =>
        {
            var tagged = p.Value!.AsArray();
            var v = tagged[1]!;
            object value = tagged[0]!.GetValue<string>() switch
            {
                "s" => v.GetValue<string>(),
                "i" => long.Parse(v.GetValue<string>(), CultureInfo.InvariantCulture),
                "m" => decimal.Parse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture),
                "b" => v.GetValue<bool>(),
                "d" => ParseDay(v.GetValue<string>()),
                "l" => v.AsArray().Select(x => x!.GetValue<string>()).ToImmutableArray(),
                var tag => throw new FormatException($"unknown value tag '{tag}'"),
            };
            return new KeyValuePair<string, object?>(p.Key, value);
        }));

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    static DateOnly ParseDay(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    static string Stamp(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
    static DateTimeOffset Time(JsonNode? json) =>
        json is null ? DateTimeOffset.UnixEpoch : DateTimeOffset.Parse(json.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
