using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>A project's priority decision with the participants it was decided on.</summary>
public sealed record ProjectPriorityResult(Node Project, PriorityDecision Decision, IReadOnlyList<ProjectParticipant> Participants);

/// <summary>
/// Project priority from the graph (DOMAIN.md rule 5; seed 003 一): the PARTICIPATES_IN links give each organisation's
/// role and share of the project's public S&amp;T funding.
/// </summary>
public sealed class ProjectPriorityReview(IGraphStore store)
{
    /// <summary>Whether the project gets priority, and why.</summary>
    public async Task<ProjectPriorityResult> CheckAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var project = await PolicyGraph.RequireAsync(store, projectId, "project", cancellationToken, NodeKind.Project).ConfigureAwait(false);
        var links = await PolicyGraph.LinksAsync(store, project.Id, Direction.In, cancellationToken, LinkType.ParticipatesIn).ConfigureAwait(false);
        // Shares are percentages of the project's public funding; 100 stands in when the amount is not recorded, so the share decides alone.
        var funding = project.Properties.Decimal("publicFunding") ?? 100m;
        var participants = links.Select(l => new ProjectParticipant(
                l.FromId,
                NodeId.KindOf(l.FromId) switch
                {
                    NodeKind.University => PartyKind.University,
                    NodeKind.ResearchInstitute => PartyKind.ResearchInstitute,
                    NodeKind.Enterprise => PartyKind.Enterprise,
                    _ => PartyKind.Other,
                },
                l.Properties.Text("role") == "Lead" ? ProjectRole.Lead : ProjectRole.Partner,
                funding * (l.Properties.Decimal("fundingShare") ?? 0m) / 100m))
            .ToList();
        return new ProjectPriorityResult(project, ProjectPriority.Check(new ProjectFunding(project.Id, funding), participants), participants);
    }
}
