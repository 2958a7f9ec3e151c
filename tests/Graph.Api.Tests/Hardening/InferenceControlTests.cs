using System.Text.Json.Nodes;
using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>
/// Each way a caller without the 'analyst' role could infer an enterprise's confidential figures is closed: small
/// cells of the indicators, the filing check's size classes, and public filters that rebuild the analyst-only lists.
/// </summary>
public sealed class InferenceControlTests
{
    // The only enterprise in 防城港 (450600) × machinery: industrial, revenue ≥ 5 亿元, no R&D — on the 双清零 list.
    static readonly NodeInput Alone = Enterprise(71, "防城港示例重型机械有限公司", "450602",
        ("industrial", true), ("aboveDesignatedSize", true), ("revenue", 60000m), ("employees", 1200L), ("hasRdActivity", false),
        ("dataYear", 2024L), ("fields", new[] { "machinery" }));

    // Three in 钦州 (450700): a cell large enough to publish.
    static readonly NodeInput[] Three =
    [
        Enterprise(72, "钦州示例机械一厂", "450702", ("industrial", true), ("aboveDesignatedSize", true), ("revenue", 3000m), ("hasRdActivity", true), ("dataYear", 2024L)),
        Enterprise(73, "钦州示例机械二厂", "450702", ("industrial", true), ("aboveDesignatedSize", true), ("revenue", 4000m), ("hasRdActivity", true), ("dataYear", 2024L)),
        Enterprise(74, "钦州示例机械三厂", "450702", ("industrial", true), ("aboveDesignatedSize", true), ("revenue", 5000m), ("hasRdActivity", false), ("dataYear", 2024L)),
    ];

