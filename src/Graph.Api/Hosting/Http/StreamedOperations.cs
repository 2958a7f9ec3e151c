using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;

namespace KnowledgeGraph.Api.Hosting.Http;

/// <summary>
/// Runs operations onto event streams: each in a scope of its own (a subscription outlives the request that started
/// it), its results sent as <c>next</c> events and its end as <c>complete</c>.
/// </summary>
internal sealed class StreamedOperations<TSchema>(
    IDocumentExecuter<TSchema> executer,
    IGraphQLTextSerializer serializer,
    IServiceScopeFactory scopes)
    where TSchema : ISchema
{
    /// <summary>Starts an operation onto the stream; a single-connection stream keeps it under <paramref name="operationId"/>.</summary>
    public void Start(HttpContext http, EventStream stream, GraphQLRequest request, string? operationId, CancellationToken cancellationToken)
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

    /// <summary>Sends a subscription's results as they come.</summary>
    sealed class Sender(StreamedOperations<TSchema> handler, EventStream stream, string? operationId, RunningOperation operation) : IObserver<ExecutionResult>
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
