using static KnowledgeGraph.Api.Tests.Mutations.MutationTestData;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>Every mutation needs the editor role: refused before anything is written otherwise.</summary>
public sealed class MutationAuthorizationTests(MutationApplication app) : IClassFixture<MutationApplication>
{
    public static TheoryData<string> Mutations => new()
    {
        $$"""mutation { upsertUniversity(input: { key: "auth-univ", name: "示例大学" }) {{Payload}} }""",
        $$"""mutation { linkPairedWith(input: { from: "Enterprise:{{Liuzhou}}", to: "University:auth-univ" }) {{Payload}} }""",
        $$"""mutation { unlink(id: "PAIRED_WITH|Enterprise:{{Liuzhou}}|University:auth-univ") {{Payload}} }""",
        $$"""mutation { deleteNode(id: "University:auth-univ") {{Payload}} }""",
        $$"""mutation { applyBatch(operations: [{ upsertUniversity: { key: "auth-univ", name: "示例大学" } }]) {{Payload}} }""",
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task AnonymousIsUnauthenticatedAndNothingIsWritten(string mutation)
    {
        var before = await app.GraphStore.GetDataVersionAsync();

        var response = await app.PostAsync(mutation);

        Assert.Equal(401, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.Null(response.Data);
        Assert.Equal(before, await app.GraphStore.GetDataVersionAsync());
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task AReaderWithoutTheEditorRoleIsForbiddenAndNothingIsWritten(string mutation)
    {
        var before = await app.GraphStore.GetDataVersionAsync();

        var response = await app.PostAsync(mutation, token: KnowledgeGraphApplication.TokenFor("analyst"));

        Assert.Equal(403, response.Status);
        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        Assert.Equal(before, await app.GraphStore.GetDataVersionAsync());
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("admin")]
    public async Task AnEditorOrAnAdminWrites(string role)
    {
        var response = await app.PostAsync(
            $$"""mutation { upsertUniversity(input: { key: "{{role}}-univ", name: "示例大学" }) {{Payload}} }""", token: KnowledgeGraphApplication.TokenFor(role));

        Assert.Equal(200, response.Status);
        Assert.Equal([($"University:{role}-univ", "CREATED")], Changes(response.Data?["upsertUniversity"]));
    }
}
