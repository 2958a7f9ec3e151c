using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Matchmaking;

// Partners known by public facts alone: the reference universities (and any university entered without fields) that
// nothing in the graph ties to a field, a platform, a record or a collaboration. They follow every evidenced partner.
public sealed partial class MatchmakingIndex
{
    /// <summary>The public designations that make a university worth naming outside the enterprise's province.</summary>
    public static readonly IReadOnlySet<string> PublicDesignations = new HashSet<string>(StringComparer.Ordinal) { "双一流", "985", "211" };

    const string Undergraduate = "本科";
    const double DesignatedFact = 0.5;
    const double UndergraduateFact = 0.25;

    /// <summary>
    /// Up to <paramref name="count"/> universities known by public facts alone that have a reason to be named — in the
    /// same province as the enterprise (or the challenge's poster), or designated 双一流 / 985 / 211 — and that the rules
    /// admit, best first (ties by id). Their score has no field, capability, record or proximity part: the place, and the
    /// designations and level as <see cref="ScoreParts.PublicFacts"/>.
    /// </summary>
    List<Scored> OnPublicFacts(Request request, int count)
    {
        if (count <= 0 || !request.Kinds.Contains(NodeKind.University)) return [];
        var w = request.Weights;
        var found = new List<Scored>();
        foreach (var org in _fieldlessUniversities)
        {
            if (!Alive[org] || !KnownByPublicFactsOnly(org)) continue;
            var place = PlaceOf(request.Source, org);
            var designated = Designations[org].Any(PublicDesignations.Contains);
            if (place.Place == Place.Elsewhere && !designated) continue;
            if (!Admits(request, org)) continue;
            var facts = (designated ? DesignatedFact : 0) + (SchoolLevels[org] == Undergraduate ? UndergraduateFact : 0);
            var parts = new ScoreParts(0, 0, 0, 0, w.Region * place.Value, w.Region * facts);
            found.Add(new Scored(org, parts.Total, parts));
        }
        found.Sort(RankOrder);
        return found.Count > count ? found.GetRange(0, count) : found;
    }

    // Nothing but its own node: no field, no platform, no record, no collaboration.
    bool KnownByPublicFactsOnly(int org) =>
        OwnFields[org].Length == 0 && PlatformFields[org].Length == 0 && Platforms[org].Length == 0
        && Records[org].Length == 0 && Neighbours[org].Length == 0;

    string PublicFactsZh(int org) => string.Join("、", Designations[org].Where(PublicDesignations.Contains).Append(SchoolLevels[org] ?? "").Where(f => f.Length > 0));
}
