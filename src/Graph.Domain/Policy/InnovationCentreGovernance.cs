namespace KnowledgeGraph.Domain.Policy;

/// <summary>Who leads a technology innovation centre.</summary>
public enum CentreLeadKind
{
    /// <summary>设区市人民政府: a city government.</summary>
    CityGovernment,
    /// <summary>自治区行业主管部门: a regional (provincial) department in charge of the industry.</summary>
    RegionalDepartment,
    /// <summary>Anyone else (an enterprise, a university, a county): not allowed to lead by 004.</summary>
    Other,
}

/// <summary>A member of a centre's expert committee and the organisation they come from, if any.</summary>
public sealed record CommitteeMember(string Name, string? OrganisationId);

/// <summary>How a technology innovation centre is set up, as its application or a later change presents it.</summary>
public sealed record InnovationCentreSetup(
    string LeadId,
    CentreLeadKind LeadKind,
    IReadOnlyList<string> CoBuilderIds,
    bool IndependentLegalEntity,
    bool HasBoard,
    bool HasCharter,
    IReadOnlyList<CommitteeMember> ExpertCommittee,
    CommitteeMember? CommitteeChair,
    decimal DirectorMonthsPerYear);

/// <summary>The outcome of a governance check: every problem found, each citing the seed.</summary>
public sealed record GovernanceCheck(bool Valid, IReadOnlyList<string> Problems);

/// <summary>The governance rules of a technology innovation centre (DOMAIN.md rule 6; seed 004 三).</summary>
public static class InnovationCentreGovernance
{
    /// <summary>004 三(三)3: the director works at the centre at least 9 months a year.</summary>
    public const decimal MinimumDirectorMonths = 9m;

    /// <summary>Lists every governance problem of a centre; an empty list means it complies.</summary>
    public static GovernanceCheck Validate(InnovationCentreSetup centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        var problems = new List<string>();

        // 004 三(一): "由设区市人民政府或自治区行业主管部门牵头组织".
        if (centre.LeadKind == CentreLeadKind.Other)
            problems.Add($"lead {centre.LeadId} is neither a city government nor a regional department (004 三(一))");
        // 004 三(一): leading enterprises, universities, institutes and new-type R&D institutions take part in building it.
        if (centre.CoBuilderIds.Count == 0)
            problems.Add("the centre has no co-building units (共建单位) (004 三(一))");
        // 004 三(二): "原则上应新成立独立法人实体".
        if (!centre.IndependentLegalEntity)
            problems.Add("the centre is not an independent legal entity (独立法人实体) (004 三(二))");
        // 004 三(三): a board, an expert committee and a charter.
        if (!centre.HasBoard)
            problems.Add("the centre has no board (理事会/董事会) (004 三(三)1)");
        if (!centre.HasCharter)
            problems.Add("the centre has no charter (管理章程) (004 三(三))");

        var insiders = new HashSet<string>(centre.CoBuilderIds, StringComparer.Ordinal) { centre.LeadId };
        var committee = centre.ExpertCommittee;
        if (committee.Count == 0)
        {
            problems.Add("the centre has no expert committee (专家委员会) (004 三(三)2)");
        }
        else
        {
            // 004 三(三)2: "牵头单位和共建单位的人员不超过总人数三分之一", compared in integers to stay exact.
            var fromInsiders = committee.Count(m => m.OrganisationId is not null && insiders.Contains(m.OrganisationId));
            if (fromInsiders * 3 > committee.Count)
                problems.Add($"{fromInsiders} of the {committee.Count} expert committee members come from the lead or co-building units; at most {committee.Count / 3} may (one third) (004 三(三)2)");
        }

        // 004 三(三)2: "专家委员会主任应由非牵头单位、共建单位的有影响力的专家担任".
        if (centre.CommitteeChair is null)
            problems.Add("the expert committee has no chair (004 三(三)2)");
        else if (centre.CommitteeChair.OrganisationId is { } chairOrg && insiders.Contains(chairOrg))
            problems.Add($"the expert committee chair {centre.CommitteeChair.Name} comes from {chairOrg}, a lead or co-building unit (004 三(三)2)");

        // 004 三(三)3: "每年在技术创新中心工作时间不少于9个月".
        if (centre.DirectorMonthsPerYear < MinimumDirectorMonths)
            problems.Add($"the director works {centre.DirectorMonthsPerYear} months a year at the centre; at least 9 are required (004 三(三)3)");

        return new GovernanceCheck(problems.Count == 0, problems);
    }
}
