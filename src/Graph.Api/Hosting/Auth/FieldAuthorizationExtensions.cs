using GraphQL.Types;

namespace KnowledgeGraph.Api.Hosting.Auth;

/// <summary>
/// Marks fields that only some roles may read. Such a field resolves to null for everyone else, with a
/// FORBIDDEN error at its path, while the rest of the query succeeds. The field must be nullable.
/// For whole operations or fields that must be refused outright, use graphql-dotnet's
/// <c>AuthorizeWithRoles</c>, which <see cref="AuthorizationValidationRule"/> enforces before execution.
/// </summary>
public static class FieldAuthorizationExtensions
{
    internal const string RequiredRoleKey = "KnowledgeGraph.RequiredRole";
    internal const string WithinJurisdictionKey = "KnowledgeGraph.WithinJurisdiction";

    /// <summary>Only tokens with this role (or admin) read this field; others get null and a FORBIDDEN error.</summary>
    public static TMetadataWriter RequireRole<TMetadataWriter>(this TMetadataWriter field, string role)
        where TMetadataWriter : IFieldMetadataWriter
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        field.Metadata[RequiredRoleKey] = role;
        return field;
    }

    /// <summary>
    /// A confidential figure (<c>PropertyDefinition.Confidential</c>): only analysts read it, and a token scoped to regions
    /// only on nodes located inside them.
    /// </summary>
    public static TMetadataWriter Confidential<TMetadataWriter>(this TMetadataWriter field)
        where TMetadataWriter : IFieldMetadataWriter
    {
        field.Metadata[WithinJurisdictionKey] = true;
        return field.RequireRole(Roles.Analyst);
    }

    /// <summary>Whether a token scoped to regions reads this field only on nodes inside them.</summary>
    public static bool IsWithinJurisdiction(this FieldType field) => field.GetMetadata(WithinJurisdictionKey, false);

    /// <summary>The role this field needs, or null when anyone may read it.</summary>
    public static string? GetRequiredRole(this FieldType field) => field.GetMetadata<string?>(RequiredRoleKey);
}
