using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>
/// The universities and colleges shipped with the product (<see cref="ReferenceOrganization"/>), loaded once from the
/// embedded <c>Reference/universities.csv</c> and <c>Reference/organization-aliases.csv</c>; see
/// <c>Reference/SOURCES.md</c> for where they come from.
/// </summary>
public static class ReferenceOrganizations
{
    static readonly Lazy<Catalog> Data = new(Load);

    /// <summary>Every institution, in the list's order.</summary>
    public static IReadOnlyList<ReferenceOrganization> All => Data.Value.All;

    /// <summary>The institution with this 学校标识码, or null.</summary>
    public static ReferenceOrganization? FindByMoeCode(string? moeCode) =>
        moeCode is null ? null : Data.Value.ByCode.GetValueOrDefault(moeCode.Trim());

    /// <summary>The institution with this node id (<c>University:&lt;学校标识码&gt;</c>), or null.</summary>
    public static ReferenceOrganization? FindById(string? id) =>
        id is not null && id.StartsWith(Prefix, StringComparison.Ordinal) ? FindByMoeCode(id[Prefix.Length..]) : null;

    /// <summary>
    /// The institutions whose name or alias is this name once both are normalised (<see cref="NormalizeName"/>): names
    /// first, then aliases. Several when an alias is shared; empty when none.
    /// </summary>
    public static IReadOnlyList<ReferenceOrganization> FindByName(string? name)
    {
        var key = NormalizeName(name);
        if (key.Length == 0) return [];
        if (Data.Value.ByName.TryGetValue(key, out var named)) return named;
        return Data.Value.ByAlias.GetValueOrDefault(key) ?? [];
    }

    /// <summary>
    /// A name reduced to what tells institutions apart: full-width forms folded (（） to ()), spaces dropped, Latin letters
    /// in lower case. "广西大学 " and "广西大学"; "中国石油大学（华东）" and "中国石油大学(华东)" are one name.
    /// </summary>
    public static string NormalizeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var folded = name.Normalize(NormalizationForm.FormKC);
        var text = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c)) continue;
            text.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    const string Prefix = "University:";

    sealed record Catalog(
        IReadOnlyList<ReferenceOrganization> All,
        FrozenDictionary<string, ReferenceOrganization> ByCode,
        FrozenDictionary<string, ReferenceOrganization[]> ByName,
        FrozenDictionary<string, ReferenceOrganization[]> ByAlias);

    static Catalog Load()
    {
        var aliases = ReferenceCsv.Read("KnowledgeGraph.Domain.Reference.organization-aliases.csv")
            .ToDictionary(row => row["moeCode"], row => row["aliases"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
        var all = ReferenceCsv.Read("KnowledgeGraph.Domain.Reference.universities.csv")
            .Select(row => new ReferenceOrganization(
                row["moeCode"],
                row["name"],
                row["supervisor"],
                row["city"],
                row["region"],
                row["level"],
                row["designations"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                row["remark"],
                aliases.GetValueOrDefault(row["moeCode"]) ?? []))
            .ToList();
        return new Catalog(
            all,
            all.ToFrozenDictionary(o => o.MoeCode, StringComparer.Ordinal),
            Index(all, o => [o.Name]),
            Index(all, o => o.Aliases));
    }

    static FrozenDictionary<string, ReferenceOrganization[]> Index(IEnumerable<ReferenceOrganization> all, Func<ReferenceOrganization, IEnumerable<string>> names) =>
        all.SelectMany(o => names(o).Select(n => (Key: NormalizeName(n), Organization: o)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Organization).Distinct().ToArray(), StringComparer.Ordinal);
}
