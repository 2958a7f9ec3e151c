namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>Every exception a resolver can throw reaches the client as an error with a stable extensions.code.</summary>
public sealed class ErrorCodeTests(TestFieldsApplication app) : IClassFixture<TestFieldsApplication>
{
    [Theory]
    [InlineData("NOT_FOUND", "Enterprise 'e-404' was not found.")]
    [InlineData("INVALID_INPUT", "'name' must not be empty.")]
    [InlineData("INVALID_CREDIT_CODE", "Credit code '91450200MA5KXXXXX1' fails its check character.")]
    [InlineData("RULE_VIOLATION", "An enterprise cannot apply to its own challenge.")]
    [InlineData("CONFLICT", "The data changed since version 3.")]
    public async Task DomainErrorsKeepTheirCodeAndMessageAndSayWhere(string code, string message)
    {
        var response = await app.PostAsync("query Failing($code: String!) { greeting failsWith(code: $code) }", new { code });

        Assert.Equal(200, response.Status);
        Assert.NotNull(response.Data?["greeting"]);
        Assert.Null(response.Data?["failsWith"]);
        var error = Assert.Single(response.Errors);
        Assert.Equal(code, error?["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal(message, error?["message"]?.GetValue<string>());
        Assert.Equal("failsWith", error?["path"]?[0]?.GetValue<string>());
        Assert.NotNull(error?["locations"]);
    }

    [Fact]
    public async Task UnexpectedExceptionsAreInternalServerErrorsWithoutDetails()
    {
        var response = await app.PostAsync("{ failsWith(code: \"BUG\") }");

        var error = Assert.Single(response.Errors);
        Assert.Equal("INTERNAL_SERVER_ERROR", error?["extensions"]?["code"]?.GetValue<string>());
        Assert.DoesNotContain("hunter2", response.Text);
        Assert.Null(error?["extensions"]?["details"]);
    }

    [Fact]
    public async Task UnexpectedExceptionsAreLoggedWithTheirDetails()
    {
        await app.PostAsync("query Buggy { failsWith(code: \"BUG\") }");

        Assert.Contains(app.Logs.Events, e => e.Exception is InvalidOperationException && e.RenderMessage().Contains("Buggy"));
    }

    [Fact]
    public async Task InDevelopmentUnexpectedExceptionsShowTheirDetails()
    {
        await using var development = new KnowledgeGraphApplication { EnvironmentName = "Development" }.WithTestFields();

        var response = await development.PostAsync("{ failsWith(code: \"BUG\") }");

        var error = Assert.Single(response.Errors);
        Assert.Equal("INTERNAL_SERVER_ERROR", error?["extensions"]?["code"]?.GetValue<string>());
        Assert.Contains("hunter2", error?["extensions"]?["details"]?.GetValue<string>());
    }
}
