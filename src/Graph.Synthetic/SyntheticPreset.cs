using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// The size and shape of a generated graph. Counts of the other kinds and of every link type follow from the number
/// of enterprises through fixed rates (<see cref="SyntheticGraph"/>), so a preset is its organisation counts and where
/// they are: a province (most organisations in <see cref="HomeProvince"/>) or the whole country.
/// </summary>
/// <param name="Name">The preset's name on the command line.</param>
/// <param name="Enterprises">Enterprises (企业).</param>
/// <param name="Universities">Universities (高校).</param>
/// <param name="Institutes">Research institutes (科研院所).</param>
/// <param name="HomeProvince">The GB/T 2260 code of the province the data is seen from (区内 / 区外).</param>
/// <param name="HomeShare">The share of enterprises and academic organisations located in the home province; the rest spread over every province by size.</param>
public sealed record SyntheticPreset(string Name, int Enterprises, int Universities, int Institutes, string HomeProvince, double HomeShare)
{
    /// <summary>A few hundred organisations, for tests.</summary>
    public static SyntheticPreset Tiny { get; } = new("tiny", 400, 24, 16, Locality.DefaultHomeProvince, 0.85);

    /// <summary>A province (Guangxi): about 20,000 organisations and 150,000 links.</summary>
    public static SyntheticPreset Province { get; } = new("province", 19_400, 140, 150, Locality.DefaultHomeProvince, 0.85);

    /// <summary>The whole country: about 500,000 organisations and 4,000,000 links.</summary>
    public static SyntheticPreset Country { get; } = new("country", 492_000, 3_000, 2_500, Locality.DefaultHomeProvince, 0.03);

    /// <summary>Every preset.</summary>
    public static IReadOnlyList<SyntheticPreset> All { get; } = [Tiny, Province, Country];

    /// <summary>The preset with that name (case-insensitive), or null.</summary>
    public static SyntheticPreset? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
