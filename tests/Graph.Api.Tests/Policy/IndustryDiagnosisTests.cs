using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>
/// 一业一团 innovation diagnosis through GraphQL, as 柳州市's staff do it: form the new-energy-vehicle team with its experts,
/// record its report with bottlenecks and problems, post a problem as a 揭榜挂帅 challenge, and follow both from either end.
/// </summary>
public abstract class IndustryDiagnosisTests(TestStore store)
{
    static readonly NodeInput Maker = Enterprise(81, "柳州示例新能源汽车有限公司", "450205");
    static readonly NodeInput Guangdong = Enterprise(82, "广东示例汽车电子有限公司", "440000");
    static readonly NodeInput Gxu = University("demo-gxu", "示例广西大学", "450103");
    static readonly NodeInput Wang = Person("wang", "王示例", "450103");
    static readonly NodeInput Li = Person("li", "李示例", "450205");
    static readonly NodeInput Zhao = Person("zhao", "赵示例", "450205");

    const string TeamId = "DiagnosisTeam:lz-nev";
    const string ReportId = "DiagnosisReport:lz-nev-2024";
    const string BatteryId = "TechnologyProblem:lz-nev-battery";
    const string MotorId = "TechnologyProblem:lz-nev-motor";

    static readonly string LiuzhouEditor = KnowledgeGraphApplication.ScopedTokenFor(["450200"], "editor");

    const string FormTeam = """
        mutation($region: String!, $key: String!, $maker: ID!) {
          formDiagnosisTeam(input: { key: $key, name: "柳州市新能源汽车产业诊断团队", region: $region, industry: "new-energy-vehicles", formedOn: "2024-03-01",
            experts: [{ personId: "Person:wang", organizationId: "University:demo-gxu", role: LEADER },
                      { personId: "Person:li", organizationId: $maker }] }) {
            team { id } region industry formedOn
            experts { person { id name } organization { id } role since }
            organizations { id }
          }
        }
        """;

    const string Report = """
        mutation($on: Date!, $bottlenecks: [String!]!) {
          submitDiagnosisReport(input: { key: "lz-nev-2024", name: "柳州市新能源汽车产业创新诊断报告（2024）", teamId: "DiagnosisTeam:lz-nev", reportedOn: $on,
            bottlenecks: $bottlenecks,
            problems: [{ key: "lz-nev-battery", name: "动力电池低温续航衰减", description: "零下10℃续航下降超过30%" },
                       { key: "lz-nev-motor", name: "驱动电机高速效率偏低" }] }) {
            report { id } team { id } reportedOn bottlenecks
            problems { problem { id fields { code } description } posted challenge { id } }
          }
        }
        """;

    const string PostBattery = """
        mutation($poster: ID!, $key: String!) {
          postProblemAsChallenge(input: { problemId: "TechnologyProblem:lz-nev-battery", challengeKey: $key, posterId: $poster, on: "2024-07-01", budget: 800 }) {
            problem { id } posted challengeStatus
            challenge { id name region { code } fields { code } description }
            report { id }
          }
        }
        """;

