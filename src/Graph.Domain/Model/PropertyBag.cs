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
    readonly ImmutableSortedDictionary<string, object> _values;

    /// <summary>No properties.</summary>
    public static readonly PropertyBag Empty = new(ImmutableSortedDictionary<string, object>.Empty.WithComparers(StringComparer.Ordinal));

    PropertyBag(ImmutableSortedDictionary<string, object> values) => _values = values;

    /// <summary>A bag of these values; nulls are dropped, lists become immutable arrays.</summary>
    public static PropertyBag From(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (value is not null) builder[name] = Normalize(value);
        }
        return builder.Count == 0 ? Empty : new PropertyBag(builder.ToImmutable());
    }

    /// <summary>A bag of these values; nulls are dropped.</summary>
    public static PropertyBag Of(params (string Name, object? Value)[] values) =>
        From(values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    /// <summary>This bag with one value set, or removed when null.</summary>
    public PropertyBag With(string name, object? value) =>
        value is null ? new PropertyBag(_values.Remove(name)) : new PropertyBag(_values.SetItem(name, Normalize(value)));

    static object Normalize(object value) => value switch
    {
        int i => (long)i,
        double d => (decimal)d,
        float f => (decimal)f,
        ImmutableArray<string> list => list,
        IEnumerable<string> list => list.ToImmutableArray(),
        _ => value,
    };

    /// <summary>The value as T, or default when absent.</summary>
    public T? Get<T>(string name) => _values.TryGetValue(name, out var value) && value is T typed ? typed : default;

    /// <summary>A text or enum value, or null.</summary>
    public string? Text(string name) => Get<string>(name);

    /// <summary>A decimal value (integers widen), or null.</summary>
    public decimal? Decimal(string name) => _values.TryGetValue(name, out var value)
        ? value switch { decimal d => d, long l => l, _ => null }
        : null;

    /// <summary>An integer value, or null.</summary>
    public long? Integer(string name) => _values.TryGetValue(name, out var value) && value is long l ? l : null;

    /// <summary>A boolean value, or null.</summary>
    public bool? Flag(string name) => _values.TryGetValue(name, out var value) && value is bool b ? b : null;

    /// <summary>A date value, or null.</summary>
    public DateOnly? Date(string name) => _values.TryGetValue(name, out var value) && value is DateOnly d ? d : null;

    /// <summary>A list value, empty when absent.</summary>
    public ImmutableArray<string> List(string name) =>
        _values.TryGetValue(name, out var value) && value is ImmutableArray<string> list ? list : [];

    public object this[string key] => _values[key];
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<object> Values => _values.Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) => _values.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(PropertyBag? other)
    {
        if (other is null || other.Count != Count) return false;
        foreach (var (name, value) in _values)
        {
            if (!other._values.TryGetValue(name, out var otherValue) || !ValueEquals(value, otherValue)) return false;
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
        foreach (var name in _values.Keys) hash.Add(name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", _values.Select(p =>
        $"{p.Key}={(p.Value is ImmutableArray<string> l ? "[" + string.Join(";", l) + "]" : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))}"));
}
