using System.Text.Json.Nodes;

namespace KnowledgeGraph.Api.Tests.Matchmaking;

/// <summary>The application with data/sample loaded on start, as a fresh deployment has it.</summary>
public sealed class SampleDataApplication : KnowledgeGraphApplication
{
    public SampleDataApplication() => With("Store:LoadSampleData", "true");
}

/// <summary>recommendPartners and similarOrganizations on data/sample.</summary>
public sealed class MatchmakingTests(SampleDataApplication app) : IClassFixture<SampleDataApplication>
{
    // 柳州示例重工机械: a subsidiary of 示例重工集团, itself the parent of 示例重工铸造 (data/sample/links/SUBSIDIARY_OF.csv).
    const string HeavyMachinery = "Enterprise:91450205MA5K003121";
    static readonly string[] HeavyGroup =
    [
        "Enterprise:91450205MA5K003046", "Enterprise:91450205MA5K003121", "Enterprise:91450206MA5K00321D",
        "Enterprise:91450702MA5K003397", "Enterprise:91450205MA5K00347K", "Enterprise:91440305MA5K00355F",
    ];

    async Task<JsonArray> RecommendAsync(string forId, string arguments = "")
    {
        var response = await app.PostAsync($$"""
            query($for: ID!) { recommendPartners(for: $for {{arguments}}) {
              rank score organization { id name __typename ... on Enterprise { highTech techSme } }
              parts { fieldFit capability trackRecord proximity practical }
              evidence { distance sharedPartners trackRecord { challengeYears contracts pairings } capability { platformType } }
              explanation explanationEn introducers { id name } } }
            """, new { @for = forId });
        Assert.Empty(response.Errors);
        return response.Data!["recommendPartners"]!.AsArray();
    }

