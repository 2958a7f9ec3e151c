using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>
/// What an operator meets when deploying: the container's address wins over the settings file, the development key is
/// not published, a bad setting stops the start in one clear line, and two services starting on one new file both start.
/// Some run the built service as a process, as a deployment does.
/// </summary>
public sealed class DeploymentTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kg-deploy-tests-" + Guid.NewGuid().ToString("N"));

    public DeploymentTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "KnowledgeGraph.sln")))
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("the repository root was not found");
        return directory;
    }

    private ServiceProcess StartService(IDictionary<string, string> environment) =>
        ServiceProcess.Start(_directory, Path.Combine(_directory, "graph.db"), environment);

    [Fact]
    public async Task TheServiceListensWhereAspNetCoreUrlsSaysDespiteTheSettingsFile()
    {
        var port = ServiceProcess.FreePort();
        using var service = StartService(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        try
        {
            Assert.True(await service.WaitUntilLiveAsync(port), service.Output);
        }
        finally
        {
            await service.KillAsync();
        }
    }

    [Fact]
    public void TheContainerListensOn8080AndNoSettingsFileOverridesIt()
    {
        var root = RepositoryRoot();
        var dockerfile = File.ReadAllText(Path.Combine(root, "Dockerfile"));
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "Graph.Api", "appsettings.json")))!.AsObject();

        Assert.Contains("ENV ASPNETCORE_URLS=http://+:8080", dockerfile);
        Assert.Contains("EXPOSE 8080", dockerfile);
        Assert.DoesNotContain(settings, p => p.Key.Equals("Urls", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheDevelopmentSettingsWithTheirPublicKeyAreNotPublished()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Graph.Api", "Graph.Api.csproj"));

        Assert.Contains(project.Descendants("Content"), c =>
            (string?)c.Attribute("Update") == "appsettings.Development.json" && (string?)c.Attribute("CopyToPublishDirectory") == "Never");
    }

    [Fact]
    public async Task ASigningKeyUnder32BytesStopsTheStartWithOneClearLine()
    {
        using var service = StartService(new Dictionary<string, string> { ["Auth__SigningKey"] = "short", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}" });
        await service.WaitForExitAsync();

        Assert.Equal(2, service.ExitCode);
        Assert.Contains("Cannot start: Auth:SigningKey is 5 bytes long; HMAC-SHA256 needs at least 32.", service.Output);
        Assert.DoesNotContain("Unhandled exception", service.Output);
    }

    [Fact]
    public async Task TwoServiceProcessesStartingOnOneNewFileBothStartAndServeTheSameData()
    {
        var database = Path.Combine(_directory, "shared.db");
        var ports = new[] { ServiceProcess.FreePort(), ServiceProcess.FreePort() };
        using var first = ServiceProcess.Start(_directory, database, Settings(ports[0]));
        using var second = ServiceProcess.Start(_directory, database, Settings(ports[1]));
        try
        {
            var live = await Task.WhenAll(first.WaitUntilLiveAsync(ports[0]), second.WaitUntilLiveAsync(ports[1]));
            Assert.True(live[0], first.Output);
            Assert.True(live[1], second.Output);

            using var http = new HttpClient();
            var counts = await Task.WhenAll(ports.Select(async port =>
            {
                using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/graphql"),
                    new StringContent("{\"query\":\"{ enterprises { totalCount } }\"}", System.Text.Encoding.UTF8, "application/json"));
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Null(body["errors"]);
                return body["data"]!["enterprises"]!["totalCount"]!.GetValue<int>();
            }));
            Assert.Equal(counts[0], counts[1]);
            Assert.True(counts[0] > 0);
        }
        finally
        {
            await first.KillAsync();
            await second.KillAsync();
        }

        static Dictionary<string, string> Settings(int port) => new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Store__LoadSampleData"] = "true",
        };
    }
}
