using KnowledgeGraph.Api.Tests.Schema;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Api.Tests.Schema.SampleGraph;

namespace KnowledgeGraph.Api.Tests.Collaboration;

/// <summary>
/// The collaboration fields on the hand-made sample graph (<see cref="SampleGraph"/>). Checked by hand from its links:
/// <code>
///   柳州工程机械 – 广西大学     platform 3 + pairing 2 + project 2 + consortium 1 + commissioner 1 = 9
///   南宁新能源 – 桂林电子科大   platform 3 + pairing 2 + challenge 3 = 8
///   柳州工程机械 – 广州能源所   pairing 2 + agreement 2 = 4
///   广西大学 – 南宁新能源       technology contract 3
///   柳州工程机械 – 桂林电子科大, 柳州工程机械 – 清华大学 (agreement), 玉林动力 – 广西大学: 2 each
///   桂林示例科技, 自治区科技厅: no collaboration
/// </code>
/// </summary>
public sealed class CollaborationQueryTests(SampleGraphApplication app) : IClassFixture<SampleGraphApplication>
{
    const string Gxu = "University:gxu";
    const string Guet = "University:guet";
    const string Thu = "University:thu";
    const string Giec = "ResearchInstitute:cas-giec";

    [Fact]
    public async Task CollaboratorsOfAnEnterpriseComeHeaviestFirstWithTheirEvidence()
    {
        var response = await app.PostAsync("""
            query($of: ID!) {
              collaborators(of: $of) {
                edges {
                  node { id name } distance weight
                  collaboration { kinds firstDate lastDate evidence { kind through { id } linkIds from } }
                }
              }
            }
            """, new { of = Enterprise(Liugong) });

        Assert.Empty(response.Errors);
        var collaborators = response.Data!["collaborators"]!["edges"]!.AsArray();
        Assert.Equal([Gxu, Giec, Guet, Thu], collaborators.Select(c => c!["node"]!["id"]!.GetValue<string>()));
        Assert.Equal([9.0, 4.0, 2.0, 2.0], collaborators.Select(c => c!["weight"]!.GetValue<double>()));
        var gxu = collaborators[0]!;
        Assert.Equal("广西大学", gxu["node"]!["name"]!.GetValue<string>());
        Assert.Equal(["PLATFORM", "CONSORTIUM", "PAIRING", "PROJECT", "COMMISSIONER"], gxu["collaboration"]!["kinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("2015-03-01", gxu["collaboration"]!["firstDate"]!.GetValue<string>());
        Assert.Equal("2024-01-01", gxu["collaboration"]!["lastDate"]!.GetValue<string>());
        var platform = gxu["collaboration"]!["evidence"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "PLATFORM")!;
        Assert.Equal("Platform:liugong-etc", platform["through"]!["id"]!.GetValue<string>());
        Assert.Equal([$"HOSTS|{Enterprise(Liugong)}|Platform:liugong-etc", $"CO_BUILDS|{Gxu}|Platform:liugong-etc"],
            platform["linkIds"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal("2015-03-01", platform["from"]!.GetValue<string>());
    }

    [Fact]
    public async Task CollaboratorsAtDepthTwoAreReachedThroughTheHeaviestTie()
    {
        var response = await app.PostAsync("""
            query($of: ID!) { collaborators(of: $of, depth: 2, where: { region: "450000" }) { edges { node { id } distance via { id } weight } } }
            """, new { of = Enterprise(Liugong) });

        Assert.Empty(response.Errors);
        var second = response.Data!["collaborators"]!["edges"]!.AsArray().Where(c => c!["distance"]!.GetValue<int>() == 2).ToList();
        // 南宁新能源 is two steps away through 桂林电子科大 (tie 8) rather than 广西大学 (tie 3); 清华 and 广州能源所 are outside Guangxi.
        Assert.Equal([Enterprise(NanningNev), Enterprise(Yuchai)], second.Select(c => c!["node"]!["id"]!.GetValue<string>()));
        Assert.Equal(Guet, second[0]!["via"]!["id"]!.GetValue<string>());
        Assert.Equal(8.0, second[0]!["weight"]!.GetValue<double>());
        Assert.DoesNotContain(response.Data!["collaborators"]!["edges"]!.AsArray(), c => c!["node"]!["id"]!.GetValue<string>() == Thu);
    }

    [Fact]
    public async Task CollaboratorPagesForwardsAndBackwardsAddUpToTheWholeAnswer() =>
        await CollaboratorPages.AddUpAsync(app, Enterprise(Liugong), depth: 2, minimum: 5);

    [Fact]
    public async Task OnTheSampleDataAUniversitysCollaboratorPagesAddUpToTheWholeAnswer()
    {
        await using var sample = new KnowledgeGraphApplication().With("Store:LoadSampleData", "true");
        await CollaboratorPages.AddUpAsync(sample, "University:demo-tech-univ", depth: 2, minimum: 5);
    }

    [Fact]
    public async Task TotalCountIsTheWholeAnswerWhateverThePage()
    {
        var response = await app.PostAsync("""
            query($of: ID!) {
              whole: collaborators(of: $of, depth: 2, first: 500) { edges { cursor } }
              first: collaborators(of: $of, depth: 2, first: 1) { totalCount pageInfo { hasNextPage hasPreviousPage } }
              empty: collaborators(of: $of, depth: 2, first: 0) { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor } }
            }
            """, new { of = Enterprise(Liugong) });

        Assert.Empty(response.Errors);
        var whole = response.Data!["whole"]!["edges"]!.AsArray().Count;
        Assert.True(whole > 1, $"{whole} collaborators within two steps");
        Assert.Equal(whole, response.Data!["first"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(whole, response.Data!["empty"]!["totalCount"]!.GetValue<int>());
        Assert.True(response.Data!["first"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Empty(response.Data!["empty"]!["edges"]!.AsArray());
        Assert.True(response.Data!["empty"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Null(response.Data!["empty"]!["pageInfo"]!["startCursor"]);
    }

    [Fact]
    public async Task APathFromYulinToTsinghuaListsEveryStepsEvidence()
    {
        var response = await app.PostAsync("""
            query($from: ID!, $to: ID!) {
              collaborationPaths(from: $from, to: $to) {
                hops organizations { name }
                steps { organization { id } partner { id } kinds evidence { linkIds } }
              }
            }
            """, new { from = Enterprise(Yuchai), to = Thu });

        Assert.Empty(response.Errors);
        var path = Assert.Single(response.Data!["collaborationPaths"]!.AsArray())!;
        Assert.Equal(3, path["hops"]!.GetValue<int>());
        Assert.Equal(["玉林动力机械有限公司", "广西大学", "柳州工程机械股份有限公司", "清华大学"], path["organizations"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        var last = path["steps"]![2]!;
        Assert.Equal(Enterprise(Liugong), last["organization"]!["id"]!.GetValue<string>());
        Assert.Equal(["AGREEMENT"], last["kinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal([$"COOPERATION_AGREEMENT|{Enterprise(Liugong)}|{Thu}"], last["evidence"]![0]!["linkIds"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task NetworkStatisticsCountTiesComponentsAndInRegionShare()
    {
        var response = await app.PostAsync("""
            { collaborationNetwork { statistics { nodes edges density components largestComponent isolated inRegionTies outOfRegionTies inRegionShare totalWeight } } }
            """);

        Assert.Empty(response.Errors);
        var stats = response.Data!["collaborationNetwork"]!["statistics"]!;
        Assert.Equal(9, stats["nodes"]!.GetValue<int>());
        Assert.Equal(7, stats["edges"]!.GetValue<int>());
        Assert.Equal(14.0 / 72, stats["density"]!.GetValue<double>(), 1e-6);
        Assert.Equal(3, stats["components"]!.GetValue<int>());
        Assert.Equal(7, stats["largestComponent"]!.GetValue<int>());
        Assert.Equal(2, stats["isolated"]!.GetValue<int>());
        // The ties to 清华大学 and 广州能源所 are 区外; the other five 区内.
        Assert.Equal(5, stats["inRegionTies"]!.GetValue<int>());
        Assert.Equal(2, stats["outOfRegionTies"]!.GetValue<int>());
        Assert.Equal(5.0 / 7, stats["inRegionShare"]!.GetValue<double>(), 1e-6);
        Assert.Equal(30.0, stats["totalWeight"]!.GetValue<double>(), 1e-6);
    }

    [Fact]
    public async Task ANetworkOfARegionCountsTheTiesThatLeaveIt()
    {
        var response = await app.PostAsync("""
            { collaborationNetwork(where: { region: "450100" }) { organizations { nodes { id } } ties { nodes { sourceId targetId kinds weight } } statistics { externalTies externalInRegionTies } } }
            """);

        Assert.Empty(response.Errors);
        var network = response.Data!["collaborationNetwork"]!;
        Assert.Equal([Enterprise(NanningNev), Gxu], network["organizations"]!["nodes"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var tie = Assert.Single(network["ties"]!["nodes"]!.AsArray())!;
        Assert.Equal(["TECHNOLOGY_CONTRACT"], tie["kinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(3, network["statistics"]!["externalTies"]!.GetValue<int>());
        Assert.Equal(3, network["statistics"]!["externalInRegionTies"]!.GetValue<int>());
    }

    [Fact]
    public async Task RankingsByDegreeAndWeightedDegree()
    {
        var response = await app.PostAsync("""
            {
              degree: rankings(metric: DEGREE, top: 2) { exact top { rank score organization { id } } }
              weighted: rankings(metric: WEIGHTED_DEGREE, top: 3) { top { score organization { id } } }
              betweenness: rankings(metric: BETWEENNESS, top: 1) { exact errorBound top { organization { id } } }
            }
            """);

        Assert.Empty(response.Errors);
        var degree = response.Data!["degree"]!["top"]!.AsArray();
        Assert.Equal([Enterprise(Liugong), Gxu], degree.Select(r => r!["organization"]!["id"]!.GetValue<string>()));
        Assert.Equal([4.0, 3.0], degree.Select(r => r!["score"]!.GetValue<double>()));
        var weighted = response.Data!["weighted"]!["top"]!.AsArray();
        Assert.Equal([17.0, 14.0, 11.0], weighted.Select(r => r!["score"]!.GetValue<double>()));
        Assert.True(response.Data!["betweenness"]!["exact"]!.GetValue<bool>());
        Assert.Equal(Enterprise(Liugong), response.Data!["betweenness"]!["top"]![0]!["organization"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CommunitiesPartitionTheOrganisations()
    {
        var response = await app.PostAsync("{ communities { algorithm modularity communities { nodes { size members { nodes { id } } } } } }");

        Assert.Empty(response.Errors);
        var partition = response.Data!["communities"]!;
        Assert.Equal("louvain", partition["algorithm"]!.GetValue<string>());
        var members = partition["communities"]!["nodes"]!.AsArray().SelectMany(c => c!["members"]!["nodes"]!.AsArray().Select(m => m!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(9, members.Count);
        Assert.Equal(9, members.Distinct().Count());
        Assert.InRange(partition["modularity"]!.GetValue<double>(), 0.0, 1.0);
    }

    [Fact]
    public async Task TheChangeFrom2021To2024IsTheNewPairing()
    {
        var response = await app.PostAsync("""
            { collaborationChange(fromYear: 2021, toYear: 2024) { newTies { nodes { sourceId targetId kinds } } lostTies { totalCount nodes { sourceId } } keptTies fromStatistics { edges } } }
            """);

        Assert.Empty(response.Errors);
        var change = response.Data!["collaborationChange"]!;
        var added = Assert.Single(change["newTies"]!["nodes"]!.AsArray())!;
        Assert.Equal((Enterprise(Liugong), Guet), (added["sourceId"]!.GetValue<string>(), added["targetId"]!.GetValue<string>()));
        Assert.Empty(change["lostTies"]!["nodes"]!.AsArray());
        Assert.Equal(0, change["lostTies"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(6, change["keptTies"]!.GetValue<int>());
        Assert.Equal(6, change["fromStatistics"]!["edges"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{ collaborators(of: \"Platform:liugong-etc\") { totalCount } }", "INVALID_INPUT", "not an organisation")]
    [InlineData("{ collaborators(of: \"Enterprise:nobody\") { totalCount } }", "NOT_FOUND", "Enterprise:nobody")]
    [InlineData("{ collaborators(of: \"University:gxu\", depth: 5) { totalCount } }", "INVALID_INPUT", "depth")]
    [InlineData("{ collaborators(of: \"University:gxu\", first: -1) { totalCount } }", "INVALID_INPUT", "'first' of 'collaborators'")]
    [InlineData("{ collaborators(of: \"University:gxu\", last: 501) { totalCount } }", "INVALID_INPUT", "'last' of 'collaborators'")]
    [InlineData("{ collaborators(of: \"University:gxu\", after: \"University:thu\") { totalCount } }", "INVALID_INPUT", "'after' of 'collaborators' is 'University:thu'")]
    [InlineData("{ collaborators(of: \"University:gxu\", before: \"b2Zmc2V0OjA=\") { totalCount } }", "INVALID_INPUT", "'before' of 'collaborators' is 'b2Zmc2V0OjA='")]
    // Cursors of organisations that are not collaborators here: 清华 (University:thu), and one that does not exist.
    [InlineData("{ collaborators(of: \"University:gxu\", after: \"Y29sbGFib3JhdG9yOlVuaXZlcnNpdHk6dGh1\") { totalCount } }", "INVALID_INPUT", "after: 'University:thu' is not a collaborator")]
    [InlineData("{ collaborators(of: \"University:gxu\", last: 2, before: \"Y29sbGFib3JhdG9yOlVuaXZlcnNpdHk6dGh1\") { totalCount } }", "INVALID_INPUT", "'before' of 'collaborators' names 'University:thu'")]
    [InlineData("{ collaborators(of: \"University:gxu\", after: \"Y29sbGFib3JhdG9yOkVudGVycHJpc2U6bm9ib2R5\") { totalCount } }", "NOT_FOUND", "after")]
    // The same cursors when paging backwards, where the whole answer places the window.
    [InlineData("{ collaborators(of: \"University:gxu\", last: 2, after: \"Y29sbGFib3JhdG9yOlVuaXZlcnNpdHk6dGh1\") { totalCount } }", "INVALID_INPUT", "after: 'University:thu' is not a collaborator")]
    [InlineData("{ collaborators(of: \"University:gxu\", last: 2, after: \"Y29sbGFib3JhdG9yOkVudGVycHJpc2U6bm9ib2R5\") { totalCount } }", "NOT_FOUND", "after")]
    [InlineData("{ collaborationNetwork(where: { region: \"4501\" }) { statistics { nodes } } }", "INVALID_INPUT", "'4501'")]
    [InlineData("{ collaborationNetwork(where: { year: 2020, since: \"2020-01-01\" }) { statistics { nodes } } }", "INVALID_INPUT", "year")]
    public async Task BadArgumentsAreErrorsThatSayWhat(string query, string code, string named)
    {
        var response = await app.PostAsync(query);

        Assert.Equal([code], response.ErrorCodes);
        Assert.Contains(named, response.Errors[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWriteChangesTheNextAnswer()
    {
        await using var fresh = new SampleGraphApplication();
        await fresh.InitializeAsync();
        const string Query = """query($of: ID!) { collaborators(of: $of) { nodes { id } } }""";
        var before = await fresh.PostAsync(Query, new { of = "GovernmentBody:gx-kjt" });
        Assert.Empty(before.Data!["collaborators"]!["nodes"]!.AsArray());

        await fresh.Store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertLink(
            new LinkInput(LinkType.CooperationAgreement, "GovernmentBody:gx-kjt", Thu))));

        var after = await fresh.PostAsync(Query, new { of = "GovernmentBody:gx-kjt" });
        Assert.Equal([Thu], after.Data!["collaborators"]!["nodes"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OnTheSampleDataTheRegionsAgreementsConnectTsinghuaToWuhanUniversity()
    {
        // data/sample, COOPERATION_AGREEMENT.csv: 自治区人民政府 signed with 中国科学院, 清华大学 and 武汉大学 (seed 003), and has no other
        // link the rules read; so those three are its collaborators, 2 each, and 清华 reaches 武大 only through it.
        await using var sample = new KnowledgeGraphApplication().With("Store:LoadSampleData", "true");
        var response = await sample.PostAsync("""
            {
              collaborators(of: "GovernmentBody:gxgov") { edges { node { id } weight collaboration { kinds } } }
              collaborationPaths(from: "University:tsinghua", to: "University:whu") { organizations { name } }
            }
            """);

        Assert.Empty(response.Errors);
        var collaborators = response.Data!["collaborators"]!["edges"]!.AsArray();
        Assert.Equal(["ResearchInstitute:cas", "University:tsinghua", "University:whu"], collaborators.Select(c => c!["node"]!["id"]!.GetValue<string>()));
        Assert.All(collaborators, c => Assert.Equal(2.0, c!["weight"]!.GetValue<double>()));
        Assert.All(collaborators, c => Assert.Equal(["AGREEMENT"], c!["collaboration"]!["kinds"]!.AsArray().Select(k => k!.GetValue<string>())));
        var path = Assert.Single(response.Data!["collaborationPaths"]!.AsArray())!;
        Assert.Equal(["清华大学", "广西壮族自治区人民政府", "武汉大学"], path["organizations"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
    }
}
