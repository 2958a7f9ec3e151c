using KnowledgeGraph.Api.Cli;
using KnowledgeGraph.Api.Collaboration;
using KnowledgeGraph.Api.Exchange;
using KnowledgeGraph.Api.Hosting;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Hosting.Health;
using KnowledgeGraph.Api.Hosting.Http;
using KnowledgeGraph.Api.Hosting.Logging;
using KnowledgeGraph.Api.Hosting.RateLimiting;
using KnowledgeGraph.Api.Hosting.Store;
using KnowledgeGraph.Api.Schema;
using KnowledgeGraph.Api.Schema.Matchmaking;

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
return await commandLine.InvokeAsync(args).ConfigureAwait(false);

// The web host: one line per area, each configured next to its code under Hosting/.
static async Task<int> RunWebHostAsync(string[] args, CancellationToken cancellationToken)
{
    // appsettings.json is read once at start, not watched: nothing here reloads its options, and the watch covered the
    // whole content root, so every log line or database write under it woke a thread. `--hostBuilder:reloadConfigOnChange=true`
    // turns it back on.
    var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
    builder.Services
        .AddGraphLogging()
        .AddGraphStore(builder.Configuration)
        .AddGraphExchange()
        .AddCollaboration(builder.Configuration)
        .AddMatchmaking()
        .AddGraphAuthentication(builder.Configuration)
        .AddGraphRateLimits(builder.Configuration)
        .AddKnowledgeGraphGraphQL(builder.Environment)
        .AddGraphHealthChecks();

    var app = builder.Build();
    app.UseGraphRequestLogging();
    app.UseAuthentication();
    app.UseGraphRateLimits();
    app.MapGraphQLHttp<KnowledgeGraphSchema>("/graphql");
    app.MapGraphHealthChecks();
    app.MapNetworkExports();

    await app.RunAsync(cancellationToken).ConfigureAwait(false);
    return 0;
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
