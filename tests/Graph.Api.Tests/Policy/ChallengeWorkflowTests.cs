using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>揭榜挂帅 through GraphQL: posting, the dated lifecycle, eligibility through the group structure, the award.</summary>
public abstract class ChallengeWorkflowTests(TestStore store)
{
    static readonly NodeInput Group = Enterprise(11, "示例重工集团有限公司");
    static readonly NodeInput Subsidiary = Enterprise(12, "柳州示例重工机械有限公司");
    static readonly NodeInput Grandchild = Enterprise(13, "柳州示例重工铸造有限公司", "450206");
    static readonly NodeInput FormerSubsidiary = Enterprise(14, "柳州示例重工物流有限公司", "450205", ("highTech", true));
    static readonly NodeInput Outsider = Enterprise(15, "湖北示例智能传感有限公司", "420000", ("highTech", true));
    static readonly NodeInput Tech = University("demo-tech", "示例理工大学");
    static readonly NodeInput Other = University("demo-east", "示例东部大学", "330000");
    static readonly NodeInput Consortium = new(NodeKind.Consortium, "cs-heavy", "示例重工装备创新联合体", Properties: PropertyBag.Of(("example", true)));
    static readonly NodeInput Achievement = new(NodeKind.Achievement, "ach-vision", "示例机器视觉检测技术", Properties: PropertyBag.Of(("example", true)));

