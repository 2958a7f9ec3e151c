namespace KnowledgeGraph.Api.Hosting.Errors;

/// <summary>
/// The stable <c>extensions.code</c> values the API adds to the domain's own
/// (<see cref="KnowledgeGraph.Domain.Errors.ErrorCodes"/>). docs/graphql-over-http.md lists them all.
/// </summary>
public static class ApiErrorCodes
{
    /// <summary>The document is not valid GraphQL syntax.</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document does not fit the schema, or the variables do not fit the document.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>The document is deeper or more complex than the configured limits.</summary>
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";

    /// <summary>The document is nested deeper than the parser reads (a few hundred levels).</summary>
    public const string QueryTooDeep = "QUERY_TOO_DEEP";

    /// <summary>A subscription: this server has none to offer on its HTTP endpoint.</summary>
    public const string SubscriptionsNotSupported = "SUBSCRIPTIONS_NOT_SUPPORTED";

    /// <summary>The operation needs a valid bearer token and the request has none.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>The token lacks the role the operation or field needs.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The HTTP request is not a well-formed GraphQL-over-HTTP request.</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>The request body or query string is over the configured size.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The POST body is not <c>application/json</c> in UTF-8.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>The client accepts neither <c>application/graphql-response+json</c> nor <c>application/json</c>.</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    /// <summary>The HTTP method is not allowed (any method but GET and POST; a mutation over GET).</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>The client sent more requests than its rate limit allows; <c>Retry-After</c> says when to try again.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>Execution took longer than allowed.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>Anything unexpected; details are logged, and shown only in Development.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
}
