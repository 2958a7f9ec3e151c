using System.Net.Http.Json;
using Serilog.Events;

namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>Health endpoints, and what request logging records (operation, outcome, codes) and never records (variables).</summary>
public sealed class HealthAndLoggingTests(TestFieldsApplication app) : IClassFixture<TestFieldsApplication>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAreHealthy(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestLogNamesTheOperationOutcomeAndErrorCodesButNotTheVariables()
    {
        await app.PostAsync("query FindSecret($text: String!) { echo(text: $text) secretRevenue }", new { text = "revenue-9876543" });

        var line = Assert.Single(app.Logs.Rendered, l => l.Contains("FindSecret"));
        Assert.Contains("partial", line);
        Assert.Contains("FORBIDDEN", line);
        Assert.Contains("/graphql", line);
        Assert.DoesNotContain(app.Logs.Rendered, l => l.Contains("revenue-9876543"));
    }

    [Fact]
    public async Task VariablesSentOverGetAreNotLoggedEither()
    {
        using var client = app.CreateClient();
        await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("query Echo($text: String!) { echo(text: $text) }")
            + "&variables=" + Uri.EscapeDataString("""{"text":"figure-5551212"}"""));

        Assert.Contains(app.Logs.Rendered, l => l.Contains("Echo"));
        Assert.DoesNotContain(app.Logs.Rendered, l => l.Contains("figure-5551212"));
    }

    [Fact]
    public async Task RequestTheClientAbandonsIsLoggedAsCancelledNotAsAnError()
    {
        using var client = app.CreateClient();
        using var abandon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        using var content = JsonContent.Create(new { query = "query Abandoned { waitForCancellation }" });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostAsync("/graphql", content, abandon.Token));

        var logged = await WaitForCancelledRequestLogAsync();
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Equal("499", logged.Properties["StatusCode"].ToString());
        Assert.Equal("\"/graphql\"", logged.Properties["RequestPath"].ToString());
        Assert.Null(logged.Exception);
        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= LogEventLevel.Error);
    }

    // The request ends on the server after the client has gone: its log event follows shortly.
    private async Task<LogEvent> WaitForCancelledRequestLogAsync()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var found = app.Logs.Events.FirstOrDefault(e =>
                e.Properties.TryGetValue("GraphQLOutcome", out var outcome) && outcome.ToString() == "\"cancelled\"");
            if (found is not null)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("no request was logged as cancelled");
    }
}
