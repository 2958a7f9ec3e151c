namespace KnowledgeGraph.Domain.Reference;

/// <summary>The level of an administrative division (GB/T 2260).</summary>
public enum RegionLevel
{
    /// <summary>省级: province, autonomous region, municipality, SAR.</summary>
    Province,
    /// <summary>地级: prefecture-level city, prefecture, league.</summary>
    City,
    /// <summary>县级: district, county, county-level city.</summary>
    County,
}

/// <summary>An administrative division: GB/T 2260 code, Chinese name, English name (pinyin below province level), level, parent.</summary>
public sealed record Region(string Code, string Name, string? NameEn, RegionLevel Level, string? ParentCode);
