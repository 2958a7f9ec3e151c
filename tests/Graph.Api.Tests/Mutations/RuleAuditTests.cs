using KnowledgeGraph.Api.Tests.Policy;
using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>
/// The policy rules hold on the writes that do not name them: a delete takes away the links at a node, an unlink or a
/// link update changes what a rule reads. None of them may leave the graph in a state the rules forbid, and a delete
/// does not erase workflow state it did not name.
/// </summary>
public abstract class RuleAuditTests(TestStore store)
{
    static readonly NodeInput Poster = Enterprise(51, "柳州示例起重设备有限公司");
    static readonly NodeInput Winner = University("demo-audit-tech", "示例审计理工大学");
    static readonly NodeInput Firm = Enterprise(52, "柳州示例结对机械有限公司");
    static readonly NodeInput Partner = University("demo-audit-partner", "示例结对大学");
    static readonly NodeInput Commissioner = new(NodeKind.Person, "demo-audit-zhang", "张示例", Properties: PropertyBag.Of(("region", "450205"), ("example", true)));

    // Awarded on 2024-07-01 to the one applicant, within the budget: every rule holds.
    static readonly NodeInput Awarded = new(NodeKind.Challenge, "ch-audit", "示例塔吊回转机构技术攻关", Properties: PropertyBag.Of(
        ("region", "450205"), ("challengeKind", "TechnologyBreakthrough"), ("status", "Awarded"), ("budget", 100m),
        ("collectingOn", Day(2024, 3, 1)), ("postedOn", Day(2024, 4, 1)), ("applyingOn", Day(2024, 4, 10)), ("deadline", Day(2024, 6, 30)),
        ("awardedOn", Day(2024, 7, 1)), ("example", true)));

    static readonly LinkInput Commission = Link(LinkType.CommissionedTo, Commissioner, Firm, Day(2024, 1, 1));
    static readonly LinkInput Pairing = Link(LinkType.PairedWith, Firm, Partner, Day(2024, 5, 1), properties: ("commissioner", Commissioner.Key));
    static readonly LinkInput Award = Link(LinkType.Awarded, Winner, Awarded, Day(2024, 7, 1), properties: ("amount", 90m));

    static string Admin => KnowledgeGraphApplication.TokenFor("admin");
    static string Editor => KnowledgeGraphApplication.TokenFor("editor");

