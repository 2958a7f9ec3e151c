namespace KnowledgeGraph.Domain.Store;

/// <summary>
/// The regions a token is scoped to (GB/T 2260 codes): its holder writes, and reads confidential figures, only inside them,
/// sub-regions included. <see cref="Everywhere"/> is an unscoped token.
/// </summary>
public sealed class Jurisdiction
{
    Jurisdiction(IReadOnlyList<string> regions) => Regions = regions;

    /// <summary>No scope: everywhere the roles allow.</summary>
    public static Jurisdiction Everywhere { get; } = new([]);

    /// <summary>The regions, as given; empty when unscoped.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Whether the token is limited to regions.</summary>
    public bool IsScoped => Regions.Count > 0;

    /// <summary>A jurisdiction of these regions; none means everywhere.</summary>
    public static Jurisdiction Of(IEnumerable<string>? regions)
    {
        var list = regions?.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        return list.Count == 0 ? Everywhere : new Jurisdiction(list);
    }

    /// <summary>Whether a node located in this region (a GB/T 2260 code, or null when it has none) lies inside; everything does when unscoped.</summary>
    public bool Covers(string? regionCode) => !IsScoped || Regions.Any(r => Reference.Regions.IsWithin(regionCode, r));

    /// <summary>Whether every region within this one (null: all regions) lies inside.</summary>
    public bool CoversAllOf(string? regionCode) => !IsScoped || (regionCode is not null && Covers(regionCode));

    /// <summary>Every region code inside, sub-regions included, for a filter.</summary>
    public IReadOnlyList<string> Codes() =>
        [.. Regions.SelectMany(r => Reference.Regions.Descendants(r).Select(d => d.Code).Prepend(r)).Distinct(StringComparer.Ordinal)];

    /// <summary>The regions as a reader sees them: "450200 柳州市, 450300 桂林市".</summary>
    public override string ToString() => string.Join(", ", Regions.Select(Describe));

    /// <summary>A region code with its name, when known: "450200 柳州市".</summary>
    public static string Describe(string code) => Reference.Regions.Find(code) is { } region ? $"{code} {region.Name}" : code;
}
