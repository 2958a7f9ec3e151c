using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Writes;

/// <summary>
/// The subscription root: <c>changes</c>, the change feed, served over Server-Sent Events at <c>/graphql/stream</c>
/// (the graphql-sse protocol). It needs the <c>analyst</c> role, as the journal does.
/// </summary>
[DoNotRegister]
public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType(IGraphType journalEntry)
    {
        ArgumentNullException.ThrowIfNull(journalEntry);
        Name = "Subscription";
        Description = "Streams over Server-Sent Events (`/graphql/stream`, the graphql-sse protocol). 订阅（SSE）。";
        Field("changes", new NonNullGraphType(journalEntry))
            .Description("Each committed write, in data-version order, as it commits: the journal as a feed. Give `since` (the last `dataVersion` "
                + "you saw) to resume after a disconnect without missing any. Filter by the kinds, the region (and its sub-regions) or the node "
                + "an entry touches. Needs the `analyst` role; confidential figures are shown to admins only. 变更订阅（需 analyst 角色）。")
            .Argument<LongGraphType>("since", "Entries after this data version (default: from now on). 此数据版本之后。")
            .Argument<ListGraphType<NonNullGraphType<NodeKindType>>>("kinds", "Only entries that touch a node of these kinds. 仅这些节点类型。")
            .Argument<StringGraphType>("region", "Only entries that touch a node in this region or below it (GB/T 2260 code). 仅该地区。")
            .Argument<IdGraphType>("nodeId", "Only entries that touch this node or a link at it. 仅该节点。")
            .AuthorizeWithRoles(Roles.Analyst)
            .ResolveStreamAsync(async context =>
            {
                var store = context.RequestServices!.GetRequiredService<IGraphStore>();
                var feed = context.RequestServices!.GetRequiredService<ChangeFeed>();
                var since = context.GetArgument<long?>("since") ?? await store.GetDataVersionAsync(context.CancellationToken).ConfigureAwait(false);
                var kinds = context.GetArgument<List<NodeKind>?>("kinds");
                var filter = new ChangeFilter(since, kinds?.ToHashSet(), context.GetArgument<string?>("region"), context.GetArgument<string?>("nodeId"));
                var admin = Roles.Has(context.User, Roles.Admin);
                return new FeedObservable(feed, filter, admin);
            });
    }

    /// <summary>The feed as the observable a subscription resolves to: each subscriber follows the journal on its own.</summary>
    private sealed class FeedObservable(ChangeFeed feed, ChangeFilter filter, bool admin) : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer)
        {
            var stop = new CancellationTokenSource();
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var entry in feed.FollowAsync(filter, stop.Token).ConfigureAwait(false))
                        observer.OnNext(admin ? entry : JournalFields.Masked(entry));
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    observer.OnError(e);
                }
            });
            return new Unsubscriber(stop);
        }
    }

    private sealed class Unsubscriber(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            stop.Dispose();
        }
    }
}