    const string DeleteNode = "mutation($id: ID!) { deleteNode(id: $id) { dataVersion } }";
    const string Unlink = "mutation($id: ID!) { unlink(id: $id) { dataVersion } }";
    const string ApplyBatch = "mutation($operations: [BatchOperationInput!]!) { applyBatch(operations: $operations) { dataVersion } }";

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Poster, Winner, Firm, Partner, Commissioner, Awarded,
            Link(LinkType.Posts, Poster, Awarded, Day(2024, 4, 1)),
            Link(LinkType.AppliesTo, Winner, Awarded, Day(2024, 4, 20)),
            Award, Commission, Pairing);
        return app;
    }

    // The one error of a refused write, which changed nothing: its code, message and argument path.
    internal static async Task<(string? Code, string Message, string? Path)> RefusedAsync(PolicyApplication app, string mutation, string token, object variables)
    {
        var before = await app.GraphStore.GetDataVersionAsync();
        var response = await app.PostAsync(mutation, variables, token: token);
        var error = Assert.Single(response.Errors)!;
        Assert.Equal(before, await app.GraphStore.GetDataVersionAsync());
        return (error["extensions"]?["code"]?.GetValue<string>(), error["message"]?.GetValue<string>() ?? "", error["extensions"]?["argumentPath"]?.ToJsonString());
    }

    [StoreFact]
    public async Task DeletingTheWinnerOfAnAwardedChallengeIsRefusedAndTheAwardStays()
    {
        await using var app = await StartAsync();

        var editor = await RefusedAsync(app, DeleteNode, Editor, new { id = Winner.Id });
        var admin = await RefusedAsync(app, DeleteNode, Admin, new { id = Winner.Id });

        Assert.Equal("RULE_VIOLATION", editor.Code);
        Assert.Contains($"deleting {Winner.Id} would take away its AWARDED link to {Awarded.Id}", editor.Message);
        Assert.Contains("use awardChallenge", editor.Message);
        Assert.Equal("""["id"]""", editor.Path);
        // An admin may repair awards directly, but not leave a challenge in 立项 with no winner.
        Assert.Equal("RULE_VIOLATION", admin.Code);
        Assert.Contains("names no winner", admin.Message);
        Assert.NotNull(await app.GraphStore.GetLinkAsync(Award.Id));
        Assert.NotNull(await app.GraphStore.GetNodeAsync(Winner.Id));
    }

    [StoreFact]
    public async Task DeletingThePosterOfAChallengeItsApplicantsAreJudgedAgainstIsRefused()
    {
        await using var app = await StartAsync();

        var (code, message, path) = await RefusedAsync(app, DeleteNode, Editor, new { id = Poster.Id });

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains($"challenge '{Awarded.Key}' has no poster (POSTS link)", message);
        Assert.Equal("""["id"]""", path);
        Assert.NotNull(await app.GraphStore.GetNodeAsync(Poster.Id));
    }

    [StoreFact]
    public async Task TheCommissionCarryingAPairingCannotBeUnlinkedDeletedOrMovedPastItsFirstDay()
    {
        await using var app = await StartAsync();

        var unlinked = await RefusedAsync(app, Unlink, Editor, new { id = Commission.Id });
        var deleted = await RefusedAsync(app, DeleteNode, Admin, new { id = Commissioner.Id });
        var moved = await RefusedAsync(app,
            "mutation($from: ID!, $to: ID!) { linkCommissionedTo(input: { from: $from, to: $to, startDate: \"2024-06-01\" }) { dataVersion } }",
            Editor, new { from = Commissioner.Id, to = Firm.Id });

        var expected = $"pairing {Pairing.Id}: commissioner: '{Commissioner.Id}' is not commissioned to '{Firm.Id}' on 2024-05-01";
        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION", "RULE_VIOLATION"), (unlinked.Code, deleted.Code, moved.Code));
        Assert.All(new[] { unlinked.Message, deleted.Message, moved.Message }, m => Assert.Contains(expected, m));
        Assert.Equal("""["id"]""", unlinked.Path);
        Assert.Equal("""["input"]""", moved.Path);
        var commission = await app.GraphStore.GetLinkAsync(Commission.Id);
        Assert.Equal(Day(2024, 1, 1), commission?.StartDate);
        Assert.NotNull(await app.GraphStore.GetNodeAsync(Commissioner.Id));
    }

    [StoreFact]
    public async Task APairingWrittenInABatchIsJudgedOnTheBatchAsAWholeAndPointsAtTheCommissioner()
    {
        await using var app = await StartAsync();
        object PairingWith(string commissioner) => new { linkPairedWith = new { from = Firm.Id, to = Winner.Id, startDate = "2024-05-01", commissioner } };

        // The commission is named in the same batch, after the pairing: the batch as a whole keeps the rule.
        var stranger = new { upsertPerson = new { key = "demo-audit-wang", name = "王示例", region = "450205" } };
        var commissioned = new { linkCommissionedTo = new { from = "Person:demo-audit-wang", to = Firm.Id, startDate = "2024-04-01" } };
        var refused = await RefusedAsync(app, ApplyBatch, Editor, new { operations = new object[] { stranger, PairingWith("demo-audit-wang") } });
        var written = await app.PostAsync(ApplyBatch, new { operations = new object[] { stranger, PairingWith("demo-audit-wang"), commissioned } }, token: Editor);

        Assert.Equal("RULE_VIOLATION", refused.Code);
        Assert.Equal("""["operations",1,"linkPairedWith","commissioner"]""", refused.Path);
        PolicyApplication.Ok(written);
        Assert.NotNull(await app.GraphStore.GetLinkAsync($"PAIRED_WITH|{Firm.Id}|{Winner.Id}"));
    }

    [StoreFact]
    public async Task TheOfficerOfAnOpenCaseCannotBeDeletedLeavingTheCaseWithoutOne()
    {
        await using var app = await StartAsync();
        // 一企一员一案: the firm's case is open in 监测, with 张示例 as its officer; the same person was the officer of a closed one.
        var officer = new NodeInput(NodeKind.Person, "demo-audit-li", "李示例", Properties: PropertyBag.Of(("region", "450205"), ("example", true)));
        var formerOfficer = new NodeInput(NodeKind.Person, "demo-audit-zhao", "赵示例", Properties: PropertyBag.Of(("region", "450205"), ("example", true)));
        NodeInput WithCase(NodeInput firm, string officerKey, string stage) => firm with
        {
            Properties = firm.Properties.With("caseStage", stage).With("caseStageOn", Day(2024, 3, 1)).With("caseOpenedOn", Day(2024, 3, 1)).With("caseOfficer", officerKey),
        };
        await app.SeedAsync(officer, formerOfficer, WithCase(Firm, officer.Key, "Monitoring"), WithCase(Poster, formerOfficer.Key, "Closed"));

        var editor = await RefusedAsync(app, DeleteNode, Editor, new { id = officer.Id });
        var admin = await RefusedAsync(app, ApplyBatch, Admin, new { operations = new object[] { new { unlink = Pairing.Id }, new { deleteNode = officer.Id } } });
        var former = await app.PostAsync(DeleteNode, new { id = formerOfficer.Id }, token: Editor);

        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION"), (editor.Code, admin.Code));
        Assert.Contains($"{officer.Id} is the officer of 1 open case (一企一员一案)", editor.Message);
        Assert.DoesNotContain(Firm.Id, editor.Message);
        Assert.Equal("""["id"]""", editor.Path);
        Assert.Equal("""["operations",1,"deleteNode"]""", admin.Path);
        Assert.NotNull(await app.GraphStore.GetNodeAsync(officer.Id));
        Assert.NotNull(await app.GraphStore.GetLinkAsync(Pairing.Id));
        PolicyApplication.Ok(former);
    }

    [StoreFact]
    public async Task WhatTheWriterNamesMayGoTogether()
    {
        await using var app = await StartAsync();

        // The pairing and the commission that carries it, unlinked in one batch; a challenge deleted with the links at it.
        var unpaired = await app.PostAsync(ApplyBatch, new { operations = new object[] { new { unlink = Pairing.Id }, new { unlink = Commission.Id } } }, token: Editor);
        var challenge = await app.PostAsync(DeleteNode, new { id = Awarded.Id }, token: Editor);

        PolicyApplication.Ok(unpaired);
        PolicyApplication.Ok(challenge);
        Assert.Null(await app.GraphStore.GetLinkAsync(Commission.Id));
        Assert.Null(await app.GraphStore.GetLinkAsync(Award.Id));
        Assert.NotNull(await app.GraphStore.GetNodeAsync(Winner.Id));
    }
}

/// <summary><see cref="RuleAuditTests"/> on the embedded store.</summary>
public sealed class SqliteRuleAuditTests() : RuleAuditTests(TestStore.Sqlite);

/// <summary><see cref="RuleAuditTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jRuleAuditTests() : RuleAuditTests(TestStore.Neo4j);
