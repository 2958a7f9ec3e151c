using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Tests.Validation;

public sealed class EnterpriseDefaultsTests
{
    [Fact]
    public void AnEnterpriseWithoutARegionGetsTheOneOfItsCreditCode()
    {
        var code = CreditCode.Create("91450222MA5K00001"); // 柳城县

        var input = EnterpriseDefaults.Apply(new NodeInput(NodeKind.Enterprise, code, "示例企业"));

        Assert.Equal("450222", input.Properties.Text("region"));
    }

    [Fact]
    public void AnUnknownDivisionResolvesToTheNearestKnownRegion()
    {
        Assert.Equal("440000", EnterpriseDefaults.Apply(new NodeInput(NodeKind.Enterprise, "914403001922038216", "华为技术有限公司")).Properties.Text("region"));
        Assert.Equal("450200", EnterpriseDefaults.Apply(new NodeInput(NodeKind.Enterprise, CreditCode.Create("91450299MA5K00001"), "示例")).Properties.Text("region"));
    }

    [Fact]
    public void AGivenRegionIsKept()
    {
        var input = new NodeInput(NodeKind.Enterprise, "914403001922038216", "华为技术有限公司", Properties: PropertyBag.Of(("region", "450200")));

        Assert.Same(input, EnterpriseDefaults.Apply(input));
    }

    [Fact]
    public void ALowerCaseCodeIsUpperCased() =>
        Assert.Equal("9144030071526726XG", EnterpriseDefaults.Apply(new NodeInput(NodeKind.Enterprise, "9144030071526726xg", "腾讯")).Key);

    [Fact]
    public void InvalidCodesAndOtherKindsAreLeftAlone()
    {
        var invalid = new NodeInput(NodeKind.Enterprise, "914403001922038217", "坏代码");
        var university = new NodeInput(NodeKind.University, "gxu", "广西大学");

        Assert.Same(invalid, EnterpriseDefaults.Apply(invalid));
        Assert.Same(university, EnterpriseDefaults.Apply(university));
    }
}
