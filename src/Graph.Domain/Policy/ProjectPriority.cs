using System.Globalization;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>A participant's role in a project.</summary>
public enum ProjectRole
{
    /// <summary>牵头单位.</summary>
    Lead,
    /// <summary>参与单位.</summary>
    Partner,
}

/// <summary>A project with its public S&amp;T funding (财政科技经费, 万元).</summary>
public sealed record ProjectFunding(string ProjectId, decimal PublicFunding);

/// <summary>An organisation taking part in a project and the public S&amp;T funding it receives (万元).</summary>
public sealed record ProjectParticipant(string OrganisationId, PartyKind Kind, ProjectRole Role, decimal PublicFunding);

/// <summary>Whether a project gets priority, with the share of funding going to universities and institutes and the reason.</summary>
public sealed record PriorityDecision(bool Priority, decimal AcademicShare, string Reason);

/// <summary>Priority for enterprise-led projects with universities or institutes (DOMAIN.md rule 5; seed 003 一).</summary>
public static class ProjectPriority
{
    /// <summary>003: "高校或院所获得的财政科技资助经费占整个项目20%以上"; 以上 includes the bound.</summary>
    public const decimal MinimumAcademicShare = 0.20m;

    /// <summary>Decides priority: an enterprise leads, a university or institute takes part, and they receive at least 20 % of the public funding.</summary>
    public static PriorityDecision Check(ProjectFunding project, IReadOnlyList<ProjectParticipant> participants)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(participants);
        var academic = participants.Where(p => p.Kind is PartyKind.University or PartyKind.ResearchInstitute).ToList();
        var academicFunding = academic.Sum(p => p.PublicFunding);
        var share = project.PublicFunding > 0 ? academicFunding / project.PublicFunding : 0m;

        var leads = participants.Where(p => p.Role == ProjectRole.Lead).ToList();
        if (leads.Count == 0 || leads.Exists(l => l.Kind != PartyKind.Enterprise))
            return new(false, share, $"project {project.ProjectId} is not led by an enterprise");
        if (academic.Count == 0)
            return new(false, share, $"project {project.ProjectId} has no university or research institute applying jointly");
        if (project.PublicFunding <= 0)
            return new(false, share, $"project {project.ProjectId} has no public S&T funding to share");
        // Decimal division keeps 20 % exact: 20 of 100 is 0.2, not 0.19999….
        return share >= MinimumAcademicShare
            ? new(true, share, $"universities and institutes receive {Percent(share)} of the public funding, at least 20 %")
            : new(false, share, $"universities and institutes receive {Percent(share)} of the public funding, below 20 %");
    }

    static string Percent(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
