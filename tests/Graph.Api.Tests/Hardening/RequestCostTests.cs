using System.Text;

using KnowledgeGraph.Api.Tests.Matchmaking;

namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>
/// A request's cost is measured from what it asks for, cheaply, before anything runs: fragments once per definition,
/// every written field, lists by their size, filters by what they read; limits are checked before any work.
/// </summary>
public sealed class RequestCostTests(SampleDataApplication app) : IClassFixture<SampleDataApplication>
{
    /// <summary>Fragment n spreads fragment n − 1 twice: 2ⁿ fields from a document of n lines.</summary>
    private static string FragmentChain(int n)
    {
        var text = new StringBuilder("query { ...F").Append(n).Append(" }\nfragment F0 on Query { dataVersion }\n");
        for (var i = 1; i <= n; i++)
            text.Append("fragment F").Append(i).Append(" on Query { ...F").Append(i - 1).Append(" ...F").Append(i - 1).Append(" }\n");
        return text.ToString();
    }

    [Fact]
    public async Task AFragmentChainIsCostedAtWhatItExpandsToAndRefused()
    {
        var response = await app.PostAsync(FragmentChain(40));

        Assert.Equal(400, response.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], response.ErrorCodes);
        // 2⁴⁰ fields, found without expanding them.
        Assert.Contains("1099511627776", response.Errors[0]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task ASmallFragmentChainRunsAndCountsEveryExpandedField()
    {
        var response = await app.PostAsync(FragmentChain(3));

        Assert.Empty(response.Errors);
        Assert.NotNull(response.Data?["dataVersion"]);
    }

    [Fact]
    public async Task RepeatedFieldsBeyondTheSelectionLimitAreRefusedBeforeValidation()
    {
        var many = "{ " + string.Concat(Enumerable.Repeat("dataVersion ", 20_000)) + "}";
        var allowed = "{ " + string.Concat(Enumerable.Repeat("dataVersion ", 1_000)) + "}";

        var refused = await app.PostAsync(many);
        var passed = await app.PostAsync(allowed);

        Assert.Equal(400, refused.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], refused.ErrorCodes);
        Assert.Contains("1000 field selections", refused.Errors[0]?["message"]?.GetValue<string>());
        Assert.Empty(passed.Errors);
    }

    [Fact]
    public async Task ListsInsideAFragmentAreCostedByTheConnectionsPageSize()
    {
        await using var limited = new KnowledgeGraphApplication().With("GraphQL:MaxComplexity", "1000");
        const string fragment = "fragment Page on EnterpriseConnection { nodes { name nameEn } }";

        var small = await limited.PostAsync("{ enterprises(first: 100) { ...Page } } " + fragment);
        var large = await limited.PostAsync("{ enterprises(first: 500) { ...Page } } " + fragment);

        Assert.Empty(small.Errors);
        Assert.Equal(["QUERY_TOO_COMPLEX"], large.ErrorCodes);
        // enterprises 1 + nodes 1 + 500 × (name + nameEn).
        Assert.Contains("Complexity is 1002", large.Errors[0]?["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task NestedLinkConditionsAreCostedByWhatTheyReadAndThreeLevelsAreRefused()
    {
        const string two = "{ enterprises(where: { pairings: { some: { node: { pairings: { some: { node: { name: { eq: \"x\" } } } } } } } }) { totalCount } }";
        const string three = "{ enterprises(where: { pairings: { some: { node: { pairings: { some: { node: { pairings: { some: { node: { name: { eq: \"x\" } } } } } } } } } } }) { totalCount } }";

        var allowed = await app.PostAsync(two);
        var refused = await app.PostAsync(three);

        Assert.Empty(allowed.Errors);
        Assert.Equal(400, refused.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], refused.ErrorCodes);
    }

    [Fact]
    public async Task AMatchmakingLimitOutOfRangeIsRefusedBeforeTheIndexIsBuilt()
    {
        var store = new CountingGraphStore();
        await using var counted = new KnowledgeGraphApplication().WithServices(store.Install);
        await counted.PostAsync("{ dataVersion }");
        await counted.CollaborationBuiltAsync();
        store.Reset();

        var response = await counted.PostAsync("{ recommendPartners(for: \"Enterprise:91450204MA5K00013L\", limit: 1000000) { score } }");

        Assert.Equal(["INVALID_INPUT"], response.ErrorCodes);
        Assert.Contains("limit must be 1 to 100", response.Errors[0]?["message"]?.GetValue<string>());
        Assert.Equal(0, store.ReadCalls);
    }

    [Fact]
    public async Task IntrospectionCostsWhatItAnswersSoAliasesOfItAreRefused()
    {
        // 24 KB asking for the whole schema with its descriptions a thousand times over: about a gigabyte of answer.
        const string fragment = "fragment Schema on __Schema { types { name description fields { name description args { name description } } } }";
        var aliases = "{ " + string.Concat(Enumerable.Range(0, 990).Select(i => $"a{i}: __schema {{ ...Schema }} ")) + "} " + fragment;
        var typeAliases = "{ " + string.Concat(Enumerable.Range(0, 990).Select(i => $"a{i}: __type(name: \"Query\") {{ ...Type }} ")) + "} "
            + "fragment Type on __Type { fields { name description args { name description } } }";

        var refused = await app.PostAsync(aliases);
        var typesRefused = await app.PostAsync(typeAliases);
        var once = await app.PostAsync("{ __schema { ...Schema } } " + fragment);

        Assert.Equal(400, refused.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], refused.ErrorCodes);
        Assert.Equal(["QUERY_TOO_COMPLEX"], typesRefused.ErrorCodes);
        Assert.Empty(once.Errors);
        Assert.NotEmpty(once.Data!["__schema"]!["types"]!.AsArray());
    }

    [Fact]
    public async Task GraphiQLsIntrospectionQueryPasses()
    {
        var response = await app.PostAsync(IntrospectionQuery);

        Assert.Empty(response.Errors);
        Assert.NotNull(response.Data?["__schema"]?["types"]);
    }

    /// <summary>The introspection query GraphiQL sends (graphql-js <c>getIntrospectionQuery()</c>), 13 levels deep.</summary>
    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}
