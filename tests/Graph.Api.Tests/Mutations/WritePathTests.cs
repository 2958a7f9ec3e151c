using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>
/// One write path: a rule of the seeds holds whichever mutation carries the write, governed state changes only through
/// its workflow (or an admin's journaled override), nothing confidential is erased by who may not read it.
/// </summary>
public abstract class WritePathTests(TestStore store)
{
    static readonly NodeInput Group = Enterprise(31, "示例重工集团有限公司");
    static readonly NodeInput Child = Enterprise(32, "柳州示例重工机械有限公司");
    static readonly NodeInput Grandchild = Enterprise(33, "柳州示例重工铸造有限公司");
    static readonly NodeInput GreatGrandchild = Enterprise(34, "柳州示例重工精密件有限公司", "450205", ("highTech", true));
    static readonly NodeInput Outsider = Enterprise(35, "湖北示例智能传感有限公司", "420000", ("highTech", true));
    static readonly NodeInput Tech = University("demo-tech", "示例理工大学");
    static readonly NodeInput Big = Enterprise(36, "柳州示例装备有限公司", "450205", ("employees", 1200L), ("revenue", 52000m), ("fields", new[] { "machinery" }));

    // A challenge taking applications from 2024-04-10 until its deadline, 2024-06-30, on a budget of 100 万元.
    static readonly NodeInput Challenge = new(NodeKind.Challenge, "ch-path", "示例起重机臂架轻量化技术攻关", Properties: PropertyBag.Of(
        ("region", "450205"), ("challengeKind", "TechnologyBreakthrough"), ("status", "Applying"), ("budget", 100m), ("publicFunding", 30m),
        ("collectingOn", Day(2024, 3, 1)), ("postedOn", Day(2024, 4, 1)), ("applyingOn", Day(2024, 4, 10)), ("deadline", Day(2024, 6, 30)), ("example", true)));

