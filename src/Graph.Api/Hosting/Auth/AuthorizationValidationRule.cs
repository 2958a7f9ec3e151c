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
public sealed class AuthorizationValidationRule : ValidationRuleBase
{
    /// <summary>The <see cref="ExecutionOptions.UserContext"/> entry that says why a presented token was rejected.</summary>
    public const string AuthFailureKey = "authFailure";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(new Visitor());

    private sealed class Visitor : INodeVisitor
    {
        private int _otherOperationDepth;

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLOperationDefinition operation)
            {
                if (!ReferenceEquals(operation, context.Operation))
                    _otherOperationDepth++;
                else if (operation.Operation == OperationType.Mutation)
                    Require(context, operation, "Mutations need", [Roles.Editor]);
            }
            else if (node is GraphQLField field && _otherOperationDepth == 0)
            {
                CheckField(context, field);
            }
            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLOperationDefinition operation && !ReferenceEquals(operation, context.Operation))
                _otherOperationDepth--;
            return default;
        }

        private static void CheckField(ValidationContext context, GraphQLField field)
        {
            if (context.TypeInfo.GetFieldDef() is not { } definition || context.TypeInfo.GetParentType() is not { } parent)
                return;
            var coordinate = $"{parent.Name}.{definition.Name}";
            if (parent.IsAuthorizationRequired())
                RequireMarked(context, field, $"Type '{parent.Name}' needs", parent);
            if (definition.IsAuthorizationRequired())
                RequireMarked(context, field, $"Field '{coordinate}' needs", definition);
        }

        // subjectNeeds reads as the start of the message: "Field 'Query.x' needs".
        private static void RequireMarked(ValidationContext context, ASTNode node, string subjectNeeds, IMetadataReader marked)
        {
            if (marked.GetPolicies() is { Count: > 0 } policies)
            {
                // Policies need ASP.NET's authorization service; refusing is safer than ignoring them.
                Report(context, node, ApiErrorCodes.Forbidden, $"{subjectNeeds} the policy {string.Join(", ", policies)}, which this server does not evaluate.");
                return;
            }
            Require(context, node, subjectNeeds, marked.GetRoles() ?? []);
        }

        private static void Require(ValidationContext context, ASTNode node, string subjectNeeds, List<string> roles)
        {
            var user = context.User;
            if (!Roles.IsAuthenticated(user))
            {
                var needs = roles.Count == 0 ? "a bearer token" : $"a bearer token with the role {Quote(roles)}";
                var why = context.UserContext.TryGetValue(AuthFailureKey, out var failure) && failure is string reason
                    ? $"; {reason}"
                    : "; the request has none";
                Report(context, node, ApiErrorCodes.Unauthenticated, $"{subjectNeeds} {needs}{why}.");
                return;
            }
            if (roles.Count > 0 && !roles.Any(role => Roles.Has(user, role)))
                Report(context, node, ApiErrorCodes.Forbidden, $"{subjectNeeds} the role {Quote(roles)}, which the token does not carry.");
        }

        private static string Quote(IEnumerable<string> roles) => string.Join(" or ", roles.Select(r => $"'{r}'"));

        private static void Report(ValidationContext context, ASTNode node, string code, string message) =>
            context.ReportError(new AuthorizationError(context.Document.Source, code, message, node));
    }
}
