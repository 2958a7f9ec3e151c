using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>
/// Filing rounds 研发机构申报批次 through GraphQL, as the city's staff run them (002 六(二)–(三)): open a round, take an
/// application with its "六有" check, review it with a site visit, recognise it (认定) with its reward, pay the reward; the ledger.
/// </summary>
public abstract class FilingRoundTests(TestStore store)
{
    static readonly NodeInput CityBureau = Government("lz-kjj", "柳州市示例科技局", "City");
    static readonly NodeInput Province = Government("gx-kjt", "自治区示例科技厅", "Provincial", "450000");
    static readonly NodeInput Medium = Sized(11, "柳州示例中型机械有限公司", 300, 2000m);
    static readonly NodeInput Large = Sized(12, "柳州示例大型汽车有限公司", 1200, 50000m);
    static readonly NodeInput Guilin = Sized(13, "桂林示例中型电子有限公司", 300, 2000m, "450305");
    static readonly NodeInput Institute = University("demo-round-tech", "示例理工大学");
    static readonly NodeInput Incubator = new(NodeKind.Platform, "lz-incubator", "柳州示例科技企业孵化器",
        Properties: PropertyBag.Of(("region", "450203"), ("platformType", "Incubator"), ("example", true)));
    static readonly NodeInput Lab = new(NodeKind.Platform, "lz-lab", "柳州示例重点实验室",
        Properties: PropertyBag.Of(("region", "450203"), ("platformType", "KeyLaboratory"), ("example", true)));

    const string Open = """
        mutation Open($input: OpenFilingRoundInput!) {
          openFilingRound(input: $input) { organiserId key name level opensOn closesOn }
        }
        """;

    const string Apply = """
        mutation Apply($input: ApplyInFilingRoundInput!) {
          applyInFilingRound(input: $input) {
            application { institution { id key region { code } } round applicationStatus status level filedOn appliedOn offshoreHost { key name } }
            check { passed standardSize }
          }
        }
        """;

    const string Record = "institution { id name } round applicationStatus status level siteVisitOn reviewedOn reviewPassed reviewOpinion decidedOn reward rewardBasis rewardPaidOn reverifyBy reverificationOverdue enterpriseIds";

    static readonly string Review = $$"""
        mutation Review($id: ID!, $visit: Date!, $reviewed: Date!, $passed: Boolean!) {
          reviewFilingApplication(institutionId: $id, siteVisitOn: $visit, reviewedOn: $reviewed, passed: $passed, opinion: "材料齐全，现场核实场地、人员、设备属实") { {{Record}} }
        }
        """;

    static readonly string Decide = $$"""
        mutation Decide($id: ID!, $on: Date!, $recognise: Boolean!) {
          decideFilingApplication(institutionId: $id, on: $on, recognise: $recognise) { {{Record}} }
        }
        """;

    static readonly string Pay = $$"""
        mutation Pay($id: ID!, $paidOn: Date!) { payFilingReward(institutionId: $id, paidOn: $paidOn) { {{Record}} } }
        """;

    static readonly string Ledger = $$"""
        query Ledger($region: String, $on: Date) { filingLedger(region: $region, on: $on) { {{Record}} } }
        """;

    static readonly string RoundQuery = $$"""
        query Round($organiserId: ID!, $key: String!) {
          filingRound(organiserId: $organiserId, key: $key) { key name level opensOn closesOn applications { {{Record}} } }
        }
        """;

    static object RoundInput(string key = "2026-H1", string opensOn = "2026-03-01", string closesOn = "2026-04-30", string level = "CITY", string? organiserId = null) =>
        new { input = new { organiserId = organiserId ?? CityBureau.Id, key, name = "2026年上半年研发机构申报", level, opensOn, closesOn } };

    static object Facts(string enterprise, int staff = 10, decimal amount = 200m, int projects = 5) => new
    {
        enterpriseIds = new[] { enterprise },
        mode = "SINGLE",
        staff,
        siteArea = amount,
        equipmentValue = amount,
        annualRdFunding = amount,
        projects,
        hasRules = true,
    };

