using KnowledgeGraph.Api.Hosting.Store;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>Registers what the server needs of import and export: the sample data loader for a first start.</summary>
public static class ExchangeServiceCollectionExtensions
{
    public static IServiceCollection AddGraphExchange(this IServiceCollection services)
    {
        services.AddSingleton<ISampleDataLoader, SampleDataLoader>();
        return services;
    }
}
