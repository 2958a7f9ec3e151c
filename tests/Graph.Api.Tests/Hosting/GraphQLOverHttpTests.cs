using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>The GraphQL-over-HTTP rules, one test per rule, through the real Program.</summary>
public sealed class GraphQLOverHttpTests(TestFieldsApplication app) : IClassFixture<TestFieldsApplication>
{
    private const string GraphQLResponse = "application/graphql-response+json";

    private static HttpRequestMessage Post(string body, string? contentType = "application/json", string? accept = GraphQLResponse)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private static HttpRequestMessage Get(string queryString, string? accept = GraphQLResponse)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?" + queryString);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    [Fact]
    public async Task PostedJsonQueryIsExecutedAndAnsweredAsGraphQLResponseJson()
    {
        var response = await app.PostAsync("{ dataVersion greeting }");

        Assert.Equal(200, response.Status);
        Assert.Equal(GraphQLResponse, response.MediaType);
        Assert.Equal("utf-8", response.Charset);
        var store = app.Services.GetRequiredService<KnowledgeGraph.Domain.Store.IGraphStore>();
        Assert.Equal(await store.GetDataVersionAsync(), response.Data?["dataVersion"]?.GetValue<long>());
        Assert.Empty(response.Errors);
    }

    [Fact]
    public async Task GetWithQueryParametersExecutesAQuery()
    {
        var response = await app.SendAsync(Get("query=" + Uri.EscapeDataString("query Echo($text: String!) { echo(text: $text) }")
            + "&variables=" + Uri.EscapeDataString("""{"text":"玉柴"}""") + "&operationName=Echo"));

        Assert.Equal(200, response.Status);
        Assert.Equal("玉柴", response.Data?["echo"]?.GetValue<string>());
    }

    [Fact]
    public async Task MutationOverGetIsRefusedWith405AllowingPost()
    {
        var response = await app.SendAsync(Get("query=" + Uri.EscapeDataString("mutation { touch }")));

        Assert.Equal(405, response.Status);
        Assert.Equal("POST", response.Allow);
        Assert.Equal(["METHOD_NOT_ALLOWED"], response.ErrorCodes);
    }

    [Fact]
    public async Task QueryOverGetIsNotRefusedWhenTheDocumentAlsoHoldsAMutation()
    {
        var document = "query Read { greeting } mutation Write { touch }";
        var response = await app.SendAsync(Get("query=" + Uri.EscapeDataString(document) + "&operationName=Read"));

        Assert.Equal(200, response.Status);
        Assert.NotNull(response.Data?["greeting"]);
    }

