using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// The latent model that plants the ground truth of matchmaking in generated data. When an enterprise (or the
/// enterprise behind a challenge) takes a university or institute as partner — a pairing 结对子, an agreement, a project,
/// a technology contract, a won challenge — the partner is drawn from a shortlist by the affinity
/// <code>
///   u(e, a) = 1.5 · fit(field of e, disciplines of a)          field fit: 1 same field, 0.6 broader/narrower, 0.4 sibling, 0.2 same root
///           + 1.0 · ln(1 + capability of a in the field)       key labs, engineering centres, stations, … a hosts in a related field
///           + 0.8 · ln(1 + track record of a in the field)     earlier pairings, projects, contracts, won challenges in related fields
///           + 2.0 · [a is two steps from e]                    a is in e's consortium, employs e's tech commissioner, or partners e's parent company
///           + 0.8 · [same city] or 0.4 · [same province]       region
/// </code>
/// and the partner is the shortlisted a with the highest u(e, a) + Gumbel noise, that is, drawn with probability
/// ∝ exp(u) among the shortlist. The shortlist is how organisations come to know each other: those two steps away,
/// 12 drawn from the academics working in a related field, 6 drawn by reputation (a heavy-tailed prestige, which
/// makes the hubs) and 6 drawn uniformly. So field, capability, track record, proximity and region each move the
/// choice, and a recommender that uses all of them can beat ranking by degree ("most connected first") and by field
/// alone. The track record grows as the simulation runs year by year, 2015 to 2026.
/// </summary>
internal static class PartnerAffinity
{
    public const double FieldWeight = 1.5;
    public const double CapabilityWeight = 1.0;
    public const double TrackRecordWeight = 0.8;
    public const double ProximityWeight = 2.0;
    public const double SameCityWeight = 0.8;
    public const double SameProvinceWeight = 0.4;

    /// <summary>Fields whose fit with a field is at least this count as related (capability, track record, field lists).</summary>
    public const double RelatedFit = FieldFit.RelatedFit;

    // ln(1 + n) for small n, computed once with the platform-independent logarithm.
    static readonly double[] LogOnePlus = Enumerable.Range(0, 4096).Select(n => ExactMath.Log(1.0 + n)).ToArray();

    /// <summary>ln(1 + n) for a count n ≥ 0.</summary>
    public static double Log1p(int n) => n < LogOnePlus.Length ? LogOnePlus[n] : ExactMath.Log(1.0 + n);

    /// <summary>
    /// The part of the affinity that an academic's standing in a field gives, which does not change as the simulation
    /// runs: field fit and capability. <see cref="Score"/> adds the rest to it, in the order of the formula.
    /// </summary>
    public static double Standing(double fit, int capability) => FieldWeight * fit + CapabilityWeight * Log1p(capability);

    /// <summary>The affinity of a candidate from its <see cref="Standing"/> and the other parts.</summary>
    public static double Score(double standing, int trackRecord, bool twoStepsAway, double region) =>
        standing + TrackRecordWeight * Log1p(trackRecord) + (twoStepsAway ? ProximityWeight : 0) + region;

    /// <summary>The place of no region (abroad) for <see cref="Region(long, long)"/>.</summary>
    public const long NoPlace = -1;

    /// <summary>
    /// The first four characters of a region code (province, then city) packed in a number for
    /// <see cref="Region(long, long)"/>, or <see cref="NoPlace"/>.
    /// </summary>
    public static long PlaceOf(string? region) =>
        region is null ? NoPlace : ((long)region[0] << 48) | ((long)region[1] << 32) | ((long)region[2] << 16) | region[3];

    /// <summary>The region part: same city (first four digits of known city or county codes), same province, or neither.</summary>
    public static double Region(string? a, string? b) => Region(PlaceOf(a), PlaceOf(b));

    /// <summary>The region part for places packed by <see cref="PlaceOf"/>.</summary>
    public static double Region(long a, long b)
    {
        const long City = 0xFFFF_FFFF, UnknownCity = ('0' << 16) | '0';
        if (a == NoPlace || b == NoPlace || a >> 32 != b >> 32) return 0;
        var cityKnown = (a & City) != UnknownCity && (b & City) != UnknownCity;
        return cityKnown && (a & City) == (b & City) ? SameCityWeight : SameProvinceWeight;
    }
}
