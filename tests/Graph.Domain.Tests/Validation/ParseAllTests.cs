using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Tests.Validation;

public sealed class ParseAllTests
{
    static readonly IReadOnlyList<PropertyDefinition> EnterpriseProperties = GraphCatalog.Of(NodeKind.Enterprise).Properties;

    [Fact]
    public void ARowOfCellsBecomesATypedBag()
    {
        var parsed = PropertyText.ParseAll(EnterpriseProperties, new Dictionary<string, string?>
        {
            ["employees"] = "1200", ["revenue"] = "52000.5", ["highTech"] = "是", ["fields"] = "automotive;machinery", ["website"] = "",
        });

        Assert.Empty(parsed.Problems);
        Assert.Equal(
            PropertyBag.Of(("employees", 1200L), ("revenue", 52000.5m), ("highTech", true), ("fields", new[] { "automotive", "machinery" })),
            parsed.Properties);
    }

    [Fact]
    public void UnknownColumnsAndBadValuesAreAllReported()
    {
        var parsed = PropertyText.ParseAll(EnterpriseProperties, new Dictionary<string, string?>
        {
            ["employes"] = "1200", ["revenue"] = "5万", ["foundedOn"] = "2020-01-01",
        });

        Assert.Equal(["employes", "revenue"], parsed.Problems.Select(p => p.Field));
        Assert.Equal(PropertyBag.Of(("foundedOn", new DateOnly(2020, 1, 1))), parsed.Properties);
    }

    [Fact]
    public void NegativeZeroFormatsAsZero() => Assert.Equal("0", PropertyText.Format(-0.0m));
}
