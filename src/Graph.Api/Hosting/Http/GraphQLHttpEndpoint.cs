using System.Buffers;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Errors;
using Microsoft.Extensions.Options;
using Serilog;

namespace KnowledgeGraph.Api.Hosting.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint (https://graphql.github.io/graphql-over-http/): POST JSON or GET for queries,
/// <c>application/graphql-response+json</c> or <c>application/json</c> responses with the spec's status codes,
/// optional batching; and the schema's SDL beside it. docs/graphql-over-http.md describes every rule.
/// </summary>
public static class GraphQLHttpEndpoint
{
    /// <summary>Maps the endpoint at <paramref name="pattern"/> and the SDL at <c>{pattern}/schema.graphql</c>.</summary>
    public static IEndpointRouteBuilder MapGraphQLHttp<TSchema>(this IEndpointRouteBuilder endpoints, string pattern = "/graphql")
        where TSchema : ISchema
    {
        endpoints.Map(pattern, context => context.RequestServices.GetRequiredService<GraphQLHttpHandler<TSchema>>().HandleAsync(context))
            .WithDisplayName("GraphQL");
        endpoints.MapGet(pattern.TrimEnd('/') + "/schema.graphql", (TSchema schema) =>
                Results.Text(SchemaDefinitionLanguage.Of(schema), "text/plain; charset=utf-8"))
            .WithDisplayName("GraphQL schema (SDL)");
        return endpoints;
    }

    /// <summary>Registers the endpoint's handler for a schema.</summary>
    public static IServiceCollection AddGraphQLHttp<TSchema>(this IServiceCollection services)
        where TSchema : ISchema => services.AddSingleton<GraphQLHttpHandler<TSchema>>();
}

/// <summary>The SDL of a schema, printed once.</summary>
internal static class SchemaDefinitionLanguage
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISchema, string> Printed = new();

    public static string Of(ISchema schema) => Printed.GetValue(schema, s =>
    {
        s.Initialize();
        return s.Print(new GraphQL.Utilities.PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true });
    });
}

