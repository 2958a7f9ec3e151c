using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// Properties as stored: a JSON object with the names in ordinal order, so equal content is equal text.
/// Numbers are JSON numbers (decimals keep their digits and scale), booleans JSON booleans, dates
/// "yyyy-MM-dd" strings, lists arrays; reading back uses the catalog types, so 5000.50 stays a decimal 5000.50.
/// </summary>
internal static class PropertyJson
{
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and writer per thread, reused: an import encodes millions of small values.
    [ThreadStatic] static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] static Utf8JsonWriter? t_writer;

    /// <summary>The JSON text of a normalized bag, or null when it is empty.</summary>
    public static string? Encode(PropertyBag properties)
    {
        if (properties.Count == 0) return null;
        var writer = Writer();
        writer.WriteStartObject();
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }
        writer.WriteEndObject();
        return Written(writer);
    }

    /// <summary>The JSON text of a list of strings, or null when it is empty.</summary>
    public static string? EncodeList(ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty) return null;
        var writer = Writer();
        writer.WriteStartArray();
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
        return Written(writer);
    }

    /// <summary>A JSON array of scalars (strings, numbers, booleans), for <c>json_each</c> parameters.</summary>
    public static string EncodeScalars(IEnumerable<object> values)
    {
        var writer = Writer();
        writer.WriteStartArray();
        foreach (var value in values) WriteValue(writer, value);
        writer.WriteEndArray();
        return Written(writer);
    }

    /// <summary>This thread's writer, emptied. A write that failed halfway leaves nothing behind for the next one.</summary>
    static Utf8JsonWriter Writer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        if (t_writer is null) t_writer = new Utf8JsonWriter(buffer, WriterOptions);
        else t_writer.Reset(buffer);
        return t_writer;
    }

    static string Written(Utf8JsonWriter writer)
    {
        writer.Flush();
        return Encoding.UTF8.GetString(t_buffer!.WrittenSpan);
    }

    static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s: writer.WriteStringValue(s); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case double d: writer.WriteNumberValue(d); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case DateOnly date: writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case ImmutableArray<string> list:
                writer.WriteStartArray();
                foreach (var item in list) writer.WriteStringValue(item);
                writer.WriteEndArray();
                break;
            default: throw new InvalidInputException($"a property value cannot be a {value.GetType().Name}");
        }
    }

    /// <summary>A list of strings from its JSON text (null is empty).</summary>
    public static ImmutableArray<string> DecodeList(string? json)
    {
        if (json is null) return [];
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        return ReadList(ref reader);
    }

    /// <summary>A bag from its JSON text (null is empty), typed by the catalog.</summary>
    public static PropertyBag Decode(string? json, IReadOnlyList<PropertyDefinition> catalog)
    {
        if (json is null) return PropertyBag.Empty;
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[length];
            return DecodeUtf8(buffer[..Encoding.UTF8.GetBytes(json, buffer)], catalog);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A bag from its JSON text in UTF-8, typed by the catalog.</summary>
    public static PropertyBag DecodeUtf8(ReadOnlySpan<byte> json, IReadOnlyList<PropertyDefinition> catalog)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var values = new List<KeyValuePair<string, object?>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // The catalog's own name when it has one: no new string per property read.
            var definition = Find(catalog, ref reader);
            var name = definition?.Name ?? reader.GetString()!;
            reader.Read();
            values.Add(new(name, ReadValue(ref reader, definition?.Type)));
        }
        return PropertyBag.From(values);
    }

    static PropertyDefinition? Find(IReadOnlyList<PropertyDefinition> catalog, ref Utf8JsonReader reader)
    {
        foreach (var definition in catalog)
        {
            if (reader.ValueTextEquals(definition.Name)) return definition;
        }
        return null;
    }

    static object? ReadValue(ref Utf8JsonReader reader, PropertyType? type)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when type == PropertyType.Date:
                return DateOnly.ParseExact(reader.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number when type == PropertyType.Decimal:
                return ParseDecimal(reader.ValueSpan);
            case JsonTokenType.Number when type == PropertyType.Integer:
                return reader.GetInt64();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? whole : ParseDecimal(reader.ValueSpan);
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.StartArray:
                return ReadList(ref reader);
            default:
                reader.Skip();
                return null;
        }
    }

    static ImmutableArray<string> ReadList(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None) reader.Read();
        var builder = ImmutableArray.CreateBuilder<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) builder.Add(reader.GetString()!);
        return builder.ToImmutable();
    }

    // Parsed from the digits with the invariant culture so the scale survives (5000.50 stays 5000.50).
    static decimal ParseDecimal(ReadOnlySpan<byte> digits) =>
        decimal.Parse(Encoding.UTF8.GetString(digits), NumberStyles.Float, CultureInfo.InvariantCulture);
}
