using System.CommandLine;
using KnowledgeGraph.Api.Cli;

namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>The command line: serve is the default, a bare unknown word is an error, token mints a token the server accepts.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int ExitCode, string Output, string Error, string[]? ServedWith)> RunAsync(params string[] args)
    {
        string[]? servedWith = null;
        var root = GraphCommandLine.Create((hostArgs, _) =>
        {
            servedWith = hostArgs;
            return Task.FromResult(0);
        }, TokenCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString(), servedWith);
    }

    [Fact]
    public async Task NoVerbServesAndPassesHostArgumentsThrough()
    {
        var run = await RunAsync("--environment=Development", "--urls", "http://127.0.0.1:5099");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["--environment=Development", "--urls", "http://127.0.0.1:5099"], run.ServedWith!);
    }

    [Fact]
    public async Task ServeVerbPassesHostArgumentsThrough()
    {
        var run = await RunAsync("serve", "--Store:Kind=neo4j");

        Assert.Equal(["--Store:Kind=neo4j"], run.ServedWith!);
    }

    [Fact]
    public async Task UnknownVerbIsAnErrorAndDoesNotServe()
    {
        var run = await RunAsync("impotr", "data.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Null(run.ServedWith);
        Assert.Contains("Unknown command 'impotr'", run.Error);
    }

    [Fact]
    public async Task TokenVerbPrintsATokenTheServerAcceptsForItsRoles()
    {
        var run = await RunAsync("token", "--role", "editor", "--role", "analyst", "--subject", "alice", "--days", "30",
            $"--Auth:SigningKey={KnowledgeGraphApplication.SigningKey}");
        var token = run.Output.Trim();

        await using var app = new KnowledgeGraphApplication().WithTestFields();
        var mutation = await app.PostAsync("mutation { touch }", token: token);
        var confidential = await app.PostAsync("{ secretRevenue }", token: token);

        Assert.Equal(0, run.ExitCode);
        Assert.Null(run.ServedWith);
        Assert.Equal(1, mutation.Data?["touch"]?.GetValue<int>());
        Assert.Empty(confidential.Errors);
    }

    [Fact]
    public async Task ATokenForLiuzhouWritesInLiuzhouOnly()
    {
        var run = await RunAsync("token", "--role", "editor", "--region", "450200", "--subject", "liuzhou-staff",
            $"--Auth:SigningKey={KnowledgeGraphApplication.SigningKey}");
        var token = run.Output.Trim();

        await using var app = new KnowledgeGraphApplication();
        const string Upsert = "mutation($key: String!, $region: String!) { upsertPerson(input: { key: $key, name: \"示例特派员\", region: $region }) { dataVersion } }";
        var inside = await app.PostAsync(Upsert, new { key = "liuzhou-person", region = "450205" }, token: token);
        var outside = await app.PostAsync(Upsert, new { key = "nanning-person", region = "450103" }, token: token);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("scoped to 450200 柳州市", run.Error);
        Assert.Empty(inside.Errors);
        Assert.Equal(["FORBIDDEN"], outside.ErrorCodes);
    }

    [Fact]
    public async Task TokenVerbRefusesAnUnknownRegionAndAScopedAdmin()
    {
        var unknown = await RunAsync("token", "--role", "editor", "--region", "459999", "--subject", "alice", $"--Auth:SigningKey={KnowledgeGraphApplication.SigningKey}");
        var admin = await RunAsync("token", "--role", "admin", "--region", "450200", "--subject", "alice", $"--Auth:SigningKey={KnowledgeGraphApplication.SigningKey}");

        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("459999", unknown.Error);
        Assert.NotEqual(0, admin.ExitCode);
        Assert.Contains("cannot be scoped", admin.Error);
        Assert.DoesNotContain("eyJ", unknown.Output + admin.Output);
    }

    [Fact]
    public async Task TokenVerbRefusesUnknownRoles()
    {
        var run = await RunAsync("token", "--role", "superuser", "--subject", "alice", $"--Auth:SigningKey={KnowledgeGraphApplication.SigningKey}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("superuser", run.Error);
        Assert.DoesNotContain("eyJ", run.Output);
    }

    [Fact]
    public async Task TokenVerbWithoutAKeyMintsNothingAndSaysWhy()
    {
        var run = await RunAsync("token", "--role", "editor", "--subject", "alice", "--Auth:SigningKey=");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output.Trim());
        Assert.Contains("Auth:SigningKey is not configured", run.Error);
    }
}
