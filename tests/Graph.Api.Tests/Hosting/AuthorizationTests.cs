using System.Net.Http.Headers;
using System.Text;

namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>Mutations need an editor; confidential fields are null with FORBIDDEN for anyone but an analyst; the rest is public.</summary>
public sealed class AuthorizationTests(TestFieldsApplication app) : IClassFixture<TestFieldsApplication>
{
    [Fact]
    public async Task MutationWithoutATokenIsUnauthenticated()
    {
        var response = await app.PostAsync("mutation { touch }");

        Assert.Equal(401, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.Equal("Bearer", string.Join(",", response.Headers.WwwAuthenticate));
        Assert.Contains("'editor'", response.Errors[0]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task MutationWithAnInvalidTokenIsUnauthenticatedAndSaysWhy()
    {
        var response = await app.PostAsync("mutation { touch }", token: KnowledgeGraphApplication.TokenFor("editor") + "x");

        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.Contains("signature", response.Errors[0]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task MutationWithoutTheEditorRoleIsForbidden()
    {
        var response = await app.PostAsync("mutation { touch }", token: KnowledgeGraphApplication.TokenFor("analyst"));

        Assert.Equal(403, response.Status);
        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("admin")]
    public async Task MutationWithTheEditorRoleRuns(string role)
    {
        var response = await app.PostAsync("mutation { touch }", token: KnowledgeGraphApplication.TokenFor(role));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, response.Data?["touch"]?.GetValue<int>());
    }

    [Fact]
    public async Task MutationIsRefusedAsAWholeWhenRefusedSoNothingRuns()
    {
        var response = await app.PostAsync("mutation { touch }", accept: "application/json");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Json?["data"]);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
    }

    [Fact]
    public async Task ConfidentialFieldIsNullWithForbiddenForAnonymousWhileTheRestSucceeds()
    {
        var response = await app.PostAsync("{ greeting secretRevenue }");

        Assert.Equal(200, response.Status);
        Assert.NotNull(response.Data?["greeting"]);
        Assert.Null(response.Data?["secretRevenue"]);
        var error = Assert.Single(response.Errors);
        Assert.Equal("FORBIDDEN", error?["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal("secretRevenue", error?["path"]?[0]?.GetValue<string>());
        Assert.Contains("'analyst'", error?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task ConfidentialFieldIsNullWithForbiddenForAnEditor()
    {
        var response = await app.PostAsync("{ secretRevenue }", token: KnowledgeGraphApplication.TokenFor("editor"));

        Assert.Null(response.Data?["secretRevenue"]);
        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("admin")]
    public async Task ConfidentialFieldIsVisibleToAnAnalyst(string role)
    {
        var response = await app.PostAsync("{ secretRevenue }", token: KnowledgeGraphApplication.TokenFor(role));

        Assert.Empty(response.Errors);
        Assert.Equal(12345.6m, response.Data?["secretRevenue"]?.GetValue<decimal>());
    }

    [Fact]
    public async Task FieldMarkedWithAuthorizeWithRolesIsRefusedBeforeExecution()
    {
        var anonymous = await app.PostAsync("{ greeting editorsOnly }");
        var analyst = await app.PostAsync("{ editorsOnly }", token: KnowledgeGraphApplication.TokenFor("analyst"));
        var editor = await app.PostAsync("{ editorsOnly }", token: KnowledgeGraphApplication.TokenFor("editor"));

        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
        Assert.Null(anonymous.Json?["data"]);
        Assert.Equal(["FORBIDDEN"], analyst.ErrorCodes);
        Assert.Equal(7, editor.Data?["editorsOnly"]?.GetValue<int>());
    }

    [Fact]
    public async Task ExpiredTokenIsRejectedWithTheReason()
    {
        var expired = KnowledgeGraph.Api.Hosting.Auth.TokenIssuer.Issue(
            new() { SigningKey = KnowledgeGraphApplication.SigningKey }, "old", ["editor"], TimeSpan.FromMinutes(1),
            new FixedClock(DateTimeOffset.UtcNow.AddDays(-1)));

        var response = await app.PostAsync("mutation { touch }", token: expired);

        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.Contains("expired", response.Errors[0]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task TokenIsNeverLogged()
    {
        var token = KnowledgeGraphApplication.TokenFor("editor");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"mutation Touch { touch }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await app.SendAsync(request);

        Assert.Contains(app.Logs.Rendered, line => line.Contains("Touch"));
        Assert.DoesNotContain(app.Logs.Rendered, line => line.Contains(token[..20]));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
