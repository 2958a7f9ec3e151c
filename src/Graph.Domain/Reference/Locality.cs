namespace KnowledgeGraph.Domain.Reference;

/// <summary>Where an organisation is, seen from the home province: 区内 / 区外 / 国外 (003 counts partners this way).</summary>
public enum RegionLocality
{
    /// <summary>区内: in the home province.</summary>
    InRegion,
    /// <summary>区外: elsewhere in China (Hong Kong, Macao and Taiwan included).</summary>
    OutOfRegion,
    /// <summary>国外: abroad.</summary>
    Abroad,
}

/// <summary>
/// The locality of an organisation relative to a configurable home province; Guangxi (450000) is the first
/// user, not an assumption, so every caller may pass another province.
/// </summary>
public static class Locality
{
    /// <summary>The default home province: 广西壮族自治区.</summary>
    public const string DefaultHomeProvince = "450000";

    /// <summary>
    /// In-region when the region lies in the home province, out-of-region elsewhere in China, abroad when flagged so;
    /// null when the organisation is not abroad and its region is not a division code.
    /// </summary>
    public static RegionLocality? Of(string? regionCode, string homeProvince = DefaultHomeProvince, bool isAbroad = false)
    {
        if (isAbroad) return RegionLocality.Abroad;
        if (!Regions.IsDivisionCode(regionCode)) return null;
        return Regions.IsWithin(regionCode, homeProvince) ? RegionLocality.InRegion : RegionLocality.OutOfRegion;
    }
}
