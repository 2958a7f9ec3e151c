namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>A request that runs past its time budget stops with TIMEOUT; a client that sends too much is told to wait.</summary>
public sealed class RequestBudgetTests
{
    [Fact]
    public async Task ARequestPastItsTimeBudgetStopsWithTimeout()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields().With("GraphQL:RequestTimeout", "00:00:00.2");

        var response = await app.PostAsync("query Slow { waitForCancellation }");

        Assert.Equal(503, response.Status);
        Assert.Equal(["TIMEOUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task AClientOverItsRateLimitGets429WithRetryAfterAndOthersAreNotLimited()
    {
        await using var app = new KnowledgeGraphApplication()
            .With("RateLimit:PermitsPerSecond", "1")
            .With("RateLimit:Burst", "2");

        var first = await app.PostAsync("{ dataVersion }");
        var second = await app.PostAsync("{ dataVersion }");
        var third = await app.PostAsync("{ dataVersion }");
        var otherClient = await app.PostAsync("{ dataVersion }", token: KnowledgeGraphApplication.TokenFor());
        using var client = app.CreateClient();
        using var health = await client.GetAsync("/health/live");

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal(429, third.Status);
        Assert.Equal(["RATE_LIMITED"], third.ErrorCodes);
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), third.Headers.ToString());
        Assert.Equal(200, otherClient.Status);
        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task WithoutAConfiguredLimitManyRequestsPass()
    {
        await using var app = new KnowledgeGraphApplication().With("RateLimit:PermitsPerSecond", "0");
        for (var i = 0; i < 20; i++)
            Assert.Equal(200, (await app.PostAsync("{ dataVersion }")).Status);
    }
}
