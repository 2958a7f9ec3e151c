namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// The configuration a verb sees: the same sources as the server (appsettings.json, appsettings.{Environment}.json,
/// user secrets in Development, environment variables, then <c>--key=value</c> arguments).
/// </summary>
public static class CliConfiguration
{
    /// <summary>A host builder for a verb: its Configuration, Environment and Services (add the store with AddGraphStore).</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            // Verbs share the web host's environment variable, so one setting serves both.
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
            ContentRootPath = ContentRoot(args),
        });
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>
    /// Where appsettings.json is read from: beside the program (the build or publish output), whatever the working
    /// directory, unless a content root is given (<c>--contentRoot</c>, ASPNETCORE_CONTENTROOT; the test host gives one).
    /// </summary>
    public static string? ContentRoot(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };
        return given ? null : AppContext.BaseDirectory;
    }
}
