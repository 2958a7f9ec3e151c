using KnowledgeGraph.Domain.Collaboration;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>An organisation and the index of the community it belongs to in a partition.</summary>
public sealed record CommunityMembership(string OrganizationId, int Community)
{
    /// <summary>Every organisation of the partition, community by community (largest first), in member order.</summary>
    public static IReadOnlyList<CommunityMembership> Of(CommunityPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return partition.Communities.SelectMany(c => c.MemberIds.Select(id => new CommunityMembership(id, c.Index))).ToList();
    }
}
