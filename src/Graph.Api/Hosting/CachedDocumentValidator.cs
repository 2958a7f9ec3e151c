using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Cost;
using KnowledgeGraph.Api.Hosting.Errors;
using Microsoft.Extensions.Options;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>
/// graphql-dotnet's document validator, with a shorter path for an operation of a document from
/// <see cref="GraphQLDocumentCache"/> that validated before (<see cref="PreparedOperation"/>): the user is checked against
/// its <see cref="AccessRequirements"/>, the variables and arguments are parsed by graphql-dotnet's own coercion, and the
/// complexity limits are measured with this request's arguments — the same checks, errors and results as graphql-dotnet's
/// validation with the rules kept for cached documents, without any of its walks over the document but complexity's.
/// </summary>
internal sealed class CachedDocumentValidator(ComplexityOptions complexity, IOptions<GraphQLHostOptions> limits) : IDocumentValidator
{
    /// <summary>
    /// The <see cref="GraphQL.ExecutionOptions.UserContext"/> entry that asks for the shorter path, holding the
    /// <see cref="PreparedOperation"/>; its validation rules must be none.
    /// </summary>
    public const string PreparedOperationKey = "preparedOperation";

    private readonly DocumentValidator _validator = new();
    private readonly RequestCostRule _complexity = new(complexity);

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        // A subscription streams, so it is answered over Server-Sent Events only; elsewhere graphql-dotnet would fail on it
        // while executing, as if it were the server's fault.
        if (options.Operation.Operation == OperationType.Subscription && !options.UserContext.ContainsKey(Http.GraphQLSseEndpoint.StreamKey))
        {
            return Task.FromResult<IValidationResult>(new ValidationResult([new UnsupportedOperationError(options.Document.Source,
                ApiErrorCodes.SubscriptionsNotSupported,
                "Subscriptions are served over Server-Sent Events at /graphql/stream (the graphql-sse protocol), not here: send queries and mutations to this endpoint.",
                options.Operation)]));
        }
        return options.UserContext.TryGetValue(PreparedOperationKey, out var entry) && entry is PreparedOperation prepared
            ? ValidatePreparedAsync(options, prepared)
            : ValidateNewAsync(options);
    }

    private Task<IValidationResult> ValidateNewAsync(in ValidationOptions options)
    {
        if (DocumentSize.Check(options.Document, limits.Value.MaxSelections) is { } tooLarge)
            return Task.FromResult<IValidationResult>(new ValidationResult([tooLarge]));
        return _validator.ValidateAsync(options);
    }

    private async Task<IValidationResult> ValidatePreparedAsync(ValidationOptions options, PreparedOperation prepared)
    {
        options.Schema.Initialize();
        var refused = prepared.Requirements.Check(options.Document, options.User, options.UserContext).ToList();
        if (refused.Count > 0)
            return new ValidationResult(refused);

        var context = prepared.Rent(options);
        try
        {
            var result = await prepared.ParseAsync(context).ConfigureAwait(false);
            if (!result.IsValid)
                return result;
            await _complexity.CheckAsync(context, prepared).ConfigureAwait(false);
            return context.HasErrors
                ? new ValidationResult(context.Errors) { Variables = result.Variables, ArgumentValues = result.ArgumentValues, DirectiveValues = result.DirectiveValues }
                : result;
        }
        finally
        {
            prepared.Return(context);
        }
    }
}
