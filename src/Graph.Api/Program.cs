using KnowledgeGraph.Api.Cli;
using KnowledgeGraph.Api.Collaboration;
using KnowledgeGraph.Api.Exchange;
using KnowledgeGraph.Api.Explorer;
using KnowledgeGraph.Api.Hosting;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Health;
using KnowledgeGraph.Api.Hosting.Http;
using KnowledgeGraph.Api.Hosting.Logging;
using KnowledgeGraph.Api.Hosting.RateLimiting;
using KnowledgeGraph.Api.Hosting.Store;
using KnowledgeGraph.Api.Matchmaking;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Api.Schema;
using KnowledgeGraph.Api.Writes;

// The command line: `serve` (also the default) runs the web host below; every other verb is one line here.
var commandLine = GraphCommandLine.Create(RunWebHostAsync,
    TokenCommand.Create(),
    ImportCommand.Create(),
    ExportCommand.Create(),
    BackupCommands.Backup(),
    BackupCommands.Restore(),
    MigrateCommand.Create(),
    GenerateCommand.Create(),
    EvaluateMatchmakingCommand.Create());
try
{
    return await commandLine.InvokeAsync(args).ConfigureAwait(false);
}
catch (StartupConfigurationException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    // A setting the service cannot start with: say which and why, without a stack trace. (Under the test host, which
    // runs this entry point itself, the exception goes on to it.)
    await Console.Error.WriteLineAsync($"Cannot start: {e.Message}").ConfigureAwait(false);
    return 2;
}

// The web host: one line per area, each configured next to its code in its feature folder (or Hosting/ for the engine).
static async Task<int> RunWebHostAsync(string[] args, CancellationToken cancellationToken)
{
    // appsettings.json is read once at start, not watched: nothing here reloads its options, and the watch covered the
    // whole content root, so every log line or database write under it woke a thread. `--hostBuilder:reloadConfigOnChange=true`
    // turns it back on.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
        ContentRootPath = CliConfiguration.ContentRoot(args),
    });
    // The default address only when none is configured: ASPNETCORE_URLS (the container's 8080), URLS, Urls or --urls win.
    if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        builder.WebHost.UseUrls("http://localhost:5080");
    builder.Services
        .AddGraphLogging()
        .AddGraphStore(builder.Configuration)
        .AddGraphExchange()
        .AddCollaboration(builder.Configuration)
        .AddChangeFeed()
        .AddMatchmaking()
        .AddPolicyTargets(builder.Configuration)
        .AddGraphAuthentication(builder.Configuration)
        .AddGraphRateLimits(builder.Configuration)
        .AddKnowledgeGraphGraphQL(builder.Environment)
        .AddGraphHealthChecks()
        .AddExplorer(builder.Configuration);

    var app = builder.Build();
    app.UseGraphRequestLogging();
    app.MapExplorer();
    app.UseAuthentication();
    app.UseGraphRateLimits();
    app.MapGraphQLHttp<KnowledgeGraphSchema>("/graphql");
    app.MapGraphQLStream<KnowledgeGraphSchema>("/graphql/stream");
    app.MapGraphHealthChecks();
    app.MapNetworkExports();
    app.MapCaseExports();

    await app.RunAsync(cancellationToken).ConfigureAwait(false);
    return 0;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
