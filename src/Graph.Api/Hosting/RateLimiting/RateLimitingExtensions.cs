using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace KnowledgeGraph.Api.Hosting.RateLimiting;

/// <summary>Per-client request limits (configuration section "RateLimit").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Requests a client may send per second, sustained; 0 turns the limit off.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a client may send at once after a quiet spell (the bucket's size).</summary>
    public int Burst { get; set; } = 100;
}

/// <summary>
/// ASP.NET Core's rate limiter in front of everything but the health checks: a token bucket per client — the token's
/// subject when the request carries a valid one, else the remote address — answering <c>429</c> with <c>Retry-After</c>
/// and a GraphQL error <c>RATE_LIMITED</c>.
/// </summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddGraphRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (options.PermitsPerSecond < 0 || options.Burst < 0)
            throw new InvalidOperationException("RateLimit:PermitsPerSecond and RateLimit:Burst must be zero or more.");
        services.AddSingleton(options);
        if (options.PermitsPerSecond == 0)
            return services;

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(options.Burst, options.PermitsPerSecond),
                        TokensPerPeriod = options.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Limits requests when a limit is configured (after authentication, which tells clients apart).</summary>
    public static IApplicationBuilder UseGraphRateLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<RateLimitOptions>().PermitsPerSecond > 0 ? app.UseRateLimiter() : app;
    }

    private static string ClientOf(HttpContext http) =>
        Roles.IsAuthenticated(http.User) && (http.User.FindFirst("sub") ?? http.User.FindFirst(ClaimTypes.NameIdentifier)) is { } subject
            ? "subject:" + subject.Value
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsJsonAsync(new
        {
            errors = new[]
            {
                new
                {
                    message = $"Too many requests from this client: at most {context.HttpContext.RequestServices.GetRequiredService<RateLimitOptions>().PermitsPerSecond} a second are allowed. Retry after {seconds} s.",
                    extensions = new { code = ApiErrorCodes.RateLimited },
                },
            },
        }, cancellationToken).ConfigureAwait(false);
    }
}
