using Serilog;
using Serilog.Events;

namespace KnowledgeGraph.Api.Hosting.Logging;

/// <summary>Serilog: structured console logs, one line per request with the GraphQL operation, outcome and error codes.</summary>
public static class LoggingExtensions
{
    public static IServiceCollection AddGraphLogging(this IServiceCollection services) =>
        // Per host, not the static Log.Logger: tests run several hosts in one process.
        services.AddSerilog((provider, logger) => logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .ReadFrom.Configuration(provider.GetRequiredService<IConfiguration>())
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext()
                .WriteTo.Console(
                    // Properties absent from an event render empty: only GraphQL requests show these.
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {GraphQLOperation} {GraphQLOutcome} {GraphQLErrorCodes}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);

    /// <summary>The status logged for a request whose client went away before the response (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>
    /// One event per request: method, path (never the query string, which may hold variables), status, duration,
    /// and what the GraphQL endpoint adds (operation, outcome, error codes). Headers, and so tokens, are not logged.
    /// A request the client abandoned is logged at Information with status 499 and outcome "cancelled": it is not a
    /// failure of the service.
    /// </summary>
    public static IApplicationBuilder UseGraphRequestLogging(this IApplicationBuilder app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger, not the static one (which AddGraphLogging leaves alone).
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (http, _, exception) =>
                http.Response.StatusCode == ClientClosedRequest || (exception is null && http.RequestAborted.IsCancellationRequested)
                    ? LogEventLevel.Information
                : exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
        return app.Use(EndAbandonedRequestsAsync);
    }

    // The cancellation (or the half-read body) of a request whose client disconnected ends the request here, so that it
    // is logged as cancelled instead of escaping as an unhandled exception (500).
    private static async Task EndAbandonedRequestsAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested
            && e is OperationCanceledException or BadHttpRequestException or IOException)
        {
            if (!http.Response.HasStarted)
                http.Response.StatusCode = ClientClosedRequest;
            http.RequestServices.GetRequiredService<IDiagnosticContext>().Set("GraphQLOutcome", "cancelled");
        }
    }
}