    [Fact]
    public async Task OtherMethodsGet405ListingGetAndPost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/graphql") { Content = new StringContent("""{"query":"{ greeting }"}""", Encoding.UTF8, "application/json") };
        var response = await app.SendAsync(request);

        Assert.Equal(405, response.Status);
        Assert.Equal("GET, POST", response.Allow);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task PostsThatAreNotUtf8JsonGet415(string? contentType)
    {
        var response = await app.SendAsync(Post("""{"query":"{ greeting }"}""", contentType));

        Assert.Equal(415, response.Status);
        Assert.Equal(["UNSUPPORTED_MEDIA_TYPE"], response.ErrorCodes);
    }

    [Fact]
    public async Task JsonWithExplicitUtf8CharsetIsAccepted()
    {
        var response = await app.SendAsync(Post("""{"query":"{ greeting }"}""", "application/json; charset=UTF-8"));

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/*;q=0.5")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    public async Task AcceptHeadersWithoutAJsonTypeGet406(string accept)
    {
        var response = await app.SendAsync(Post("""{"query":"{ greeting }"}""", accept: accept));

        Assert.Equal(406, response.Status);
        Assert.Equal(["NOT_ACCEPTABLE"], response.ErrorCodes);
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "application/json")]
    [InlineData("application/*", "application/json")]
    public async Task TheResponseMediaTypeFollowsTheAcceptHeader(string? accept, string expected)
    {
        var response = await app.SendAsync(Post("""{"query":"{ greeting }"}""", accept: accept));

        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.MediaType);
    }

    [Fact]
    public async Task BodiesOverTheSizeLimitGet413()
    {
        var padding = new string(' ', 300 * 1024);
        var response = await app.SendAsync(Post("{\"query\":\"{ greeting }\"" + padding + "}"));

        Assert.Equal(413, response.Status);
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
    }

    [Fact]
    public async Task ParseErrorIs400WithGraphQLResponseJsonAndNoData()
    {
        var response = await app.PostAsync("{ greeting ");

        Assert.Equal(400, response.Status);
        Assert.Equal(GraphQLResponse, response.MediaType);
        Assert.Null(response.Json?["data"]);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], response.ErrorCodes);
    }

    [Fact]
    public async Task ParseErrorIs200WhenTheClientAcceptsOnlyApplicationJson()
    {
        var response = await app.PostAsync("{ greeting ", accept: "application/json");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.MediaType);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], response.ErrorCodes);
    }

    [Fact]
    public async Task ValidationErrorIs400AndNamesTheRule()
    {
        var response = await app.PostAsync("{ noSuchField }");

        Assert.Equal(400, response.Status);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", response.Errors[0]?["extensions"]?["rule"]?.GetValue<string>());
        Assert.Contains("noSuchField", response.Errors[0]?["message"]?.GetValue<string>());
        Assert.NotNull(response.Errors[0]?["locations"]);
    }

    [Fact]
    public async Task VariablesAreBoundToTheDocument()
    {
        var response = await app.PostAsync("query Echo($text: String!) { echo(text: $text) }", new { text = "广西壮族自治区科学技术厅" });

        Assert.Equal(200, response.Status);
        Assert.Equal("广西壮族自治区科学技术厅", response.Data?["echo"]?.GetValue<string>());
    }

    [Fact]
    public async Task VariableThatDoesNotFitItsTypeIs400()
    {
        var response = await app.PostAsync("query Echo($text: String!) { echo(text: $text) }", new { text = (string?)null });

        Assert.Equal(400, response.Status);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
    }

    [Fact]
    public async Task OperationNameSelectsOneOfSeveralOperations()
    {
        const string document = "query First { echo(text: \"one\") } query Second { echo(text: \"two\") }";

        var second = await app.PostAsync(document, operationName: "Second");
        var first = await app.PostAsync(document, operationName: "First");

        Assert.Equal("two", second.Data?["echo"]?.GetValue<string>());
        Assert.Equal("one", first.Data?["echo"]?.GetValue<string>());
    }

    [Fact]
    public async Task UnknownOperationNameIs400()
    {
        var response = await app.PostAsync("query First { greeting }", operationName: "Missing");

        Assert.Equal(400, response.Status);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{ \"not json")]
    [InlineData("")]
    [InlineData("\"a string\"")]
    [InlineData("""{"notquery":"{ greeting }"}""")]
    [InlineData("""{"query":{"obj":"ect"}}""")]
    [InlineData("""{"query":0}""")]
    [InlineData("""{"query":"{ greeting }","operationName":false}""")]
    [InlineData("""{"query":"{ greeting }","variables":"{}"}""")]
    [InlineData("""{"query":"{ greeting }","variables":["array"]}""")]
    [InlineData("""{"query":"{ greeting }","extensions":0}""")]
    public async Task MalformedRequestsAre400BadRequest(string body)
    {
        var response = await app.SendAsync(Post(body));

        Assert.Equal(400, response.Status);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task NullOptionalParametersAreAccepted()
    {
        var response = await app.SendAsync(Post("""{"query":"{ greeting }","operationName":null,"variables":null,"extensions":null}"""));

        Assert.Equal(200, response.Status);
        Assert.Empty(response.Errors);
    }

    [Fact]
    public async Task BatchOfRequestsGetsAnArrayOfResultsInOrder()
    {
        var response = await app.SendAsync(Post("""[{"query":"{ echo(text: \"a\") }"},{"query":"{ nope }"},{"query":"{ echo(text: \"c\") }"}]"""));

        Assert.Equal(200, response.Status);
        var results = response.Json!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal("a", results[0]?["data"]?["echo"]?.GetValue<string>());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", results[1]?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Equal("c", results[2]?["data"]?["echo"]?.GetValue<string>());
    }

    [Fact]
    public async Task BatchLargerThanTheLimitIsRefused()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("""{"query":"{ greeting }"}""", 11)) + "]";
        var response = await app.SendAsync(Post(body));

        Assert.Equal(400, response.Status);
        Assert.Contains("at most 10", response.Errors[0]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task ChineseIsWrittenAsChineseNotEscaped()
    {
        var response = await app.PostAsync("{ greeting }");

        Assert.Contains("你好，柳工 and 玉柴", response.Text);
        Assert.DoesNotContain("\\u", response.Text);
    }

    [Fact]
    public async Task SchemaDefinitionLanguageIsDownloadableAsUtf8Text()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/graphql/schema.graphql");
        var sdl = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("type Query", sdl);
        Assert.Contains("dataVersion: Long!", sdl);
        Assert.Contains("数据版本号", sdl);
    }
}
