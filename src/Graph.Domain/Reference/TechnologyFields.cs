using System.Collections.Frozen;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>
/// The field and industry taxonomy (the industries the seeds name: 000, 001, 003), loaded once from the embedded
/// <c>Reference/fields.csv</c>. Codes are stable: data sets refer to them.
/// </summary>
public static class TechnologyFields
{
    static readonly Lazy<Catalog> Data = new(Load);

    /// <summary>Every field, in file order.</summary>
    public static IReadOnlyList<TechnologyField> All => Data.Value.All;

    /// <summary>The top-level fields.</summary>
    public static IReadOnlyList<TechnologyField> Roots => Data.Value.All.Where(f => f.ParentCode is null).ToList();

    /// <summary>The field with this code, or null.</summary>
    public static TechnologyField? Find(string? code) => code is null ? null : Data.Value.ByCode.GetValueOrDefault(code);

    /// <summary>
    /// The field with this Chinese name, English name or alias (names win over aliases; English is case-insensitive),
    /// or null.
    /// </summary>
    public static TechnologyField? FindByName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var text = name.Trim();
        return Data.Value.ByName.GetValueOrDefault(text) ?? Data.Value.ByAlias.GetValueOrDefault(text);
    }

    /// <summary>The fields whose broader field is this one.</summary>
    public static IReadOnlyList<TechnologyField> Children(string code) => Data.Value.All.Where(f => f.ParentCode == code).ToList();

    /// <summary>Every field below this one, at any depth.</summary>
    public static IReadOnlyList<TechnologyField> Descendants(string code) =>
        Data.Value.All.Where(f => f.Code != code && IsWithin(f.Code, code)).ToList();

    /// <summary>The field and its broader fields up to the root, nearest first; empty when the code is not known.</summary>
    public static IReadOnlyList<TechnologyField> Chain(string? code)
    {
        var chain = new List<TechnologyField>();
        for (var field = Find(code); field is not null && chain.Count <= Data.Value.All.Count; field = Find(field.ParentCode))
            chain.Add(field);
        return chain;
    }

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestorCode"/> or lies below it.</summary>
    public static bool IsWithin(string? code, string? ancestorCode) =>
        ancestorCode is not null && Chain(code).Any(f => f.Code == ancestorCode);

    sealed record Catalog(
        IReadOnlyList<TechnologyField> All,
        FrozenDictionary<string, TechnologyField> ByCode,
        FrozenDictionary<string, TechnologyField> ByName,
        FrozenDictionary<string, TechnologyField> ByAlias);

    static Catalog Load()
    {
        var fields = ReferenceCsv.Read("KnowledgeGraph.Domain.Reference.fields.csv")
            .Select(row => new TechnologyField(
                row["code"],
                row["name"],
                row["nameEn"].Length == 0 ? null : row["nameEn"],
                row["parent"].Length == 0 ? null : row["parent"],
                row["aliases"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .ToList();

        var byName = new Dictionary<string, TechnologyField>(StringComparer.OrdinalIgnoreCase);
        var byAlias = new Dictionary<string, TechnologyField>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            byName.TryAdd(field.Name, field);
            if (field.NameEn is not null) byName.TryAdd(field.NameEn, field);
            // The first field listing an alias keeps it: the file orders broader fields first.
            foreach (var alias in field.Aliases) byAlias.TryAdd(alias, field);
        }
        return new Catalog(fields, fields.ToFrozenDictionary(f => f.Code, StringComparer.Ordinal), byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), byAlias.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }
}
