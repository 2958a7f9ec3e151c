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
        });
        builder.Logging.ClearProviders();
        return builder;
    }
}
