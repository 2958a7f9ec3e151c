namespace KnowledgeGraph.Api.Schema;

/// <summary>The GraphQL schema of the knowledge graph: its roots are assembled from the feature folders.</summary>
public sealed class KnowledgeGraphSchema : GraphQL.Types.Schema
{
    public KnowledgeGraphSchema(IServiceProvider services, QueryType query) : base(services)
    {
        Query = query;
        foreach (var type in query.CatalogTypes) RegisterType(type);
        Description = "KnowledgeGraph: who works with whom in regional innovation — enterprises, universities, research institutes, platforms. 区域创新知识图谱。";
    }
}
