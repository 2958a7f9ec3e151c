using System.Net;
using System.Text.Json;
using KnowledgeGraph.Api.Tests.Policy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>
/// The change feed over Server-Sent Events, followed by the npm graphql-sse client against the real Program on Kestrel, in
/// single-connection and distinct-connections modes: 1,000 concurrent writes each, every change received once and in
/// order, also across a disconnect resumed with <c>since</c>.
/// </summary>
public sealed class ChangeFeedTests(ITestOutputHelper output)
{
    [RequiresNodeFact]
    public async Task TheGraphqlSseClientReceivesEveryChangeOfConcurrentWritesInOrderOnceAcrossAReconnect()
    {
        var tool = GraphQLHttpAuditTests.FindToolDirectory("graphql-sse-check");
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "graphql-sse")))
        {
            var install = await GraphQLHttpAuditTests.RunAsync("npm", "ci --no-audit --no-fund", tool, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci failed in {tool}:\n{install.Output}");
        }
        await using var app = new PolicyApplication();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        await app.SeedAsync(Seed.University("demo-tech-univ", "示例理工大学"));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var token = KnowledgeGraphApplication.TokenFor("editor", "analyst");
        var check = await GraphQLHttpAuditTests.RunAsync("node", $"check.mjs {address} 1000 {token}", tool, TimeSpan.FromMinutes(4));
        output.WriteLine(check.Output);

        var modes = check.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["single", "distinct"], modes.Select(m => m.GetProperty("mode").GetString()));
        Assert.All(modes, m =>
        {
            Assert.False(m.TryGetProperty("error", out var error), error.ToString());
            Assert.Equal((1000, 1000), (m.GetProperty("written").GetInt32(), m.GetProperty("received").GetInt32()));
            Assert.True(m.GetProperty("inOrder").GetBoolean() && m.GetProperty("once").GetBoolean() && m.GetProperty("same").GetBoolean());
        });
        Assert.Equal(0, check.ExitCode);
    }
}
