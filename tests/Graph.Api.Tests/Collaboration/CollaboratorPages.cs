using System.Text.Json.Nodes;

namespace KnowledgeGraph.Api.Tests.Collaboration;

/// <summary>Pages through <c>collaborators</c> both ways and checks the pages against the whole answer.</summary>
static class CollaboratorPages
{
    const string Query = """
        query($of: ID!, $depth: Int, $first: Int, $after: String, $last: Int, $before: String) {
          collaborators(of: $of, depth: $depth, first: $first, after: $after, last: $last, before: $before) {
            edges {
              cursor node { id } distance via { id } weight
              collaboration { kinds weight firstDate lastDate evidence { kind through { id } linkIds from to weight } }
            }
            nodes { id }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            totalCount
          }
        }
        """;

    /// <summary>
    /// The whole answer in one page; then two at a time forwards from the start and backwards from the end: the pages add
    /// up to it, each with the same evidence, and the page info says where each lies.
    /// </summary>
    public static async Task AddUpAsync(KnowledgeGraphApplication app, string of, int depth, int minimum)
    {
        var whole = await PageAsync(app, new { of, depth, first = 100 });
        var expected = Edges(whole).Select(edge => edge.ToJsonString()).ToList();
        Assert.True(expected.Count >= minimum, $"{expected.Count} collaborators of {of} within {depth} steps");
        Assert.Equal(expected.Count, whole["totalCount"]!.GetValue<int>());
        Assert.Equal(Edges(whole).Select(edge => edge["node"]!["id"]!.GetValue<string>()), whole["nodes"]!.AsArray().Select(node => node!["id"]!.GetValue<string>()));
        AssertEnds(whole, hasPrevious: false, hasNext: false);

        var forwards = new List<string>();
        string? after = null;
        for (var more = true; more;)
        {
            var page = await PageAsync(app, new { of, depth, first = 2, after });
            var edges = Edges(page);
            Assert.InRange(edges.Count, 1, 2);
            forwards.AddRange(edges.Select(edge => edge.ToJsonString()));
            more = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            AssertEnds(page, hasPrevious: after is not null, hasNext: forwards.Count < expected.Count);
            Assert.Equal(expected.Count, page["totalCount"]!.GetValue<int>());
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(expected, forwards);

        var backwards = new List<string>();
        string? before = null;
        for (var more = true; more;)
        {
            var page = await PageAsync(app, new { of, depth, last = 2, before });
            var edges = Edges(page);
            Assert.InRange(edges.Count, 1, 2);
            backwards.InsertRange(0, edges.Select(edge => edge.ToJsonString()));
            more = page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>();
            AssertEnds(page, hasPrevious: backwards.Count < expected.Count, hasNext: before is not null);
            Assert.Equal(expected.Count, page["totalCount"]!.GetValue<int>());
            before = page["pageInfo"]!["startCursor"]!.GetValue<string>();
        }
        Assert.Equal(expected, backwards);

        // A window between two cursors: the collaborators strictly between the first and the last.
        var between = await PageAsync(app, new { of, depth, after = Edges(whole)[0]["cursor"]!.GetValue<string>(), before = Edges(whole)[^1]["cursor"]!.GetValue<string>(), last = 100 });
        Assert.Equal(expected[1..^1], Edges(between).Select(edge => edge.ToJsonString()));
        AssertEnds(between, hasPrevious: true, hasNext: true);
    }

    static async Task<JsonNode> PageAsync(KnowledgeGraphApplication app, object variables)
    {
        var response = await app.PostAsync(Query, variables);
        Assert.True(response.Errors.Count == 0, string.Join("; ", response.Errors.Select(error => error?.ToJsonString())));
        return response.Data!["collaborators"]!;
    }

    static List<JsonNode> Edges(JsonNode page) => page["edges"]!.AsArray().Select(edge => edge!).ToList();

    static void AssertEnds(JsonNode page, bool hasPrevious, bool hasNext)
    {
        Assert.Equal(hasPrevious, page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(hasNext, page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var edges = Edges(page);
        Assert.Equal(edges[0]["cursor"]!.GetValue<string>(), page["pageInfo"]!["startCursor"]!.GetValue<string>());
        Assert.Equal(edges[^1]["cursor"]!.GetValue<string>(), page["pageInfo"]!["endCursor"]!.GetValue<string>());
    }
}
