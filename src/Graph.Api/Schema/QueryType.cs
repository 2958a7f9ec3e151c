using GraphQL.Types;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Schema;

/// <summary>The query root. Feature folders add their fields here.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<LongGraphType>>("dataVersion")
            .Description("A number that changes whenever the graph's data changes: poll it to know when to refresh. 数据版本号。")
            .ResolveAsync(async context =>
            {
                var store = context.RequestServices!.GetRequiredService<IGraphStore>();
                return await store.GetDataVersionAsync(context.CancellationToken).ConfigureAwait(false);
            });
    }
}
