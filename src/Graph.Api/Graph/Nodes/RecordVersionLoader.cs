using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Graph.Nodes;

/// <summary>
/// Records' versions (<see cref="RecordVersion"/>): one batch of journal reads per level of the query, however many
/// nodes and links it lists, instead of a few per record.
/// </summary>
public sealed class RecordVersionLoader(IGraphStore store) : BatchLoader<ReadRecord, long>
{
    protected override async Task<IReadOnlyDictionary<ReadRecord, long>> FetchAsync(IReadOnlyCollection<ReadRecord> keys, CancellationToken cancellationToken)
    {
        var records = keys.ToList();
        var versions = await RecordVersion.OfAsync(store, records, cancellationToken).ConfigureAwait(false);
        return records.Select((record, i) => (record, version: versions[i])).ToDictionary(r => r.record, r => r.version);
    }
}

/// <summary>The <c>version</c> field of nodes and links, resolved through the request's <see cref="RecordVersionLoader"/>.</summary>
public static class RecordVersionField
{
    /// <summary>Adds <c>version</c> to a node type.</summary>
    public static void Add(ObjectGraphType<Node> type) =>
        type.Field<NonNullGraphType<LongGraphType>>("version")
            .Description("The data version of the change that gave the node the content read: give it back as a mutation's `expectedVersion` "
                + "to write only if nobody changed the node since. 版本（用于 expectedVersion）。")
            .Resolve(c => Versions(c).Load(ReadRecord.Of(c.Source)));

    /// <summary>Adds <c>version</c> to a link type.</summary>
    public static void Add(ObjectGraphType<Link> type) =>
        type.Field<NonNullGraphType<LongGraphType>>("version")
            .Description("The data version of the change that gave the link the content read: give it back as a mutation's `expectedVersion` "
                + "to write only if nobody changed the link since. 版本（用于 expectedVersion）。")
            .Resolve(c => Versions(c).Load(ReadRecord.Of(c.Source)));

    private static RecordVersionLoader Versions(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<RecordVersionLoader>();
}
