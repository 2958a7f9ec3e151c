using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>R&amp;D institution filing 研发机构备案 through GraphQL: the "六有" check by size class and mode, and the filing.</summary>
public abstract class FilingTests(TestStore store)
{
    static readonly NodeInput Medium = Sized(1, "柳州示例中型机械有限公司", 300, 2000m);
    static readonly NodeInput SecondMedium = Sized(2, "柳州示例中型配件有限公司", 400, 5000m);
    static readonly NodeInput ThirdMedium = Sized(3, "柳州示例中型铸造有限公司", 500, 8000m);
    static readonly NodeInput Institute = University("demo-tech", "示例理工大学");

    const string Check = """
        query Check($input: FilingFactsInput!) {
          filingCheck(input: $input, on: "2024-06-01") {
            passed standardSize agreements notes
            items { key name required actual passed shortfall }
            participants { enterpriseId sizeClass }
          }
        }
        """;

    const string File = """
        mutation File($input: FileRdInstitutionInput!) {
          fileRdInstitution(input: $input) {
            institution { id key name status level filedOn }
            check { passed }
          }
        }
        """;

    static object Facts(string[] enterprises, int staff = 5, decimal site = 50m, decimal equipment = 50m, decimal funding = 50m, int projects = 3, string mode = "SINGLE") => new
    {
        enterpriseIds = enterprises,
        mode,
        staff,
        siteArea = site,
        equipmentValue = equipment,
        annualRdFunding = funding,
        projects,
        hasRules = true,
    };

    async Task<PolicyApplication> StartAsync()
    {
        var app = new PolicyApplication(store);
        await app.SeedAsync(Medium, SecondMedium, ThirdMedium, Institute,
            Link(LinkType.CooperationAgreement, Medium, Institute, Day(2023, 1, 1)));
        return app;
    }

