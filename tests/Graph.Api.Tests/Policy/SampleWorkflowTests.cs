namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>The README's policy examples on the sample data, loaded as on first start: each workflow can be tried right away.</summary>
public sealed class SampleWorkflowTests
{
    static PolicyApplication Start() => (PolicyApplication)new PolicyApplication().With("Store:LoadSampleData", "true");

    const string Jinggong = "Enterprise:91450204MA5K00013L";

    static string Facts(int staff) => $$"""
        { enterpriseIds: ["{{Jinggong}}"], mode: SINGLE, staff: {{staff}}, siteArea: 150, equipmentValue: 120, annualRdFunding: 300, projects: 5, hasRules: true }
        """;

    [Fact]
    public async Task ALargeEnterprisesInstitutionWithEightStaffNeedsTwoMoreAndWithTenIsFiled()
    {
        await using var app = Start();

        var check = PolicyApplication.Ok(await app.EditAsync($$"""{ filingCheck(input: {{Facts(8)}}) { passed standardSize items { key passed shortfall } } }"""))["filingCheck"]!;
        var filed = PolicyApplication.Ok(await app.EditAsync($$"""
            mutation { fileRdInstitution(input: { key: "pf-jinggong-rd", name: "柳州示例精工机械研发中心", level: CITY, filedOn: "2025-03-01", facts: {{Facts(10)}} }) {
              institution { status level filedOn } check { passed } } }
            """))["fileRdInstitution"]!;

        Assert.False(check["passed"]!.GetValue<bool>());
        Assert.Equal("LARGE", check["standardSize"]!.GetValue<string>());
        var failure = Assert.Single(check["items"]!.AsArray(), i => !i!["passed"]!.GetValue<bool>())!;
        Assert.Equal("staff: 8 of 10 persons — needs 2 more", failure["shortfall"]!.GetValue<string>());
        Assert.Equal("FILED", filed["institution"]!["status"]!.GetValue<string>());
        Assert.Equal("CITY", filed["institution"]!["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSampleChallengesMoveOnRefuseTheIneligibleAndAwardAnApplicant()
    {
        await using var app = Start();

        var published = PolicyApplication.Ok(await app.EditAsync("""mutation { transitionChallenge(id: "Challenge:ch-2025-alloy", to: PUBLISHED, on: "2025-10-08") { status history { status on } } }"""));
        var refused = PolicyApplication.Error(await app.EditAsync("""mutation { applyToChallenge(challengeId: "Challenge:ch-2024-harvest", applicantId: "Consortium:cs-sugar", on: "2024-11-05") { status } }"""));
        var overBudget = PolicyApplication.Error(await app.EditAsync("""mutation { awardChallenge(challengeId: "Challenge:ch-2024-herb", applicantId: "University:demo-med-univ", on: "2024-07-01", amount: 260) { status } }"""));
        var awarded = PolicyApplication.Ok(await app.EditAsync("""mutation { awardChallenge(challengeId: "Challenge:ch-2024-herb", applicantId: "University:demo-med-univ", on: "2024-07-01", amount: 240) { status winner { id } } }"""));
        var boom = PolicyApplication.Ok(await app.PostAsync("""
            { challengeEligibility(challengeId: "Challenge:ch-2023-boom", applicantId: "Enterprise:91450206MA5K00321D", on: "2023-05-01") { eligible reasons }
              challengeLifecycle(id: "Challenge:ch-2023-boom") { status history { status } applicants { id } winner { id } publicFundingShare } }
            """));

        Assert.Equal(["COLLECTING", "PUBLISHED"], published["transitionChallenge"]!["history"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()));
        Assert.Equal("RULE_VIOLATION", refused.Code);
        Assert.Contains("lead of consortium Consortium:cs-sugar", refused.Message);
        Assert.Equal(("RULE_VIOLATION", true), (overBudget.Code, overBudget.Message.Contains("260 万元 is more than the budget of 250 万元", StringComparison.Ordinal)));
        Assert.Equal("University:demo-med-univ", awarded["awardChallenge"]!["winner"]!["id"]!.GetValue<string>());
        Assert.False(boom["challengeEligibility"]!["eligible"]!.GetValue<bool>());
        var lifecycle = boom["challengeLifecycle"]!;
        Assert.Equal(6, lifecycle["history"]!.AsArray().Count);
        Assert.Equal(3, lifecycle["applicants"]!.AsArray().Count);
        Assert.Equal("University:demo-tech-univ", lifecycle["winner"]!["id"]!.GetValue<string>());
        Assert.Equal(25m, lifecycle["publicFundingShare"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task TheSampleCentreOwesItsReportAndItsRectificationAndItsDirectorMustStayNineMonths()
    {
        await using var app = Start();

        var overdue = PolicyApplication.Ok(await app.PostAsync("""{ overdueCentres(on: "2025-07-01") { centre { id } governanceValid overdue { kind dueBy } } }"""))["overdueCentres"]!;
        var reported = PolicyApplication.Ok(await app.EditAsync("""
            mutation { recordCentreEvent(centreId: "Platform:pf-tic-im", event: { kind: ANNUAL_REPORT_SUBMITTED, on: "2025-07-10", reportYear: 2024 }) { overdue { kind } } }
            """))["recordCentreEvent"]!;
        var refused = PolicyApplication.Error(await app.EditAsync("""
            mutation { changeCentreGovernance(input: { centreId: "Platform:pf-tic-im", on: "2025-08-01", directorMonths: 8 }) { governanceValid } }
            """));

        var centre = Assert.Single(overdue.AsArray())!;
        Assert.Equal("Platform:pf-tic-im", centre["centre"]!["id"]!.GetValue<string>());
        Assert.True(centre["governanceValid"]!.GetValue<bool>());
        Assert.Equal(["ANNUAL_REPORT 2024-12-31", "BUILD_RECTIFICATION 2025-05-20"], centre["overdue"]!.AsArray().Select(o => $"{o!["kind"]} {o["dueBy"]}"));
        Assert.Equal(["BUILD_RECTIFICATION"], reported["overdue"]!.AsArray().Select(o => o!["kind"]!.GetValue<string>()));
        Assert.Equal("RULE_VIOLATION", refused.Code);
        Assert.Contains("at least 9 are required", refused.Message);
    }

    [Fact]
    public async Task TheSampleProjectsPairingsIndicatorsAndListsAnswerAsTheReadmeSays()
    {
        await using var app = Start();

        var before = PolicyApplication.Ok(await app.PostAsync("""{ pairingCoverage(on: "2025-06-30") { pairedEnterprises } }"""))["pairingCoverage"]!;
        PolicyApplication.Ok(await app.EditAsync("""mutation { createPairing(enterpriseId: "Enterprise:91371503MA5K00419W", partnerId: "University:demo-lc-univ", startOn: "2025-03-01") { id } }"""));
        var after = PolicyApplication.Ok(await app.PostAsync("""{ pairingCoverage(on: "2025-06-30") { pairedEnterprises gap } }"""))["pairingCoverage"]!;
        var data = PolicyApplication.Ok(await app.AnalyseAsync("""
            { a: projectPriority(id: "Project:prj-2022-edrive") { priority academicShare }
              b: projectPriority(id: "Project:prj-2023-alloy") { priority academicShare }
              indicators(region: "450000", year: 2024) { indicator value target { value } }
              policyList(list: DOUBLE_ZERO, region: "450000", first: 20) { totalCount nodes { creditCode } } }
            """));

        Assert.Equal(before["pairedEnterprises"]!.GetValue<int>() + 1, after["pairedEnterprises"]!.GetValue<int>());
        Assert.Equal(1000m - after["pairedEnterprises"]!.GetValue<int>(), after["gap"]!.GetValue<decimal>());
        Assert.True(data["a"]!["priority"]!.GetValue<bool>());
        Assert.Equal(20m, data["a"]!["academicShare"]!.GetValue<decimal>());
        Assert.False(data["b"]!["priority"]!.GetValue<bool>());
        Assert.Equal(19.9m, data["b"]!["academicShare"]!.GetValue<decimal>());
        Assert.Equal(8, data["indicators"]!.AsArray().Count);
        // The sample README's 双清零 table: four Guangxi enterprises are on the list.
        Assert.Equal(
            ["91450205MA5K00187C", "91450602MA5K00128J", "91450702MA5K001616", "91451302MA5K01219E"],
            data["policyList"]!["nodes"]!.AsArray().Select(n => n!["creditCode"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }
}
