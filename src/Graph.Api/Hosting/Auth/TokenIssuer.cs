using System.Security.Claims;
using KnowledgeGraph.Domain.Reference;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KnowledgeGraph.Api.Hosting.Auth;

/// <summary>Mints bearer tokens signed with the configured key: for the <c>token</c> verb and the tests.</summary>
public static class TokenIssuer
{
    /// <summary>
    /// A signed JWT for this subject with these roles, valid for the given time; with regions (GB/T 2260 codes), its holder
    /// writes and reads confidential figures only inside them.
    /// </summary>
    public static string Issue(AuthOptions options, string subject, IEnumerable<string> roles, TimeSpan lifetime, TimeProvider? clock = null, IEnumerable<string>? regions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown role {string.Join(", ", unknown)}: roles are {string.Join(", ", Roles.All)}.", nameof(roles));

        var scoped = regions?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (scoped.FirstOrDefault(r => Regions.Find(r) is null) is { } unknownRegion)
            throw new ArgumentException($"Unknown region '{unknownRegion}': give a GB/T 2260 code of the shipped regions, e.g. 450200 (柳州市).", nameof(regions));
        // An admin repairs data anywhere; scoping one would be a promise the verbs import and migrate do not keep.
        if (scoped.Count > 0 && roles.Contains(Roles.Admin))
            throw new ArgumentException($"A token with the role '{Roles.Admin}' cannot be scoped to regions: give editor or analyst.", nameof(regions));

        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject) };
        claims.AddRange(roles.Distinct().Select(r => new Claim(AuthenticationExtensions.RoleClaimType, r)));
        claims.AddRange(scoped.Select(r => new Claim(AuthenticationExtensions.RegionClaimType, r)));
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
