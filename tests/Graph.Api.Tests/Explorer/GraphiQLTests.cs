namespace KnowledgeGraph.Api.Tests.Explorer;

/// <summary>GraphiQL is served at /graphiql and to browsers at GET /graphql; GraphQL clients get the endpoint as before.</summary>
public sealed class GraphiQLTests
{
    [RequiresExplorerBuildFact]
    public async Task GraphiQLIsServedAtItsOwnPathFromTheBuiltPage()
    {
        await using var app = new KnowledgeGraphApplication();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/graphiql");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RequiresExplorerBuildFactAttribute.WebRoot, "graphiql.html")), html);
        Assert.Contains("id=\"graphiql\"", html);
    }

    [RequiresExplorerBuildFact]
    public async Task BrowserOpeningTheEndpointGetsGraphiQL()
    {
        await using var app = new KnowledgeGraphApplication();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await app.SendAsync(request);

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html", response.MediaType);
        Assert.Contains("id=\"graphiql\"", response.Text);
    }

    [RequiresExplorerBuildFact]
    public async Task GraphQLClientsStillGetJsonFromGetOnTheEndpoint()
    {
        await using var app = new KnowledgeGraphApplication();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        request.Headers.Accept.ParseAdd("application/graphql-response+json, application/json;q=0.9");
        var response = await app.SendAsync(request);

        Assert.Equal(200, response.Status);
        Assert.Equal("application/graphql-response+json", response.MediaType);
        Assert.Equal("Query", response.Data?["__typename"]?.GetValue<string>());
    }

    [RequiresExplorerBuildFact]
    public async Task TheAppIsServedAtTheRootAndItsAssetsAreCachedForGood()
    {
        await using var app = new KnowledgeGraphApplication();
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var asset = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var script = await client.GetAsync(asset);

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("<div id=\"app\">", html);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        Assert.Equal(200, (int)script.StatusCode);
        Assert.Contains("immutable", script.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task WithoutTheBuiltAppTheRootSaysHowToBuildIt()
    {
        await using var app = new KnowledgeGraphApplication().With("Explorer:WebRoot", Path.Combine(Path.GetTempPath(), "no-explorer-" + Guid.NewGuid().ToString("N")));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Contains("npm run build", await response.Content.ReadAsStringAsync());
    }
}
