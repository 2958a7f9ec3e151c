using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Reference;

namespace KnowledgeGraph.Api.Tests.Matchmaking;

/// <summary>A hand-made graph beside the reference universities, and recommendPartners on it.</summary>
public abstract class PublicFactsGraph(ReferenceApplication app)
{
    // 广西大学: 南宁市 (450100), 211 and 双一流, 本科; nothing else is known of it in a fresh store.
    protected const string Gxu = "University:4145010593";
    protected const string Firm = "Enterprise:91450204MA5K00013L";
    protected const string FarUniversity = "University:far-machinery-univ";

    protected async Task EnsureGraphAsync()
    {
        // An enterprise registered in 柳州, located in 南宁, working in machinery, and a user's university far away (广东) in the same field.
        var response = await app.PostAsync("""
            mutation { applyBatch(operations: [
              { upsertEnterprise: { creditCode: "91450204MA5K00013L", name: "南宁示例机械有限公司", region: "450100", fields: ["machinery"] } },
              { upsertUniversity: { key: "far-machinery-univ", name: "示例深圳机械学院", region: "440000", fields: ["machinery"] } }
            ]) { dataVersion } }
            """, token: KnowledgeGraphApplication.TokenFor("editor"));
        Assert.True(response.Errors.Count == 0, response.Text);
    }

    protected ReferenceApplication App => app;

    protected async Task<JsonArray> RecommendAsync(string arguments)
    {
        var response = await app.PostAsync($$"""
            { recommendPartners(for: "{{Firm}}" {{arguments}}) {
              rank score weakEvidence organization { id ... on University { designations region { code } } }
              parts { fieldFit capability trackRecord proximity practical publicFacts }
              explanation explanationEn } }
            """);
        Assert.Empty(response.Errors);
        return response.Data!["recommendPartners"]!.AsArray();
    }

    protected static string Id(JsonNode? entry) => entry!["organization"]!["id"]!.GetValue<string>();
}

/// <summary>
/// recommendPartners over the reference universities, which the graph knows by public facts alone (designations, level,
/// city): they are recommended after every evidenced partner, flagged weak, and the explanation says so.
/// </summary>
public sealed class PublicFactsPartnerTests(ReferenceApplication app) : PublicFactsGraph(app), IClassFixture<ReferenceApplication>
{
    [Fact]
    public async Task AReferenceUniversityInTheCityIsRecommendedAfterTheEvidencedPartnerFlaggedWeak()
    {
        await EnsureGraphAsync();

        // A small field weight puts the evidenced partner's score (0.1) below the public-facts score of 广西大学 (1.4):
        // it still comes first, as evidence outranks public facts.
        var partners = await RecommendAsync(", weights: { field: 0.1 }, limit: 5");

        Assert.Equal(5, partners.Count);
        Assert.Equal(FarUniversity, Id(partners[0]));
        Assert.False(partners[0]!["weakEvidence"]!.GetValue<bool>());
        Assert.Equal(0, partners[0]!["parts"]!["publicFacts"]!.GetValue<double>());

        var gxu = partners[1]!;
        Assert.Equal(Gxu, Id(gxu));
        Assert.True(gxu["weakEvidence"]!.GetValue<bool>());
        Assert.True(gxu["score"]!.GetValue<double>() > partners[0]!["score"]!.GetValue<double>());
        // Same city (1 × 0.8) and 211/双一流 (0.5) plus 本科 (0.25), × 0.8; no field, capability, record or proximity.
        Assert.Equal(0.8, gxu["parts"]!["practical"]!.GetValue<double>(), 4);
        Assert.Equal(0.6, gxu["parts"]!["publicFacts"]!.GetValue<double>(), 4);
        Assert.Equal(0, gxu["parts"]!["fieldFit"]!.GetValue<double>() + gxu["parts"]!["capability"]!.GetValue<double>()
            + gxu["parts"]!["trackRecord"]!.GetValue<double>() + gxu["parts"]!["proximity"]!.GetValue<double>());
        Assert.Equal(
            "广西大学在图谱中没有与需求相关的领域、平台、业绩或合作记录，仅依据公开信息推荐（211、双一流、本科）；位于同一城市。证据较弱，联系前请核实其匹配程度。",
            gxu["explanation"]!.GetValue<string>());
        Assert.Contains("recommended on public facts only (211、双一流、本科); it is in the same city. Weak evidence", gxu["explanationEn"]!.GetValue<string>());

        // Every one after the evidenced partner is weak, best first, and has a reason: in 广西 or designated.
        Assert.All(partners.Skip(1), p =>
        {
            Assert.True(p!["weakEvidence"]!.GetValue<bool>());
            Assert.True(p["organization"]!["region"]!["code"]!.GetValue<string>().StartsWith("45", StringComparison.Ordinal)
                || p["organization"]!["designations"]!.AsArray().Count > 0);
        });
        Assert.True(partners.Skip(1).Zip(partners.Skip(2)).All(p => p.First!["score"]!.GetValue<double>() >= p.Second!["score"]!.GetValue<double>()));
    }

    [Fact]
    public async Task WeakPartnersOnlyFillThePlacesEvidencedOnesLeave()
    {
        await EnsureGraphAsync();

        var one = await RecommendAsync(", limit: 1");
        var institutes = await RecommendAsync(", kinds: [RESEARCH_INSTITUTE], limit: 5");
        var abroad = await RecommendAsync(", scope: ABROAD, limit: 5");

        Assert.Equal([FarUniversity], one.Select(Id));
        Assert.Empty(institutes);
        Assert.Empty(abroad);
    }
}

/// <summary>A reference university the graph learns more of leaves the weak ones (on its own store: the change stays there).</summary>
public sealed class PublicFactsPartnerUpdateTests(ReferenceApplication app) : PublicFactsGraph(app), IClassFixture<ReferenceApplication>
{
    [Fact]
    public async Task AReferenceUniversityGivenAFieldIsNoLongerWeak()
    {
        await EnsureGraphAsync();
        var patch = await App.PostAsync($$"""mutation { patchUniversity(id: "{{Gxu}}", set: { fields: ["machinery"] }) { dataVersion } }""",
            token: KnowledgeGraphApplication.TokenFor("editor"));
        Assert.Empty(patch.Errors);

        var partners = await RecommendAsync(", limit: 3");

        // Now it works in the field and is in the same city: the first partner, on evidence.
        Assert.Equal(Gxu, Id(partners[0]));
        Assert.False(partners[0]!["weakEvidence"]!.GetValue<bool>());
        Assert.DoesNotContain("公开信息", partners[0]!["explanation"]!.GetValue<string>());
    }
}
