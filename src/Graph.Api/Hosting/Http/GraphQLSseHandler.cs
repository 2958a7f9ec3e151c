using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Errors;
using Microsoft.Extensions.Options;

namespace KnowledgeGraph.Api.Hosting.Http;
/// <summary>
/// Handles one request to the stream endpoint: reserves, opens and writes streams, and reads the operations to run onto
/// them (<see cref="StreamedOperations{TSchema}"/> runs them).
/// </summary>
internal sealed class GraphQLSseHandler<TSchema>(
    StreamedOperations<TSchema> operations,
    IGraphQLTextSerializer serializer,
    EventStreams streams,
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
            operations.Start(http, distinct, request, operationId: null, http.RequestAborted);
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
        operations.Start(http, target, operationRequest, operationId, CancellationToken.None);
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
}