    static string Admin => KnowledgeGraphApplication.TokenFor("admin");
    static string Editor => KnowledgeGraphApplication.TokenFor("editor");
    static string EditorAnalyst => KnowledgeGraphApplication.TokenFor("editor", "analyst");

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Group, Child, Grandchild, GreatGrandchild, Outsider, Tech, Big, Challenge,
            Link(LinkType.SubsidiaryOf, Child, Group, Day(2015, 1, 1)),
            Link(LinkType.SubsidiaryOf, Grandchild, Child, Day(2016, 1, 1)),
            Link(LinkType.SubsidiaryOf, GreatGrandchild, Grandchild, Day(2017, 1, 1)),
            Link(LinkType.Posts, Group, Challenge, Day(2024, 4, 1)),
            Link(LinkType.AppliesTo, Tech, Challenge, Day(2024, 4, 20), properties: ("price", 90m)));
        return app;
    }

    static async Task<(string? Code, string Message)> RefusedAsync(PolicyApplication app, string mutation, string token, object? variables = null)
    {
        var before = await app.GraphStore.GetDataVersionAsync();
        var error = PolicyApplication.Error(await app.PostAsync(mutation, variables, token: token));
        Assert.Equal(before, await app.GraphStore.GetDataVersionAsync());
        return error;
    }

    const string LinkAwarded = "mutation($from: ID!, $amount: Decimal) { linkAwarded(input: { from: $from, to: \"Challenge:ch-path\", startDate: \"2024-07-01\", amount: $amount }) { dataVersion } }";
    const string LinkAppliesTo = "mutation($from: ID!, $on: Date) { linkAppliesTo(input: { from: $from, to: \"Challenge:ch-path\", startDate: $on }) { dataVersion } }";

    [StoreFact]
    public async Task AnEditorCannotAwardAChallengeThroughTheGenericLinkAndIsToldTheWorkflow()
    {
        await using var app = await StartAsync();

        var (code, message) = await RefusedAsync(app, LinkAwarded, Editor, new { from = Tech.Id });

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("use awardChallenge", message);
    }

    [StoreFact]
    public async Task NotEvenAnAdminCanAwardAChallengeToItsPosterOrToWhoNeverApplied()
    {
        await using var app = await StartAsync();

        var poster = await RefusedAsync(app, LinkAwarded, Admin, new { from = Group.Id });
        var stranger = await RefusedAsync(app, LinkAwarded, Admin, new { from = Outsider.Id });

        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION"), (poster.Code, stranger.Code));
        Assert.Contains($"cannot be awarded to {Group.Id}: it did not apply", poster.Message);
        Assert.Contains($"cannot be awarded to {Outsider.Id}: it did not apply", stranger.Message);
        Assert.Null((await app.PostAsync("{ challengeLifecycle(id: \"Challenge:ch-path\") { winner { id } } }")).Data!["challengeLifecycle"]!["winner"]);
    }

    [StoreFact]
    public async Task ASubsidiaryThreeLevelsDownCannotApplyThroughTheGenericLink()
    {
        await using var app = await StartAsync();

        var (code, message) = await RefusedAsync(app, LinkAppliesTo, Editor, new { from = GreatGrandchild.Id, on = "2024-05-01" });

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains($"{GreatGrandchild.Id} is a subsidiary of the poster {Group.Id}", message);
    }

    [StoreFact]
    public async Task AnApplicationAfterTheDeadlineIsRefusedByTheLinkAndByTheWorkflow()
    {
        await using var app = await StartAsync();

        var link = await RefusedAsync(app, LinkAppliesTo, Editor, new { from = Outsider.Id, on = "2024-07-01" });
        var workflow = await RefusedAsync(app, "mutation { applyToChallenge(challengeId: \"Challenge:ch-path\", applicantId: \"" + Outsider.Id + "\", on: \"2024-07-01\") { status } }", Editor);

        Assert.Contains("after the deadline 2024-06-30", link.Message);
        Assert.Contains("after the deadline 2024-06-30", workflow.Message);
    }

    [StoreFact]
    public async Task AnAwardAboveTheBudgetIsRefusedEvenToAnAdmin()
    {
        await using var app = await StartAsync();

        var (code, message) = await RefusedAsync(app, LinkAwarded, Admin, new { from = Tech.Id, amount = 99999 });

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("99999 万元 is more than the budget of 100 万元", message);
    }

    [StoreFact]
    public async Task AChallengeMarkedAwardedWithNoWinnerIsRefused()
    {
        await using var app = await StartAsync();
        const string upsert = """
            mutation { upsertChallenge(input: { key: "ch-fake", name: "示例虚假立项", challengeKind: TECHNOLOGY_BREAKTHROUGH, status: AWARDED, region: "450205" }) { dataVersion } }
            """;

        var editor = await RefusedAsync(app, upsert, Editor);
        var admin = await RefusedAsync(app, upsert, Admin);

        Assert.Contains("use postChallenge, transitionChallenge or awardChallenge", editor.Message);
        Assert.Contains("names no winner", admin.Message);
    }

    [StoreFact]
    public async Task AnAccreditedInnovationCentreCannotBeCreatedWithoutItsLifecycle()
    {
        await using var app = await StartAsync();
        const string upsert = """
            mutation { upsertPlatform(input: { key: "pf-fake", name: "广西壮族自治区示例技术创新中心", platformType: TECHNOLOGY_INNOVATION_CENTER, status: ACCREDITED, region: "450200" }) { dataVersion } }
            """;

        var editor = await RefusedAsync(app, upsert, Editor);
        var admin = await RefusedAsync(app, upsert, Admin);

        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION"), (editor.Code, admin.Code));
        Assert.Contains("use recordCentreEvent", editor.Message);
        Assert.Contains("has status Accredited but its history puts it at Applied", admin.Message);
    }

    [StoreFact]
    public async Task ARegionScopedTokenIsHeldToTheSameRulesAsAnyOther()
    {
        await using var app = await StartAsync();
        var liuzhou = KnowledgeGraphApplication.ScopedTokenFor(["450200"], "editor");
        var hubei = KnowledgeGraphApplication.ScopedTokenFor(["420000"], "editor");
        const string Centre = """
            mutation { upsertPlatform(input: { key: "pf-lz", name: "柳州示例技术创新中心", platformType: TECHNOLOGY_INNOVATION_CENTER, status: ACCREDITED, region: "450205" }) { dataVersion } }
            """;

        var late = await RefusedAsync(app, LinkAppliesTo, liuzhou, new { from = Outsider.Id, on = "2024-07-01" });
        var subsidiary = await RefusedAsync(app, LinkAppliesTo, liuzhou, new { from = GreatGrandchild.Id, on = "2024-05-01" });
        var award = await RefusedAsync(app, LinkAwarded, liuzhou, new { from = Tech.Id });
        var centre = await RefusedAsync(app, Centre, liuzhou);
        // Hubei's token may name its own enterprise as an applicant to Liuzhou's challenge (one end is inside), under the same rules.
        var fromHubei = await RefusedAsync(app, LinkAppliesTo, hubei, new { from = Outsider.Id, on = "2024-07-01" });
        var outside = await RefusedAsync(app, LinkAppliesTo, hubei, new { from = Tech.Id, on = "2024-05-01" });

        Assert.Equal(new string?[] { "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION", "FORBIDDEN" },
            new[] { late.Code, subsidiary.Code, award.Code, centre.Code, fromHubei.Code, outside.Code });
        Assert.Contains("after the deadline 2024-06-30", late.Message);
        Assert.Contains($"{GreatGrandchild.Id} is a subsidiary of the poster {Group.Id}", subsidiary.Message);
        Assert.Contains("use awardChallenge", award.Message);
        Assert.Contains("use recordCentreEvent", centre.Message);
        Assert.Contains("after the deadline 2024-06-30", fromHubei.Message);
        Assert.Contains("outside the regions of the token", outside.Message);
    }

    [StoreFact]
    public async Task AnEditorWithoutTheAnalystRoleCannotEraseOrChangeConfidentialFigures()
    {
        await using var app = await StartAsync();
        var rename = "mutation { upsertEnterprise(input: { creditCode: \"" + Big.Key + "\", name: \"柳州示例装备集团有限公司\", region: \"450205\", fields: [\"machinery\"] }) { dataVersion } }";
        var patch = "mutation($id: ID!) { patchEnterprise(id: $id, set: { revenue: 1 }) { dataVersion } }";
        var clear = "mutation($id: ID!) { patchEnterprise(id: $id, clear: [employees]) { dataVersion } }";

        var replaced = await RefusedAsync(app, rename, Editor);
        var changed = await RefusedAsync(app, patch, Editor, new { id = Big.Id });
        var cleared = await RefusedAsync(app, clear, Editor, new { id = Big.Id });

        Assert.Equal(("FORBIDDEN", "FORBIDDEN", "FORBIDDEN"), (replaced.Code, changed.Code, cleared.Code));
        Assert.Contains("'employees', 'revenue' of " + Big.Id + " are confidential", replaced.Message);
        Assert.Contains("'revenue' of " + Big.Id + " is a confidential", changed.Message);
        Assert.Contains("'employees' of " + Big.Id + " is a confidential", cleared.Message);
        var stored = await app.GraphStore.GetNodeAsync(Big.Id);
        Assert.Equal((1200L, 52000m), (stored!.Properties.Integer("employees"), stored.Properties.Decimal("revenue")));
    }

    [StoreFact]
    public async Task APatchChangesOnlyWhatItNames()
    {
        await using var app = await StartAsync();

        var renamed = PolicyApplication.Ok(await app.PostAsync(
            "mutation($id: ID!) { patchEnterprise(id: $id, set: { name: \"柳州示例装备集团有限公司\", highTech: true }) { changes { change } } }",
            new { id = Big.Id }, token: Editor));
        var cleared = PolicyApplication.Ok(await app.PostAsync(
            "mutation($id: ID!) { patchEnterprise(id: $id, clear: [fields, employees]) { changes { change } } }", new { id = Big.Id }, token: EditorAnalyst));

        Assert.Equal("UPDATED", renamed["patchEnterprise"]!["changes"]![0]!["change"]!.GetValue<string>());
        Assert.Equal("UPDATED", cleared["patchEnterprise"]!["changes"]![0]!["change"]!.GetValue<string>());
        var stored = await app.GraphStore.GetNodeAsync(Big.Id);
        Assert.Equal("柳州示例装备集团有限公司", stored!.Name);
        Assert.Equal((true, 52000m, "450205"), (stored.Properties.Flag("highTech"), stored.Properties.Decimal("revenue"), stored.Properties.Text("region")));
        Assert.False(stored.Properties.ContainsKey("fields"));
        Assert.False(stored.Properties.ContainsKey("employees"));
    }

    [StoreFact]
    public async Task APatchOfANodeThatDoesNotExistIsNotFound()
    {
        await using var app = await StartAsync();

        var (code, message) = await RefusedAsync(app, "mutation { patchUniversity(id: \"University:nowhere\", set: { name: \"无\" }) { dataVersion } }", Editor);

        Assert.Equal("NOT_FOUND", code);
        Assert.Contains("there is no node University:nowhere to patch", message);
    }

    [StoreFact]
    public async Task AnEditorCannotDeleteOrChangeABuiltInRegion()
    {
        await using var app = await StartAsync();

        var deleted = await RefusedAsync(app, "mutation { deleteNode(id: \"Region:450200\") { dataVersion } }", Editor);
        var renamed = await RefusedAsync(app, "mutation { upsertRegion(input: { code: \"450200\", name: \"改名市\" }) { dataVersion } }", Editor);

        Assert.Equal(("FORBIDDEN", "FORBIDDEN"), (deleted.Code, renamed.Code));
        Assert.Contains("built-in reference data", deleted.Message);
        Assert.NotNull(await app.GraphStore.GetNodeAsync("Region:450200"));
    }

    [StoreFact]
    public async Task AnAdminsDirectWriteOfGovernedStateIsJournaledAsAnOverride()
    {
        await using var app = await StartAsync();
        var since = await app.GraphStore.GetDataVersionAsync();

        PolicyApplication.Ok(await app.PostAsync(LinkAwarded, new { from = Tech.Id, amount = 90 }, token: Admin));
        PolicyApplication.Ok(await app.PostAsync("mutation { patchChallenge(id: \"Challenge:ch-path\", set: { status: AWARDED, awardedOn: \"2024-07-01\" }) { dataVersion } }", token: Admin));
        PolicyApplication.Ok(await app.PostAsync("mutation($id: ID!) { patchEnterprise(id: $id, set: { highTech: true }) { dataVersion } }", new { id = Big.Id }, token: Editor));

        var journal = PolicyApplication.Ok(await app.PostAsync(
            "query($since: Long) { changes(since: $since) { nodes { operation override actor { subject roles } changes { id change } } } }", new { since }, token: Admin))["changes"]!["nodes"]!.AsArray();

        Assert.Equal([("linkAwarded", true), ("patchChallenge", true), ("patchEnterprise", false)],
            journal.Select(e => (e!["operation"]!.GetValue<string>(), e["override"]!.GetValue<bool>())));
        Assert.All(journal, e => Assert.Equal("test-user", e!["actor"]!["subject"]!.GetValue<string>()));
    }
}

/// <summary><see cref="WritePathTests"/> on the embedded store.</summary>
public sealed class SqliteWritePathTests() : WritePathTests(TestStore.Sqlite);

/// <summary><see cref="WritePathTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jWritePathTests() : WritePathTests(TestStore.Neo4j);
