using System.Text.Encodings.Web;
using System.Text.Unicode;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Cost;
using KnowledgeGraph.Api.Hosting.Errors;
using KnowledgeGraph.Api.Hosting.Http;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Api.Schema;
using KnowledgeGraph.Domain.Errors;
using Microsoft.Extensions.Options;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>The GraphQL engine around <see cref="KnowledgeGraphSchema"/>: serializer, errors, limits, authorization.</summary>
public static partial class GraphQLServiceCollectionExtensions
{
    public static IServiceCollection AddKnowledgeGraphGraphQL(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<GraphQLHostOptions>()
            .BindConfiguration(GraphQLHostOptions.Section)
            .Validate(o => o.MaxDepth > 0 && o.MaxComplexity > 0 && o.MaxSelections > 0 && o.MaxRequestBytes > 0 && o.MaxBatchSize >= 0
                    && o.RequestTimeout > TimeSpan.Zero,
                "GraphQL:MaxDepth, MaxComplexity, MaxSelections, MaxRequestBytes and RequestTimeout must be positive, MaxBatchSize zero or more")
            .ValidateOnStart();

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<KnowledgeGraphSchema>()
            // Queries resolve their fields one after another, as mutations do: a resolver returns at once, reads the store
            // (synchronously, on SQLite) or asks a batch loader, whose loads run after the rest of the level with either
            // strategy, so batching is unchanged; the parallel strategy's tasks per field only cost CPU (measured in
            // docs/benchmarks.md). On Neo4j a level's node and link loads now follow each other instead of overlapping.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddGraphTypes(typeof(KnowledgeGraphSchema).Assembly)
            // Chinese stays Chinese in responses instead of \uXXXX escapes.
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All))
            .AddErrorInfoProvider(_ => new KnowledgeGraphErrorInfoProvider(new ErrorInfoProviderOptions
            {
                ExposeExceptionDetails = environment.IsDevelopment(),
            }))
            .AddComplexityLimits()
            // Also for cached documents: who may run a document depends on the request, not the document.
            .AddValidationRule<AuthorizationValidationRule>(useForCachedDocuments: true)
            .ConfigureExecution<GraphQLDocumentCache>()
            .AddSchemaVisitor<RequiredRoleSchemaVisitor>()
            .AddUnhandledExceptionHandler(LogUnhandled));

        // Repeated documents are checked for each request without walking them again (see GraphQLDocumentCache).
        services.AddSingleton<IDocumentValidator, CachedDocumentValidator>();
        services.AddSingleton<IDocumentBuilder, DepthLimitedDocumentBuilder>();
        services.AddGraphQLHttp<KnowledgeGraphSchema>();
        services.AddGraphQLStream<KnowledgeGraphSchema>();
        services.AddGraphLoaders();
        return services;
    }

    /// <summary>
    /// The complexity analyzer with the configured depth and complexity limits, as AddComplexityAnalyzer sets it up but
    /// also for cached documents: <c>first: $n</c> makes a document's complexity depend on its variables.
    /// </summary>
    private static IGraphQLBuilder AddComplexityLimits(this IGraphQLBuilder graphQL)
    {
        graphQL.Services.Configure<ComplexityOptions>((complexity, provider) =>
        {
            var limits = provider.GetRequiredService<IOptions<GraphQLHostOptions>>().Value;
            // Both limits are checked after the analysis, where the schema's introspection may pass (QueryLimits).
            complexity.MaxDepth = null;
            complexity.MaxComplexity = null;
            complexity.ValidateComplexityDelegate = QueryLimits.Check(limits.MaxDepth, limits.MaxComplexity);
        });
        return graphQL.AddValidationRule<RequestCostRule>(useForCachedDocuments: true);
    }

    private static void LogUnhandled(UnhandledExceptionContext context)
    {
        // Domain errors are the user's to fix and are already in the response; only the unexpected is logged.
        if (context.OriginalException is DomainException and not StoreUnavailableException)
            return;
        var logger = context.Context?.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("KnowledgeGraph.Api.GraphQL");
        if (logger is not null)
            LogResolverFailure(logger, context.Context?.Operation.Name?.StringValue ?? "(anonymous)", context.OriginalException);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL operation {GraphQLOperation} failed unexpectedly")]
    private static partial void LogResolverFailure(ILogger logger, string graphQLOperation, Exception exception);
}
