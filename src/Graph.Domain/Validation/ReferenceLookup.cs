using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Validation;

/// <summary>
/// Says whether a referenced node exists. Region and Field codes exist when the reference catalogs
/// (<see cref="Regions"/>, <see cref="TechnologyFields"/>) list them or the injected lookup (e.g. the store's user-defined
/// Region and Field nodes) knows them; references to other kinds are checked only when a lookup is injected.
/// </summary>
internal sealed class ReferenceLookup(Func<NodeKind, string, bool>? referenceExists)
{
    /// <summary>Null when the reference is fine, else what is wrong with it.</summary>
    public string? Check(NodeKind kind, string key)
    {
        var inCatalog = kind switch
        {
            NodeKind.Region => Regions.Find(key) is not null,
            NodeKind.Field => TechnologyFields.Find(key) is not null,
            _ => referenceExists is null,
        };
        if (inCatalog || (referenceExists?.Invoke(kind, key) ?? false)) return null;
        return kind switch
        {
            NodeKind.Region when Regions.Resolve(key) is { } nearest =>
                $"'{key}' is not a known region (the nearest known one is {nearest.Code} {nearest.Name})",
            NodeKind.Region => $"'{key}' is not a known region (a GB/T 2260 code)",
            NodeKind.Field when TechnologyFields.FindByName(key) is { } named => $"'{key}' is not a field code (did you mean '{named.Code}'?)",
            NodeKind.Field => $"'{key}' is not a known field code",
            _ => $"no {kind} with key '{key}'",
        };
    }
}
