namespace KnowledgeGraph.Domain.Policy;

/// <summary>The two kinds of 揭榜挂帅 / 揭榜制 challenge (003 二).</summary>
public enum ChallengeKind
{
    /// <summary>技术攻关类: an in-region enterprise posts a problem; solvers from anywhere apply.</summary>
    TechnologyBreakthrough,
    /// <summary>成果转化类: an achievement is posted; in-region enterprises (or consortia they lead) take it.</summary>
    AchievementTransformation,
}

/// <summary>What kind of organisation a party to a challenge is.</summary>
public enum PartyKind
{
    /// <summary>高校.</summary>
    University,
    /// <summary>科研院所 / 科研机构.</summary>
    ResearchInstitute,
    /// <summary>企业.</summary>
    Enterprise,
    /// <summary>联合体 (consortium).</summary>
    Consortium,
    /// <summary>Any other body (government, association).</summary>
    Other,
}

/// <summary>
/// A poster or applicant of a challenge. <paramref name="InRegion"/> is relative to the province running the call;
/// <paramref name="TechEnterprise"/> marks a 科技型企业; a consortium names its lead in <paramref name="Lead"/>.
/// </summary>
public sealed record ChallengeParty(string Id, PartyKind Kind, bool InRegion, bool TechEnterprise = false, ChallengeParty? Lead = null);

/// <summary>Whether an applicant may apply, and if not, every reason why.</summary>
public sealed record Eligibility(bool Eligible, IReadOnlyList<string> Reasons)
{
    internal static Eligibility From(List<string> reasons) => new(reasons.Count == 0, reasons);
}

/// <summary>Who may apply to a challenge (DOMAIN.md rule 4; seed 003 二).</summary>
public static class ChallengeEligibility
{
    /// <summary>Checks an applicant against a challenge, with the group structure as a map of id → parent ids.</summary>
    public static Eligibility Check(ChallengeKind kind, ChallengeParty poster, ChallengeParty applicant, IReadOnlyDictionary<string, IReadOnlyList<string>> parents)
    {
        ArgumentNullException.ThrowIfNull(parents);
        return Check(kind, poster, applicant, id => parents.TryGetValue(id, out var p) ? p : []);
    }

    /// <summary>Checks an applicant against a challenge, with the group structure as a function from an id to its parent ids.</summary>
    public static Eligibility Check(ChallengeKind kind, ChallengeParty poster, ChallengeParty applicant, Func<string, IEnumerable<string>> parentsOf)
    {
        ArgumentNullException.ThrowIfNull(poster);
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(parentsOf);
        var reasons = new List<string>();
        var lead = applicant.Kind == PartyKind.Consortium ? applicant.Lead : null;
        if (applicant.Kind == PartyKind.Consortium && lead is null)
            reasons.Add($"consortium {applicant.Id} names no lead organisation");

        if (kind == ChallengeKind.TechnologyBreakthrough)
        {
            // 003: "主要由区内企业提出技术难题或重大需求 … 由全国范围内的高校、科研机构、科技型企业或联合体 … 进行揭榜攻关".
            if (poster.Kind != PartyKind.Enterprise || !poster.InRegion)
                reasons.Add($"a 技术攻关类 challenge is posted by an in-region enterprise; {poster.Id} is not one");
            var mayApply = applicant.Kind is PartyKind.University or PartyKind.ResearchInstitute or PartyKind.Consortium
                || (applicant.Kind == PartyKind.Enterprise && applicant.TechEnterprise);
            if (!mayApply)
                reasons.Add($"{applicant.Id} is not a university, research institute, 科技型企业 or consortium, who alone may apply to a 技术攻关类 challenge");
        }
        else
        {
            // 003: "由区内有技术需求和应用需求的企业或由其牵头的联合体 … 进行揭榜转化".
            if (applicant.Kind == PartyKind.Enterprise)
            {
                if (!applicant.InRegion)
                    reasons.Add($"{applicant.Id} is an out-of-region enterprise; only in-region enterprises may take a 成果转化类 challenge");
            }
            else if (applicant.Kind == PartyKind.Consortium)
            {
                if (lead is not null && (lead.Kind != PartyKind.Enterprise || !lead.InRegion))
                    reasons.Add($"consortium {applicant.Id} is led by {lead.Id}, not an in-region enterprise, so it may not take a 成果转化类 challenge");
            }
            else
            {
                reasons.Add($"{applicant.Id} is not an enterprise or a consortium led by one; only in-region enterprises may take a 成果转化类 challenge");
            }
        }

        // 003: "与需求方不能为同一单位或其下属子公司", through every level of the group, and for a consortium, its lead.
        CheckIndependence(applicant, poster.Id, parentsOf, reasons, "applicant");
        if (lead is not null)
            CheckIndependence(lead, poster.Id, parentsOf, reasons, $"lead of consortium {applicant.Id}");
        return Eligibility.From(reasons);
    }

    static void CheckIndependence(ChallengeParty party, string posterId, Func<string, IEnumerable<string>> parentsOf, List<string> reasons, string role)
    {
        if (party.Id == posterId)
            reasons.Add($"the {role} {party.Id} is the poster itself");
        else if (IsSubsidiaryOf(party.Id, posterId, parentsOf))
            reasons.Add($"the {role} {party.Id} is a subsidiary of the poster {posterId}");
    }

    /// <summary>Whether <paramref name="id"/> sits below <paramref name="ancestorId"/> at any depth of the group structure.</summary>
    public static bool IsSubsidiaryOf(string id, string ancestorId, Func<string, IEnumerable<string>> parentsOf)
    {
        ArgumentNullException.ThrowIfNull(parentsOf);
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var queue = new Queue<string>([id]);
        while (queue.Count > 0)
        {
            foreach (var parent in parentsOf(queue.Dequeue()))
            {
                if (parent == ancestorId) return true;
                // Bad data may hold a cycle; visiting each id once keeps the walk finite.
                if (seen.Add(parent)) queue.Enqueue(parent);
            }
        }

        return false;
    }
}
