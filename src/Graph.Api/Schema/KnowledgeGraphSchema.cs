namespace KnowledgeGraph.Api.Schema;

/// <summary>The GraphQL schema of the knowledge graph: its roots are assembled from the feature folders.</summary>
public sealed class KnowledgeGraphSchema : GraphQL.Types.Schema
{
    public KnowledgeGraphSchema(IServiceProvider services, QueryType query, Mutations.MutationType mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = new Journal.SubscriptionType(query.JournalEntryType);
        foreach (var type in query.CatalogTypes) RegisterType(type);
        Policy.PolicyMutations.AddTo(mutation);
        Description = "KnowledgeGraph: who works with whom in regional innovation — enterprises, universities, research institutes, platforms. 区域创新知识图谱。";
    }
}
