using static KnowledgeGraph.Api.Tests.Mutations.MutationTestData;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>The mutation types start where the service container is validated on build, as in Development.</summary>
public sealed class MutationStartupTests
{
    [Fact]
    public async Task MutationsRunInDevelopmentWhereEveryRegisteredServiceIsValidated()
    {
        await using var app = new MutationApplication { EnvironmentName = "Development" };

        var response = await app.PostAsync(UpsertUniversity, new { input = University("dev-univ") }, token: MutationApplication.Editor);

        Assert.Equal([("University:dev-univ", "CREATED")], Changes(response.Data?["upsertUniversity"]));
    }
}
