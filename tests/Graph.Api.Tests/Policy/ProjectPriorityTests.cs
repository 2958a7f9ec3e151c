using KnowledgeGraph.Domain.Model;
using static KnowledgeGraph.Api.Tests.Policy.Seed;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>Project priority through GraphQL: universities and institutes at 20 % of public funding or more (003, 以上 includes 20 %).</summary>
public abstract class ProjectPriorityTests(TestStore store)
{
    static readonly NodeInput Lead = Enterprise(41, "柳州示例新能源汽车有限公司");
    static readonly NodeInput Tech = University("demo-tech", "示例理工大学");
    static readonly NodeInput Institute = new(NodeKind.ResearchInstitute, "demo-materials", "示例新材料研究院", Properties: PropertyBag.Of(("example", true)));

    [StoreTheory]
    [InlineData(12.0, 8.0, true, "20")]
    [InlineData(12.0, 7.9, false, "19.9")]
    public async Task AProjectQualifiesWithTheUniversitiesAtTwentyPercentAndNotBelow(double university, double institute, bool priority, string share)
    {
        await using var app = new PolicyApplication(store);
        var project = new NodeInput(NodeKind.Project, "prj-edrive", "示例电驱动系统研发", Properties: PropertyBag.Of(("publicFunding", 1000m), ("example", true)));
        var academic = (decimal)university + (decimal)institute;
        await app.SeedAsync(Lead, Tech, Institute, project,
            Link(LinkType.ParticipatesIn, Lead, project, properties: [("role", "Lead"), ("fundingShare", 100m - academic)]),
            Link(LinkType.ParticipatesIn, Tech, project, properties: [("role", "Partner"), ("fundingShare", (decimal)university)]),
            Link(LinkType.ParticipatesIn, Institute, project, properties: [("role", "Partner"), ("fundingShare", (decimal)institute)]));

        var data = PolicyApplication.Ok(await app.PostAsync("query($id: ID!) { projectPriority(id: $id) { priority academicShare reason project { id } } }", new { id = project.Id }));

        var decision = data["projectPriority"]!;
        Assert.Equal(priority, decision["priority"]!.GetValue<bool>());
        Assert.Equal(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), decision["academicShare"]!.GetValue<decimal>());
        Assert.Contains($"{share} %", decision["reason"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task AProjectLedByAUniversityDoesNotQualify()
    {
        await using var app = new PolicyApplication(store);
        var project = new NodeInput(NodeKind.Project, "prj-cane", "示例甘蔗育种", Properties: PropertyBag.Of(("publicFunding", 300m)));
        await app.SeedAsync(Lead, Tech, project,
            Link(LinkType.ParticipatesIn, Tech, project, properties: [("role", "Lead"), ("fundingShare", 70m)]),
            Link(LinkType.ParticipatesIn, Lead, project, properties: [("role", "Partner"), ("fundingShare", 30m)]));

        var data = PolicyApplication.Ok(await app.PostAsync("query($id: ID!) { projectPriority(id: $id) { priority reason } }", new { id = project.Id }));

        Assert.False(data["projectPriority"]!["priority"]!.GetValue<bool>());
        Assert.Contains("not led by an enterprise", data["projectPriority"]!["reason"]!.GetValue<string>());
    }
}

/// <summary><see cref="ProjectPriorityTests"/> on the embedded store.</summary>
public sealed class SqliteProjectPriorityTests() : ProjectPriorityTests(TestStore.Sqlite);

/// <summary><see cref="ProjectPriorityTests"/> on the test Neo4j.</summary>
[RequiresNeo4j]
[Collection("Neo4j")]
public sealed class Neo4jProjectPriorityTests() : ProjectPriorityTests(TestStore.Neo4j);
