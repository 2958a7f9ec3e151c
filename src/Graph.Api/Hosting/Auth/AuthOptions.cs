using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace KnowledgeGraph.Api.Hosting.Auth;

/// <summary>Bearer token settings (configuration section "Auth").</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The HMAC-SHA256 key tokens are signed with: at least 32 bytes of UTF-8 text. No default outside Development.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "knowledge-graph";

    public string Audience { get; set; } = "knowledge-graph";

    /// <summary>The smallest key HMAC-SHA256 accepts.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Whether a usable key is configured.</summary>
    public bool HasSigningKey => !string.IsNullOrWhiteSpace(SigningKey);

    /// <summary>The signing key; throws when none is configured or it is too short.</summary>
    public SymmetricSecurityKey GetSecurityKey()
    {
        if (!HasSigningKey)
            throw new InvalidOperationException("Auth:SigningKey is not configured: set it (at least 32 characters) in configuration or the environment variable Auth__SigningKey.");
        var bytes = Encoding.UTF8.GetBytes(SigningKey!);
        if (bytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException($"Auth:SigningKey is {bytes.Length} bytes long; HMAC-SHA256 needs at least {MinimumKeyBytes}.");
        return new SymmetricSecurityKey(bytes);
    }
}
