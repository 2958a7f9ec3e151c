using System.Collections.Frozen;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>
/// The administrative divisions the product knows (GB/T 2260, codes current as of 2023): all 34 provincial-level
/// divisions, every prefecture-level city and county-level division of Guangxi, and Shandong's cities with
/// Liaocheng's counties. Loaded once from the embedded <c>Reference/regions.csv</c>. Codes it does not list are still
/// placed by their structure: <c>PPCCXX</c> lies in city <c>PPCC00</c> and province <c>PP0000</c>.
/// </summary>
public static class Regions
{
    static readonly Lazy<Catalog> Data = new(Load);

    /// <summary>Every known region, provinces first, in file order.</summary>
    public static IReadOnlyList<Region> All => Data.Value.All;

    /// <summary>The provincial-level divisions (34).</summary>
    public static IReadOnlyList<Region> Provinces => Data.Value.All.Where(r => r.Level == RegionLevel.Province).ToList();

    /// <summary>The region with this code, or null.</summary>
    public static Region? Find(string? code) => code is null ? null : Data.Value.ByCode.GetValueOrDefault(code);

    /// <summary>Whether the text is a 6-digit division code.</summary>
    public static bool IsDivisionCode(string? code) =>
        code is { Length: 6 } && !code.AsSpan().ContainsAnyExceptInRange('0', '9') && code[..2] != "00";

    /// <summary>
    /// The nearest known region for any 6-digit code: itself, else its city (<c>PPCC00</c>), else its province
    /// (<c>PP0000</c>); null when not even the province is known or the text is not a division code.
    /// </summary>
    public static Region? Resolve(string? code)
    {
        if (!IsDivisionCode(code)) return null;
        return Find(code) ?? Find(code![..4] + "00") ?? Find(code[..2] + "0000");
    }

    /// <summary>
    /// Whether <paramref name="code"/> is <paramref name="ancestorCode"/> or lies within it, by the code structure
    /// (so unknown county codes are placed too).
    /// </summary>
    public static bool IsWithin(string? code, string? ancestorCode)
    {
        if (!IsDivisionCode(code) || !IsDivisionCode(ancestorCode)) return false;
        if (code == ancestorCode) return true;
        if (ancestorCode!.EndsWith("0000", StringComparison.Ordinal)) return code!.StartsWith(ancestorCode[..2], StringComparison.Ordinal);
        if (ancestorCode.EndsWith("00", StringComparison.Ordinal)) return code!.StartsWith(ancestorCode[..4], StringComparison.Ordinal);
        return false;
    }

    /// <summary>The known regions strictly within this one (a city's counties; a province's cities and counties).</summary>
    public static IReadOnlyList<Region> Descendants(string code) =>
        Data.Value.All.Where(r => r.Code != code && IsWithin(r.Code, code)).ToList();

    /// <summary>The known regions whose parent is this one.</summary>
    public static IReadOnlyList<Region> Children(string code) => Data.Value.All.Where(r => r.ParentCode == code).ToList();

    /// <summary>The region and its ancestors up to the province, nearest first; empty when the code is not known.</summary>
    public static IReadOnlyList<Region> Chain(string? code)
    {
        var chain = new List<Region>();
        for (var region = Find(code); region is not null; region = Find(region.ParentCode)) chain.Add(region);
        return chain;
    }

    /// <summary>The provincial-level division a code lies in (by structure), or null when unknown.</summary>
    public static Region? ProvinceOf(string? code) => IsDivisionCode(code) ? Find(code![..2] + "0000") : null;

    sealed record Catalog(IReadOnlyList<Region> All, FrozenDictionary<string, Region> ByCode);

    static Catalog Load()
    {
        var regions = ReferenceCsv.Read("KnowledgeGraph.Domain.Reference.regions.csv")
            .Select(row => new Region(
                row["code"],
                row["name"],
                NullIfEmpty(row["nameEn"]),
                Enum.Parse<RegionLevel>(row["level"]),
                NullIfEmpty(row["parent"])))
            .ToList();
        return new Catalog(regions, regions.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal));
    }

    static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