    const string Lifecycle = """
        fragment Life on ChallengeLifecycle {
          status kind nextStates budget publicFunding publicFundingShare
          history { status on label }
          applicants { id }
          winner { id }
          poster { id }
        }
        """;

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Group, Subsidiary, Grandchild, FormerSubsidiary, Outsider, Tech, Other, Consortium, Achievement,
            Link(LinkType.SubsidiaryOf, Subsidiary, Group, Day(2015, 1, 1)),
            Link(LinkType.SubsidiaryOf, Grandchild, Subsidiary, Day(2016, 1, 1)),
            Link(LinkType.SubsidiaryOf, FormerSubsidiary, Group, Day(2019, 3, 1), Day(2023, 6, 30)),
            Link(LinkType.Leads, Subsidiary, Consortium, Day(2020, 1, 1)),
            Link(LinkType.Holds, Other, Achievement));
        return app;
    }

    static async Task<string> PostAndOpenAsync(PolicyApplication app)
    {
        var posted = PolicyApplication.Ok(await app.EditAsync(Lifecycle + """
            mutation {
              postChallenge(input: { key: "ch-boom", name: "示例起重机臂架轻量化技术攻关", kind: TECHNOLOGY_BREAKTHROUGH,
                posterId: "Enterprise:GROUP", on: "2024-03-01", budget: 800, publicFunding: 200 }) { challenge { id } ...Life }
            }
            """.Replace("GROUP", Group.Key, StringComparison.Ordinal)))["postChallenge"]!;
        Assert.Equal("COLLECTING", posted["status"]!.GetValue<string>());
        Assert.Equal(25m, posted["publicFundingShare"]!.GetValue<decimal>());
        var id = posted["challenge"]!["id"]!.GetValue<string>();
        await MoveAsync(app, id, "PUBLISHED", "2024-04-01");
        await MoveAsync(app, id, "APPLYING", "2024-04-10");
        return id;
    }

    static async Task<GraphQLResponse> MoveAsync(PolicyApplication app, string id, string to, string on, bool check = true)
    {
        var response = await app.EditAsync(Lifecycle + "mutation($id: ID!, $to: ChallengeStatus!, $on: Date!) { transitionChallenge(id: $id, to: $to, on: $on) { ...Life } }",
            new { id, to, on });
        if (check) PolicyApplication.Ok(response);
        return response;
    }

    static Task<GraphQLResponse> ApplyAsync(PolicyApplication app, string challengeId, string applicantId, string on = "2024-04-20") =>
        app.EditAsync(Lifecycle + "mutation($c: ID!, $a: ID!, $on: Date!) { applyToChallenge(challengeId: $c, applicantId: $a, on: $on, price: 700) { ...Life } }",
            new { c = challengeId, a = applicantId, on });

    [StoreFact]
    public async Task SubsidiaryTwoLevelsDownCannotApplyToItsGroupsChallenge()
    {
        await using var app = await StartAsync();
        var id = await PostAndOpenAsync(app);

        var (code, message) = PolicyApplication.Error(await ApplyAsync(app, id, Grandchild.Id));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains($"{Grandchild.Id} is a subsidiary of the poster {Group.Id}", message);
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([id], Direction.In, [LinkType.AppliesTo])));
    }

    [StoreFact]
    public async Task ConsortiumLedByThePostersSubsidiaryCannotApply()
    {
        await using var app = await StartAsync();
        var id = await PostAndOpenAsync(app);

        var (code, message) = PolicyApplication.Error(await ApplyAsync(app, id, Consortium.Id));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains($"lead of consortium {Consortium.Id}", message);
    }

    [StoreTheory]
    [InlineData("2023-06-30", false)]
    [InlineData("2023-07-01", true)]
    public async Task AFormerSubsidiaryIsBarredOnlyWhileItIsOne(string on, bool eligible)
    {
        await using var app = await StartAsync();
        var id = await PostAndOpenAsync(app);

        var data = PolicyApplication.Ok(await app.PostAsync("query($c: ID!, $a: ID!, $on: Date) { challengeEligibility(challengeId: $c, applicantId: $a, on: $on) { eligible reasons } }",
            new { c = id, a = FormerSubsidiary.Id, on }));

        Assert.Equal(eligible, data["challengeEligibility"]!["eligible"]!.GetValue<bool>());
    }

    [StoreFact]
    public async Task IllegalTransitionIsRefusedNamingBothStates()
    {
        await using var app = await StartAsync();
        var id = await PostAndOpenAsync(app);

        var (code, message) = PolicyApplication.Error(await MoveAsync(app, id, "NEGOTIATING", "2024-05-01", check: false));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("cannot move from Applying (揭榜申报) to Negotiating (对接洽谈)", message);
    }

    [StoreFact]
    public async Task ChallengeRunsItsLifecycleAndIsAwardedOnlyToAnApplicant()
    {
        await using var app = await StartAsync();
        var id = await PostAndOpenAsync(app);
        PolicyApplication.Ok(await ApplyAsync(app, id, Tech.Id));
        PolicyApplication.Ok(await ApplyAsync(app, id, Outsider.Id));
        await MoveAsync(app, id, "REVIEWING", "2024-05-01");
        await MoveAsync(app, id, "NEGOTIATING", "2024-05-20");
        const string Award = "mutation($c: ID!, $a: ID!) { awardChallenge(challengeId: $c, applicantId: $a, on: \"2024-06-01\", amount: 750) { ...Life } }";

        var refused = PolicyApplication.Error(await app.EditAsync(Lifecycle + Award, new { c = id, a = Other.Id }));
        var awarded = PolicyApplication.Ok(await app.EditAsync(Lifecycle + Award, new { c = id, a = Tech.Id }))["awardChallenge"]!;

        Assert.Equal("RULE_VIOLATION", refused.Code);
        Assert.Contains("it did not apply", refused.Message);
        Assert.Equal("AWARDED", awarded["status"]!.GetValue<string>());
        Assert.Equal(Tech.Id, awarded["winner"]!["id"]!.GetValue<string>());
        Assert.Equal(Group.Id, awarded["poster"]!["id"]!.GetValue<string>());
        Assert.Equal(["COMPLETED", "TERMINATED"], awarded["nextStates"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(
            ["COLLECTING 2024-03-01", "PUBLISHED 2024-04-01", "APPLYING 2024-04-10", "REVIEWING 2024-05-01", "NEGOTIATING 2024-05-20", "AWARDED 2024-06-01"],
            awarded["history"]!.AsArray().Select(s => $"{s!["status"]} {s["on"]}"));
        var link = Assert.Single(await app.GraphStore.GetLinksAsync(new([id], Direction.In, [LinkType.Awarded])));
        Assert.Equal(750m, link.Properties.Decimal("amount"));
    }

    [StoreFact]
    public async Task OnlyAnInRegionEnterpriseMayTakeAnAchievementTransformationChallenge()
    {
        await using var app = await StartAsync();
        var posted = PolicyApplication.Ok(await app.EditAsync("""
            mutation($a: ID!) {
              postChallenge(input: { key: "ch-vision", name: "示例机器视觉检测技术转化", kind: ACHIEVEMENT_TRANSFORMATION,
                posterId: "University:demo-east", achievementId: $a, region: "450200", on: "2025-01-05" }) { challenge { id } }
            }
            """, new { a = Achievement.Id }))["postChallenge"]!;
        var id = posted["challenge"]!["id"]!.GetValue<string>();
        await MoveAsync(app, id, "PUBLISHED", "2025-01-10");
        await MoveAsync(app, id, "APPLYING", "2025-01-20");

        var refused = PolicyApplication.Error(await ApplyAsync(app, id, Outsider.Id, "2025-02-01"));
        PolicyApplication.Ok(await ApplyAsync(app, id, Grandchild.Id, "2025-02-01"));

        Assert.Equal("RULE_VIOLATION", refused.Code);
        Assert.Contains("out-of-region enterprise", refused.Message);
    }
}

/// <summary><see cref="ChallengeWorkflowTests"/> on the embedded store.</summary>
public sealed class SqliteChallengeWorkflowTests() : ChallengeWorkflowTests(TestStore.Sqlite);

/// <summary><see cref="ChallengeWorkflowTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jChallengeWorkflowTests() : ChallengeWorkflowTests(TestStore.Neo4j);
