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
}
