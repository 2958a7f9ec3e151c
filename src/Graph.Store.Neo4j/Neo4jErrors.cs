using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// A failure after which the same step may succeed when tried again and is known to have changed nothing: a transient
/// Neo4j error (Neo.TransientError.*), a leader change (NotALeader), HTTP 503, a connection refused, dropped or reset.
/// </summary>
internal sealed class Neo4jTransientException(string code, string message, Exception? inner = null) : Exception($"{code}: {message}", inner)
{
    public string Code { get; } = code;
}

/// <summary>Neo4j error codes to domain errors.</summary>
internal static class Neo4jErrors
{
    public static Exception Map(string code, string message) => code switch
    {
        _ when code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) => new Neo4jTransientException(code, message),
        // A write sent to a cluster member that is no longer (or not yet) the leader changed nothing there.
        "Neo.ClientError.Cluster.NotALeader" => new Neo4jTransientException(code, message),
        "Neo.ClientError.Schema.ConstraintValidationFailed" => new ConflictException($"The write clashes with stored data: {message}"),
        _ when code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) => new StoreUnavailableException($"Neo4j refused access ({code}): {message}"),
        "Neo.ClientError.Statement.TypeError" or "Neo.ClientError.Statement.ArgumentError" or "Neo.ClientError.Statement.ArithmeticError"
            => new InvalidInputException($"Neo4j rejected a value ({code}): {message}"),
        _ => new StoreUnavailableException($"Neo4j failed ({code}): {message}"),
    };
}
