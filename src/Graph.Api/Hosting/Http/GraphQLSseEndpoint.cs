using GraphQL.Types;

namespace KnowledgeGraph.Api.Hosting.Http;

/// <summary>
/// GraphQL over Server-Sent Events, the graphql-sse protocol (https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md):
/// subscriptions (and any operation) streamed as <c>next</c> and <c>complete</c> events. Distinct connections mode: a
/// request that accepts <c>text/event-stream</c> gets its own stream. Single connection mode: <c>PUT</c> reserves a stream
/// and answers its token; <c>GET</c> with the token (header <c>x-graphql-event-stream-token</c> or <c>?token=</c>)
/// opens it; <c>POST</c> with the token and <c>extensions.operationId</c> runs an operation onto it (202);
/// <c>DELETE ?operationId=</c> stops one. docs/graphql-over-http.md describes it.
/// </summary>
public static class GraphQLSseEndpoint
{
    /// <summary>The user-context key that marks an operation run by the stream endpoint (where subscriptions may run).</summary>
    public const string StreamKey = "KnowledgeGraph.EventStream";

    /// <summary>The header that carries a single-connection stream's token.</summary>
    public const string TokenHeader = "x-graphql-event-stream-token";

    /// <summary>Maps the stream endpoint at <paramref name="pattern"/>.</summary>
    public static IEndpointRouteBuilder MapGraphQLStream<TSchema>(this IEndpointRouteBuilder endpoints, string pattern = "/graphql/stream")
        where TSchema : ISchema
    {
        endpoints.Map(pattern, context => context.RequestServices.GetRequiredService<GraphQLSseHandler<TSchema>>().HandleAsync(context))
            .WithDisplayName("GraphQL over SSE");
        return endpoints;
    }

    /// <summary>Registers the stream endpoint's handler and its reservations.</summary>
    public static IServiceCollection AddGraphQLStream<TSchema>(this IServiceCollection services)
        where TSchema : ISchema
    {
        services.AddSingleton<EventStreams>();
        services.AddSingleton<StreamedOperations<TSchema>>();
        return services.AddSingleton<GraphQLSseHandler<TSchema>>();
    }
}
