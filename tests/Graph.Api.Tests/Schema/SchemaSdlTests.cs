using Snapshooter.Xunit;

namespace KnowledgeGraph.Api.Tests.Schema;

/// <summary>The schema as SDL: snapshotted, so that every change to it is seen in review; and downloadable.</summary>
public sealed class SchemaSdlTests(SampleGraphApplication app) : IClassFixture<SampleGraphApplication>
{
    [Fact]
    public async Task SdlMatchesTheSnapshot()
    {
        using var client = app.CreateClient();

        var sdl = await client.GetStringAsync("/graphql/schema.graphql");

        sdl.MatchSnapshot();
    }

    [Fact]
    public async Task SdlHasOneTypePerKindAndLinkTypeWithTheirInterfaces()
    {
        using var client = app.CreateClient();

        var sdl = await client.GetStringAsync("/graphql/schema.graphql");

        foreach (var kind in KnowledgeGraph.Domain.Model.GraphCatalog.NodeKinds)
            Assert.Contains($"type {kind.Kind} implements Node", sdl);
        foreach (var type in KnowledgeGraph.Domain.Model.GraphCatalog.LinkTypes)
            Assert.Contains($"type {type.Type}Link implements Link", sdl);
        Assert.Contains("type Enterprise implements Node & Organization", sdl);
        Assert.Contains("scalar Date", sdl);
        Assert.Contains("企业技术中心", sdl);
    }
}
