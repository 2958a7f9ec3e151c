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

        var data = PolicyApplication.Ok(await app.EditAsync(Change, new { input = Governance(fromLead: 3) }))["changeCentreGovernance"]!;

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
}

/// <summary><see cref="InnovationCentreTests"/> on the embedded store.</summary>
public sealed class SqliteInnovationCentreTests() : InnovationCentreTests(TestStore.Sqlite);

/// <summary><see cref="InnovationCentreTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jInnovationCentreTests() : InnovationCentreTests(TestStore.Neo4j);
