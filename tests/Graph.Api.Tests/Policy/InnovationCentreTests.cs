using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>Technology innovation centres through GraphQL: governance checked on every change, overdue reports.</summary>
public abstract class InnovationCentreTests(TestStore store)
{
    static readonly NodeInput City = Government("demo-city-gov", "示例市人民政府", "City");
    static readonly NodeInput Group = Enterprise(31, "示例重工集团有限公司");
    static readonly NodeInput Tech = University("demo-tech", "示例理工大学");
    static readonly NodeInput Centre = new(NodeKind.Platform, "pf-tic-im", "广西壮族自治区示例智能制造技术创新中心（筹）",
        Properties: PropertyBag.Of(("platformType", "TechnologyInnovationCenter"), ("status", "UnderConstruction"), ("example", true),
            ("centreEvents", new[] { "2023-06-01 Applied", "2023-07-15 Reviewed", "2023-09-01 Approved", "2023-12-20 AnnualReportSubmitted 2023" })));

    const string Change = """
        mutation($input: CentreGovernanceInput!) {
          changeCentreGovernance(input: $input) { governanceValid governanceProblems expertCommittee { name organizationId } committeeChair { name } }
        }
        """;

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(City, Group, Tech, Centre, Link(LinkType.Leads, City, Centre, Day(2023, 9, 1)));
        return app;
    }

    static Task<GraphQLResponse> ApproveAsync(PolicyApplication app, string on) => app.EditAsync(
        "mutation($id: ID!, $on: Date!) { approveCentreGovernance(centreId: $id, on: $on) { governanceValid governanceFiledOn expertCommittee { name } } }", new { id = Centre.Id, on });

    static object Governance(int fromLead) => new
    {
        centreId = Centre.Id,
        on = "2024-01-15",
        coBuilderIds = new[] { Group.Id, Tech.Id },
        independentLegalEntity = true,
        hasBoard = true,
        hasCharter = true,
        directorMonths = 10,
        committeeChair = new { name = "示例主任" },
        expertCommittee = Enumerable.Range(1, 9).Select(i => new { name = $"专家{i}", organizationId = i <= fromLead ? City.Id : null }).ToArray(),
    };

    [StoreFact]
    public async Task TheCentresLeadIsNeitherUnlinkedNorDeletedByAGenericMutation()
    {
        await using var app = await StartAsync();
        var lead = Link(LinkType.Leads, City, Centre, Day(2023, 9, 1)).Id;

        var unlinked = PolicyApplication.Error(await app.EditAsync("mutation($id: ID!) { unlink(id: $id) { dataVersion } }", new { id = lead }));
        var deleted = PolicyApplication.Error(await app.EditAsync("mutation($id: ID!) { deleteNode(id: $id) { dataVersion } }", new { id = City.Id }));

        Assert.Equal(("RULE_VIOLATION", "RULE_VIOLATION"), (unlinked.Code, deleted.Code));
        Assert.Contains("use changeCentreGovernance", unlinked.Message);
        Assert.Contains($"deleting {City.Id} would take away its LEADS link to {Centre.Id}", deleted.Message);
        Assert.NotNull(await app.GraphStore.GetLinkAsync(lead));
        Assert.NotNull(await app.GraphStore.GetNodeAsync(City.Id));
    }

    [StoreFact]
    public async Task ExpertCommitteeOfNineWithFourFromTheLeadUnitIsRefused()
    {
        await using var app = await StartAsync();

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Change, new { input = Governance(fromLead: 4) }));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("4 of the 9 expert committee members come from the lead or co-building units; at most 3 may", message);
        var stored = await app.GraphStore.GetNodeAsync(Centre.Id);
        Assert.Empty(stored!.Properties.List("expertCommittee"));
        Assert.Empty(await app.GraphStore.GetLinksAsync(new([Centre.Id], Direction.In, [LinkType.CoBuilds])));
    }

    [StoreFact]
    public async Task ExpertCommitteeOfNineWithThreeFromTheLeadUnitIsAcceptedWithItsCoBuilders()
    {
        await using var app = await StartAsync();

        PolicyApplication.Ok(await app.EditAsync(Change, new { input = Governance(fromLead: 3) }));
        var data = PolicyApplication.Ok(await ApproveAsync(app, "2024-01-15"))["approveCentreGovernance"]!;

        Assert.True(data["governanceValid"]!.GetValue<bool>());
        Assert.Equal(9, data["expertCommittee"]!.AsArray().Count);
        var coBuilders = await app.GraphStore.GetLinksAsync(new([Centre.Id], Direction.In, [LinkType.CoBuilds]));
        Assert.Equal([Group.Id, Tech.Id], coBuilders.Select(l => l.FromId).Order(StringComparer.Ordinal));
        Assert.All(coBuilders, l => Assert.Equal(Day(2024, 1, 15), l.StartDate));
    }

    [StoreFact]
    public async Task AChairFromACoBuilderIsRefusedOnALaterChange()
    {
        await using var app = await StartAsync();
        PolicyApplication.Ok(await app.EditAsync(Change, new { input = Governance(fromLead: 0) }));
        PolicyApplication.Ok(await ApproveAsync(app, "2024-01-20"));

        var (code, message) = PolicyApplication.Error(await app.EditAsync(Change, new
        {
            input = new { centreId = Centre.Id, on = "2024-06-01", committeeChair = new { name = "示例教授", organizationId = Tech.Id } },
        }));

        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("chair 示例教授 comes from University:demo-tech", message);
    }

    [StoreTheory]
    [InlineData("2024-12-31", false)]
    [InlineData("2025-01-01", true)]
    public async Task ACentreWithoutItsYearlyReportIsOverdueAfterThirtyFirstDecember(string on, bool overdue)
    {
        await using var app = await StartAsync();

        var data = PolicyApplication.Ok(await app.PostAsync(
            "query($on: Date!) { overdueCentres(on: $on) { centre { id } stage overdue { kind dueBy } } }", new { on }));

        var centres = data["overdueCentres"]!.AsArray();
        if (!overdue)
        {
            Assert.Empty(centres);
            return;
        }
        var centre = Assert.Single(centres)!;
        Assert.Equal(Centre.Id, centre["centre"]!["id"]!.GetValue<string>());
        Assert.Equal("UNDER_CONSTRUCTION", centre["stage"]!.GetValue<string>());
        var item = Assert.Single(centre["overdue"]!.AsArray())!;
        Assert.Equal("ANNUAL_REPORT", item["kind"]!.GetValue<string>());
        Assert.Equal("2024-12-31", item["dueBy"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task RecordingTheYearlyReportClearsTheOverdueItem()
    {
        await using var app = await StartAsync();

        PolicyApplication.Ok(await app.EditAsync(
            "mutation($id: ID!) { recordCentreEvent(centreId: $id, event: { kind: ANNUAL_REPORT_SUBMITTED, on: \"2024-12-30\", reportYear: 2024 }) { stage } }",
            new { id = Centre.Id }));
        var data = PolicyApplication.Ok(await app.PostAsync("{ overdueCentres(on: \"2025-01-01\") { centre { id } } }"));

        Assert.Empty(data["overdueCentres"]!.AsArray());
    }

    [StoreFact]
    public async Task AGovernanceChangeOfAnApprovedCentreIsFiledAndTakesEffectOnApproval()
    {
        await using var app = await StartAsync();

        var filed = PolicyApplication.Ok(await app.EditAsync(
            "mutation($input: CentreGovernanceInput!) { changeCentreGovernance(input: $input) { governanceFiledOn expertCommittee { name } } }",
            new { input = Governance(fromLead: 3) }))["changeCentreGovernance"]!;
        var beforeApproval = await app.GraphStore.GetLinksAsync(new([Centre.Id], Direction.In, [LinkType.CoBuilds]));
        var approved = PolicyApplication.Ok(await ApproveAsync(app, "2024-02-01"))["approveCentreGovernance"]!;

        Assert.Equal("2024-01-15", filed["governanceFiledOn"]!.GetValue<string>());
        Assert.Empty(filed["expertCommittee"]!.AsArray());
        Assert.Empty(beforeApproval);
        Assert.Null(approved["governanceFiledOn"]);
        Assert.Equal(9, approved["expertCommittee"]!.AsArray().Count);
        var coBuilders = await app.GraphStore.GetLinksAsync(new([Centre.Id], Direction.In, [LinkType.CoBuilds]));
        Assert.All(coBuilders, l => Assert.Equal(Day(2024, 2, 1), l.StartDate));
        Assert.Equal(2, coBuilders.Count);
    }

    [StoreFact]
    public async Task ApprovingWithNothingFiledAndFilingTwiceAreRefused()
    {
        await using var app = await StartAsync();

        var nothing = await ApproveAsync(app, "2024-02-01");
        PolicyApplication.Ok(await app.EditAsync(Change, new { input = Governance(fromLead: 0) }));
        var second = await app.EditAsync(Change, new { input = new { centreId = Centre.Id, on = "2024-01-20", directorMonths = 11 } });
        var early = await ApproveAsync(app, "2024-01-10");

        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(nothing).Code);
        Assert.Contains("no governance change filed", PolicyApplication.Error(nothing).Message);
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(second).Code);
        Assert.Contains("filed on 2024-01-15 awaiting approval", PolicyApplication.Error(second).Message);
        Assert.Equal("RULE_VIOLATION", PolicyApplication.Error(early).Code);
        Assert.Contains("before the change was filed", PolicyApplication.Error(early).Message);
    }

    [StoreFact]
    public async Task ApprovalNamesACentreProvisionallyAndAccreditationByItsAccreditedName()
    {
        await using var app = await StartAsync();
        var materials = new NodeInput(NodeKind.Platform, "pf-tic-nm", "示例新材料技术创新中心",
            Properties: PropertyBag.Of(("platformType", "TechnologyInnovationCenter"), ("example", true),
                ("independentLegalEntity", true), ("hasBoard", true), ("hasCharter", true), ("directorMonths", 10m), ("committeeChair", "示例主任"),
                ("expertCommittee", Enumerable.Range(1, 9).Select(i => $"专家{i}").ToArray()),
                ("centreEvents", new[] { "2020-03-01 Applied", "2020-05-10 Reviewed" })));
        await app.SeedAsync(materials, Link(LinkType.Leads, City, materials, Day(2020, 7, 1)),
            Link(LinkType.CoBuilds, Group, materials, Day(2020, 7, 1)), Link(LinkType.CoBuilds, Tech, materials, Day(2020, 7, 1)));
        const string Record = "mutation($id: ID!, $kind: CentreEventKind!, $on: Date!, $passed: Boolean) { recordCentreEvent(centreId: $id, event: { kind: $kind, on: $on, passed: $passed }) { nameAtStage centre { name aliases } } }";
        async Task<System.Text.Json.Nodes.JsonNode> RecordAsync(string kind, string on, bool? passed = null) =>
            PolicyApplication.Ok(await app.EditAsync(Record, new { id = materials.Id, kind, on, passed }))["recordCentreEvent"]!;

        var approved = await RecordAsync("APPROVED", "2020-07-01");
        await RecordAsync("ACCEPTANCE", "2023-07-05", passed: true);
        var accredited = await RecordAsync("ACCREDITED", "2023-10-15");

        Assert.Equal("广西壮族自治区示例新材料技术创新中心（筹）", approved["centre"]!["name"]!.GetValue<string>());
        Assert.Equal("广西壮族自治区示例新材料技术创新中心（筹）", approved["nameAtStage"]!.GetValue<string>());
        Assert.Contains("示例新材料技术创新中心", approved["centre"]!["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("广西壮族自治区示例新材料技术创新中心", accredited["centre"]!["name"]!.GetValue<string>());
        Assert.Contains("广西壮族自治区示例新材料技术创新中心（筹）", accredited["centre"]!["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
    }
}

/// <summary><see cref="InnovationCentreTests"/> on the embedded store.</summary>
public sealed class SqliteInnovationCentreTests() : InnovationCentreTests(TestStore.Sqlite);

/// <summary><see cref="InnovationCentreTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jInnovationCentreTests() : InnovationCentreTests(TestStore.Neo4j);
