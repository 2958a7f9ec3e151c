using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KnowledgeGraph.Api.Hosting.Auth;

/// <summary>JWT bearer authentication with roles; anonymous requests pass through and read public data.</summary>
public static partial class AuthenticationExtensions
{
    /// <summary>The claim that carries a role in our tokens.</summary>
    public const string RoleClaimType = "role";

    /// <summary>The claim that carries a region (GB/T 2260 code) a token is scoped to; repeated for several.</summary>
    public const string RegionClaimType = "region";

    /// <summary>The HttpContext item that holds why a presented token was rejected.</summary>
    public const string FailureItem = "KnowledgeGraph.AuthFailure";

    public static IServiceCollection AddGraphAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);

        // Without a configured key no token can validate: a random key nobody knows makes that explicit.
        SymmetricSecurityKey key;
        try
        {
            key = options.HasSigningKey ? options.GetSecurityKey() : new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        }
        catch (InvalidOperationException e)
        {
            throw new StartupConfigurationException(e.Message);
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = JwtRegisteredClaimNames.Sub,
                    RoleClaimType = RoleClaimType,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnAuthenticationFailed = context =>
                    {
                        context.HttpContext.Items[FailureItem] = DescribeFailure(context.Exception);
                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization();
        services.AddHostedService<SigningKeyCheck>();
        return services;
    }

    // Says why without echoing the token or the key.
    private static string DescribeFailure(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the token's signature does not match this server's key",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token is from another issuer",
        SecurityTokenMalformedException => "the token is malformed",
        _ => "the token was rejected",
    };

    /// <summary>Says at start whether tokens can be validated.</summary>
    private sealed partial class SigningKeyCheck(Microsoft.Extensions.Options.IOptions<AuthOptions> options, ILogger<SigningKeyCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.HasSigningKey)
                LogNoSigningKey(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:SigningKey is not configured: bearer tokens can be neither minted nor validated, so only anonymous reads of public data work")]
        private static partial void LogNoSigningKey(ILogger logger);
    }
}
