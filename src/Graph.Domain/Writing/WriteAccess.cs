using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// What a caller may write: confidential figures only by those who may read them; governed state (a challenge's
/// lifecycle and award, a centre's lifecycle and governance, a filing and a filing round's application) only through its workflow, or directly by an
/// admin as an override; the built-in reference data (regions, fields) only by an admin.
/// </summary>
public static class WriteAccess
{
    static readonly string[] ChallengeStateProperties =
        ["status", .. Enum.GetValues<ChallengeStatus>().Select(ChallengeWorkflow.DateProperty)];
    static readonly string[] CentreLifecycleProperties = ["status", "statusDate", "centreEvents"];
    static readonly string[] CentreGovernanceProperties = ["independentLegalEntity", "hasBoard", "hasCharter", "expertCommittee", "committeeChair", "directorMonths",
        InnovationCentreWorkflow.PendingChange, InnovationCentreWorkflow.PendingFiledOn];
    static readonly string[] FilingProperties = ["filingPassed", "filingCheck", "filedOn"];
    static readonly string[] FilingRoundProperties = ["filingRound", "applicationStatus", "appliedOn", "siteVisitOn", "reviewedOn", "reviewPassed",
        "reviewOpinion", "decidedOn", "reward", "rewardBasis", "rewardPaidOn", "reverifyBy", "offshoreHost"];

    /// <summary>Whether the node is built-in reference data: a GB/T 2260 region or a field of the shipped taxonomy.</summary>
    public static bool IsReference(string nodeId) => NodeId.TryParse(nodeId, out var kind, out var key) && kind switch
    {
        NodeKind.Region => Reference.Regions.Find(key) is not null,
        NodeKind.Field => Reference.TechnologyFields.Find(key) is not null,
        _ => false,
    };

    /// <summary>The confidential properties whose value the write would change (set, alter or clear).</summary>
    public static IReadOnlyList<string> ConfidentialChanged(NodeKind kind, PropertyBag? before, PropertyBag after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return [.. GraphCatalog.Of(kind).Properties
            .Where(p => p.Confidential && !Equals(Value(before, p.Name), Value(after, p.Name)))
            .Select(p => p.Name)];
    }

    /// <summary>
    /// The governed properties a node write changes and the workflow mutation that changes them; null when it changes none.
    /// </summary>
    public static (IReadOnlyList<string> Properties, string Workflow)? GovernedChange(Node? before, NodeInput after)
    {
        ArgumentNullException.ThrowIfNull(after);
        switch (after.Kind)
        {
            case NodeKind.Challenge:
            {
                // A new challenge may start in 征集 on its own; every later state is a workflow step.
                var changed = Changed(before?.Properties, after.Properties, ChallengeStateProperties);
                if (before is null)
                {
                    changed = [.. changed.Where(p => p != "collectingOn"
                        && !(p == "status" && after.Properties.Text("status") == nameof(ChallengeStatus.Collecting)))];
                }
                return changed.Count > 0 ? (changed, "postChallenge, transitionChallenge or awardChallenge") : null;
            }
            case NodeKind.Platform when IsCentre(before?.Properties) || IsCentre(after.Properties):
            {
                var lifecycle = Changed(before?.Properties, after.Properties, CentreLifecycleProperties);
                if (lifecycle.Count > 0) return (lifecycle, "recordCentreEvent");
                var governance = Changed(before?.Properties, after.Properties, CentreGovernanceProperties);
                return governance.Count > 0 ? (governance, "changeCentreGovernance or approveCentreGovernance") : null;
            }
            case NodeKind.Platform when Changed(before?.Properties, after.Properties, FilingRoundProperties) is { Count: > 0 } round:
                return (round, "applyInFilingRound, reviewFilingApplication, decideFilingApplication or payFilingReward");
            case NodeKind.Platform:
            {
                var filing = Changed(before?.Properties, after.Properties, FilingProperties);
                if (after.Properties.Text("status") == "Filed" && before?.Properties.Text("status") != "Filed") filing = [.. filing, "status"];
                return filing.Count > 0 ? (filing, "fileRdInstitution") : null;
            }
            case NodeKind.GovernmentBody when Changed(before?.Properties, after.Properties, ["filingRounds"]) is { Count: > 0 } rounds:
                return (rounds, "openFilingRound");
            case NodeKind.Enterprise:
            {
                var changed = Changed(before?.Properties, after.Properties, Cases.Properties);
                return changed.Count > 0 ? (changed, "openCase, recordCaseVisit or closeCase") : null;
            }
            default:
                return null;
        }
    }

    /// <summary>The workflow mutation that writes links of this type to this node, when only a workflow may; else null.</summary>
    public static string? GovernedLink(LinkType type, Node? to) => type switch
    {
        LinkType.Awarded => "awardChallenge or awardChallengeRace",
        LinkType.PostedAs => "postProblemAsChallenge",
        LinkType.Leads or LinkType.CoBuilds when IsCentre(to?.Properties) => "changeCentreGovernance",
        _ => null,
    };

    static bool IsCentre(PropertyBag? properties) => properties?.Text("platformType") == InnovationCentreWorkflow.CentreType;

    static List<string> Changed(PropertyBag? before, PropertyBag after, IEnumerable<string> names) =>
        [.. names.Where(n => !Equals(Value(before, n), Value(after, n)))];

    // Lists compare by their items.
    static object? Value(PropertyBag? bag, string name) =>
        bag is not null && bag.TryGetValue(name, out var value)
            ? value is System.Collections.Immutable.ImmutableArray<string> list ? string.Join('\u001f', list) : value
            : null;
}
