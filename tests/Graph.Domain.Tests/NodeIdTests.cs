using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Tests;

public sealed class NodeIdTests
{
    [Fact]
    public void AnIdNamesItsKindAndKey()
    {
        var id = NodeId.Of(NodeKind.Region, "450200");

        Assert.Equal("Region:450200", id);
        Assert.True(NodeId.TryParse(id, out var kind, out var key));
        Assert.Equal(NodeKind.Region, kind);
        Assert.Equal("450200", key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("450200")]
    [InlineData("Planet:earth")]
    [InlineData("Region:")]
    public void TextThatIsNotANodeIdDoesNotParse(string text) => Assert.False(NodeId.TryParse(text, out _, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("HT-2023|7")]
    public void ALinkIdParsesBackIntoItsParts(string? key)
    {
        var id = LinkId.Of(LinkType.Transfers, "University:gxu", "Enterprise:91450200MA5K000001", key);

        Assert.True(LinkId.TryParse(id, out var type, out var from, out var to, out var parsedKey));
        Assert.Equal((LinkType.Transfers, "University:gxu", "Enterprise:91450200MA5K000001", key), (type, from, to, parsedKey));
    }

    [Theory]
    [InlineData("")]
    [InlineData("TRANSFERS|University:gxu")]
    [InlineData("Transfers|University:gxu|Enterprise:x")]
    [InlineData("TRANSFERS|gxu|Enterprise:x")]
    [InlineData("Enterprise:91450200MA5K000001")]
    public void TextThatIsNotALinkIdDoesNotParse(string text) => Assert.False(LinkId.TryParse(text, out _, out _, out _, out _));

    [Fact]
    public void PropertyBagsCompareByValue()
    {
        var a = PropertyBag.Of(("fields", new[] { "auto", "machinery" }), ("employees", 1200), ("revenue", 5000m));
        var b = PropertyBag.Of(("revenue", 5000.00m), ("employees", 1200L), ("fields", new List<string> { "auto", "machinery" }));
        var c = b.With("employees", 1201L);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(1200L, a.Integer("employees"));
        Assert.Equal<string>(["auto", "machinery"], a.List("fields"));
    }
}
