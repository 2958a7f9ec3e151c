using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Collaboration;

/// <summary>
/// A network selection: which organisations, which evidence, the least weight a tie needs, and whether the ties that
/// cross the selection's boundary are listed.
/// </summary>
public sealed record NetworkQuery(OrganizationSelection? Where = null, CollaborationFilter? Filter = null, double MinWeight = 0, NetworkBoundary Boundary = NetworkBoundary.Exclude)
{
    /// <summary>
    /// The selection as the API's filters state it: a year stands for the window of that year and excludes since/until;
    /// no kinds means every kind.
    /// </summary>
    public static NetworkQuery Create(
        string? region, string? field, IReadOnlyCollection<NodeKind>? organizationKinds, CollaborationKinds kinds,
        DateOnly? since, DateOnly? until, int? year, double? minWeight, NetworkBoundary boundary = NetworkBoundary.Exclude)
    {
        kinds = kinds == CollaborationKinds.None ? CollaborationKinds.All : kinds;
        if (year is not null && (since is not null || until is not null)) throw new InvalidInputException("year: give either year or since/until, not both");
        var filter = year is { } y ? CollaborationFilter.During(y, kinds) : new CollaborationFilter(kinds, since, until);
        return new NetworkQuery(new OrganizationSelection(region, field, organizationKinds is { Count: > 0 } ? organizationKinds : null), filter, minWeight ?? 0, boundary);
    }

    /// <summary>Checks the selection (codes, kinds, window, least weight): INVALID_INPUT naming what is wrong.</summary>
    public void Validate()
    {
        (Where ?? OrganizationSelection.Everyone).Validate();
        if (MinWeight < 0 || double.IsNaN(MinWeight)) throw new InvalidInputException($"minWeight must be 0 or more, not {MinWeight}");
        (Filter ?? CollaborationFilter.Everything).ToEvidenceFilter();
    }

    /// <summary>The whole network under this selection's evidence filter and least weight: the scope rankings are computed on by default.</summary>
    public NetworkQuery WholeNetwork() => this with { Where = null, Boundary = NetworkBoundary.Exclude };
}
