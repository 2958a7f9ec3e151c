using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Matchmaking;

/// <summary>Where partners may be, seen from the home province (003 counts partners as 区内 / 区外 / 国外).</summary>
public enum PartnerScope
{
    /// <summary>Anywhere.</summary>
    Any,
    /// <summary>区内: in the home province.</summary>
    InRegion,
    /// <summary>区外: elsewhere in China.</summary>
    OutOfRegion,
    /// <summary>国外: abroad.</summary>
    Abroad,
}

/// <summary>
/// The weights of the parts of a recommendation's score. The score is
/// <c>Field·fit + Capability·ln(1 + labs and centres) + TrackRecord·ln(1 + recent record) + Proximity·closeness
/// + Region·same place − Load·ln(1 + current pairings)</c>; every part is documented on <see cref="ScoreParts"/>.
/// </summary>
public sealed record MatchmakingWeights(
    double Field = 2.0, double Capability = 0.8, double TrackRecord = 0.6, double Proximity = 1.5, double Region = 0.8, double Load = 0.1)
{
    /// <summary>The documented defaults.</summary>
    public static MatchmakingWeights Default { get; } = new();

    internal void Validate()
    {
        foreach (var (name, value) in new[] { ("field", Field), ("capability", Capability), ("trackRecord", TrackRecord), ("proximity", Proximity), ("region", Region), ("load", Load) })
        {
            if (!double.IsFinite(value) || value < 0 || value > 100)
                throw new InvalidInputException($"weights.{name} must be a number from 0 to 100, not {value}");
        }
    }
}

/// <summary>A request for partners: for an enterprise or a challenge (its id), of some kinds, in a scope.</summary>
/// <param name="ForId">The enterprise or challenge the partners are for.</param>
/// <param name="Kinds">The kinds of partner; null for the default (universities and institutes; enterprises for a 成果转化类 challenge).</param>
/// <param name="Scope">Where the partners may be.</param>
/// <param name="ExcludeExisting">Leave out organisations already collaborating with the enterprise (for a challenge: its applicants and awardees).</param>
/// <param name="Weights">The weights of the score's parts; null for the defaults.</param>
/// <param name="Limit">How many partners, 1–100.</param>
public sealed record PartnerQuery(
    string ForId, IReadOnlyCollection<NodeKind>? Kinds = null, PartnerScope Scope = PartnerScope.Any, bool ExcludeExisting = true,
    MatchmakingWeights? Weights = null, int Limit = 10);

/// <summary>
/// A score's parts, each already multiplied by its weight, so that they add up to the score.
/// </summary>
/// <param name="FieldFit">Field fit: 1 same field, 0.6 a broader or narrower one, 0.4 a sibling, 0.2 the same top-level field —
/// the best over the enterprise's industries (or the challenge's fields; the main one counts fully, others 0.8) and the
/// partner's disciplines and its platforms' fields.</param>
/// <param name="Capability">ln(1 + the partner's key labs, engineering and technology innovation centres, postdoctoral and
/// academician stations, new-type R&amp;D institutions not delisted, in a related field) + 0.5·ln(1 + the shared large
/// instruments (≥ 50 万元, 000) of its platforms in a related field).</param>
/// <param name="TrackRecord">ln(1 + challenges won, projects, technology contracts and pairings in a related field, each
/// halved for every 4 years of age).</param>
/// <param name="Proximity">Collaboration distance (1 for one or two steps, through a group company too; 0.3 for three)
/// plus 0.2·ln(1 + shared partners).</param>
/// <param name="Practical">Region (1 same city, 0.5 same province) times its weight, minus the load weight times
/// ln(1 + the partner's current pairings).</param>
/// <param name="PublicFacts">Only for a partner known by public facts alone (weak evidence): 0.5 for a 双一流 / 985 / 211
/// designation plus 0.25 for 本科 level, times the region weight; 0 for every other partner.</param>
public sealed record ScoreParts(double FieldFit, double Capability, double TrackRecord, double Proximity, double Practical, double PublicFacts = 0)
{
    /// <summary>The sum of the parts.</summary>
    public double Total => FieldFit + Capability + TrackRecord + Proximity + Practical + PublicFacts;
}

/// <summary>A platform that counts as capability.</summary>
public sealed record CapabilityPlatform(string PlatformId, string Name, string PlatformType, string FieldCode);

/// <summary>A shared large instrument (000: 单台套原值 ≥ 50 万元, on the sharing platform) of one of the partner's platforms, counted as capability.</summary>
public sealed record CapabilityInstrument(string InstrumentId, string Name, decimal Value, string FieldCode);

/// <summary>What a partner has done in the field: wins (with their years), projects, contracts and pairings.</summary>
public sealed record TrackRecordSummary(string? FieldCode, IReadOnlyList<int> ChallengeYears, int Projects, int Contracts, int Pairings);

/// <summary>How near the partner is in the collaboration network.</summary>
/// <param name="Distance">Steps of collaboration from the enterprise (or the challenge's poster); null when more than three.</param>
/// <param name="ThroughId">The organisation one step from the enterprise on a shortest chain (a group company when <see cref="ThroughGroup"/>).</param>
/// <param name="ThroughGroup">The partner collaborates with a company of the enterprise's group.</param>
/// <param name="SharedPartners">Organisations collaborating with both.</param>
public sealed record NetworkProximity(int? Distance, string? ThroughId, bool ThroughGroup, int SharedPartners);

/// <summary>The evidence a recommendation is built from.</summary>
public sealed record PartnerEvidence(
    string? FieldCode, double FieldFit, IReadOnlyList<CapabilityPlatform> Capability, TrackRecordSummary TrackRecord,
    NetworkProximity Proximity, string Place, int CurrentPairings)
{
    /// <summary>The shared large instruments counted as capability.</summary>
    public IReadOnlyList<CapabilityInstrument> Instruments { get; init; } = [];
}

/// <summary>
/// One recommended partner: its score and parts, the evidence, the explanation in Chinese and English, and introducers.
/// WeakEvidence: known by public facts alone (designations, level, place), nothing in the graph tying it to the wanted
/// field, a platform, a record or a collaboration; such partners come after every evidenced one.
/// </summary>
public sealed record PartnerRecommendation(
    int Rank, string OrganizationId, double Score, ScoreParts Parts, PartnerEvidence Evidence,
    string ExplanationZh, string ExplanationEn, IReadOnlyList<string> IntroducerIds, bool WeakEvidence = false)
{
    /// <summary>
    /// Tech commissioners (科技特派员) who could introduce the two: those serving the enterprise (the challenge's poster)
    /// and those employed by the partner, both first; each with a commission in force.
    /// </summary>
    public IReadOnlyList<string> CommissionerIds { get; init; } = [];
}

/// <summary>An organisation with a collaboration profile like another's.</summary>
/// <param name="Rank">1 for the most similar.</param>
/// <param name="OrganizationId">The organisation.</param>
/// <param name="Similarity">0.7·<paramref name="PartnerCosine"/> + 0.3·<paramref name="FieldJaccard"/>.</param>
/// <param name="PartnerCosine">Cosine similarity of the two sets of collaborating organisations.</param>
/// <param name="FieldJaccard">Jaccard similarity of the two sets of fields, broader fields included.</param>
/// <param name="SharedPartners">Organisations collaborating with both.</param>
public sealed record SimilarOrganization(int Rank, string OrganizationId, double Similarity, double PartnerCosine, double FieldJaccard, int SharedPartners);
