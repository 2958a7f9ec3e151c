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
    public async Task EachOperationOfACachedDocumentIsCheckedForWhatItNeeds()
    {
        await using var app = new KnowledgeGraphApplication().WithTestFields();
        const string document = "query Open { greeting } query Restricted { editorsOnly } mutation Touch { touch }";
        var editor = KnowledgeGraphApplication.TokenFor("editor");
        var analyst = KnowledgeGraphApplication.TokenFor("analyst");

        var open = await app.PostAsync(document, operationName: "Open");
        var restricted = await app.PostAsync(document, operationName: "Restricted");
        var restrictedAgain = await app.PostAsync(document, operationName: "Restricted");
        var restrictedToAnalyst = await app.PostAsync(document, operationName: "Restricted", token: analyst);
        var restrictedToEditor = await app.PostAsync(document, operationName: "Restricted", token: editor);
        var touchByEditor = await app.PostAsync(document, operationName: "Touch", token: editor);
        var touchByAnalyst = await app.PostAsync(document, operationName: "Touch", token: analyst);
        var openAgain = await app.PostAsync(document, operationName: "Open");

        Assert.Equal("你好，柳工 and 玉柴", open.Data?["greeting"]?.GetValue<string>());
        Assert.Equal(["UNAUTHENTICATED"], restricted.ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], restrictedAgain.ErrorCodes);
        Assert.Equal(restricted.Errors[0]?["message"]?.GetValue<string>(), restrictedAgain.Errors[0]?["message"]?.GetValue<string>());
        Assert.Equal(restricted.Errors[0]?["locations"]?.ToJsonString(), restrictedAgain.Errors[0]?["locations"]?.ToJsonString());
        Assert.Equal(["FORBIDDEN"], restrictedToAnalyst.ErrorCodes);
        Assert.Equal(7, restrictedToEditor.Data?["editorsOnly"]?.GetValue<int>());
        Assert.Equal(1, touchByEditor.Data?["touch"]?.GetValue<int>());
        Assert.Equal(["FORBIDDEN"], touchByAnalyst.ErrorCodes);
        Assert.Equal(403, touchByAnalyst.Status);
        Assert.Empty(openAgain.Errors);
    }

    [Fact]
    public async Task ACachedDocumentWithAMistypedVariableIsRefusedAsWithoutTheCache()
    {
        await using var cached = new KnowledgeGraphApplication().WithTestFields();
        await using var uncached = new KnowledgeGraphApplication().WithTestFields().With("GraphQL:DocumentCacheSize", "0");
        const string query = "query Sized($n: Int) { testNodes(first: $n) { id } }";

        var good = await cached.PostAsync(query, new { n = 2 });
        var bad = await cached.PostAsync(query, new { n = "two" });
        var reference = await uncached.PostAsync(query, new { n = "two" });

        Assert.Empty(good.Errors);
        Assert.Equal(400, bad.Status);
        Assert.Equal(reference.Status, bad.Status);
        Assert.Equal(reference.ErrorCodes, bad.ErrorCodes);
        Assert.Equal(reference.Errors.Select(e => e?["message"]?.GetValue<string>()), bad.Errors.Select(e => e?["message"]?.GetValue<string>()));
        Assert.Contains("$n", bad.Errors[0]?["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepeatedDocumentAnswersEachRequestAsWithoutTheCache()
    {
        await using var cached = new KnowledgeGraphApplication().With("Store:LoadSampleData", "true");
        await using var uncached = new KnowledgeGraphApplication().With("Store:LoadSampleData", "true").With("GraphQL:DocumentCacheSize", "0");
        // Fragments, directives, defaults, an input object and a nullable variable with a default where an ID! goes.
        const string query = """
            query Look($first: Int = 2, $withRegion: Boolean!, $skipFields: Boolean = false, $where: EnterpriseFilterInput,
                       $id: ID = "Enterprise:91450204MA5K00013L") {
              enterprises(where: $where, first: $first, order: [{ name: ASC }]) {
                totalCount
                nodes { ...Named region @include(if: $withRegion) { name } fields @skip(if: $skipFields) { name } }
              }
              node(id: $id) { id ... on Enterprise @include(if: $withRegion) { name pairings(first: $first) { totalCount } } }
            }
            fragment Named on Organization { id name }
            """;
        object[] requests =
        [
            new { withRegion = true, where = new { highTech = new { eq = true } } },
            new { withRegion = false, skipFields = true, first = 1 },
            new { withRegion = true, id = (string?)null },
            new { withRegion = true, where = new { highTech = new { eq = "yes" } } },
            new { withRegion = true, where = new { nope = 1 } },
            new { skipFields = true },
            new { withRegion = true, first = -1 },
            new { withRegion = true, where = new { region = new { eq = "450200" } }, first = 3 },
        ];

        var answers = new List<GraphQLResponse>();
        foreach (var variables in requests.Concat(requests))
        {
            var fromCache = await cached.PostAsync(query, variables);
            var reference = await uncached.PostAsync(query, variables);
            Assert.Equal(reference.Status, fromCache.Status);
            Assert.Equal(reference.Text, fromCache.Text);
            answers.Add(fromCache);
        }

        // The requests differ in what they answer: data for some, each kind of refusal for others.
        Assert.NotEmpty(answers[0].Data?["enterprises"]?["nodes"]?.AsArray() ?? []);
        Assert.Equal("Enterprise:91450204MA5K00013L", answers[0].Data?["node"]?["id"]?.GetValue<string>());
        Assert.Null(answers[1].Data?["enterprises"]?["nodes"]?[0]?["region"]);
        Assert.Contains("non-null", answers[2].Errors[0]?["message"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(new[] { answers[3], answers[4], answers[5] }, a => Assert.Equal(400, a.Status));
        Assert.NotEqual(answers[0].Text, answers[7].Text);
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