    static NodeInput Person(string key, string name, string region) =>
        new(NodeKind.Person, key, name, Properties: PropertyBag.Of(("region", region), ("title", "教授"), ("example", true)));

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Maker, Guangdong, Gxu, Wang, Li, Zhao);
        return app;
    }

    // The team is formed and its report of 2024-06-15 names two problems.
    static async Task<PolicyApplication> ReportedAsync(PolicyApplication app)
    {
        PolicyApplication.Ok(await app.EditAsync(FormTeam, new { region = "450200", key = "lz-nev", maker = Maker.Id }));
        PolicyApplication.Ok(await app.EditAsync(Report, new { on = "2024-06-15", bottlenecks = new[] { "动力电池热管理", "驱动电机效率" } }));
        return app;
    }

    static Task<GraphQLResponse> PostBatteryAsync(PolicyApplication app, NodeInput poster, string key = "ch-lz-battery") =>
        app.EditAsync(PostBattery, new { poster = poster.Id, key });

    [StoreFact]
    public async Task StaffFormTheTeamOfAnIndustryWithItsExpertsAndTheirOrganisations()
    {
        await using var app = await StartAsync();

        var team = PolicyApplication.Ok(await app.EditAsync(FormTeam, new { region = "450200", key = "lz-nev", maker = Maker.Id }))["formDiagnosisTeam"]!;

        Assert.Equal(TeamId, team["team"]!["id"]!.GetValue<string>());
        Assert.Equal(("450200", "new-energy-vehicles", "2024-03-01"),
            (team["region"]!.GetValue<string>(), team["industry"]!.GetValue<string>(), team["formedOn"]!.GetValue<string>()));
        var experts = team["experts"]!.AsArray();
        Assert.Equal(["Person:wang", "Person:li"], experts.Select(e => e!["person"]!["id"]!.GetValue<string>()));
        Assert.Equal(["LEADER", "MEMBER"], experts.Select(e => e!["role"]!.GetValue<string>()));
        Assert.Equal([Gxu.Id, Maker.Id], experts.Select(e => e!["organization"]!["id"]!.GetValue<string>()));
        Assert.Equal("2024-03-01", experts[0]!["since"]!.GetValue<string>());
        Assert.Equal([Maker.Id, Gxu.Id], team["organizations"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));

        var added = PolicyApplication.Ok(await app.EditAsync(
            "mutation($maker: ID!) { addDiagnosisExpert(teamId: \"DiagnosisTeam:lz-nev\", on: \"2024-05-01\", expert: { personId: \"Person:zhao\", organizationId: $maker }) { experts { person { id } since } } }",
            new { maker = Maker.Id }))["addDiagnosisExpert"]!;
        Assert.Equal(["Person:wang", "Person:li", "Person:zhao"], added["experts"]!.AsArray().Select(e => e!["person"]!["id"]!.GetValue<string>()));
        Assert.Equal("2024-05-01", added["experts"]![2]!["since"]!.GetValue<string>());
        var again = await app.EditAsync(
            "mutation { addDiagnosisExpert(teamId: \"DiagnosisTeam:lz-nev\", on: \"2024-05-02\", expert: { personId: \"Person:zhao\", organizationId: \"University:demo-gxu\" }) { team { id } } }");
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(again).Code);
        Assert.Contains("already serves on it", PolicyApplication.Error(again).Message);
    }

    [StoreFact]
    public async Task OneIndustryHasOneTeamInACity()
    {
        await using var app = await StartAsync();
        PolicyApplication.Ok(await app.EditAsync(FormTeam, new { region = "450200", key = "lz-nev", maker = Maker.Id }));

        var second = await app.EditAsync(FormTeam, new { region = "450200", key = "lz-nev-2", maker = Maker.Id });
        var nanning = await app.EditAsync(FormTeam, new { region = "450100", key = "nn-nev", maker = Maker.Id });

        var (code, message) = PolicyApplication.Error(second);
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("一业一团: 450200 柳州市 already has the team 'lz-nev'", message);
        Assert.Contains("new-energy-vehicles 新能源汽车", message);
        Assert.Null(await app.GraphStore.GetNodeAsync("DiagnosisTeam:lz-nev-2"));
        PolicyApplication.Ok(nanning);
    }

    [StoreFact]
    public async Task TheReportKeepsItsDateBottlenecksAndProblemsAndIsFoundByRegionAndIndustry()
    {
        await using var app = await ReportedAsync(await StartAsync());

        var teams = PolicyApplication.Ok(await app.PostAsync(
            "{ industryDiagnosisTeams(region: \"450000\", field: \"automotive\") { team { id } reports { id } } }"))["industryDiagnosisTeams"]!.AsArray();
        Assert.Equal(TeamId, Assert.Single(teams)!["team"]!["id"]!.GetValue<string>());
        Assert.Equal([ReportId], teams[0]!["reports"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Empty(PolicyApplication.Ok(await app.PostAsync("{ industryDiagnosisTeams(region: \"450100\") { team { id } } }"))["industryDiagnosisTeams"]!.AsArray());
        Assert.Empty(PolicyApplication.Ok(await app.PostAsync("{ industryDiagnosisTeams(field: \"aluminium\") { team { id } } }"))["industryDiagnosisTeams"]!.AsArray());

        var reports = PolicyApplication.Ok(await app.PostAsync(
            "{ industryDiagnosisReports(region: \"450205\") { report { id } } industryDiagnosisReports2: industryDiagnosisReports(region: \"450200\", field: \"new-energy-vehicles\") { report { id } team { id } reportedOn bottlenecks problems { problem { id fields { code } description } posted } } }"));
        Assert.Empty(reports["industryDiagnosisReports"]!.AsArray());
        var report = Assert.Single(reports["industryDiagnosisReports2"]!.AsArray())!;
        Assert.Equal((ReportId, TeamId, "2024-06-15"), (report["report"]!["id"]!.GetValue<string>(), report["team"]!["id"]!.GetValue<string>(), report["reportedOn"]!.GetValue<string>()));
        Assert.Equal(["动力电池热管理", "驱动电机效率"], report["bottlenecks"]!.AsArray().Select(b => b!.GetValue<string>()));
        var problems = report["problems"]!.AsArray();
        Assert.Equal([BatteryId, MotorId], problems.Select(p => p!["problem"]!["id"]!.GetValue<string>()));
        Assert.Equal("new-energy-vehicles", problems[0]!["problem"]!["fields"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("零下10℃续航下降超过30%", problems[0]!["problem"]!["description"]!.GetValue<string>());
        Assert.All(problems, p => Assert.False(p!["posted"]!.GetValue<bool>()));
    }

    [StoreFact]
    public async Task AReportWithoutBottlenecksBeforeTheTeamWasFormedOrOfNoTeamIsRefused()
    {
        await using var app = await StartAsync();
        PolicyApplication.Ok(await app.EditAsync(FormTeam, new { region = "450200", key = "lz-nev", maker = Maker.Id }));

        var empty = await app.EditAsync(Report, new { on = "2024-06-15", bottlenecks = new[] { " " } });
        var early = await app.EditAsync(Report, new { on = "2024-02-01", bottlenecks = new[] { "动力电池热管理" } });
        var noTeam = await app.EditAsync(Report.Replace("DiagnosisTeam:lz-nev", "DiagnosisTeam:nowhere", StringComparison.Ordinal), new { on = "2024-06-15", bottlenecks = new[] { "动力电池热管理" } });

        Assert.Equal("INVALID_INPUT", PolicyApplication.Error(empty).Code);
        Assert.Contains("at least one technology bottleneck", PolicyApplication.Error(empty).Message);
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(early).Code);
        Assert.Contains("was formed on 2024-03-01; it cannot report on 2024-02-01", PolicyApplication.Error(early).Message);
        Assert.Equal("NOT_FOUND", PolicyApplication.Error(noTeam).Code);
        Assert.Contains("diagnosis team 'DiagnosisTeam:nowhere' was not found", PolicyApplication.Error(noTeam).Message);
        Assert.Null(await app.GraphStore.GetNodeAsync(ReportId));
        Assert.Null(await app.GraphStore.GetNodeAsync(BatteryId));
    }

    [StoreFact]
    public async Task AProblemPostedAsAChallengeShowsItsChallengeAndTheChallengeItsProblemAndReport()
    {
        await using var app = await ReportedAsync(await StartAsync());

        var posted = PolicyApplication.Ok(await PostBatteryAsync(app, Maker))["postProblemAsChallenge"]!;

        Assert.True(posted["posted"]!.GetValue<bool>());
        Assert.Equal("COLLECTING", posted["challengeStatus"]!.GetValue<string>());
        var challenge = posted["challenge"]!;
        Assert.Equal(("Challenge:ch-lz-battery", "动力电池低温续航衰减", "450200"),
            (challenge["id"]!.GetValue<string>(), challenge["name"]!.GetValue<string>(), challenge["region"]!["code"]!.GetValue<string>()));
        Assert.Equal("new-energy-vehicles", challenge["fields"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("零下10℃续航下降超过30%", challenge["description"]!.GetValue<string>());
        Assert.Equal(ReportId, posted["report"]!["id"]!.GetValue<string>());

        PolicyApplication.Ok(await app.EditAsync("mutation { transitionChallenge(id: \"Challenge:ch-lz-battery\", to: PUBLISHED, on: \"2024-08-01\") { status } }"));
        var life = PolicyApplication.Ok(await app.PostAsync("""
            { challengeLifecycle(id: "Challenge:ch-lz-battery") { status poster { id } diagnosedProblem { problem { id } report { id } } }
              challenges(where: { key: { eq: "ch-lz-battery" } }) { nodes { diagnosedProblems { nodes { id } } } } }
            """));
        Assert.Equal("PUBLISHED", life["challengeLifecycle"]!["status"]!.GetValue<string>());
        Assert.Equal(Maker.Id, life["challengeLifecycle"]!["poster"]!["id"]!.GetValue<string>());
        Assert.Equal((BatteryId, ReportId), (life["challengeLifecycle"]!["diagnosedProblem"]!["problem"]!["id"]!.GetValue<string>(),
            life["challengeLifecycle"]!["diagnosedProblem"]!["report"]!["id"]!.GetValue<string>()));
        Assert.Equal(BatteryId, life["challenges"]!["nodes"]![0]!["diagnosedProblems"]!["nodes"]![0]!["id"]!.GetValue<string>());

        var lists = PolicyApplication.Ok(await app.PostAsync("""
            { open: diagnosedProblems(region: "450200", posted: false) { problem { id } posted }
              posted: diagnosedProblems(region: "450200", posted: true) { problem { id } challengeStatus challengeLifecycle { history { status on } } }
              all: diagnosedProblems(field: "new-energy-vehicles") { problem { id } } }
            """));
        Assert.Equal([MotorId], Ids(lists["open"]!));
        Assert.Equal([BatteryId], Ids(lists["posted"]!));
        Assert.Equal("PUBLISHED", lists["posted"]![0]!["challengeStatus"]!.GetValue<string>());
        Assert.Equal(["2024-07-01", "2024-08-01"], lists["posted"]![0]!["challengeLifecycle"]!["history"]!.AsArray().Select(h => h!["on"]!.GetValue<string>()));
        Assert.Equal([BatteryId, MotorId], Ids(lists["all"]!));
    }

    [StoreFact]
    public async Task AProblemIsPostedOnceByAnInRegionEnterpriseAndARefusedPostingLeavesItOpen()
    {
        await using var app = await ReportedAsync(await StartAsync());

        var outOfRegion = await PostBatteryAsync(app, Guangdong);
        var (code, message) = PolicyApplication.Error(outOfRegion);
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("a 技术攻关类 challenge is posted by an in-region enterprise", message);
        Assert.Null(await app.GraphStore.GetNodeAsync("Challenge:ch-lz-battery"));
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([BatteryId], Direction.Out, [LinkType.PostedAs])));

        PolicyApplication.Ok(await PostBatteryAsync(app, Maker));
        var twice = await PostBatteryAsync(app, Maker, "ch-lz-battery-2");
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(twice).Code);
        Assert.Contains("already posted as the challenge 'ch-lz-battery'", PolicyApplication.Error(twice).Message);
        Assert.Null(await app.GraphStore.GetNodeAsync("Challenge:ch-lz-battery-2"));

        var early = await app.EditAsync(PostBattery.Replace("lz-nev-battery", "lz-nev-motor", StringComparison.Ordinal).Replace("2024-07-01", "2024-06-01", StringComparison.Ordinal),
            new { poster = Maker.Id, key = "ch-lz-motor" });
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(early).Code);
        Assert.Contains("named in the report of 2024-06-15; it cannot be posted on 2024-06-01", PolicyApplication.Error(early).Message);
    }

    [StoreFact]
    public async Task AProblemIsLinkedToAChallengeOnlyByPostingIt()
    {
        await using var app = await ReportedAsync(await StartAsync());
        PolicyApplication.Ok(await app.EditAsync(
            "mutation($maker: ID!) { postChallenge(input: { key: \"ch-other\", name: \"示例其他榜单\", kind: TECHNOLOGY_BREAKTHROUGH, posterId: $maker, on: \"2024-07-01\" }) { status } }", new { maker = Maker.Id }));

        var byHand = await app.EditAsync($$"""mutation { linkPostedAs(input: { from: "{{MotorId}}", to: "Challenge:ch-other" }) { dataVersion } }""");

        var (code, message) = PolicyApplication.Error(byHand);
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("use postProblemAsChallenge", message);
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([MotorId], Direction.Out, [LinkType.PostedAs])));
    }

    [StoreFact]
    public async Task LiuzhouStaffDiagnoseLiuzhouButNotNanning()
    {
        await using var app = await StartAsync();

        var liuzhou = await app.PostAsync(FormTeam, new { region = "450200", key = "lz-nev", maker = Maker.Id }, token: LiuzhouEditor);
        var nanning = await app.PostAsync(FormTeam, new { region = "450100", key = "nn-nev", maker = Maker.Id }, token: LiuzhouEditor);

        PolicyApplication.Ok(liuzhou);
        var (code, message) = PolicyApplication.Error(nanning);
        Assert.Equal("FORBIDDEN", code);
        Assert.Contains("450100 南宁市", message);
        Assert.Contains("outside the regions of the token (450200 柳州市)", message);
        Assert.Null(await app.GraphStore.GetNodeAsync("DiagnosisTeam:nn-nev"));
        Assert.Equal([TeamId], (await app.GraphStore.GetLinksAsync(new(["Person:wang"], Direction.Out, [LinkType.ServesOn]))).Select(l => l.ToId));
    }

    static List<string> Ids(JsonNode list) => [.. list.AsArray().Select(p => p!["problem"]!["id"]!.GetValue<string>())];
}

/// <summary><see cref="IndustryDiagnosisTests"/> on the embedded store.</summary>
public sealed class SqliteIndustryDiagnosisTests() : IndustryDiagnosisTests(TestStore.Sqlite);

/// <summary><see cref="IndustryDiagnosisTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jIndustryDiagnosisTests() : IndustryDiagnosisTests(TestStore.Neo4j);
