using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KnowledgeGraph.Api.Hosting.Auth;

/// <summary>Mints bearer tokens signed with the configured key: for the <c>token</c> verb and the tests.</summary>
public static class TokenIssuer
{
    /// <summary>A signed JWT for this subject with these roles, valid for the given time.</summary>
    public static string Issue(AuthOptions options, string subject, IEnumerable<string> roles, TimeSpan lifetime, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown role {string.Join(", ", unknown)}: roles are {string.Join(", ", Roles.All)}.", nameof(roles));

        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject) };
        claims.AddRange(roles.Distinct().Select(r => new Claim(AuthenticationExtensions.RoleClaimType, r)));
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(options.GetSecurityKey(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
