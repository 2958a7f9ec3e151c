using System.Text;
using KnowledgeGraph.Api.Tests.Matchmaking;

namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>Every client mistake is a 4xx with a stable code, never a 5xx and never a path on the server's disk.</summary>
public sealed class ClientErrorTests(SampleDataApplication app) : IClassFixture<SampleDataApplication>
{
    private async Task<GraphQLResponse> PostBytesAsync(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        return await app.SendAsync(request);
    }

    [Fact]
    public async Task InvalidUtf8InTheBodyIsABadRequest()
    {
        var body = Encoding.UTF8.GetBytes("{\"query\":\"{ search(text: \\\"X\\\") { name } }\"}");
        body[Array.IndexOf(body, (byte)'X')] = 0xFF;

        var response = await PostBytesAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{\"query\":\"{ search(text: \\\"\\ud800\\\") { name } }\"}")]
    [InlineData("{\"query\":\"query($t: String!) { search(text: $t) { name } }\",\"variables\":{\"t\":\"a\\udc00b\"}}")]
    public async Task ALoneSurrogateInTheBodyIsABadRequest(string body)
    {
        var response = await PostBytesAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, response.Status);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task ADocumentNestedPastTheParsersDepthIsQueryTooDeep()
    {
        var deep = string.Concat(Enumerable.Repeat("{ a ", 2_000)) + new string('}', 2_000);

        var response = await app.PostAsync("query " + deep);

        Assert.Equal(400, response.Status);
        Assert.Equal(["QUERY_TOO_DEEP"], response.ErrorCodes);
        Assert.Contains("more than 128 syntax levels", response.Errors[0]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task ASubscriptionIsRefusedWithItsOwnCode()
    {
        var response = await app.PostAsync("subscription { dataVersion }");

        Assert.Equal(400, response.Status);
        Assert.Equal(["SUBSCRIPTIONS_NOT_SUPPORTED"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{ search(text: \"柳\\u0000工\") { name } }")]
    [InlineData("{ search(text: \"\\u001b[31m\") { name } }")]
    public async Task ControlCharactersInSearchTextAreInvalidInput(string query)
    {
        var first = await app.PostAsync(query);
        var cached = await app.PostAsync(query);

        foreach (var response in new[] { first, cached })
        {
            Assert.Equal(400, response.Status);
            Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        }
    }

    [Fact]
    public async Task AFilterWithThousandsOfTermsIsInvalidInputNotAStoreFailure()
    {
        var terms = string.Join(", ", Enumerable.Range(0, 5_000).Select(i => $"{{ name: {{ eq: \"n{i}\" }} }}"));

        var response = await app.PostAsync($"{{ enterprises(where: {{ or: [{terms}] }}) {{ totalCount }} }}");

        Assert.Equal(400, response.Status);
        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        Assert.DoesNotContain(".db", response.Text);
    }

    [Fact]
    public async Task AThousandSortKeysAreInvalidInput()
    {
        var order = string.Join(", ", Enumerable.Repeat("{ name: ASC }", 1_000));

        var response = await app.PostAsync($"{{ enterprises(order: [{order}]) {{ totalCount }} }}");

        Assert.Equal(400, response.Status);
        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{ collaborationNetwork(where: { minWeight: 1e400 }) { statistics { density } } }")]
    [InlineData("{ collaborationNetwork(where: { region: \"999999\" }) { statistics { density } } }")]
    [InlineData("{ indicators(region: \"999999\", year: 2024) { __typename } }")]
    [InlineData("{ indicators(field: \"no-such-field\", year: 2024) { __typename } }")]
    public async Task OutOfRangeNumbersAndUnknownCodesAreRefused(string query)
    {
        var response = await app.PostAsync(query);

        Assert.Equal(400, response.Status);
        Assert.Contains(response.ErrorCodes, c => c is "INVALID_INPUT" or "GRAPHQL_VALIDATION_FAILED");
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task AStoreFailureDoesNotShowTheStoresPathToTheClient()
    {
        await using var failing = new KnowledgeGraphApplication().WithTestFields();

        var response = await failing.PostAsync("{ failsWith(code: \"STORE_UNAVAILABLE\") }");

        Assert.Equal(["STORE_UNAVAILABLE"], response.ErrorCodes);
        Assert.DoesNotContain("neo4j", response.Text);
    }
}
