using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQL.Validation.Errors.Custom;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Api.Hosting.Errors;

/// <summary>
/// The one place that turns errors into GraphQL errors with a stable <c>extensions.code</c>: domain errors keep
/// their code and message, parse and validation errors get GRAPHQL_* codes (the specific rule in
/// <c>extensions.rule</c>), and anything unexpected becomes INTERNAL_SERVER_ERROR with details only in Development.
/// </summary>
public sealed class KnowledgeGraphErrorInfoProvider(ErrorInfoProviderOptions options) : ErrorInfoProvider(options)
{
    private readonly bool _exposeDetails = options.ExposeExceptionDetails;

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        var (code, message, rule) = Classify(executionError);
        // A store's failure names its file or server and the statement that failed: logged, shown only in Development.
        if (code == ErrorCodes.StoreUnavailable && !_exposeDetails)
            message = "The graph store could not answer this request; the failure is logged. Try again later.";
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (rule is not null)
            extensions["rule"] = rule;
        if (executionError is ValidationError { Number: { } number })
            extensions["specSection"] = number;
        if (_exposeDetails && executionError.InnerException is { } inner)
            extensions["details"] = inner.ToString();
        if (executionError.Extensions is { Count: > 0 } own)
        {
            foreach (var (key, value) in own)
                extensions[key] = value;
        }
        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    /// <summary>The stable code of an error, as the response will carry it.</summary>
    public static string CodeOf(ExecutionError error) => Classify(error).Code;

    private static (string Code, string Message, string? Rule) Classify(ExecutionError error)
    {
        if (FindDomainException(error) is { } domain)
            return (domain.Code, domain.Message, null);

        return error switch
        {
            GraphQLRequestRefusedError or AuthorizationError or FieldForbiddenError or QueryTooDeepError or UnsupportedOperationError => (error.Code!, error.Message, null),
            ComplexityError => (ApiErrorCodes.QueryTooComplex, error.Message, null),
            SyntaxError => (ApiErrorCodes.ParseFailed, error.Message, null),
            ValidationError => (ApiErrorCodes.ValidationFailed, error.Message, error.Code),
            TimeoutError => (ApiErrorCodes.Timeout, error.Message, null),
            DocumentError or RequestError => (ApiErrorCodes.BadRequest, error.Message, error.Code),
            UnhandledError => (ApiErrorCodes.InternalServerError, error.Message, null),
            _ when error.InnerException is not null => (ApiErrorCodes.InternalServerError, error.Message, null),
            _ => (error.Code ?? ApiErrorCodes.InternalServerError, error.Message, null),
        };
    }

    private static DomainException? FindDomainException(ExecutionError error)
    {
        for (Exception? current = error.InnerException; current is not null; current = current.InnerException)
        {
            if (current is DomainException domain)
                return domain;
        }
        return null;
    }
}
