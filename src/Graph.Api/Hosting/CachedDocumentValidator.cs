using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using KnowledgeGraph.Api.Hosting.Auth;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>
/// graphql-dotnet's document validator, with a shorter path for a document from <see cref="GraphQLDocumentCache"/> whose
/// operation's <see cref="AccessRequirements"/> are known: the user is checked against them, the variables and arguments
/// are parsed as usual, and the complexity limits are measured with this request's arguments — the same checks as the
/// rules that run for cached documents, without the walk over the document that running any rule takes.
/// </summary>
internal sealed class CachedDocumentValidator(ComplexityOptions complexity) : IDocumentValidator
{
    /// <summary>
    /// The <see cref="GraphQL.ExecutionOptions.UserContext"/> entry that asks for the shorter path, holding the operation's
    /// requirements; its validation rules must be none.
    /// </summary>
    public const string CachedRequirementsKey = "cachedAccessRequirements";

    private readonly DocumentValidator _validator = new();
    private readonly RequestComplexity _complexity = new(complexity);

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options) =>
        options.UserContext.TryGetValue(CachedRequirementsKey, out var entry) && entry is AccessRequirements requirements
            ? ValidateCachedAsync(options, requirements)
            : _validator.ValidateAsync(options);

    private async Task<IValidationResult> ValidateCachedAsync(ValidationOptions options, AccessRequirements requirements)
    {
        var refused = requirements.Check(options.Document, options.User, options.UserContext).ToList();
        if (refused.Count > 0)
            return new ValidationResult(refused);

        var result = await _validator.ValidateAsync(options).ConfigureAwait(false);
        if (!result.IsValid)
            return result;

        var arguments = result.ArgumentValues switch
        {
            null => null,
            Dictionary<GraphQLField, IDictionary<string, GraphQL.Execution.ArgumentValue>> parsed => parsed,
            var other => other.ToDictionary(),
        };
        var context = new ValidationContext
        {
            Schema = options.Schema,
            Document = options.Document,
            Operation = options.Operation,
            TypeInfo = new TypeInfo(options.Schema),
            UserContext = options.UserContext,
            User = options.User,
            RequestServices = options.RequestServices,
            Variables = options.Variables,
            Extensions = options.Extensions,
            Metrics = options.Metrics,
            CancellationToken = options.CancellationToken,
            ArgumentValues = arguments,
            DirectiveValues = result.DirectiveValues?.ToDictionary(),
        };
        await _complexity.CheckAsync(context).ConfigureAwait(false);
        return context.HasErrors
            ? new ValidationResult(context.Errors) { Variables = result.Variables, ArgumentValues = result.ArgumentValues, DirectiveValues = result.DirectiveValues }
            : result;
    }

    /// <summary>The complexity rule's own measure and limits, run on a document that was walked already.</summary>
    private sealed class RequestComplexity(ComplexityOptions options) : ComplexityValidationRule(options)
    {
        public async ValueTask CheckAsync(ValidationContext context)
        {
            var (total, depth) = await CalculateComplexityAsync(context).ConfigureAwait(false);
            await ValidateComplexityAsync(context, total, depth).ConfigureAwait(false);
        }
    }
}
