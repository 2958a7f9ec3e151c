using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// Where generated organisations are: the home province of the preset with its share, the other provinces by the
/// weight of their economy, and within a province one of its known cities or counties.
/// </summary>
internal sealed class SyntheticPlaces
{
    // Rough shares of China's economy by province (per cent), for where organisations are.
    static readonly (string Code, double Weight)[] ProvinceWeights =
    [
        ("110000", 4.4), ("120000", 1.6), ("130000", 3.4), ("140000", 2.0), ("150000", 1.9), ("210000", 2.4), ("220000", 1.1),
        ("230000", 1.3), ("310000", 3.8), ("320000", 10.2), ("330000", 6.8), ("340000", 3.8), ("350000", 4.3), ("360000", 2.6),
        ("370000", 7.3), ("410000", 4.9), ("420000", 4.5), ("430000", 4.0), ("440000", 10.8), ("450000", 2.2), ("460000", 0.6),
        ("500000", 2.4), ("510000", 4.8), ("520000", 1.6), ("530000", 2.4), ("540000", 0.2), ("610000", 2.7), ("620000", 0.9),
        ("630000", 0.3), ("640000", 0.4), ("650000", 1.5),
    ];

    // Guangxi's cities by weight of their economy: 南宁, 柳州, 桂林, …
    static readonly Dictionary<string, double> CityWeights = new(StringComparer.Ordinal)
    {
        ["450100"] = 22, ["450200"] = 16, ["450300"] = 10, ["450400"] = 5, ["450500"] = 5, ["450600"] = 3, ["450700"] = 5,
        ["450800"] = 6, ["450900"] = 8, ["451000"] = 5, ["451100"] = 3, ["451200"] = 4, ["451300"] = 4, ["451400"] = 4,
    };

    readonly SyntheticPreset _preset;
    readonly Dictionary<string, WeightedSampler> _regionSamplers = new(StringComparer.Ordinal);
    readonly Dictionary<string, IReadOnlyList<Region>> _children = new(StringComparer.Ordinal);
    WeightedSampler? _provinceSampler;

    public SyntheticPlaces(SyntheticPreset preset) => _preset = preset;

    /// <summary>Whether organisations are placed in a province (every province but Hong Kong, Macao and Taiwan).</summary>
    public static bool IsWeighted(string provinceCode) => ProvinceWeights.Any(w => w.Code == provinceCode);

    /// <summary>The provincial part of a region code ("45" for 450102), or null.</summary>
    public static string? ProvinceOf(string? region) => region?[..2];

    IReadOnlyList<Region> ChildrenOf(string code)
    {
        if (!_children.TryGetValue(code, out var children)) _children[code] = children = Regions.Children(code);
        return children;
    }

    /// <summary>A region in a province: one of its known cities or counties by weight, else the province itself.</summary>
    public string RegionIn(string province, ref SyntheticRandom random)
    {
        var cities = ChildrenOf(province).Where(r => r.Level == RegionLevel.City).ToList();
        if (cities.Count == 0) return province;
        if (!_regionSamplers.TryGetValue(province, out var sampler))
        {
            sampler = new WeightedSampler(cities.Select(c => CityWeights.GetValueOrDefault(c.Code, 4.0)).ToList());
            _regionSamplers[province] = sampler;
        }
        var city = cities[sampler.Sample(ref random)];
        var counties = ChildrenOf(city.Code);
        return counties.Count > 0 && random.Chance(0.4) ? random.Pick(counties).Code : city.Code;
    }

    /// <summary>A region: in the home province with the preset's share, else a province by economic weight.</summary>
    public string Somewhere(ref SyntheticRandom random, double homeShare)
    {
        if (random.Chance(homeShare)) return RegionIn(_preset.HomeProvince, ref random);
        _provinceSampler ??= new WeightedSampler(ProvinceWeights.Select(p => p.Code == _preset.HomeProvince ? 0 : p.Weight).ToList());
        return RegionIn(ProvinceWeights[_provinceSampler.Sample(ref random)].Code, ref random);
    }
}
