using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>
/// The graphql-http audit suite against the real Program on Kestrel (a real socket on a free loopback port):
/// no MUST may fail; SHOULD failures are listed in the output and in docs/graphql-over-http.md.
/// </summary>
public sealed class GraphQLHttpAuditTests(ITestOutputHelper output)
{
    [RequiresNodeFact]
    public async Task GraphQLOverHttpAuditPassesEveryMust()
    {
        var tool = FindToolDirectory("graphql-http-audit");
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "graphql-http")))
        {
            var install = await RunAsync("npm", "ci --no-audit --no-fund", tool, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci failed in {tool}:\n{install.Output}");
        }

        await using var app = new KnowledgeGraphApplication();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var audit = await RunAsync("node", $"audit.mjs {address}/graphql", tool, TimeSpan.FromMinutes(2));
        output.WriteLine(audit.Output);

        var summaryLine = audit.Output.Split('\n').Single(l => l.StartsWith("summary ", StringComparison.Ordinal));
        using var summary = JsonDocument.Parse(summaryLine["summary ".Length..]);
        var must = summary.RootElement.GetProperty("MUST");
        var should = summary.RootElement.GetProperty("SHOULD");
        output.WriteLine($"MUST: {must.GetProperty("passed")} passed, {must.GetProperty("failed")} failed; SHOULD: {should.GetProperty("passed")} passed, {should.GetProperty("failed")} failed");
        foreach (var line in audit.Output.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains(" SHOULD ")))
            output.WriteLine("SHOULD not met: " + line);

        Assert.True(must.GetProperty("passed").GetInt32() > 0, "the audit ran no MUST");
        Assert.Equal(0, must.GetProperty("failed").GetInt32());
        Assert.Equal(0, audit.ExitCode);
    }

    /// <summary>The folder of one of the repository's npm tools (tools/&lt;name&gt;), found above the test's output.</summary>
    internal static string FindToolDirectory(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tools", name);
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new DirectoryNotFoundException($"tools/{name} was not found above " + AppContext.BaseDirectory);
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {arguments} took longer than {timeout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
