using KnowledgeGraph.Api.Figures;
using KnowledgeGraph.Api.Instruments;
using KnowledgeGraph.Api.People;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Api.Writes;

namespace KnowledgeGraph.Api.Schema;

/// <summary>The GraphQL schema of the knowledge graph: its roots are assembled from the feature folders.</summary>
public sealed class KnowledgeGraphSchema : GraphQL.Types.Schema
{
    public KnowledgeGraphSchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = new SubscriptionType(query.JournalEntryType);
        foreach (var type in query.CatalogTypes) RegisterType(type);
        PolicyMutations.AddTo(mutation);
        PeopleFields.AddMutationsTo(mutation);
        InstrumentFields.AddMutationsTo(mutation);
        FigureFields.AddTo(mutation);
        Description = "KnowledgeGraph: who works with whom in regional innovation — enterprises, universities, research institutes, platforms. 区域创新知识图谱。";
    }
}
