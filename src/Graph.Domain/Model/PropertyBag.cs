using System.Collections;
using System.Collections.Immutable;

namespace KnowledgeGraph.Domain.Model;

/// <summary>
/// The properties of a node or link, by name, compared by value. Values are <see cref="string"/>,
/// <see cref="long"/>, <see cref="decimal"/>, <see cref="bool"/>, <see cref="DateOnly"/> or a list of
/// strings (<see cref="ImmutableArray{T}"/>), as <see cref="PropertyType"/> says; a missing value is absent, never null.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "A bag of properties, named as the domain names it.")]
public sealed class PropertyBag : IReadOnlyDictionary<string, object>, IEquatable<PropertyBag>
{
    // Sorted by name (ordinal), each name once. A bag holds a handful of values: an array searched by halves is built
    // and read several times faster than a tree, and every node and link read from the store gets one.
    // Null until a deferred bag is first read (see Deferred).
    KeyValuePair<string, object>[]? _entries;
    readonly Func<PropertyBag>? _decode;

    /// <summary>No properties.</summary>
    public static readonly PropertyBag Empty = new([]);

    PropertyBag(KeyValuePair<string, object>[] values) => _entries = values;

    PropertyBag(Func<PropertyBag> decode) => _decode = decode;

    /// <summary>
    /// A bag whose values are made by <paramref name="decode"/> when first read, for a store that reads many bags of
    /// which a request reads few (a node at the end of a link, asked for its name). <paramref name="decode"/> must give
    /// the same values each time: two threads reading the bag first at once may both run it.
    /// </summary>
    public static PropertyBag Deferred(Func<PropertyBag> decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        return new PropertyBag(decode);
    }

    KeyValuePair<string, object>[] Entries => Volatile.Read(ref _entries) ?? Decode();

    KeyValuePair<string, object>[] Decode()
    {
        var decoded = _decode!().Entries;
        Volatile.Write(ref _entries, decoded);
        return decoded;
    }

    /// <summary>
    /// A bag of these values; nulls are dropped, lists become immutable arrays; a later value of a name wins. Values
    /// given in name order, each name once — as the store writes them — are taken as they come, without a sort.
    /// </summary>
    public static PropertyBag From(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var entries = new List<KeyValuePair<string, object>>();
        var inOrder = true;
        foreach (var (name, value) in values)
        {
            if (value is null) continue;
            if (entries.Count > 0 && string.CompareOrdinal(entries[^1].Key, name) >= 0) inOrder = false;
            entries.Add(new(name, Normalize(value)));
        }
        if (entries.Count == 0) return Empty;
        if (inOrder) return new PropertyBag([.. entries]);
        // Sorted by name, then by place, which keeps the order of repeats, so the last of a name is the one kept.
        var sorted = new (KeyValuePair<string, object> Entry, int Place)[entries.Count];
        for (var i = 0; i < sorted.Length; i++) sorted[i] = (entries[i], i);
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Entry.Key, b.Entry.Key) is var order and not 0 ? order : a.Place.CompareTo(b.Place));
        var unique = new List<KeyValuePair<string, object>>(entries.Count);
        foreach (var (entry, _) in sorted)
        {
            if (unique.Count > 0 && unique[^1].Key == entry.Key) unique[^1] = entry;
            else unique.Add(entry);
        }
        return new PropertyBag([.. unique]);
    }

    /// <summary>A bag of these values; nulls are dropped.</summary>
    public static PropertyBag Of(params (string Name, object? Value)[] values) =>
        From(values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    /// <summary>This bag with one value set, or removed when null.</summary>
    public PropertyBag With(string name, object? value)
    {
        var entries = Entries;
        var at = IndexOf(name);
        if (value is null)
        {
            if (at < 0) return this;
            var fewer = new KeyValuePair<string, object>[entries.Length - 1];
            Array.Copy(entries, 0, fewer, 0, at);
            Array.Copy(entries, at + 1, fewer, at, entries.Length - at - 1);
            return fewer.Length == 0 ? Empty : new PropertyBag(fewer);
        }
        if (at >= 0)
        {
            var replaced = (KeyValuePair<string, object>[])entries.Clone();
            replaced[at] = new(name, Normalize(value));
            return new PropertyBag(replaced);
        }
        var place = ~at;
        var more = new KeyValuePair<string, object>[entries.Length + 1];
        Array.Copy(entries, 0, more, 0, place);
        more[place] = new(name, Normalize(value));
        Array.Copy(entries, place, more, place + 1, entries.Length - place);
        return new PropertyBag(more);
    }

    static object Normalize(object value) => value switch
    {
        int i => (long)i,
        double d => (decimal)d,
        float f => (decimal)f,
        ImmutableArray<string> list => list,
        IEnumerable<string> list => list.ToImmutableArray(),
        _ => value,
    };

    // The place of the name, or the bitwise complement of where it would go.
    int IndexOf(string name)
    {
        var entries = Entries;
        int low = 0, high = entries.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(entries[middle].Key, name);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }

    /// <summary>The value as T, or default when absent.</summary>
    public T? Get<T>(string name) => TryGetValue(name, out var value) && value is T typed ? typed : default;

    /// <summary>A text or enum value, or null.</summary>
    public string? Text(string name) => Get<string>(name);

    /// <summary>A decimal value (integers widen), or null.</summary>
    public decimal? Decimal(string name) => TryGetValue(name, out var value)
        ? value switch { decimal d => d, long l => l, _ => null }
        : null;

    /// <summary>An integer value, or null.</summary>
    public long? Integer(string name) => TryGetValue(name, out var value) && value is long l ? l : null;

    /// <summary>A boolean value, or null.</summary>
    public bool? Flag(string name) => TryGetValue(name, out var value) && value is bool b ? b : null;

    /// <summary>A date value, or null.</summary>
    public DateOnly? Date(string name) => TryGetValue(name, out var value) && value is DateOnly d ? d : null;

    /// <summary>A list value, empty when absent.</summary>
    public ImmutableArray<string> List(string name) =>
        TryGetValue(name, out var value) && value is ImmutableArray<string> list ? list : [];

    public object this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"there is no property {key}");
    public IEnumerable<string> Keys => Entries.Select(v => v.Key);
    public IEnumerable<object> Values => Entries.Select(v => v.Value);
    public int Count => Entries.Length;
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? Entries[at].Value : null;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)Entries).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(PropertyBag? other)
    {
        if (other is null || other.Count != Count) return false;
        var (mine, theirs) = (Entries, other.Entries);
        for (var i = 0; i < mine.Length; i++)
        {
            if (mine[i].Key != theirs[i].Key || !ValueEquals(mine[i].Value, theirs[i].Value)) return false;
        }
        return true;
    }

    static bool ValueEquals(object a, object b) => (a, b) switch
    {
        (ImmutableArray<string> x, ImmutableArray<string> y) => x.SequenceEqual(y),
        (decimal x, decimal y) => x == y,
        _ => a.Equals(b),
    };

    public override bool Equals(object? obj) => Equals(obj as PropertyBag);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, _) in Entries) hash.Add(name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", Entries.Select(p =>
        $"{p.Key}={(p.Value is ImmutableArray<string> l ? "[" + string.Join(";", l) + "]" : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))}"));
}
