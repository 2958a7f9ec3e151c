using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using KnowledgeGraph.Api.Hosting.Errors;

namespace KnowledgeGraph.Api.Hosting.Auth;

/// <summary>
/// Refuses, before anything executes, what the user may not do: a mutation without the <c>editor</c> role,
/// and any type or field marked with graphql-dotnet's <c>Authorize</c>/<c>AuthorizeWithRoles</c> without one of
/// its roles. No token (or a rejected one) gives UNAUTHENTICATED; a token without the role gives FORBIDDEN.
/// </summary>
/// <remarks>
/// What an operation needs depends on the document alone and is collected once, as <see cref="AccessRequirements"/>;
/// who the user is, on the request. The rule collects and checks in one pass, and leaves the requirements in the
/// request's user context (<see cref="RequirementsKey"/>) so that the document cache can check a repeated document
/// without walking it again.
/// </remarks>
public sealed class AuthorizationValidationRule : ValidationRuleBase
{
    /// <summary>The <see cref="ExecutionOptions.UserContext"/> entry that says why a presented token was rejected.</summary>
    public const string AuthFailureKey = "authFailure";

    /// <summary>The <see cref="ExecutionOptions.UserContext"/> entry where the rule leaves the operation's requirements.</summary>
    public const string RequirementsKey = "accessRequirements";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(new Visitor());

    private sealed class Visitor : INodeVisitor
    {
        private readonly List<AccessRequirement> _requirements = [];
        private int _otherOperationDepth;

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLOperationDefinition operation)
            {
                if (!ReferenceEquals(operation, context.Operation))
                    _otherOperationDepth++;
                else if (operation.Operation == OperationType.Mutation)
                    _requirements.Add(new(operation, "Mutations need", [Roles.Editor], null));
            }
            else if (node is GraphQLField field && _otherOperationDepth == 0)
            {
                AddFieldRequirements(context, field);
            }
            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLOperationDefinition operation && !ReferenceEquals(operation, context.Operation))
                _otherOperationDepth--;
            if (node is GraphQLDocument)
            {
                var requirements = new AccessRequirements(_requirements);
                context.UserContext[RequirementsKey] = requirements;
                foreach (var error in requirements.Check(context.Document, context.User, context.UserContext))
                    context.ReportError(error);
            }
            return default;
        }

        private void AddFieldRequirements(ValidationContext context, GraphQLField field)
        {
            if (context.TypeInfo.GetFieldDef() is not { } definition || context.TypeInfo.GetParentType() is not { } parent)
                return;
            if (parent.IsAuthorizationRequired())
                _requirements.Add(AccessRequirement.Of(field, $"Type '{parent.Name}' needs", parent));
            if (definition.IsAuthorizationRequired())
                _requirements.Add(AccessRequirement.Of(field, $"Field '{parent.Name}.{definition.Name}' needs", definition));
        }
    }
}

/// <summary>
/// One thing an operation needs: at <paramref name="Node"/>, a token with one of <paramref name="Roles"/> (any token
/// when there are none), or <paramref name="Policies"/>, which this server does not evaluate and so always refuses.
/// <paramref name="SubjectNeeds"/> starts the message: "Field 'Query.x' needs".
/// </summary>
public sealed record AccessRequirement(ASTNode Node, string SubjectNeeds, IReadOnlyList<string> Roles, IReadOnlyList<string>? Policies)
{
    /// <summary>What a type or field marked with <c>Authorize</c>/<c>AuthorizeWithRoles</c> needs.</summary>
    public static AccessRequirement Of(ASTNode node, string subjectNeeds, IMetadataReader marked) =>
        marked.GetPolicies() is { Count: > 0 } policies
            ? new(node, subjectNeeds, [], [.. policies])
            : new(node, subjectNeeds, [.. marked.GetRoles() ?? []], null);
}

/// <summary>What one operation of a document needs, in document order; checked against each request's user.</summary>
public sealed class AccessRequirements(IReadOnlyList<AccessRequirement> requirements)
{
    /// <summary>The errors for a user who lacks what the operation needs, in document order; none when nothing is missing.</summary>
    public IEnumerable<ValidationError> Check(GraphQLDocument document, ClaimsPrincipal? user, IDictionary<string, object?> userContext)
    {
        foreach (var requirement in requirements)
        {
            if (Refusal(requirement, user, userContext) is { } refusal)
                yield return new AuthorizationError(document.Source, refusal.Code, refusal.Message, requirement.Node);
        }
    }

    private static (string Code, string Message)? Refusal(AccessRequirement requirement, ClaimsPrincipal? user, IDictionary<string, object?> userContext)
    {
        var (_, subjectNeeds, roles, policies) = requirement;
        // Policies need ASP.NET's authorization service; refusing is safer than ignoring them.
        if (policies is not null)
            return (ApiErrorCodes.Forbidden, $"{subjectNeeds} the policy {string.Join(", ", policies)}, which this server does not evaluate.");
        if (!Auth.Roles.IsAuthenticated(user))
        {
            var needs = roles.Count == 0 ? "a bearer token" : $"a bearer token with the role {Quote(roles)}";
            var why = userContext.TryGetValue(AuthorizationValidationRule.AuthFailureKey, out var failure) && failure is string reason
                ? $"; {reason}"
                : "; the request has none";
            return (ApiErrorCodes.Unauthenticated, $"{subjectNeeds} {needs}{why}.");
        }
        if (roles.Count > 0 && !roles.Any(role => Auth.Roles.Has(user, role)))
            return (ApiErrorCodes.Forbidden, $"{subjectNeeds} the role {Quote(roles)}, which the token does not carry.");
        return null;
    }

    private static string Quote(IEnumerable<string> roles) => string.Join(" or ", roles.Select(r => $"'{r}'"));
}
