using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>
/// 揭榜挂帅 in full through GraphQL: a call (榜单批次) with its dates, reviews with scores and reasons, and 赛马制 awards to
/// several teams with their shares, within the budget summed over them.
/// </summary>
public abstract class ChallengeRaceTests(TestStore store)
{
    static readonly NodeInput Poster = Enterprise(71, "柳州示例新能源汽车有限公司", "450205");
    static readonly NodeInput Tech = University("demo-tech", "示例理工大学");
    static readonly NodeInput East = University("demo-east", "示例东部大学", "330000");
    static readonly NodeInput Late = University("demo-late", "示例迟到大学");

    const string Life = """
        fragment Life on ChallengeLifecycle {
          status racing
          call { key name opensOn closesOn }
          applications { applicant { id } price reviewScore reviewReason reviewedOn }
          awards { awardee { id } amount share reason on }
          winner { id }
        }
        """;

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Poster, Tech, East, Late);
        return app;
    }

    // Posts a challenge of 900 万元, puts it in the 2024 spring call (04-01 to 04-30) and opens it for applications.
    static async Task<string> PostInCallAsync(PolicyApplication app, bool racing, string key = "ch-battery")
    {
        PolicyApplication.Ok(await app.EditAsync($$"""
            mutation { postChallenge(input: { key: "{{key}}", name: "示例动力电池热管理技术攻关", kind: TECHNOLOGY_BREAKTHROUGH,
              posterId: "{{Poster.Id}}", on: "2024-03-01", budget: 900, deadline: "2024-04-30", racing: {{(racing ? "true" : "false")}} }) { status } }
            """));
        var id = $"Challenge:{key}";
        PolicyApplication.Ok(await app.EditAsync($$"""
            mutation { publishChallengeCall(input: { key: "2024-spring", name: "2024年春季揭榜挂帅榜单", opensOn: "2024-04-01", closesOn: "2024-04-30",
              challengeIds: ["{{id}}"] }) { key } }
            """));
        await MoveAsync(app, id, "PUBLISHED", "2024-04-01");
        await MoveAsync(app, id, "APPLYING", "2024-04-02");
        return id;
    }

    static async Task MoveAsync(PolicyApplication app, string id, string to, string on) =>
        PolicyApplication.Ok(await app.EditAsync("mutation($id: ID!, $to: ChallengeStatus!, $on: Date!) { transitionChallenge(id: $id, to: $to, on: $on) { status } }", new { id, to, on }));

    static Task<GraphQLResponse> ApplyAsync(PolicyApplication app, string id, NodeInput applicant, string on, decimal price) =>
        app.EditAsync("mutation($c: ID!, $a: ID!, $on: Date!, $price: Decimal) { applyToChallenge(challengeId: $c, applicantId: $a, on: $on, price: $price) { status } }",
            new { c = id, a = applicant.Id, on, price });

    static Task<GraphQLResponse> ReviewAsync(PolicyApplication app, string id, NodeInput applicant, decimal score, string reason) =>
        app.EditAsync(Life + "mutation($c: ID!, $a: ID!, $score: Decimal!, $reason: String!) { reviewChallengeApplication(challengeId: $c, applicantId: $a, on: \"2024-05-10\", score: $score, reason: $reason) { ...Life } }",
            new { c = id, a = applicant.Id, score, reason });

    static Task<GraphQLResponse> AwardAsync(PolicyApplication app, string id, params object[] awardees) =>
        app.EditAsync(Life + "mutation($c: ID!, $awardees: [ChallengeAwardInput!]!) { awardChallengeRace(challengeId: $c, on: \"2024-06-01\", awardees: $awardees) { ...Life } }",
            new { c = id, awardees });

    // Two teams applied and were reviewed; the challenge is in negotiation.
    static async Task<string> ReviewedAsync(PolicyApplication app, bool racing)
    {
        var id = await PostInCallAsync(app, racing);
        PolicyApplication.Ok(await ApplyAsync(app, id, Tech, "2024-04-10", 500));
        PolicyApplication.Ok(await ApplyAsync(app, id, East, "2024-04-12", 450));
        await MoveAsync(app, id, "REVIEWING", "2024-05-01");
        PolicyApplication.Ok(await ReviewAsync(app, id, Tech, 88, "热仿真方案成熟，报价合理"));
        PolicyApplication.Ok(await ReviewAsync(app, id, East, 81.5m, "报价更低，样机验证不足"));
        await MoveAsync(app, id, "NEGOTIATING", "2024-05-20");
        return id;
    }

    [StoreFact]
    public async Task AHorseRaceIsAwardedToTwoTeamsWithTheirSharesAndReasons()
    {
        await using var app = await StartAsync();
        var id = await ReviewedAsync(app, racing: true);

        var life = PolicyApplication.Ok(await AwardAsync(app, id,
            new { applicantId = Tech.Id, amount = 500, share = 55, reason = "评审第一，热仿真方案成熟" },
            new { applicantId = East.Id, amount = 400, share = 45, reason = "报价低，作为并行技术路线" }))["awardChallengeRace"]!;

        Assert.Equal("AWARDED", life["status"]!.GetValue<string>());
        Assert.True(life["racing"]!.GetValue<bool>());
        var awards = life["awards"]!.AsArray();
        Assert.Equal([East.Id, Tech.Id], awards.Select(a => a!["awardee"]!["id"]!.GetValue<string>()));
        Assert.Equal([45m, 55m], awards.Select(a => a!["share"]!.GetValue<decimal>()));
        Assert.Equal("评审第一，热仿真方案成熟", awards[1]!["reason"]!.GetValue<string>());
        Assert.Equal("2024-06-01", awards[0]!["on"]!.GetValue<string>());
        var applications = life["applications"]!.AsArray();
        Assert.Equal([88m, 81.5m], applications.Select(a => a!["reviewScore"]!.GetValue<decimal>()));
        Assert.Equal("报价更低，样机验证不足", applications[1]!["reviewReason"]!.GetValue<string>());
        Assert.Equal("2024-05-10", applications[0]!["reviewedOn"]!.GetValue<string>());
        Assert.Equal(2, (await app.GraphStore.GetLinksAsync(new([id], Direction.In, [LinkType.Awarded]))).Count);
    }

    [StoreFact]
    public async Task TwoAwardeesOfAChallengeNotRunAsAHorseRaceAreRefused()
    {
        await using var app = await StartAsync();
        var id = await ReviewedAsync(app, racing: false);

        var (code, message) = PolicyApplication.Error(await AwardAsync(app, id,
            new { applicantId = Tech.Id, amount = 500, share = 55 }, new { applicantId = East.Id, amount = 400, share = 45 }));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("not run as 赛马制", message);
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([id], Direction.In, [LinkType.Awarded])));
    }

    [StoreFact]
    public async Task TheAwardsTogetherStayWithinTheBudget()
    {
        await using var app = await StartAsync();
        var id = await ReviewedAsync(app, racing: true);

        var (code, message) = PolicyApplication.Error(await AwardAsync(app, id,
            new { applicantId = Tech.Id, amount = 500, share = 50 }, new { applicantId = East.Id, amount = 450, share = 50 }));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("add up to 950 万元, more than the budget of 900 万元", message);
        var life = PolicyApplication.Ok(await app.PostAsync(Life + $"{{ challengeLifecycle(id: \"{id}\") {{ ...Life }} }}"))["challengeLifecycle"]!;
        Assert.Equal("NEGOTIATING", life["status"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task SharesOfAHorseRaceAreNamedAndAddUpToAtMostAHundred()
    {
        await using var app = await StartAsync();
        var id = await ReviewedAsync(app, racing: true);

        var missing = PolicyApplication.Error(await AwardAsync(app, id, new { applicantId = Tech.Id, amount = 300, share = 60 }, new { applicantId = East.Id, amount = 300 }));
        var over = PolicyApplication.Error(await AwardAsync(app, id, new { applicantId = Tech.Id, amount = 300, share = 60 }, new { applicantId = East.Id, amount = 300, share = 50 }));

        Assert.Equal("RULE_VIOLATION", missing.Code);
        Assert.Contains($"{East.Id} has none", missing.Message);
        Assert.Equal("RULE_VIOLATION", over.Code);
        Assert.Contains("add up to 110 %", over.Message);
    }

    [StoreFact]
    public async Task OnlyApplicantsAreAwardedAndThePosterNever()
    {
        await using var app = await StartAsync();
        var id = await ReviewedAsync(app, racing: true);

        var (code, message) = PolicyApplication.Error(await AwardAsync(app, id,
            new { applicantId = Tech.Id, amount = 300, share = 50 }, new { applicantId = Poster.Id, amount = 300, share = 50 }));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains($"{Poster.Id}: it did not apply", message);
    }

    [StoreFact]
    public async Task ACallTakesApplicationsOnlyBetweenItsDates()
    {
        await using var app = await StartAsync();
        var id = await PostInCallAsync(app, racing: true);

        var call = PolicyApplication.Ok(await app.PostAsync("{ challengeCall(key: \"2024-spring\") { name opensOn closesOn challenges { id } } }"))["challengeCall"]!;
        var early = await app.EditAsync($$"""
            mutation { linkAppliesTo(input: { from: "{{Late.Id}}", to: "{{id}}", startDate: "2024-03-31" }) { dataVersion } }
            """);

        Assert.Equal("2024年春季揭榜挂帅榜单", call["name"]!.GetValue<string>());
        Assert.Equal("2024-04-01", call["opensOn"]!.GetValue<string>());
        Assert.Equal([id], call["challenges"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        var (code, message) = PolicyApplication.Error(early);
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("outside its call '2024-spring' (2024-04-01–2024-04-30)", message);
    }

    [StoreFact]
    public async Task AChallengeIsInOneCallAndAReviewNeedsAnApplication()
    {
        await using var app = await StartAsync();
        var id = await PostInCallAsync(app, racing: false);
        PolicyApplication.Ok(await ApplyAsync(app, id, Tech, "2024-04-10", 500));
        await MoveAsync(app, id, "REVIEWING", "2024-05-01");

        var again = await app.EditAsync($$"""
            mutation { publishChallengeCall(input: { key: "2024-autumn", name: "2024年秋季榜单", opensOn: "2024-09-01", closesOn: "2024-09-30", challengeIds: ["{{id}}"] }) { key } }
            """);
        var notApplied = await ReviewAsync(app, id, East, 70, "未揭榜");

        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(again).Code);
        Assert.Contains("already in the call '2024-spring'", PolicyApplication.Error(again).Message);
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(notApplied).Code);
        Assert.Contains("did not apply", PolicyApplication.Error(notApplied).Message);
    }
}

/// <summary><see cref="ChallengeRaceTests"/> on the embedded store.</summary>
public sealed class SqliteChallengeRaceTests() : ChallengeRaceTests(TestStore.Sqlite);

/// <summary><see cref="ChallengeRaceTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jChallengeRaceTests() : ChallengeRaceTests(TestStore.Neo4j);
