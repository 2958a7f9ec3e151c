namespace KnowledgeGraph.Api.Tests.Explorer;

/// <summary>
/// The standard introspection query (graphql-js's getIntrospectionQuery, which GraphiQL and code generators send) is
/// deeper than GraphQL:MaxDepth; an operation of introspection fields only may go deeper, within the complexity limit.
/// </summary>
public sealed class IntrospectionTests
{
    private static readonly string StandardIntrospection = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Explorer", "introspection.graphql"));

    [Fact]
    public async Task TheStandardIntrospectionQueryIsAnswered()
    {
        await using var app = new KnowledgeGraphApplication();

        var response = await app.PostAsync(StandardIntrospection);

        Assert.True(response.Errors.Count == 0, response.ToString()[..Math.Min(2000, response.Text.Length)]);
        Assert.Equal("Query", response.Data?["__schema"]?["queryType"]?["name"]?.GetValue<string>());
        Assert.Contains(response.Data?["__schema"]?["types"]?.AsArray() ?? [], type => type?["name"]?.GetValue<string>() == "Enterprise");
    }

    [Fact]
    public async Task DataQueriesAsDeepAsTheIntrospectionQueryAreStillRefused()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields();

        var deep = await app.PostAsync("{ __typename testNodes { children { children { children { children { children { children { children { children { children { children { children { children { id } } } } } } } } } } } } } }");

        Assert.Equal(400, deep.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], deep.ErrorCodes);
    }

    [Fact]
    public async Task IntrospectionNestedToMultiplyItsCostIsStillRefused()
    {
        await using var app = new KnowledgeGraphApplication();

        var nested = await app.PostAsync("{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } } } }");

        Assert.Equal(400, nested.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], nested.ErrorCodes);
    }
}
