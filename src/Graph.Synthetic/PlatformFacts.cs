using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// The policy facts a generated platform carries beyond its type and status: the filing facts of an enterprise's
/// R&amp;D institution (002) and the dated history and governance of a technology innovation centre (004).
/// </summary>
internal static class PlatformFacts
{
    // A technology innovation centre's dated history leads to its status (004 四): approved when established, accepted
    // after the 3-year build and then accredited, or delisted; an accredited one has the governance 004 三 asks for, with
    // an expert committee from outside the lead and co-building units.
    public static PropertyBag WithCentreLifecycle(PropertyBag properties, PlatformSeed seed)
    {
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var approved = seed.Established;
        var events = new List<string> { $"{Day(approved.AddDays(-60))} Applied", $"{Day(approved.AddDays(-20))} Reviewed", $"{Day(approved)} Approved" };
        var statusDate = seed.StatusDate;
        switch (seed.Status)
        {
            case "Accredited":
                var accepted = approved.AddYears(InnovationCentreLifecycle.BuildYears);
                statusDate = accepted.AddDays(30);
                events.Add($"{Day(accepted)} Acceptance Passed");
                events.Add($"{Day(statusDate)} Accredited");
                properties = properties
                    .With("independentLegalEntity", true).With("hasBoard", true).With("hasCharter", true)
                    .With("expertCommittee", SyntheticNames.CommitteeMembers.ToArray())
                    .With("committeeChair", SyntheticNames.CommitteeMembers[0])
                    .With("directorMonths", 10m);
                break;
            case "Delisted":
                events.Add($"{Day(statusDate)} Delisted StillFailingAfterRectification");
                break;
            default:
                statusDate = approved;
                break;
        }
        return properties.With("centreEvents", events.ToArray()).With("statusDate", statusDate);
    }

    // An enterprise's institution says how it is built and under which standard it was filed, cycling through the
    // catalog's values by position so that every one occurs without drawing from the random stream.
    public static PropertyBag WithFilingFacts(PropertyBag properties, int p)
    {
        var mode = GraphCatalog.ConstructionModes[p % GraphCatalog.ConstructionModes.Count].Name;
        properties = properties
            .With("constructionMode", mode)
            .With("filingStandard", GraphCatalog.FilingStandards[p / 3 % GraphCatalog.FilingStandards.Count].Name);
        if (mode != "IndustryCoBuilding") return properties;
        return properties
            .With("expertTeamProvider", GraphCatalog.ExpertTeamProviders[p / 3 % GraphCatalog.ExpertTeamProviders.Count].Name)
            .With("expertTeamCertification", GraphCatalog.CertificationLevels[p / 3 % GraphCatalog.CertificationLevels.Count].Name);
    }
}