    static object Application(string key, string enterprise, string appliedOn = "2026-03-15", int staff = 10, string? offshoreHostKey = null, string round = "2026-H1") => new
    {
        input = new { organiserId = CityBureau.Id, round, key, name = $"示例研发中心 {key}", facts = Facts(enterprise, staff), appliedOn, offshoreHostKey },
    };

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(CityBureau, Province, Medium, Large, Guilin, Institute, Incubator, Lab,
            Link(LinkType.CooperationAgreement, Medium, Institute, Day(2024, 1, 1)),
            Link(LinkType.CooperationAgreement, Large, Institute, Day(2024, 1, 1)),
            Link(LinkType.CooperationAgreement, Guilin, Institute, Day(2024, 1, 1)));
        PolicyApplication.Ok(await app.EditAsync(Open, RoundInput()));
        return app;
    }

    static async Task<JsonNode> StepAsync(PolicyApplication app, string operation, object variables, string field) =>
        PolicyApplication.Ok(await app.EditAsync(operation, variables))[field]!;

    static async Task<string> AppliedAndReviewedAsync(PolicyApplication app, string key, NodeInput enterprise, bool passed = true)
    {
        var applied = await StepAsync(app, Apply, Application(key, enterprise.Id), "applyInFilingRound");
        var id = applied["application"]!["institution"]!["id"]!.GetValue<string>();
        await StepAsync(app, Review, new { id, visit = "2026-05-10", reviewed = "2026-05-20", passed }, "reviewFilingApplication");
        return id;
    }

    static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();

    [StoreFact]
    public async Task StaffTakeAnApplicationThroughReviewAndRecognitionToThePaidRewardEachStepJournaled()
    {
        await using var app = await StartAsync();

        var applied = await StepAsync(app, Apply, Application("lz-medium-rd", Medium.Id), "applyInFilingRound");
        var application = applied["application"]!;
        Assert.True(applied["check"]!["passed"]!.GetValue<bool>());
        Assert.Equal("MEDIUM", Text(applied["check"]!, "standardSize"));
        Assert.Equal("SUBMITTED", Text(application, "applicationStatus"));
        Assert.Equal("FILED", Text(application, "status"));
        Assert.Equal("2026-H1", Text(application, "round"));
        Assert.Equal("2026-03-15", Text(application, "filedOn"));
        var id = Text(application["institution"]!, "id");

        var reviewed = await StepAsync(app, Review, new { id, visit = "2026-05-10", reviewed = "2026-05-20", passed = true }, "reviewFilingApplication");
        Assert.Equal("REVIEWED", Text(reviewed, "applicationStatus"));
        Assert.Equal("2026-05-10", Text(reviewed, "siteVisitOn"));
        Assert.True(reviewed["reviewPassed"]!.GetValue<bool>());

        var recognised = await StepAsync(app, Decide, new { id, on = "2026-06-01", recognise = true }, "decideFilingApplication");
        Assert.Equal("RECOGNISED", Text(recognised, "applicationStatus"));
        Assert.Equal("ACCREDITED", Text(recognised, "status"));
        Assert.Equal("CITY", Text(recognised, "level"));
        Assert.Equal(10m, recognised["reward"]!.GetValue<decimal>());
        Assert.Equal("2029-06-01", Text(recognised, "reverifyBy"));
        Assert.Null(recognised["rewardPaidOn"]);

        var paid = await StepAsync(app, Pay, new { id, paidOn = "2026-06-20" }, "payFilingReward");
        Assert.Equal("2026-06-20", Text(paid, "rewardPaidOn"));

        var round = PolicyApplication.Ok(await app.AnalyseAsync(RoundQuery, new { organiserId = CityBureau.Id, key = "2026-H1" }))["filingRound"]!;
        var entry = Assert.Single(round["applications"]!.AsArray())!;
        Assert.Equal("2026-06-20", Text(entry, "rewardPaidOn"));
        Assert.Equal([Medium.Id], entry["enterpriseIds"]!.AsArray().Select(e => e!.GetValue<string>()));

        var journal = await app.GraphStore.GetJournalAsync(new JournalQuery(NodeId: id));
        Assert.Equal(["applyInFilingRound", "reviewFilingApplication", "decideFilingApplication", "payFilingReward"], journal.Select(e => e.Operation));
    }

    [StoreFact]
    public async Task TheLedgerListsFiledAndRecognisedInstitutionsOfTheRegionWithReverificationDates()
    {
        await using var app = await StartAsync();
        var recognisedId = await AppliedAndReviewedAsync(app, "lz-large-rd", Large);
        await StepAsync(app, Decide, new { id = recognisedId, on = "2026-06-01", recognise = true }, "decideFilingApplication");
        await StepAsync(app, Apply, Application("lz-medium-rd", Medium.Id), "applyInFilingRound");

        var ledger = PolicyApplication.Ok(await app.AnalyseAsync(Ledger, new { region = "450200", on = "2029-07-01" }))["filingLedger"]!.AsArray();

        Assert.Equal(["lz-large-rd", "lz-medium-rd"], ledger.Select(e => e!["institution"]!["id"]!.GetValue<string>().Split(':')[1]).Order());
        var large = ledger.Single(e => e!["institution"]!["id"]!.GetValue<string>() == recognisedId)!;
        Assert.Equal(20m, large["reward"]!.GetValue<decimal>());
        Assert.Equal("2029-06-01", Text(large, "reverifyBy"));
        Assert.True(large["reverificationOverdue"]!.GetValue<bool>());
        var medium = ledger.Single(e => e!["institution"]!["id"]!.GetValue<string>() != recognisedId)!;
        Assert.Equal("FILED", Text(medium, "status"));
        Assert.Equal("2029-03-15", Text(medium, "reverifyBy"));
        Assert.Empty(PolicyApplication.Ok(await app.AnalyseAsync(Ledger, new { region = "450300" }))["filingLedger"]!.AsArray());
    }

    [StoreFact]
    public async Task AnApplicationOutsideTheOpenRoundIsRefusedAndWritesNothing()
    {
        await using var app = await StartAsync();

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Apply, Application("lz-late", Medium.Id, appliedOn: "2026-05-02")));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("2026-05-02 is outside round '2026-H1'", message);
        Assert.Contains("open 2026-03-01 to 2026-04-30", message);
        Assert.Null(await app.GraphStore.GetNodeByKeyAsync(NodeKind.Platform, "lz-late"));
    }

    [StoreFact]
    public async Task AnApplicationFailingSixHaveIsRefusedNamingWhatIsMissing()
    {
        await using var app = await StartAsync();

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Apply, Application("lz-thin", Medium.Id, staff: 4)));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("staff: 4 of 5 persons — needs 1 more", message);
        Assert.Null(await app.GraphStore.GetNodeByKeyAsync(NodeKind.Platform, "lz-thin"));
    }

    [StoreFact]
    public async Task AnEnterpriseOfAnotherCityCannotApplyInThisCitysRound()
    {
        await using var app = await StartAsync();

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Apply, Application("gl-rd", Guilin.Id)));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("桂林示例中型电子有限公司 (450305) is outside 450200 柳州市", message);
    }

    [StoreFact]
    public async Task ADecisionBeforeReviewIsRefused()
    {
        await using var app = await StartAsync();
        var id = Text((await StepAsync(app, Apply, Application("lz-medium-rd", Medium.Id), "applyInFilingRound"))["application"]!["institution"]!, "id");

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Decide, new { id, on = "2026-06-01", recognise = true }));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("a decision before review", message);
        Assert.Equal("Submitted", (await app.GraphStore.GetNodeAsync(id))!.Properties.Text("applicationStatus"));
    }

    [StoreFact]
    public async Task AReviewThatDidNotPassCannotLeadToRecognitionButToADecisionNotToRecognise()
    {
        await using var app = await StartAsync();
        var id = await AppliedAndReviewedAsync(app, "lz-medium-rd", Medium, passed: false);

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Decide, new { id, on = "2026-06-01", recognise = true }));
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("did not pass", message);

        var rejected = await StepAsync(app, Decide, new { id, on = "2026-06-01", recognise = false }, "decideFilingApplication");
        Assert.Equal("REJECTED", Text(rejected, "applicationStatus"));
        Assert.Null(rejected["reward"]);
    }

    [StoreFact]
    public async Task RecognitionOrARewardOutsideARoundIsRefused()
    {
        await using var app = await StartAsync();
        var filed = PolicyApplication.Ok(await app.EditAsync("""
            mutation File($input: FileRdInstitutionInput!) { fileRdInstitution(input: $input) { institution { id status } } }
            """, new { input = new { key = "lz-direct", name = "柳州示例直接备案研发中心", facts = Facts(Medium.Id), level = "CITY", filedOn = "2026-02-01" } }));
        var id = filed["fileRdInstitution"]!["institution"]!["id"]!.GetValue<string>();

        var decide = PolicyApplication.Error(await app.EditAsync(Decide, new { id, on = "2026-06-01", recognise = true }));
        var pay = PolicyApplication.Error(await app.EditAsync(Pay, new { id, paidOn = "2026-06-20" }));

        Assert.Equal("RULE_VIOLATION", decide.Code);
        Assert.Contains("applied in no filing round", decide.Message);
        Assert.Equal("RULE_VIOLATION", pay.Code);
        Assert.Contains("applied in no filing round", pay.Message);
        Assert.Equal("Filed", (await app.GraphStore.GetNodeAsync(id))!.Properties.Text("status"));
    }

    [StoreFact]
    public async Task TheGenericMutationsCannotRecogniseRewardOrOpenARoundBehindTheWorkflowsBack()
    {
        await using var app = await StartAsync();
        var id = await AppliedAndReviewedAsync(app, "lz-medium-rd", Medium, passed: false);

        var recognise = PolicyApplication.Error(await app.EditAsync(
            "mutation($id: ID!) { patchPlatform(id: $id, set: { applicationStatus: RECOGNISED, reward: 10 }) { dataVersion } }", new { id }));
        var round = PolicyApplication.Error(await app.EditAsync(
            "mutation($id: ID!) { patchGovernmentBody(id: $id, set: { filingRounds: [\"2026-H2 2026-09-01 2026-10-31 City 2026年下半年研发机构申报\"] }) { dataVersion } }",
            new { id = CityBureau.Id }));

        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION"), (recognise.Code, round.Code));
        Assert.Contains("decideFilingApplication", recognise.Message);
        Assert.Contains("openFilingRound", round.Message);
        var stored = (await app.GraphStore.GetNodeAsync(id))!;
        Assert.Null(stored.Properties.Decimal("reward"));
        Assert.NotEqual("Recognised", stored.Properties.Text("applicationStatus"));
        Assert.Single((await app.GraphStore.GetNodeAsync(CityBureau.Id))!.Properties.List("filingRounds"));
    }

    [StoreFact]
    public async Task ARewardIsPaidOnceAndAnEnterpriseIsRewardedForOneInstitutionOnly()
    {
        await using var app = await StartAsync();
        var id = await AppliedAndReviewedAsync(app, "lz-medium-rd", Medium);
        await StepAsync(app, Decide, new { id, on = "2026-06-01", recognise = true }, "decideFilingApplication");
        await StepAsync(app, Pay, new { id, paidOn = "2026-06-20" }, "payFilingReward");

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Pay, new { id, paidOn = "2026-07-01" }));
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("was paid on 2026-06-20", message);

        var second = await AppliedAndReviewedAsync(app, "lz-medium-rd2", Medium);
        var recognised = await StepAsync(app, Decide, new { id = second, on = "2026-06-02", recognise = true }, "decideFilingApplication");
        Assert.Equal(0m, recognised["reward"]!.GetValue<decimal>());
        Assert.Contains("不重复支持", Text(recognised, "rewardBasis"));
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(await app.EditAsync(Pay, new { id = second, paidOn = "2026-07-01" })).Code);
    }

    [StoreFact]
    public async Task ABodyHoldsOneRoundInEachHalfYearAndARoundStaysInsideAHalf()
    {
        await using var app = await StartAsync();

        var sameHalf = PolicyApplication.Error(await app.EditAsync(Open, RoundInput("2026-H1b", "2026-05-01", "2026-06-30")));
        var acrossHalves = PolicyApplication.Error(await app.EditAsync(Open, RoundInput("2026-X", "2026-06-01", "2026-07-31")));
        var wrongLevel = PolicyApplication.Error(await app.EditAsync(Open, RoundInput("2026-P", level: "PROVINCIAL")));
        var second = PolicyApplication.Ok(await app.EditAsync(Open, RoundInput("2026-H2", "2026-09-01", "2026-10-31")));

        Assert.Equal("RULE_VIOLATION", sameHalf.Code);
        Assert.Contains("already holds round '2026-H1'", sameHalf.Message);
        Assert.Equal("RULE_VIOLATION", acrossHalves.Code);
        Assert.Contains("runs across two half-years", acrossHalves.Message);
        Assert.Equal("RULE_VIOLATION", wrongLevel.Code);
        Assert.Contains("held by a Provincial body", wrongLevel.Message);
        Assert.Equal("2026-H2", Text(second["openFilingRound"]!, "key"));
        var rounds = PolicyApplication.Ok(await app.EditAsync("query($id: ID!) { filingRounds(organiserId: $id) { key } }", new { id = CityBureau.Id }))["filingRounds"]!;
        Assert.Equal(["2026-H1", "2026-H2"], rounds.AsArray().Select(r => r!["key"]!.GetValue<string>()));
    }

    [StoreFact]
    public async Task AProvincialRoundRecognisesAtProvincialLevelWithNoCityReward()
    {
        await using var app = await StartAsync();
        PolicyApplication.Ok(await app.EditAsync(Open, RoundInput("2026-H1", level: "PROVINCIAL", organiserId: Province.Id)));
        var applied = await StepAsync(app, Apply, new
        {
            input = new { organiserId = Province.Id, round = "2026-H1", key = "gx-large-rd", name = "柳州示例大型汽车研究院", facts = Facts(Large.Id), appliedOn = "2026-04-01" },
        }, "applyInFilingRound");
        var id = Text(applied["application"]!["institution"]!, "id");
        await StepAsync(app, Review, new { id, visit = "2026-05-10", reviewed = "2026-05-20", passed = true }, "reviewFilingApplication");

        var recognised = await StepAsync(app, Decide, new { id, on = "2026-06-01", recognise = true }, "decideFilingApplication");

        Assert.Equal("PROVINCIAL", Text(recognised, "level"));
        Assert.Null(recognised["reward"]);
        Assert.Contains("city recognition only", Text(recognised, "rewardBasis"));
    }

    [StoreFact]
    public async Task OffshoreModeSitsTheInstitutionInAnIncubatorOnlyForAnAboveScaleIndustrialEnterprise()
    {
        await using var app = await StartAsync();

        var applied = await StepAsync(app, Apply, Application("lz-offshore", Medium.Id, offshoreHostKey: Incubator.Key), "applyInFilingRound");
        var notIncubating = PolicyApplication.Error(await app.EditAsync(Apply, Application("lz-offshore2", Large.Id, offshoreHostKey: Lab.Key)));

        var application = applied["application"]!;
        Assert.Equal(Incubator.Key, Text(application["offshoreHost"]!, "key"));
        Assert.Equal("450203", Text(application["institution"]!["region"]!, "code"));
        Assert.Equal("RULE_VIOLATION", notIncubating.Code);
        Assert.Contains("离岸 mode sits in an incubating platform", notIncubating.Message);
    }

    [StoreFact]
    public async Task AnotherCitysTokenCanNeitherOpenARoundHereNorReadItsApplications()
    {
        await using var app = await StartAsync();
        var guilinEditor = KnowledgeGraphApplication.ScopedTokenFor(["450300"], "editor");

        var open = await app.PostAsync(Open, RoundInput("2026-H2", "2026-09-01", "2026-10-31"), token: guilinEditor);
        var read = await app.PostAsync(RoundQuery, new { organiserId = CityBureau.Id, key = "2026-H1" }, token: guilinEditor);
        var ledger = await app.PostAsync(Ledger, new { region = "450200" }, token: guilinEditor);

        Assert.Equal(["FORBIDDEN"], open.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], read.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], ledger.ErrorCodes);
        var bureau = await app.GraphStore.GetNodeAsync(CityBureau.Id);
        Assert.Single(bureau!.Properties.List("filingRounds"));
    }
}

/// <summary><see cref="FilingRoundTests"/> on the embedded store.</summary>
public sealed class SqliteFilingRoundTests() : FilingRoundTests(TestStore.Sqlite);

/// <summary><see cref="FilingRoundTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jFilingRoundTests() : FilingRoundTests(TestStore.Neo4j);
