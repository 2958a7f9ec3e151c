namespace KnowledgeGraph.Api.Tests.Explorer;

/// <summary>CORS is off unless Cors:Origins names the origins whose pages may call the API.</summary>
public sealed class CorsTests
{
    private const string Origin = "https://tools.example.org";

    [Fact]
    public async Task WithoutConfiguredOriginsNoPageOfAnotherOriginIsAllowed()
    {
        await using var app = new KnowledgeGraphApplication();

        var preflight = await SendPreflightAsync(app, Origin);
        var post = await PostFromAsync(app, Origin);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(post.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ConfiguredOriginMayPostWithAToken()
    {
        await using var app = new KnowledgeGraphApplication().With("Cors:Origins", $"{Origin}, https://other.example.org");

        var preflight = await SendPreflightAsync(app, Origin);
        var post = await PostFromAsync(app, Origin);

        Assert.Equal(204, preflight.Status);
        Assert.Equal([Origin], preflight.Headers.GetValues("Access-Control-Allow-Origin"));
        var allowedHeaders = string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", allowedHeaders);
        Assert.Contains("content-type", allowedHeaders);
        Assert.Equal([Origin], post.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal("Query", post.Data?["__typename"]?.GetValue<string>());
    }

    [Fact]
    public async Task OriginsAlsoComeAsAList()
    {
        await using var app = new KnowledgeGraphApplication().With("Cors:Origins:0", "https://a.example.org").With("Cors:Origins:1", Origin + "/");

        var post = await PostFromAsync(app, Origin);

        Assert.Equal([Origin], post.Headers.GetValues("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AnOriginNotListedIsNotAllowed()
    {
        await using var app = new KnowledgeGraphApplication().With("Cors:Origins", Origin);

        var preflight = await SendPreflightAsync(app, "https://elsewhere.example.org");
        var post = await PostFromAsync(app, "https://elsewhere.example.org");

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(post.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<GraphQLResponse> SendPreflightAsync(KnowledgeGraphApplication app, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return await app.SendAsync(request);
    }

    private static async Task<GraphQLResponse> PostFromAsync(KnowledgeGraphApplication app, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KnowledgeGraphApplication.TokenFor("analyst"));
        return await app.SendAsync(request);
    }
}
