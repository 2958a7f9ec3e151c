using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using KnowledgeGraph.Api.Hosting.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Hosting.Auth;

/// <summary>Wraps the resolver of every field marked with <see cref="FieldAuthorizationExtensions.RequireRole"/> in a role check.</summary>
internal sealed class RequiredRoleSchemaVisitor : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        if (field.GetRequiredRole() is not { } role)
            return;
        var coordinate = $"{type.Name}.{field.Name}";
        if (field.ResolvedType is NonNullGraphType)
            throw new InvalidOperationException($"Field '{coordinate}' requires the role '{role}' and so must be nullable: it resolves to null for other users.");
        field.Resolver = new RoleCheckingResolver(field.Resolver ?? NameFieldResolver.Instance, role, coordinate, field.IsWithinJurisdiction());
    }

    private sealed class RoleCheckingResolver(IFieldResolver inner, string role, string coordinate, bool withinJurisdiction) : IFieldResolver
    {
        // The check runs before the inner resolver, so nothing confidential is even loaded.
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
        {
            if (!Roles.Has(context.User, role))
            {
                throw new FieldForbiddenError(Roles.IsAuthenticated(context.User)
                    ? $"Field '{coordinate}' is confidential: it needs the role '{role}', which the token does not carry."
                    : $"Field '{coordinate}' is confidential: it needs a bearer token with the role '{role}'.");
            }
            if (withinJurisdiction && Roles.JurisdictionOf(context.User) is { IsScoped: true } jurisdiction)
            {
                var region = (context.Source as Node)?.Properties.Text("region");
                if (!jurisdiction.Covers(region))
                {
                    throw new FieldForbiddenError(
                        $"Field '{coordinate}' of {(context.Source as Node)?.Id} is confidential outside the regions of the token ({jurisdiction}): "
                        + $"it {(region is null ? "has no region" : $"is in {Jurisdiction.Describe(region)}")}.");
                }
            }
            return inner.ResolveAsync(context);
        }
    }
}
