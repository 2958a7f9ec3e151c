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

    /// <summary>
    /// One event per request: method, path (never the query string, which may hold variables), status, duration,
    /// and what the GraphQL endpoint adds (operation, outcome, error codes). Headers, and so tokens, are not logged.
    /// </summary>
    public static IApplicationBuilder UseGraphRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger, not the static one (which AddGraphLogging leaves alone).
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
}
