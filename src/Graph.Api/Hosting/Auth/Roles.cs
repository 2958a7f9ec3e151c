using System.Security.Claims;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Hosting.Auth;

/// <summary>The roles a bearer token can carry.</summary>
public static class Roles
{
    /// <summary>May run mutations: write filings, challenges, pairings, contracts.</summary>
    public const string Editor = "editor";

    /// <summary>May read confidential figures (revenue, R&amp;D expenditure, employees).</summary>
    public const string Analyst = "analyst";

    /// <summary>Holds every role.</summary>
    public const string Admin = "admin";

    /// <summary>The roles a token can be minted with.</summary>
    public static readonly IReadOnlyList<string> All = [Editor, Analyst, Admin];

    /// <summary>Whether the user holds the role, directly or as an admin.</summary>
    public static bool Has(ClaimsPrincipal? user, string role) =>
        user is not null && (user.IsInRole(role) || user.IsInRole(Admin));

    /// <summary>The regions the user's token is scoped to; everywhere when it carries none.</summary>
    public static Jurisdiction JurisdictionOf(ClaimsPrincipal? user) =>
        Jurisdiction.Of(user?.FindAll(AuthenticationExtensions.RegionClaimType).Select(c => c.Value));

    /// <summary>Whether the request carried a valid token.</summary>
    public static bool IsAuthenticated(ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true;
}
