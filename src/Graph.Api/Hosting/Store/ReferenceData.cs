using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Hosting.Store;

/// <summary>
/// The built-in Region and Field nodes (<see cref="ReferenceNodes"/>) in the store, so that data can refer to regions
/// and fields without listing them, and the reference universities every deployment shares. Seeding creates the missing
/// ones only: a reference node a user changed stays as is, and one added by a newer release arrives on upgrade.
/// </summary>
public static class ReferenceData
{
    /// <summary>Creates the built-in reference nodes the store lacks; returns how many. Writes nothing when none is missing.</summary>
    public static async Task<int> SeedAsync(IGraphStore store, bool organizations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var all = ReferenceNodes.Regions().Concat(ReferenceNodes.Fields()).Concat(organizations ? ReferenceNodes.Organizations() : []).ToList();
        var existing = await store.GetNodesAsync([.. all.Select(n => n.Id)], cancellationToken).ConfigureAwait(false);
        var missing = all.Where(n => !existing.ContainsKey(n.Id)).ToList();
        missing = await WithoutDeletedUniversitiesAsync(store, missing, cancellationToken).ConfigureAwait(false);
        if (missing.Count > 0)
            await store.ImportAsync(Upserts(missing), journal: JournalDraft.BulkLoad(Actor.Service("reference data"), organizations ? "seed built-in regions, fields and universities" : "seed built-in regions and fields"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return missing.Count;
    }

    /// <summary>
    /// Whether the store holds nothing but reference nodes (regions, fields, the shipped universities) and no links: a
    /// first start. A university of a user's own is user data, however few there are.
    /// </summary>
    public static async Task<bool> HoldsNoUserDataAsync(IGraphStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var counts = await store.CountAsync(cancellationToken).ConfigureAwait(false);
        if (counts.LinkTotal > 0 || counts.Nodes.Any(c => c.Value > 0 && c.Key is not (NodeKind.Region or NodeKind.Field or NodeKind.University)))
            return false;
        var universities = counts.Nodes.GetValueOrDefault(NodeKind.University);
        if (universities == 0) return true;
        if (universities > ReferenceOrganizations.All.Count) return false;
        var shipped = await store.GetNodesAsync([.. ReferenceNodes.Organizations().Select(n => n.Id)], cancellationToken).ConfigureAwait(false);
        return shipped.Count == universities;
    }

    // A reference university a user deleted stays deleted: the journal names it. When none is in the store yet (the first
    // start, or the option just turned on) there is nothing to look up.
    private static async Task<List<NodeInput>> WithoutDeletedUniversitiesAsync(IGraphStore store, List<NodeInput> missing, CancellationToken cancellationToken)
    {
        var universities = missing.Where(n => n.Kind == NodeKind.University).ToList();
        if (universities.Count == 0 || universities.Count == ReferenceOrganizations.All.Count) return missing;
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var university in universities)
        {
            var entries = await store.GetJournalAsync(new JournalQuery(First: 1, NodeId: university.Id), cancellationToken).ConfigureAwait(false);
            if (entries.Count > 0) deleted.Add(university.Id);
        }
        return [.. missing.Where(n => !deleted.Contains(n.Id))];
    }

    private static async IAsyncEnumerable<WriteOperation> Upserts(IEnumerable<NodeInput> nodes)
    {
        foreach (var node in nodes)
            yield return new WriteOperation.UpsertNode(node);
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