    static string Id(JsonNode? entry) => entry!["organization"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task AnEnterpriseGetsFittingPartnersWithReasons()
    {
        var partners = await RecommendAsync(HeavyMachinery, ", limit: 3");

        // 示例鲁西大学 works in machinery (a field next to construction machinery), signed a technology contract and
        // took a pairing there; the enterprise's own partners (示例理工大学, 示例华中大学) are left out.
        var top = partners[0]!;
        Assert.Equal("University:demo-lc-univ", Id(top));
        Assert.Equal("示例鲁西大学接近工程机械领域（匹配度0.6）；在工程机械领域技术合同1项，结对企业1家；目前结对企业1家。", top["explanation"]!.GetValue<string>());
        Assert.Contains("signed 1 technology contract", top["explanationEn"]!.GetValue<string>());
        Assert.DoesNotContain(partners, p => Id(p) is "University:demo-tech-univ" or "University:demo-central-univ");
        var parts = top["parts"]!.AsObject().Select(p => p.Value!.GetValue<double>()).Sum();
        Assert.Equal(top["score"]!.GetValue<double>(), parts, 3);
        Assert.True(partners.Zip(partners.Skip(1)).All(p => p.First!["score"]!.GetValue<double>() >= p.Second!["score"]!.GetValue<double>()));
    }

    [Fact]
    public async Task AChallengeGetsSolversWithIntroducers()
    {
        var partners = await RecommendAsync("Challenge:ch-2023-boom", ", excludeExisting: false, limit: 3");

        // 示例新材料研究院 runs a new-type R&D institution in new materials (the challenge's second field) and already
        // collaborates with the poster 示例重工集团; 示例理工大学 collaborates with both.
        var top = partners[0]!;
        Assert.Equal("ResearchInstitute:demo-materials-inst", Id(top));
        Assert.Contains("在新材料领域有新型研发机构1个", top["explanation"]!.GetValue<string>());
        Assert.Contains("it already collaborates with 示例重工集团有限公司", top["explanationEn"]!.GetValue<string>());
        Assert.Contains("University:demo-tech-univ", top["introducers"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ADelistedPlatformGivesNoCapability()
    {
        // 示例甘蔗研究所 co-builds 广西壮族自治区示例特色农业技术创新中心 only, a centre delisted on 2025-06-30
        // (data/sample/nodes/Platform.csv): it stays a fitting partner for 崇左示例糖业 but gains no capability from it.
        var response = await app.PostAsync("""
            query { recommendPartners(for: "Enterprise:91451402MA5K00890T", kinds: [RESEARCH_INSTITUTE], excludeExisting: false, limit: 100) {
              organization { id } parts { capability } evidence { capability { platform { id } } } } }
            """);
        Assert.Empty(response.Errors);

        var institute = response.Data!["recommendPartners"]!.AsArray().Single(p => Id(p) == "ResearchInstitute:demo-sugar-inst")!;
        Assert.Equal(0, institute["parts"]!["capability"]!.GetValue<double>());
        Assert.Empty(institute["evidence"]!["capability"]!.AsArray());
    }

    [Fact]
    public async Task NeitherTheEnterpriseNorItsGroupIsRecommended()
    {
        var partners = await RecommendAsync(HeavyMachinery, ", kinds: [ENTERPRISE, UNIVERSITY, RESEARCH_INSTITUTE], excludeExisting: false, limit: 100");

        Assert.NotEmpty(partners);
        Assert.DoesNotContain(partners, p => HeavyGroup.Contains(Id(p)));
    }

    [Fact]
    public async Task AChallengeGetsNoApplicantTheEligibilityRuleRefuses()
    {
        var partners = await RecommendAsync("Challenge:ch-2023-boom", ", kinds: [ENTERPRISE], excludeExisting: false, limit: 100");

        // A 技术攻关类 challenge takes only 科技型企业 among enterprises, never the poster's group.
        Assert.NotEmpty(partners);
        Assert.All(partners, p => Assert.True(p!["organization"]!["highTech"]!.GetValue<bool>() || p["organization"]!["techSme"]!.GetValue<bool>()));
        Assert.DoesNotContain(partners, p => HeavyGroup.Contains(Id(p)));
    }

    [Fact]
    public async Task ScopeKeepsPartnersInTheRegion()
    {
        var response = await app.PostAsync("""
            { recommendPartners(for: "Enterprise:91450205MA5K003121", scope: IN_REGION, limit: 100) { organization { ... on University { locality } ... on ResearchInstitute { locality } } } }
            """);

        Assert.Empty(response.Errors);
        Assert.All(response.Data!["recommendPartners"]!.AsArray(), p => Assert.Equal("IN_REGION", p!["organization"]!["locality"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WeightsChangeTheRanking()
    {
        var fieldOnly = await RecommendAsync(HeavyMachinery, ", weights: { capability: 0, trackRecord: 0, proximity: 0, region: 0, load: 0 }, limit: 100");

        Assert.All(fieldOnly, p => Assert.Equal(p!["score"]!.GetValue<double>(), p["parts"]!["fieldFit"]!.GetValue<double>(), 4));
    }

    [Fact]
    public async Task BadRequestsGetStableCodes()
    {
        var missing = await app.PostAsync("""{ recommendPartners(for: "Enterprise:91450000MA5K99999X") { rank } }""");
        var limit = await app.PostAsync("""{ recommendPartners(for: "Enterprise:91450205MA5K003121", limit: 0) { rank } }""");
        var weights = await app.PostAsync("""{ recommendPartners(for: "Enterprise:91450205MA5K003121", weights: { field: -1 }) { rank } }""");

        Assert.Equal(["NOT_FOUND"], missing.ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], limit.ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], weights.ErrorCodes);
        Assert.Contains("weights.field", weights.Errors[0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task SimilarOrganizationsAreOfTheSameKindAndShareProfile()
    {
        var response = await app.PostAsync("""
            { similarOrganizations(of: "University:demo-tech-univ", limit: 5) { rank similarity sharedPartners organization { id __typename } } }
            """);

        Assert.Empty(response.Errors);
        var similar = response.Data!["similarOrganizations"]!.AsArray();
        Assert.NotEmpty(similar);
        Assert.All(similar, s => Assert.Contains(s!["organization"]!["__typename"]!.GetValue<string>(), new[] { "University", "ResearchInstitute" }));
        Assert.DoesNotContain(similar, s => s!["organization"]!["id"]!.GetValue<string>() == "University:demo-tech-univ");
        Assert.True(similar[0]!["sharedPartners"]!.GetValue<int>() > 0);
    }
}
