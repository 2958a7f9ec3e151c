namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>Depth and complexity limits from configuration refuse a document before it runs, saying the limit and the actual value.</summary>
public sealed class QueryLimitTests
{
    [Fact]
    public async Task DocumentDeeperThanMaxDepthIsRefusedWithBothNumbers()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields().With("GraphQL:MaxDepth", "3");

        var shallow = await app.PostAsync("{ testNodes { children { id } } }");
        var deep = await app.PostAsync("{ testNodes { children { children { children { id } } } } }");

        Assert.Empty(shallow.Errors);
        Assert.Equal(400, deep.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], deep.ErrorCodes);
        var message = deep.Errors[0]?["message"]?.GetValue<string>();
        Assert.Contains("5", message);
        Assert.Contains("3", message);
    }

    [Fact]
    public async Task DocumentMoreComplexThanMaxComplexityIsRefusedWithBothNumbers()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields().With("GraphQL:MaxComplexity", "500");

        var small = await app.PostAsync("{ testNodes(first: 5) { id children(first: 5) { id } } }");
        var large = await app.PostAsync("{ testNodes(first: 100) { id children(first: 100) { id } } }");

        Assert.Empty(small.Errors);
        Assert.Equal(400, large.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], large.ErrorCodes);
        Assert.Contains("500", large.Errors[0]?["message"]?.GetValue<string>());
    }
}
