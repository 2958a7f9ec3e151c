using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Errors;
using Microsoft.Extensions.Options;

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
        return services.AddSingleton<GraphQLSseHandler<TSchema>>();
    }
}

/// <summary>One event stream: the messages to write, in order, and the operations running onto it.</summary>
internal sealed class EventStream(string? token)
{
    readonly Channel<string> _messages = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    int _open;

    /// <summary>The reservation's token; null for a distinct connection.</summary>
    public string? Token { get; } = token;

    /// <summary>When it was reserved (a reservation never connected to is given up).</summary>
    public DateTimeOffset Reserved { get; } = DateTimeOffset.UtcNow;

    /// <summary>Whether a connection has taken the stream.</summary>
    public bool IsOpen => Volatile.Read(ref _open) == 1;

    /// <summary>The running operations by id; each is stopped by disposing it.</summary>
    public ConcurrentDictionary<string, IDisposable> Operations { get; } = new(StringComparer.Ordinal);

    /// <summary>The messages to write.</summary>
    public ChannelReader<string> Messages => _messages.Reader;

    /// <summary>Takes the stream for a connection; false when another already has it.</summary>
    public bool TryOpen() => Interlocked.CompareExchange(ref _open, 1, 0) == 0;

    /// <summary>Queues an event.</summary>
    public void Send(string @event, string data) => _messages.Writer.TryWrite($"event: {@event}\ndata: {data}\n\n");

    /// <summary>Queues a comment that keeps the connection alive.</summary>
    public void Ping() => _messages.Writer.TryWrite(":\n\n");

    /// <summary>Ends the stream once what is queued has been written.</summary>
    public void End() => _messages.Writer.TryComplete();

    /// <summary>Stops every operation and ends the stream.</summary>
    public void Close()
    {
        foreach (var id in Operations.Keys)
        {
            if (Operations.TryRemove(id, out var operation)) operation.Dispose();
        }
        End();
    }
}

/// <summary>The single-connection reservations, by token.</summary>
internal sealed class EventStreams
{
    // A reservation that no connection takes within this time is given up, so abandoned ones do not pile up.
    static readonly TimeSpan Unclaimed = TimeSpan.FromMinutes(5);

    readonly ConcurrentDictionary<string, EventStream> _streams = new(StringComparer.Ordinal);

    public EventStream? Find(string? token) => token is not null && _streams.TryGetValue(token, out var stream) ? stream : null;