/// <summary>Handles one HTTP request to the GraphQL endpoint.</summary>
internal sealed class GraphQLHttpHandler<TSchema>(
    IDocumentExecuter<TSchema> executer,
    IGraphQLTextSerializer serializer,
    IDocumentBuilder documentBuilder,
    IOptions<GraphQLHostOptions> options,
    IDiagnosticContext diagnostics)
    where TSchema : ISchema
{
    private readonly GraphQLHostOptions _limits = options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsPost(method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, GraphQLMediaTypes.Json, ApiErrorCodes.MethodNotAllowed,
                $"{method} is not allowed on the GraphQL endpoint: POST a JSON request, or GET with a 'query' parameter for queries.").ConfigureAwait(false);
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(http.Request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status406NotAcceptable, GraphQLMediaTypes.Json, ApiErrorCodes.NotAcceptable,
                $"The Accept header allows neither {GraphQLMediaTypes.GraphQLResponse} nor {GraphQLMediaTypes.Json}, the only media types this endpoint responds with.").ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(method))
            await HandleGetAsync(http, mediaType).ConfigureAwait(false);
        else
            await HandlePostAsync(http, mediaType).ConfigureAwait(false);
    }

    private async Task HandleGetAsync(HttpContext http, string mediaType)
    {
        if (http.Request.QueryString.Value?.Length > _limits.MaxRequestBytes)
        {
            await WriteErrorAsync(http, StatusCodes.Status414UriTooLong, mediaType, ApiErrorCodes.RequestTooLarge,
                $"The query string is {http.Request.QueryString.Value.Length} bytes long; at most {_limits.MaxRequestBytes} are allowed. POST large documents.").ConfigureAwait(false);
            return;
        }

        var parsed = GraphQLHttpRequestReader.FromQueryString(http.Request.Query, serializer);
        if (parsed.Error is not null)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, parsed.Error).ConfigureAwait(false);
            return;
        }

        var request = parsed.Requests[0];
        GraphQLDocument? document = null;
        try
        {
            document = documentBuilder.Build(request.Query!);
        }
        catch (ExecutionError)
        {
            // The executer parses again and reports the syntax error the usual way.
        }

        if (document is not null && SelectOperation(document, request.OperationName) is { Operation: not OperationType.Query } operation)
        {
            // GET must be safe: mutations (and subscriptions) only over POST.
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, ApiErrorCodes.MethodNotAllowed,
                $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET: POST it.").ConfigureAwait(false);
            return;
        }

        var result = await ExecuteAsync(http, request, document).ConfigureAwait(false);
        Describe([request], [result]);
        await WriteResultAsync(http, StatusOf(result, mediaType), mediaType, result).ConfigureAwait(false);
    }

    private async Task HandlePostAsync(HttpContext http, string mediaType)
    {
        if (!GraphQLMediaTypes.IsJsonRequest(http.Request.ContentType))
        {
            // Only JSON: form and text/plain posts are what a cross-site page can send without a preflight.
            http.Response.Headers.Accept = GraphQLMediaTypes.Json;
            var what = string.IsNullOrEmpty(http.Request.ContentType) ? "has no Content-Type" : $"is {http.Request.ContentType}";
            await WriteErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, mediaType, ApiErrorCodes.UnsupportedMediaType,
                $"The request body {what}: POST {GraphQLMediaTypes.Json} (UTF-8).").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, mediaType, ApiErrorCodes.RequestTooLarge,
                $"The request body is larger than {_limits.MaxRequestBytes} bytes, the most this endpoint accepts.").ConfigureAwait(false);
            return;
        }

        var parsed = GraphQLHttpRequestReader.FromJsonBody(body.Value, serializer, _limits.MaxBatchSize);
        if (parsed.Error is not null)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, mediaType, parsed.Error).ConfigureAwait(false);
            return;
        }

        if (!parsed.IsBatch)
        {
            var result = await ExecuteAsync(http, parsed.Requests[0], null).ConfigureAwait(false);
            Describe(parsed.Requests, [result]);
            await WriteResultAsync(http, StatusOf(result, mediaType), mediaType, result).ConfigureAwait(false);
            return;
        }

        // A batch runs in order; its status is 200 because each result carries its own errors.
        var results = new ExecutionResult[parsed.Requests.Count];
        for (var i = 0; i < results.Length; i++)
            results[i] = await ExecuteAsync(http, parsed.Requests[i], null).ConfigureAwait(false);
        Describe(parsed.Requests, results);
        await WriteResultAsync(http, StatusCodes.Status200OK, mediaType, results).ConfigureAwait(false);
    }

    private async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http)
    {
        var limit = _limits.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
            return null;

        var buffer = new ArrayBufferWriter<byte>(http.Request.ContentLength is { } length ? (int)Math.Max(length, 1) : 4096);
        var body = http.Request.Body;
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await body.ReadAsync(memory, http.RequestAborted).ConfigureAwait(false);
            if (read == 0)
                return buffer.WrittenMemory;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
                return null;
        }
    }

    private Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request, GraphQLDocument? document)
    {
        var userContext = new Dictionary<string, object?>();
        if (http.Items[AuthenticationExtensions.FailureItem] is string failure)
            userContext[AuthorizationValidationRule.AuthFailureKey] = failure;

        return executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            User = http.User,
            RequestServices = http.RequestServices,
            UserContext = userContext,
            // Cancelled when the client leaves; the budget covers parsing, validation (the cost walk checks it) and execution.
            CancellationToken = http.RequestAborted,
            Timeout = _limits.RequestTimeout,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
        });
    }

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    /// <summary>The spec's status: application/json is always 200; graphql-response+json is 200 once execution ran, else 4xx.</summary>
    internal static int StatusOf(ExecutionResult result, string mediaType)
    {
        if (mediaType == GraphQLMediaTypes.Json || result.Executed)
            return StatusCodes.Status200OK;
        var codes = result.Errors?.Select(KnowledgeGraphErrorInfoProvider.CodeOf).ToList() ?? [];
        if (codes.Contains(ApiErrorCodes.Unauthenticated))
            return StatusCodes.Status401Unauthorized;
        if (codes.Contains(ApiErrorCodes.Forbidden))
            return StatusCodes.Status403Forbidden;
        if (codes.Contains(ApiErrorCodes.Timeout))
            return StatusCodes.Status503ServiceUnavailable;
        var isRequestError = result.Errors?.All(e => e is DocumentError or RequestError or GraphQLRequestRefusedError) ?? true;
        return isRequestError ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
    }

    private void Describe(IReadOnlyList<GraphQLRequest> requests, IReadOnlyList<ExecutionResult> results)
    {
        // Names and codes only: variables may carry confidential figures, so they are never logged.
        var names = results.Select((r, i) => r.Operation?.Name?.StringValue ?? requests[i].OperationName ?? r.Operation?.Operation.ToString().ToLowerInvariant() ?? "(none)");
        diagnostics.Set("GraphQLOperation", string.Join(",", names));
        var codes = results.SelectMany(r => r.Errors ?? []).Select(KnowledgeGraphErrorInfoProvider.CodeOf).Distinct().ToArray();
        diagnostics.Set("GraphQLErrorCodes", codes);
        var outcome = codes.Length == 0 ? "ok" : results.All(r => r.Executed) ? "partial" : "failed";
        diagnostics.Set("GraphQLOutcome", outcome);
    }

    private Task WriteErrorAsync(HttpContext http, int status, string mediaType, string code, string message) =>
        WriteErrorAsync(http, status, mediaType, new GraphQLRequestRefusedError(code, message));

    private Task WriteErrorAsync(HttpContext http, int status, string mediaType, GraphQLRequestRefusedError error)
    {
        diagnostics.Set("GraphQLErrorCodes", new[] { error.Code });
        diagnostics.Set("GraphQLOutcome", "refused");
        return WriteResultAsync(http, status, mediaType, new ExecutionResult(error));
    }

    private async Task WriteResultAsync<T>(HttpContext http, int status, string mediaType, T result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        if (status == StatusCodes.Status401Unauthorized)
            http.Response.Headers.WWWAuthenticate = "Bearer";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted).ConfigureAwait(false);
    }
}