    static async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication();
        await app.SeedAsync([Alone, .. Three]);
        return app;
    }

    const string Indicators = "query($region: String, $field: String) { indicators(region: $region, field: $field, year: 2024) { indicator suppressed value numerator denominator gap met } }";

    static JsonNode Indicator(GraphQLResponse response, string indicator) =>
        Assert.Single(PolicyApplication.Ok(response)["indicators"]!.AsArray(), i => i!["indicator"]!.GetValue<string>() == indicator)!;

    [Fact]
    public async Task AnIndicatorOverOneEnterpriseIsSuppressedForAnonymousCallers()
    {
        await using var app = await StartAsync();

        var anonymous = await app.PostAsync(Indicators, new { region = "450600", field = "machinery" });
        var analyst = await app.AnalyseAsync(Indicators, new { region = "450600", field = "machinery" });

        // 双清零 reveals revenue ≥ 5 亿元, the cultivation pool an R&D intensity ≥ 1 %, the shares R&D activity.
        foreach (var name in new[] { "DOUBLE_ZERO", "RD_ACTIVITY_SHARE", "RD_INSTITUTION_SHARE", "HIGH_TECH_CULTIVATION_POOL" })
            AssertSuppressed(Indicator(anonymous, name), name);
        // Every indicator computed from the enterprises' figures shows nothing of the one enterprise; counts of public
        // facts (filings, pairings) are not figures and stay published.
        foreach (var shown in PolicyApplication.Ok(analyst)["indicators"]!.AsArray())
        {
            var name = shown!["indicator"]!.GetValue<string>();
            var hidden = Indicator(anonymous, name);
            if (name is "FILED_INSTITUTIONS" or "PAIRINGS")
                Assert.False(hidden["suppressed"]!.GetValue<bool>(), name);
            else
                Assert.Null(hidden["value"]);
        }
        var doubleZero = Indicator(analyst, "DOUBLE_ZERO");
        Assert.False(doubleZero["suppressed"]!.GetValue<bool>());
        Assert.Equal(1m, doubleZero["value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task TheHistoryOfAnIndicatorOverOneEnterpriseIsSuppressedToo()
    {
        await using var app = await StartAsync();
        const string history = "{ indicatorHistory(region: \"450600\", field: \"machinery\", from: 2023, to: 2024) { indicator values { year suppressed value numerator denominator gap met } } }";

        var anonymous = PolicyApplication.Ok(await app.PostAsync(history))["indicatorHistory"]!.AsArray();
        var analyst = PolicyApplication.Ok(await app.AnalyseAsync(history))["indicatorHistory"]!.AsArray();

        static JsonNode In2024(JsonArray histories, string indicator) =>
            histories.Single(h => h!["indicator"]!.GetValue<string>() == indicator)!["values"]!.AsArray().Single(v => v!["year"]!.GetValue<int>() == 2024)!;
        foreach (var name in new[] { "DOUBLE_ZERO", "RD_ACTIVITY_SHARE", "RD_INSTITUTION_SHARE", "HIGH_TECH_CULTIVATION_POOL" })
            AssertSuppressed(In2024(anonymous, name), name);
        Assert.Equal(1m, In2024(analyst, "DOUBLE_ZERO")["value"]!.GetValue<decimal>());
    }

    static void AssertSuppressed(JsonNode hidden, string name)
    {
        Assert.True(hidden["suppressed"]!.GetValue<bool>(), name);
        Assert.Null(hidden["value"]);
        Assert.Null(hidden["numerator"]);
        Assert.Null(hidden["denominator"]);
        Assert.Null(hidden["gap"]);
        Assert.Null(hidden["met"]);
    }

    [Fact]
    public async Task ACellOfThreeEnterprisesIsPublished()
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync(Indicators, new { region = "450700" });
        var institutions = Indicator(response, "RD_INSTITUTION_SHARE");
        var activity = Indicator(response, "RD_ACTIVITY_SHARE");

        // None of the three has an institution: 0 of 3 is published.
        Assert.False(institutions["suppressed"]!.GetValue<bool>());
        Assert.Equal(0, institutions["numerator"]!.GetValue<int>());
        Assert.Equal(3, institutions["denominator"]!.GetValue<int>());
        // Two of the three have R&D activity: a count of two is itself a small cell.
        Assert.True(activity["suppressed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TheFilingCheckOfStoredEnterprisesNeedsTheEditorOrAnalystRole()
    {
        await using var app = await StartAsync();
        var query = $$"""
            { filingCheck(input: { enterpriseIds: ["{{Alone.Kind}}:{{Alone.Key}}"], mode: SINGLE, staff: 8, siteArea: 150,
                equipmentValue: 120, annualRdFunding: 250, projects: 5, hasRules: true }) { standardSize participants { sizeClass } } }
            """;

        var anonymous = await app.PostAsync(query);
        var editor = await app.EditAsync(query);

        Assert.Equal(401, anonymous.Status);
        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
        Assert.DoesNotContain("LARGE", anonymous.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(editor.Errors);
    }

    [Theory]
    [InlineData("{ enterprises(where: { aboveDesignatedSize: { eq: true }, stateOwned: { eq: true }, industrial: { eq: true } }) { totalCount } }")]
    [InlineData("{ enterprises(where: { highTech: { eq: true }, aboveDesignatedSize: { eq: false } }) { totalCount } }")]
    [InlineData("{ enterprises(order: [{ aboveDesignatedSize: DESC }]) { nodes { name } } }")]
    public async Task PublicFiltersCannotRebuildTheAnalystOnlyLists(string query)
    {
        await using var app = await StartAsync();

        var anonymous = await app.PostAsync(query);
        var analyst = await app.AnalyseAsync(query);

        Assert.Contains(anonymous.ErrorCodes, c => c is "FORBIDDEN" or "UNAUTHENTICATED");
        Assert.Empty(analyst.Errors);
    }

    [Fact]
    public async Task TheAboveDesignatedSizeFlagIsReadOnlyByAnalysts()
    {
        await using var app = await StartAsync();
        const string query = "{ enterprises(first: 10) { nodes { name aboveDesignatedSize } } }";

        var anonymous = await app.PostAsync(query);
        var analyst = await app.AnalyseAsync(query);

        Assert.Contains("FORBIDDEN", anonymous.ErrorCodes);
        Assert.DoesNotContain("\"aboveDesignatedSize\":true", anonymous.Text);
        Assert.Contains("\"aboveDesignatedSize\":true", analyst.Text);
    }

    [Fact]
    public async Task ThePolicyListsStayAnalystOnly()
    {
        await using var app = await StartAsync();

        var anonymous = await app.PostAsync("{ policyList(list: DOUBLE_ZERO) { totalCount } }");

        Assert.Equal(["UNAUTHENTICATED"], anonymous.ErrorCodes);
    }
}