    public EventStream Reserve()
    {
        foreach (var (token, stale) in _streams)
        {
            if (!stale.IsOpen && DateTimeOffset.UtcNow - stale.Reserved > Unclaimed && _streams.TryRemove(token, out var removed)) removed.Close();
        }
        var stream = new EventStream(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        _streams[stream.Token!] = stream;
        return stream;
    }

    public void Remove(EventStream stream)
    {
        if (stream.Token is not null) _streams.TryRemove(stream.Token, out _);
    }
}

/// <summary>Handles one request to the stream endpoint.</summary>
internal sealed class GraphQLSseHandler<TSchema>(
    IDocumentExecuter<TSchema> executer,
    IGraphQLTextSerializer serializer,
    EventStreams streams,
    IServiceScopeFactory scopes,
    IOptions<GraphQLHostOptions> options)
    where TSchema : ISchema
{
    const string EventStreamType = "text/event-stream";
    static readonly JsonSerializerOptions ErrorJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(12);
    readonly GraphQLHostOptions _limits = options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        var token = http.Request.Headers[GraphQLSseEndpoint.TokenHeader].FirstOrDefault() ?? http.Request.Query["token"].FirstOrDefault();
        var accept = http.Request.Headers.Accept.ToString();
        var method = http.Request.Method;

        if (accept.Contains(EventStreamType, StringComparison.OrdinalIgnoreCase))
        {
            if (streams.Find(token) is { } reserved)
            {
                if (!reserved.TryOpen())
                {
                    await ErrorAsync(http, StatusCodes.Status409Conflict, Domain.Errors.ErrorCodes.Conflict, "The stream of this token is already open.").ConfigureAwait(false);
                    return;
                }
                try
                {
                    await PumpAsync(http, reserved).ConfigureAwait(false);
                }
                finally
                {
                    streams.Remove(reserved);
                    reserved.Close();
                }
                return;
            }
            // No reservation: a distinct connection for this one operation.
            var request = await ReadRequestAsync(http).ConfigureAwait(false);
            if (request is null) return;
            var distinct = new EventStream(null);
            Run(http, distinct, request, operationId: null, http.RequestAborted);
            await PumpAsync(http, distinct).ConfigureAwait(false);
            distinct.Close();
            return;
        }

        if (HttpMethods.IsPut(method))
        {
            var stream = streams.Reserve();
            http.Response.StatusCode = StatusCodes.Status201Created;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(stream.Token!, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var target = streams.Find(token);
        if (target is null)
        {
            await ErrorAsync(http, StatusCodes.Status404NotFound, Domain.Errors.ErrorCodes.NotFound,
                token is null
                    ? "Accept text/event-stream for a stream of one operation, or PUT to reserve a stream and send its token in the x-graphql-event-stream-token header."
                    : "There is no stream with this token: PUT to reserve one.").ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            var id = http.Request.Query["operationId"].FirstOrDefault();
            if (string.IsNullOrEmpty(id))
            {
                await ErrorAsync(http, StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, "Name the operation to stop: ?operationId=…").ConfigureAwait(false);
                return;
            }
            if (target.Operations.TryRemove(id, out var operation)) operation.Dispose();
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (!HttpMethods.IsGet(method) && !HttpMethods.IsPost(method))
        {
            http.Response.Headers.Allow = "GET, POST, PUT, DELETE";
            await ErrorAsync(http, StatusCodes.Status405MethodNotAllowed, ApiErrorCodes.MethodNotAllowed, $"{method} is not allowed on the stream endpoint.").ConfigureAwait(false);
            return;
        }

        var operationRequest = await ReadRequestAsync(http).ConfigureAwait(false);
        if (operationRequest is null) return;
        var operationId = operationRequest.Extensions?.TryGetValue("operationId", out var value) == true ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (string.IsNullOrEmpty(operationId))
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, "Give the operation an id in extensions.operationId: its events carry it.").ConfigureAwait(false);
            return;
        }
        if (target.Operations.ContainsKey(operationId))
        {
            await ErrorAsync(http, StatusCodes.Status409Conflict, Domain.Errors.ErrorCodes.Conflict, $"An operation with the id '{operationId}' is already running on this stream.").ConfigureAwait(false);
            return;
        }
        Run(http, target, operationRequest, operationId, CancellationToken.None);
        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    // Writes the stream's messages until it ends or the client leaves, with a ping every 12 seconds.
    static async Task PumpAsync(HttpContext http, EventStream stream)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        // Proxies that buffer would hold the events back.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var aborted = http.RequestAborted;
        await http.Response.WriteAsync(":\n\n", aborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
        using var pinger = new PeriodicTimer(PingEvery);
        var ping = pinger.WaitForNextTickAsync(aborted).AsTask();
        try
        {
            while (true)
            {
                var ready = stream.Messages.WaitToReadAsync(aborted).AsTask();
                if (await Task.WhenAny(ready, ping).ConfigureAwait(false) == ping)
                {
                    if (!await ping.ConfigureAwait(false)) return;
                    stream.Ping();
                    ping = pinger.WaitForNextTickAsync(aborted).AsTask();
                    await ready.ConfigureAwait(false);
                }
                if (!await ready.ConfigureAwait(false)) return;
                while (stream.Messages.TryRead(out var message))
                    await http.Response.WriteAsync(message, aborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
    }

    // Runs an operation in a scope of its own (a subscription outlives the request that started it) and sends its results.
    void Run(HttpContext http, EventStream stream, GraphQLRequest request, string? operationId, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var operation = new RunningOperation(scope, stop);
        if (operationId is not null && !stream.Operations.TryAdd(operationId, operation))
        {
            operation.Dispose();
            return;
        }
        var userContext = new Dictionary<string, object?> { [GraphQLSseEndpoint.StreamKey] = true };
        if (http.Items[AuthenticationExtensions.FailureItem] is string failure)
            userContext[AuthorizationValidationRule.AuthFailureKey] = failure;
        var user = http.User;
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await executer.ExecuteAsync(new ExecutionOptions
                {
                    Query = request.Query,
                    OperationName = request.OperationName,
                    Variables = request.Variables,
                    Extensions = request.Extensions,
                    User = user,
                    RequestServices = scope.ServiceProvider,
                    UserContext = userContext,
                    CancellationToken = stop.Token,
                }).ConfigureAwait(false);
                if (result.Streams is { Count: > 0 } results)
                {
                    operation.Attach(results.Values.First().Subscribe(new Sender(this, stream, operationId, operation)));
                    return;
                }
                Next(stream, operationId, result);
                Complete(stream, operationId, operation);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                Complete(stream, operationId, operation);
            }
        }, CancellationToken.None);
    }

    void Next(EventStream stream, string? operationId, ExecutionResult result)
    {
        var payload = serializer.Serialize(result);
        stream.Send("next", operationId is null ? payload : $"{{\"id\":{JsonSerializer.Serialize(operationId)},\"payload\":{payload}}}");
    }

    static void Complete(EventStream stream, string? operationId, RunningOperation operation)
    {
        if (operationId is null)
        {
            stream.Send("complete", "");
            stream.End();
        }
        else if (stream.Operations.TryRemove(new KeyValuePair<string, IDisposable>(operationId, operation)))
        {
            stream.Send("complete", $"{{\"id\":{JsonSerializer.Serialize(operationId)}}}");
        }
        operation.Dispose();
    }

    async Task<GraphQLRequest?> ReadRequestAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method))
        {
            var fromQuery = GraphQLHttpRequestReader.FromQueryString(http.Request.Query, serializer);
            if (fromQuery.Error is null) return fromQuery.Requests[0];
            await ErrorAsync(http, StatusCodes.Status400BadRequest, fromQuery.Error.Code ?? ApiErrorCodes.BadRequest, fromQuery.Error.Message).ConfigureAwait(false);
            return null;
        }
        if (!GraphQLMediaTypes.IsJsonRequest(http.Request.ContentType))
        {
            await ErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, $"POST {GraphQLMediaTypes.Json} (UTF-8).").ConfigureAwait(false);
            return null;
        }
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > _limits.MaxRequestBytes)
            {
                await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.RequestTooLarge, $"The request body is larger than {_limits.MaxRequestBytes} bytes.").ConfigureAwait(false);
                return null;
            }
        }
        var parsed = GraphQLHttpRequestReader.FromJsonBody(body.ToArray(), serializer, 1);
        if (parsed.Error is null && !parsed.IsBatch) return parsed.Requests[0];
        await ErrorAsync(http, StatusCodes.Status400BadRequest, parsed.Error?.Code ?? ApiErrorCodes.BadRequest, parsed.Error?.Message ?? "A stream runs one operation, not a batch.").ConfigureAwait(false);
        return null;
    }

    static async Task ErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = JsonSerializer.Serialize(new { errors = new[] { new { message, extensions = new { code } } } }, ErrorJson);
        await http.Response.WriteAsync(body, Encoding.UTF8, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Sends a subscription's results as they come.</summary>
    sealed class Sender(GraphQLSseHandler<TSchema> handler, EventStream stream, string? operationId, RunningOperation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => handler.Next(stream, operationId, value);

        public void OnError(Exception error)
        {
            handler.Next(stream, operationId, new ExecutionResult { Errors = [new ExecutionError(error.Message)] });
            Complete(stream, operationId, operation);
        }

        public void OnCompleted() => Complete(stream, operationId, operation);
    }

    /// <summary>An operation on a stream: its scope, its cancellation and, for a subscription, its subscription.</summary>
    sealed class RunningOperation(AsyncServiceScope scope, CancellationTokenSource stop) : IDisposable
    {
        int _disposed;
        IDisposable? _subscription;

        // A subscription attached after the operation was stopped is ended at once.
        public void Attach(IDisposable subscription)
        {
            Interlocked.Exchange(ref _subscription, subscription);
            if (Volatile.Read(ref _disposed) == 1) Interlocked.Exchange(ref _subscription, null)?.Dispose();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            stop.Cancel();
            Interlocked.Exchange(ref _subscription, null)?.Dispose();
            stop.Dispose();
            scope.Dispose();
        }
    }
}
