namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>
/// A repeated document comes from the document cache, yet the rules that depend on the request — who the user is,
/// and the variables that size its lists — are checked again on every request.
/// </summary>
public sealed class DocumentCacheTests
{
    [Fact]
    public async Task DocumentCachedForAnEditorIsStillRefusedToOthers()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields();
        const string query = "{ editorsOnly }";

        var editor = await app.PostAsync(query, token: KnowledgeGraphApplication.TokenFor("editor"));
        var anonymous = await app.PostAsync(query);
        var analyst = await app.PostAsync(query, token: KnowledgeGraphApplication.TokenFor("analyst"));
        var editorAgain = await app.PostAsync(query, token: KnowledgeGraphApplication.TokenFor("editor"));

        Assert.Equal(7, editor.Data?["editorsOnly"]?.GetValue<int>());
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], analyst.ErrorCodes);
        Assert.Equal(7, editorAgain.Data?["editorsOnly"]?.GetValue<int>());
    }

    [Fact]
    public async Task CachedDocumentIsMeasuredAgainstTheComplexityLimitWithEachRequestsVariables()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields().With("GraphQL:MaxComplexity", "500");
        const string query = "query Sized($n: Int) { testNodes(first: $n) { id children(first: $n) { id } } }";

        var small = await app.PostAsync(query, new { n = 5 });
        var large = await app.PostAsync(query, new { n = 100 });
        var smallAgain = await app.PostAsync(query, new { n = 5 });

        Assert.Empty(small.Errors);
        Assert.Equal(400, large.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], large.ErrorCodes);
        Assert.Empty(smallAgain.Errors);
    }

    [Fact]
    public async Task WithTheCacheOffRepeatedDocumentsRunTheSame()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields().With("GraphQL:DocumentCacheSize", "0");

        var first = await app.PostAsync("{ editorsOnly }", token: KnowledgeGraphApplication.TokenFor("editor"));
        var second = await app.PostAsync("{ editorsOnly }");

        Assert.Equal(7, first.Data?["editorsOnly"]?.GetValue<int>());
        Assert.Equal(["UNAUTHENTICATED"], second.ErrorCodes);
    }
}
