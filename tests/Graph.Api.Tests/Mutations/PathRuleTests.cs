using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>
/// A rule holds on every path (docs/write-path.md, "each rule through each write path"): the unlink of a challenge's
/// links, a token scoped to a city, the delete of a filing round's holder, of a filed institution's last host, of the lead
/// of a consortium that applied — each refused with the rule it would break, nothing written.
/// </summary>
public abstract class PathRuleTests(TestStore store)
{
    static readonly NodeInput Poster = Enterprise(61, "柳州示例吊装设备有限公司");
    static readonly NodeInput Winner = University("demo-path-tech", "示例路径理工大学");
    static readonly NodeInput Bidder = University("demo-path-bidder", "示例揭榜大学");
    static readonly NodeInput Stranger = University("demo-path-stranger", "示例未揭榜大学");
    static readonly NodeInput Firm = Enterprise(62, "柳州示例结对零件有限公司");
    static readonly NodeInput Partner = University("demo-path-partner", "示例结对理工大学");
    static readonly NodeInput Commissioner = new(NodeKind.Person, "demo-path-zhang", "张示例", Properties: PropertyBag.Of(("region", "450205"), ("example", true)));
    static readonly NodeInput Uncommissioned = new(NodeKind.Person, "demo-path-wang", "王示例", Properties: PropertyBag.Of(("region", "450205"), ("example", true)));

    // Awarded on 2024-07-01 to its one applicant, within the budget.
    static readonly NodeInput Awarded = Challenge("ch-path-awarded", "示例吊臂回转技术攻关", ("status", "Awarded"), ("awardedOn", Day(2024, 7, 1)));
    // In 对接洽谈 since 2024-07-10, with one applicant: ready to be awarded.
    static readonly NodeInput Negotiating = Challenge("ch-path-negotiating", "示例吊钩轻量化技术攻关", ("status", "Negotiating"), ("reviewingOn", Day(2024, 7, 1)),
        ("negotiatingOn", Day(2024, 7, 10)));

    // 柳州市科技局 holds the 2026 first-half round; one institution applied in it on 2026-03-15. The second-half round has no applications.
    static readonly NodeInput Holder = Holding(Government("demo-path-lzkjj", "柳州市示例科技局", "City"), FirstHalf, SecondHalf);
    static readonly NodeInput Idle = Holding(Government("demo-path-idle", "柳州市示例工信局", "City"), SecondHalf);
    static readonly NodeInput Institution = new(NodeKind.Platform, "demo-path-rd", "柳州示例零件研发中心", Properties: PropertyBag.Of(
        ("region", "450205"), ("platformType", "RdInstitution"), ("level", "City"), ("status", "Filed"), ("statusDate", Day(2026, 3, 15)), ("filedOn", Day(2026, 3, 15)),
        ("filingPassed", true), ("filingRound", "GovernmentBody:demo-path-lzkjj/2026-H1"), ("applicationStatus", "Submitted"), ("appliedOn", Day(2026, 3, 15)), ("example", true)));

    const string FirstHalf = "2026-H1 2026-03-01 2026-04-30 City 2026年上半年研发机构申报";
    const string SecondHalf = "2026-H2 2026-09-01 2026-10-31 City 2026年下半年研发机构申报";

    static readonly LinkInput Award = Link(LinkType.Awarded, Winner, Awarded, Day(2024, 7, 1), properties: ("amount", 90m));
    static readonly LinkInput Application = Link(LinkType.AppliesTo, Winner, Awarded, Day(2024, 4, 20));
    static readonly LinkInput Post = Link(LinkType.Posts, Poster, Awarded, Day(2024, 4, 1));
    static readonly LinkInput Commission = Link(LinkType.CommissionedTo, Commissioner, Firm, Day(2024, 1, 1));
    static readonly LinkInput Pairing = Link(LinkType.PairedWith, Firm, Partner, Day(2024, 5, 1), properties: ("commissioner", Commissioner.Key));

