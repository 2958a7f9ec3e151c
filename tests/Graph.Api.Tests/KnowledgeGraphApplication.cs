using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Schema;
using KnowledgeGraph.Domain.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Core;
using Serilog.Events;

namespace KnowledgeGraph.Api.Tests;

/// <summary>The store a test application runs on.</summary>
public enum TestStore
{
    /// <summary>Its own embedded SQLite file.</summary>
    Sqlite,

    /// <summary>The test Neo4j (<see cref="Neo4jFixture"/>), emptied as the application starts.</summary>
    Neo4j,
}

/// <summary>
/// The real Program, in memory, with its own SQLite file (deleted on dispose) or the emptied test Neo4j, and a test
/// signing key. Settings reach Program as command-line arguments, the way WebApplicationFactory passes them.
/// </summary>
public class KnowledgeGraphApplication : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-for-the-knowledge-graph-tests-0123456789";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kg-api-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<KnowledgeGraphSchema>> _schemaChanges = [];
    private readonly List<Action<IServiceCollection>> _serviceChanges = [];

    public KnowledgeGraphApplication()
        : this(TestStore.Sqlite)
    {
    }

    public KnowledgeGraphApplication(TestStore store)
    {
        Directory.CreateDirectory(_directory);
        _settings["Store:Kind"] = "sqlite";
        _settings["Store:Sqlite:Path"] = DatabasePath;
        _settings["Store:LoadSampleData"] = "false";
        // The 2,600 reference universities only where a test asks for them (WithReferenceOrganizations).
        _settings["Store:ReferenceOrganizations"] = "false";
        _settings["Auth:SigningKey"] = SigningKey;
        // Tests send many requests from one client; the rate limit tests turn it back on.
        _settings["RateLimit:PermitsPerSecond"] = "0";
        if (store == TestStore.Neo4j)
            UseTestNeo4j(empty: true);
    }

    /// <summary>The store file of this instance.</summary>
    public string DatabasePath => Path.Combine(_directory, "knowledge-graph.db");

    /// <summary>The store the application uses (starts the host when it has not started yet).</summary>
    public KnowledgeGraph.Domain.Store.IGraphStore Store => Services.GetRequiredService<KnowledgeGraph.Domain.Store.IGraphStore>();

    /// <summary>Completes when the collaboration projection's build at start has ended (a test counting store calls waits for it).</summary>
    public Task CollaborationBuiltAsync() => Services.GetRequiredService<KnowledgeGraph.Api.Collaboration.CollaborationWarmUp>().Finished;

    /// <summary>Every event the application logged.</summary>
    public CapturingSink Logs { get; } = new();

    /// <summary>The host environment; tests run as "Testing" unless they say otherwise.</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Runs on the test Neo4j as it is, without emptying it: for a graph put there before.</summary>
    public KnowledgeGraphApplication OnTestNeo4jAsItIs()
    {
        UseTestNeo4j(empty: false);
        return this;
    }

    private void UseTestNeo4j(bool empty)
    {
        var neo4j = Neo4jFixture.Options();
        _settings["Store:Kind"] = "neo4j";
        _settings["Store:Neo4j:Url"] = neo4j.Url.AbsoluteUri;
        _settings["Store:Neo4j:User"] = neo4j.User;
        _settings["Store:Neo4j:Password"] = neo4j.Password;
        _settings["Store:Neo4j:Database"] = neo4j.Database;
        if (empty)
            _serviceChanges.Add(services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService, EmptyNeo4jAtStart>()));
    }

    // The store initializes and seeds in StartingAsync; this one, registered first, empties the database before it.
    private sealed class EmptyNeo4jAtStart : IHostedLifecycleService
    {
        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            using var http = new HttpClient();
            await Neo4jFixture.ClearAsync(http);
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Sets a configuration value before the host starts.</summary>
    public KnowledgeGraphApplication With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Changes the schema before it is initialized: for test-only fields.</summary>
    public KnowledgeGraphApplication WithSchema(Action<KnowledgeGraphSchema> change)
    {
        _schemaChanges.Add(change);
        return this;
    }

    /// <summary>Changes the services after Program registered its own.</summary>
    public KnowledgeGraphApplication WithServices(Action<IServiceCollection> change)
    {
        _serviceChanges.Add(change);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            foreach (var change in _serviceChanges)
                change(services);
            if (_schemaChanges.Count > 0)
            {
                services.AddSingleton(provider =>
                {
                    var schema = ActivatorUtilities.CreateInstance<KnowledgeGraphSchema>(provider);
                    foreach (var change in _schemaChanges)
                        change(schema);
                    return schema;
                });
            }
        });
    }

    /// <summary>The store the application reads and writes (the test's own, as configured).</summary>
    public IGraphStore GraphStore => Services.GetRequiredService<IGraphStore>();

    /// <summary>A token signed with the test key.</summary>
    public static string TokenFor(params string[] roles) =>
        TokenIssuer.Issue(new AuthOptions { SigningKey = SigningKey }, "test-user", roles, TimeSpan.FromHours(1));

    /// <summary>A token signed with the test key, scoped to these regions (GB/T 2260 codes).</summary>
    public static string ScopedTokenFor(string[] regions, params string[] roles) =>
        TokenIssuer.Issue(new AuthOptions { SigningKey = SigningKey }, "city-staff", roles, TimeSpan.FromHours(1), regions: regions);

    /// <summary>POSTs an operation as JSON, accepting graphql-response+json, and returns the status and the parsed body.</summary>
    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? operationName = null, string? token = null, string accept = "application/graphql-response+json")
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables, operationName }),
        };
        request.Headers.Accept.ParseAdd(accept);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    /// <summary>Sends a raw request and returns the status and the parsed body.</summary>
    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request)
    {
        using var client = CreateClient();
        using var response = await client.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            DeleteDirectory();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDirectory();
        GC.SuppressFinalize(this);
    }

    private void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>An HTTP response from the GraphQL endpoint: status, headers, raw text and JSON.</summary>
public sealed record GraphQLResponse(int Status, string? MediaType, string? Charset, HttpResponseHeaders Headers, string Allow, string Text)
{
    public JsonNode? Json => string.IsNullOrEmpty(Text) ? null : JsonNode.Parse(Text);

    public JsonNode? Data => Json?["data"];

    public JsonArray Errors => Json?["errors"] as JsonArray ?? [];

    /// <summary>The extensions.code of every error, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes => Errors.Select(e => e?["extensions"]?["code"]?.GetValue<string>()).ToList();

    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var contentType = response.Content.Headers.ContentType;
        return new((int)response.StatusCode, contentType?.MediaType, contentType?.CharSet, response.Headers, string.Join(", ", response.Content.Headers.Allow), Encoding.UTF8.GetString(bytes));
    }

    public override string ToString() => $"{Status} {MediaType}: {Text}";
}

/// <summary>Keeps every log event, rendered, for assertions about what is (not) logged.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
            _events.Add(logEvent);
    }

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
                return [.. _events];
        }
    }

    /// <summary>Each event as message plus all its properties, as a log reader would see them.</summary>
    public IReadOnlyList<string> Rendered => Events
        .Select(e => e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + e.Exception)
        .ToList();
}
