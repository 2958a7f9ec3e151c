using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace KnowledgeGraph.Api.Hosting.Errors;

/// <summary>A GraphQL-over-HTTP request that is refused before execution (bad body, size, media type, method).</summary>
public sealed class GraphQLRequestRefusedError : ExecutionError
{
    public GraphQLRequestRefusedError(string code, string message) : base(message)
    {
        Code = code;
    }
}

/// <summary>The document is nested deeper than the parser reads.</summary>
public sealed class QueryTooDeepError : DocumentError
{
    public QueryTooDeepError(string message, Exception inner) : base(message, inner)
    {
        Code = ApiErrorCodes.QueryTooDeep;
    }
}

/// <summary>An operation this server cannot run here (a subscription over the plain HTTP endpoint).</summary>
public sealed class UnsupportedOperationError : ValidationError
{
    public UnsupportedOperationError(ROM originalQuery, string code, string message, ASTNode node)
        : base(originalQuery, null, message, node)
    {
        Code = code;
    }
}

/// <summary>The document asks for something the user may not do: refused before anything executes.</summary>
public sealed class AuthorizationError : ValidationError
{
    public AuthorizationError(ROM originalQuery, string code, string message, ASTNode node)
        : base(originalQuery, null, message, node)
    {
        Code = code;
    }
}

/// <summary>A field the user may not read: it resolves to null with this error at its path, and the rest of the query goes on.</summary>
public sealed class FieldForbiddenError : ExecutionError
{
    public FieldForbiddenError(string message) : base(message)
    {
        Code = ApiErrorCodes.Forbidden;
    }
}