    [StoreFact]
    public async Task MediumEnterprisesInstitutionWithFourStaffFailsOnStaffAndSaysItNeedsFive()
    {
        await using var app = await StartAsync();

        var check = PolicyApplication.Ok(await app.EditAsync(Check, new { input = Facts([Medium.Id], staff: 4) }))["filingCheck"]!;

        Assert.False(check["passed"]!.GetValue<bool>());
        Assert.Equal("MEDIUM", check["standardSize"]!.GetValue<string>());
        var failures = check["items"]!.AsArray().Where(i => !i!["passed"]!.GetValue<bool>()).ToList();
        var staff = Assert.Single(failures)!;
        Assert.Equal("staff", staff["key"]!.GetValue<string>());
        Assert.Equal("有人员", staff["name"]!.GetValue<string>());
        Assert.Equal("≥ 5 persons", staff["required"]!.GetValue<string>());
        Assert.Equal("4 persons", staff["actual"]!.GetValue<string>());
        Assert.Contains("needs 1 more", staff["shortfall"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task FilingThatFailsIsRefusedItemByItemAndWritesNothing()
    {
        await using var app = await StartAsync();

        var response = await app.EditAsync(File, new
        {
            input = new { key = "pf-fail", name = "柳州示例中型机械研发中心", facts = Facts([Medium.Id], staff: 4, projects: 1), level = "CITY", filedOn = "2024-06-01" },
        });

        var (code, message) = PolicyApplication.Error(response);
        Assert.Equal("RULE_VIOLATION", code);
        Assert.Contains("staff: 4 of 5 persons — needs 1 more", message);
        Assert.Contains("projects: 1 of 3 projects — needs 2 more", message);
        Assert.Null(await app.GraphStore.GetNodeByKeyAsync(NodeKind.Platform, "pf-fail"));
    }

    [StoreFact]
    public async Task FilingThatPassesRecordsAFiledPlatformOfTheEnterpriseWithLevelAndDate()
    {
        await using var app = await StartAsync();

        var data = PolicyApplication.Ok(await app.EditAsync(File, new
        {
            input = new { key = "pf-medium", name = "柳州示例中型机械研发中心", facts = Facts([Medium.Id]), level = "PROVINCIAL", filedOn = "2024-06-01" },
        }))["fileRdInstitution"]!;

        Assert.True(data["check"]!["passed"]!.GetValue<bool>());
        var institution = data["institution"]!;
        Assert.Equal("FILED", institution["status"]!.GetValue<string>());
        Assert.Equal("PROVINCIAL", institution["level"]!.GetValue<string>());
        Assert.Equal("2024-06-01", institution["filedOn"]!.GetValue<string>());
        var hosts = await app.GraphStore.GetLinksAsync(new([institution["id"]!.GetValue<string>()], Direction.In, [LinkType.Hosts]));
        Assert.Equal(Medium.Id, Assert.Single(hosts).FromId);
        var stored = await app.GraphStore.GetNodeByKeyAsync(NodeKind.Platform, "pf-medium");
        Assert.Equal(true, stored!.Properties.Flag("filingPassed"));
        Assert.Contains("有人员 5 persons (≥ 5 persons) passed", stored.Properties.Text("filingCheck"));
    }

    [StoreFact]
    public async Task WithoutAnAgreementWithAUniversityOrInstituteTheAgreementItemFails()
    {
        await using var app = await StartAsync();

        var check = PolicyApplication.Ok(await app.EditAsync(Check, new { input = Facts([SecondMedium.Id]) }))["filingCheck"]!;

        Assert.False(check["passed"]!.GetValue<bool>());
        Assert.Equal(0, check["agreements"]!.GetValue<int>());
        var agreement = Assert.Single(check["items"]!.AsArray(), i => i!["key"]!.GetValue<string>() == "agreement")!;
        Assert.False(agreement["passed"]!.GetValue<bool>());
    }

    [StoreTheory]
    [InlineData(150, true)]
    [InlineData(149, false)]
    public async Task MultiEnterpriseInstitutionOfThreeIsJudgedOnAveragesPerEnterprise(decimal equipment, bool passes)
    {
        await using var app = await StartAsync();

        // Three medium enterprises: 150 万元 of equipment is 50 per enterprise, the medium standard; 149 is 49.67.
        var check = PolicyApplication.Ok(await app.EditAsync(Check, new
        {
            input = Facts([Medium.Id, SecondMedium.Id, ThirdMedium.Id], site: 150m, equipment: equipment, funding: 150m, mode: "MULTI_ENTERPRISE"),
        }))["filingCheck"]!;

        Assert.Equal(passes, check["passed"]!.GetValue<bool>());
        var item = Assert.Single(check["items"]!.AsArray(), i => i!["key"]!.GetValue<string>() == "equipment")!;
        Assert.Equal(passes, item["passed"]!.GetValue<bool>());
        Assert.Equal(passes ? "50 万元" : "49.67 万元", item["actual"]!.GetValue<string>());
        Assert.Equal(3, check["participants"]!.AsArray().Count);
        Assert.Contains(check["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("averaged over 3"));
    }

    [StoreFact]
    public async Task IndustryCoBuildingNeedsACityCertifiedAllianceTeam()
    {
        await using var app = await StartAsync();
        var facts = new
        {
            enterpriseIds = new[] { SecondMedium.Id },
            mode = "INDUSTRY_CO_BUILDING",
            staff = 0, siteArea = 0, equipmentValue = 0, annualRdFunding = 0, projects = 0, hasRules = false,
            expertTeam = new { provider = "INDUSTRY_ALLIANCE", certification = "COUNTY", serviceAgreement = true },
        };

        var check = PolicyApplication.Ok(await app.EditAsync(Check, new { input = facts }))["filingCheck"]!;

        Assert.False(check["passed"]!.GetValue<bool>());
        var failure = Assert.Single(check["items"]!.AsArray(), i => !i!["passed"]!.GetValue<bool>())!;
        Assert.Equal("certification", failure["key"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task FilingNeedsTheEditorRole()
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync(File, new
        {
            input = new { key = "pf-anon", name = "示例研发中心", facts = Facts([Medium.Id]), level = "CITY", filedOn = "2024-06-01" },
        });

        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.Null(await app.GraphStore.GetNodeByKeyAsync(NodeKind.Platform, "pf-anon"));
    }
}

/// <summary><see cref="FilingTests"/> on the embedded store.</summary>
public sealed class SqliteFilingTests() : FilingTests(TestStore.Sqlite);

/// <summary><see cref="FilingTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jFilingTests() : FilingTests(TestStore.Neo4j);