    static string Admin => KnowledgeGraphApplication.TokenFor("admin");
    static string Editor => KnowledgeGraphApplication.TokenFor("editor");
    static string LiuzhouEditor => KnowledgeGraphApplication.ScopedTokenFor(["450200"], "editor");

    const string DeleteNode = "mutation($id: ID!) { deleteNode(id: $id) { dataVersion } }";
    const string Unlink = "mutation($id: ID!) { unlink(id: $id) { dataVersion } }";
    const string ApplyBatch = "mutation($operations: [BatchOperationInput!]!) { applyBatch(operations: $operations) { dataVersion } }";
    const string AwardChallenge = "mutation($a: ID!, $amount: Decimal) { awardChallenge(challengeId: \"Challenge:ch-path-negotiating\", applicantId: $a, on: \"2024-07-20\", amount: $amount) { status } }";

    static NodeInput Holding(NodeInput body, params string[] rounds) => body with { Properties = body.Properties.With("filingRounds", rounds) };

    static NodeInput Challenge(string key, string name, params (string Name, object? Value)[] state)
    {
        var properties = PropertyBag.Of(("region", "450205"), ("challengeKind", "TechnologyBreakthrough"), ("budget", 100m),
            ("collectingOn", Day(2024, 3, 1)), ("postedOn", Day(2024, 4, 1)), ("applyingOn", Day(2024, 4, 10)), ("deadline", Day(2024, 6, 30)), ("example", true));
        foreach (var (property, value) in state)
            properties = properties.With(property, value);
        return new NodeInput(NodeKind.Challenge, key, name, Properties: properties);
    }

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Poster, Winner, Bidder, Stranger, Firm, Partner, Commissioner, Uncommissioned, Awarded, Negotiating, Holder, Idle, Institution,
            Post, Application, Award,
            Link(LinkType.Posts, Poster, Negotiating, Day(2024, 4, 1)),
            Link(LinkType.AppliesTo, Bidder, Negotiating, Day(2024, 4, 20)),
            Link(LinkType.AppliesTo, Winner, Negotiating, Day(2024, 4, 21)),
            Commission, Pairing);
        return app;
    }

    static Task<(string? Code, string Message, string? Path)> RefusedAsync(PolicyApplication app, string mutation, string token, object variables) =>
        RuleAuditTests.RefusedAsync(app, mutation, token, variables);

    [StoreFact]
    public async Task TheAwardTheWinnersApplicationAndThePostOfAnAwardedChallengeAreNotUnlinked()
    {
        await using var app = await StartAsync();

        var award = await RefusedAsync(app, Unlink, Editor, new { id = Award.Id });
        var awardByAdmin = await RefusedAsync(app, Unlink, Admin, new { id = Award.Id });
        var application = await RefusedAsync(app, Unlink, Editor, new { id = Application.Id });
        var post = await RefusedAsync(app, Unlink, Admin, new { id = Post.Id });

        Assert.Equal(new string?[] { "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION" }, new[] { award.Code, awardByAdmin.Code, application.Code, post.Code });
        Assert.Contains($"AWARDED links to {Awarded.Id} are governed by the policy workflow: use awardChallenge", award.Message);
        Assert.Contains($"challenge '{Awarded.Key}' is Awarded (立项) but names no winner", awardByAdmin.Message);
        Assert.Contains($"challenge '{Awarded.Key}' cannot be awarded to {Winner.Id}: it did not apply", application.Message);
        Assert.Contains($"challenge '{Awarded.Key}' has no poster (POSTS link)", post.Message);
        Assert.All(new[] { award.Path, awardByAdmin.Path, application.Path, post.Path }, p => Assert.Equal("""["id"]""", p));
        Assert.NotNull(await app.GraphStore.GetLinkAsync(Award.Id));
        Assert.NotNull(await app.GraphStore.GetLinkAsync(Application.Id));
        Assert.NotNull(await app.GraphStore.GetLinkAsync(Post.Id));
    }

    [StoreFact]
    public async Task ACityScopedTokenAwardsOnlyAsTheAwardRulesAllow()
    {
        await using var app = await StartAsync();
        const string Race = "mutation($awardees: [ChallengeAwardInput!]!) { awardChallengeRace(challengeId: \"Challenge:ch-path-negotiating\", on: \"2024-07-20\", awardees: $awardees) { status } }";

        var overBudget = await RefusedAsync(app, AwardChallenge, LiuzhouEditor, new { a = Bidder.Id, amount = 120m });
        var notApplied = await RefusedAsync(app, AwardChallenge, LiuzhouEditor, new { a = Stranger.Id, amount = 50m });
        var race = await RefusedAsync(app, Race, LiuzhouEditor, new
        {
            awardees = new object[] { new { applicantId = Bidder.Id, amount = 40m, share = 50m }, new { applicantId = Winner.Id, amount = 40m, share = 50m } },
        });
        var unawarded = await RefusedAsync(app, Unlink, LiuzhouEditor, new { id = Award.Id });
        var awarded = await app.PostAsync(AwardChallenge, new { a = Bidder.Id, amount = 90m }, token: LiuzhouEditor);

        Assert.Equal(new string?[] { "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION" }, new[] { overBudget.Code, notApplied.Code, race.Code, unawarded.Code });
        Assert.Contains($"the award to {Bidder.Id} of 120 万元 is more than the budget of 100 万元", overBudget.Message);
        Assert.Contains($"cannot be awarded to {Stranger.Id}: it did not apply", notApplied.Message);
        Assert.Contains("is awarded to 2 applicants", race.Message);
        Assert.Contains("but is not run as 赛马制 (racing)", race.Message);
        Assert.Contains($"AWARDED links to {Awarded.Id} are governed by the policy workflow: use awardChallenge", unawarded.Message);
        Assert.Equal("""["id"]""", unawarded.Path);
        Assert.Equal("AWARDED", PolicyApplication.Ok(awarded)["awardChallenge"]!["status"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task ACityScopedTokenNamesAsAPairingsCommissionerOnlyOneWhoServesTheEnterprise()
    {
        await using var app = await StartAsync();
        var otherPartner = University("demo-path-partner-2", "示例结对第二大学");
        await app.SeedAsync(otherPartner);

        var generic = await RefusedAsync(app,
            "mutation($from: ID!, $to: ID!, $c: String) { linkPairedWith(input: { from: $from, to: $to, startDate: \"2024-06-01\", commissioner: $c }) { dataVersion } }",
            LiuzhouEditor, new { from = Firm.Id, to = otherPartner.Id, c = Uncommissioned.Key });
        var workflow = await RefusedAsync(app,
            "mutation($e: ID!, $p: ID!, $c: ID) { createPairing(enterpriseId: $e, partnerId: $p, startOn: \"2024-06-01\", commissionerId: $c) { id } }",
            LiuzhouEditor, new { e = Firm.Id, p = otherPartner.Id, c = Uncommissioned.Id });
        var unlinked = await RefusedAsync(app, Unlink, LiuzhouEditor, new { id = Commission.Id });
        var served = await app.PostAsync(
            "mutation($e: ID!, $p: ID!, $c: ID) { createPairing(enterpriseId: $e, partnerId: $p, startOn: \"2024-06-01\", commissionerId: $c) { id } }",
            new { e = Firm.Id, p = otherPartner.Id, c = Commissioner.Id }, token: LiuzhouEditor);

        var expected = $"commissioner: '{Uncommissioned.Id}' is not commissioned to '{Firm.Id}' on 2024-06-01";
        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION"), (generic.Code, workflow.Code, unlinked.Code));
        Assert.Contains(expected, generic.Message);
        Assert.Equal("""["input","commissioner"]""", generic.Path);
        Assert.Contains(expected, workflow.Message);
        Assert.Contains($"pairing {Pairing.Id}: commissioner: '{Commissioner.Id}' is not commissioned to '{Firm.Id}' on 2024-05-01", unlinked.Message);
        Assert.Equal("""["id"]""", unlinked.Path);
        PolicyApplication.Ok(served);
    }

    [StoreFact]
    public async Task TheHolderOfAFilingRoundInstitutionsAppliedInIsNeitherDeletedNorStrippedOfTheRound()
    {
        await using var app = await StartAsync();
        const string PatchRounds = "mutation($id: ID!, $rounds: [String!]) { patchGovernmentBody(id: $id, set: { filingRounds: $rounds }) { dataVersion } }";

        var editor = await RefusedAsync(app, DeleteNode, Editor, new { id = Holder.Id });
        var admin = await RefusedAsync(app, DeleteNode, Admin, new { id = Holder.Id });
        var dropped = await RefusedAsync(app, PatchRounds, Admin, new { id = Holder.Id, rounds = new[] { SecondHalf } });
        var moved = await RefusedAsync(app, PatchRounds, Admin, new { id = Holder.Id, rounds = new[] { "2026-H1 2026-04-01 2026-05-31 City 2026年上半年研发机构申报", SecondHalf } });
        // A round no institution applied in goes with its holder; the other round of the holder may be changed.
        var idle = await app.PostAsync(DeleteNode, new { id = Idle.Id }, token: Editor);
        var otherRound = await app.PostAsync(PatchRounds, new { id = Holder.Id, rounds = new[] { FirstHalf } }, token: Admin);

        Assert.Equal(new string?[] { "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION" }, new[] { editor.Code, admin.Code, dropped.Code, moved.Code });
        Assert.Contains($"{Institution.Id} applied in the filing round '2026-H1' of {Holder.Id}, but the graph does not hold {Holder.Id}", editor.Message);
        Assert.Contains("an application is reviewed, decided and rewarded in its round (002 六(三))", admin.Message);
        Assert.Equal("""["id"]""", editor.Path);
        Assert.Contains($"{Holder.Id} does not hold the round", dropped.Message);
        Assert.Contains($"{Institution.Id} applied on 2026-03-15 in round '2026-H1' of {Holder.Id} (open 2026-04-01 to 2026-05-31)", moved.Message);
        Assert.Equal(FirstHalf, (await app.GraphStore.GetNodeAsync(Holder.Id))!.Properties.List("filingRounds")[0]);
        PolicyApplication.Ok(idle);
        PolicyApplication.Ok(otherRound);
    }

    [StoreFact]
    public async Task TheLastEnterpriseHostingAFiledInstitutionAndItsOffshoreIncubatorAreNeitherDeletedNorUnlinked()
    {
        await using var app = await StartAsync();
        var builder = Enterprise(63, "柳州示例研发零件有限公司");
        var successor = Enterprise(64, "柳州示例接续零件有限公司");
        var incubator = new NodeInput(NodeKind.Platform, "demo-path-incubator", "柳州示例孵化器", Properties: PropertyBag.Of(("region", "450205"), ("platformType", "Incubator"), ("example", true)));
        // Built in 离岸 mode in the incubator (002 五(四)).
        var filed = new NodeInput(NodeKind.Platform, "demo-path-filed", "柳州示例零件备案研发中心", Properties: PropertyBag.Of(
            ("region", "450205"), ("platformType", "RdInstitution"), ("level", "City"), ("status", "Filed"), ("statusDate", Day(2025, 3, 1)), ("filedOn", Day(2025, 3, 1)),
            ("filingPassed", true), ("offshoreHost", incubator.Key), ("example", true)));
        var hosts = Link(LinkType.Hosts, builder, filed, Day(2025, 3, 1));
        await app.SeedAsync(builder, successor, incubator, filed, hosts);
        const string Delist = "mutation($id: ID!) { patchPlatform(id: $id, set: { status: DELISTED, statusDate: \"2026-01-05\" }) { dataVersion } }";

        var editor = await RefusedAsync(app, DeleteNode, Editor, new { id = builder.Id });
        var admin = await RefusedAsync(app, DeleteNode, Admin, new { id = builder.Id });
        var unlinked = await RefusedAsync(app, Unlink, LiuzhouEditor, new { id = hosts.Id });
        var incubatorDeleted = await RefusedAsync(app, DeleteNode, Editor, new { id = incubator.Id });
        // Another host named in the same write keeps the institution hosted; once delisted (摘牌), it needs neither host.
        var succeeded = await app.PostAsync(ApplyBatch, new
        {
            operations = new object[] { new { linkHosts = new { from = successor.Id, to = filed.Id, startDate = "2026-01-01" } }, new { deleteNode = builder.Id } },
        }, token: Editor);
        var delisted = await app.PostAsync(Delist, new { id = filed.Id }, token: Editor);
        var released = await app.PostAsync(Unlink, new { id = Link(LinkType.Hosts, successor, filed).Id }, token: Editor);
        var incubatorGone = await app.PostAsync(DeleteNode, new { id = incubator.Id }, token: Editor);

        var expected = $"the filed R&D institution {filed.Id} (柳州示例零件备案研发中心, filed on 2025-03-01) is hosted by no enterprise (HOSTS)";
        Assert.Equal(new string?[] { "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION" }, new[] { editor.Code, admin.Code, unlinked.Code, incubatorDeleted.Code });
        Assert.All(new[] { editor.Message, admin.Message, unlinked.Message }, m => Assert.Contains(expected, m));
        Assert.Contains("delist it first (status Delisted, 摘牌), or name another host enterprise in the same write", editor.Message);
        Assert.Contains($"the filed R&D institution {filed.Id} (柳州示例零件备案研发中心) is built in 离岸 mode in {incubator.Id} (offshoreHost), a platform the graph does not hold", incubatorDeleted.Message);
        Assert.All(new[] { editor.Path, admin.Path, unlinked.Path, incubatorDeleted.Path }, p => Assert.Equal("""["id"]""", p));
        PolicyApplication.Ok(succeeded);
        PolicyApplication.Ok(delisted);
        PolicyApplication.Ok(released);
        PolicyApplication.Ok(incubatorGone);
        Assert.Null(await app.GraphStore.GetNodeAsync(builder.Id));
        Assert.Equal("Delisted", (await app.GraphStore.GetNodeAsync(filed.Id))!.Properties.Text("status"));
    }

    [StoreFact]
    public async Task TheLeadOfAConsortiumThatAppliedToAChallengeIsNeitherDeletedNorUnlinked()
    {
        await using var app = await StartAsync();
        var lead = Enterprise(65, "柳州示例联合体牵头有限公司");
        var consortium = new NodeInput(NodeKind.Consortium, "demo-path-consortium", "柳州示例吊装创新联合体", Properties: PropertyBag.Of(("region", "450205"), ("example", true)));
        var leads = Link(LinkType.Leads, lead, consortium, Day(2024, 1, 1));
        await app.SeedAsync(lead, consortium, leads, Link(LinkType.AppliesTo, consortium, Negotiating, Day(2024, 4, 22)));

        var editor = await RefusedAsync(app, DeleteNode, Editor, new { id = lead.Id });
        var admin = await RefusedAsync(app, Unlink, Admin, new { id = leads.Id });
        // Another lead in force on the day it applied, named in the same write, keeps the application judgeable.
        var handedOver = await app.PostAsync(ApplyBatch, new
        {
            operations = new object[] { new { linkLeads = new { from = Stranger.Id, to = consortium.Id, startDate = "2024-01-01" } }, new { deleteNode = lead.Id } },
        }, token: Editor);

        var expected = $"'{consortium.Id}' may not apply to challenge '{Negotiating.Key}': consortium {consortium.Id} names no lead organisation";
        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION"), (editor.Code, admin.Code));
        Assert.Contains(expected, editor.Message);
        Assert.Contains(expected, admin.Message);
        Assert.Equal(("""["id"]""", """["id"]"""), (editor.Path, admin.Path));
        PolicyApplication.Ok(handedOver);
        Assert.Null(await app.GraphStore.GetNodeAsync(lead.Id));
    }
}

/// <summary><see cref="PathRuleTests"/> on the embedded store.</summary>
public sealed class SqlitePathRuleTests() : PathRuleTests(TestStore.Sqlite);

/// <summary><see cref="PathRuleTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jPathRuleTests() : PathRuleTests(TestStore.Neo4j);
