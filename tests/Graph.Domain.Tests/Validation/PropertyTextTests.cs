using System.Collections.Immutable;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Tests.Validation;

public sealed class PropertyTextTests
{
    static PropertyDefinition Enterprise(string name) => GraphCatalog.Of(NodeKind.Enterprise).Property(name)!;
    static PropertyDefinition Platform(string name) => GraphCatalog.Of(NodeKind.Platform).Property(name)!;

    [Theory]
    [InlineData("1200", 1200L)]
    [InlineData(" -3 ", -3L)]
    [InlineData("0", 0L)]
    public void IntegersParse(string text, long expected) => Assert.Equal(expected, PropertyText.Parse(Enterprise("employees"), text).Value);

    [Theory]
    [InlineData("12x")]
    [InlineData("1.5")]
    [InlineData("1,200")]
    public void TextThatIsNotAnIntegerSaysSo(string text)
    {
        var parsed = PropertyText.Parse(Enterprise("employees"), text);

        Assert.False(parsed.IsValid);
        Assert.Equal($"'{text}' is not an integer", parsed.Error);
    }

    [Theory]
    [InlineData("52000.5", "52000.5")]
    [InlineData("5000.00", "5000")]
    [InlineData("0.10", "0.1")]
    [InlineData("-2", "-2")]
    public void DecimalsAreInvariantAndFormatWithoutTrailingZeros(string text, string canonical)
    {
        var parsed = PropertyText.Parse(Enterprise("revenue"), text);

        Assert.IsType<decimal>(parsed.Value);
        Assert.Equal(canonical, PropertyText.Format(parsed.Value));
    }

    [Theory]
    [InlineData("52000,5")]
    [InlineData("1e3")]
    [InlineData("五千")]
    public void DecimalsInOtherNotationsAreRejected(string text) => Assert.False(PropertyText.Parse(Enterprise("revenue"), text).IsValid);

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("是", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("否", false)]
    public void BooleansTakeEnglishDigitsAndChinese(string text, bool expected) =>
        Assert.Equal(expected, PropertyText.Parse(Enterprise("highTech"), text).Value);

    [Fact]
    public void AnythingElseIsNotABoolean() =>
        Assert.Equal("'yes' is not a boolean (true/false, 1/0, 是/否)", PropertyText.Parse(Enterprise("highTech"), "yes").Error);

    [Theory]
    [InlineData("2023-06-30", true)]
    [InlineData("2023-6-30", false)]
    [InlineData("2023/06/30", false)]
    [InlineData("2023-02-30", false)]
    public void DatesAreIsoDays(string text, bool valid) => Assert.Equal(valid, PropertyText.Parse(Enterprise("foundedOn"), text).IsValid);

    [Theory]
    [InlineData("Provincial")]
    [InlineData("provincial")]
    [InlineData("自治区级")]
    public void EnumsTakeTheEnglishNameOrTheChineseLabelAndGiveTheEnglishName(string text) =>
        Assert.Equal("Provincial", PropertyText.Parse(Platform("level"), text).Value);

    [Fact]
    public void AnUnknownEnumValueListsTheAllowedOnes() =>
        Assert.Equal(
            "'Galactic' is not one of National (国家级), Provincial (自治区级), City (市级), Departmental (厅局级)",
            PropertyText.Parse(Platform("level"), "Galactic").Error);

    [Fact]
    public void ListsAreSplitOnSemicolonsTrimmedAndEmptiesDropped()
    {
        var parsed = PropertyText.Parse(Enterprise("fields"), " automotive ; ;machinery;");

        Assert.Equal<string>(["automotive", "machinery"], (ImmutableArray<string>)parsed.Value!);
        Assert.Equal("automotive;machinery", PropertyText.Format(parsed.Value));
        Assert.Null(PropertyText.Parse(Enterprise("fields"), " ; ").Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void AnEmptyCellIsNoValue(string? text)
    {
        var parsed = PropertyText.Parse(Enterprise("employees"), text);

        Assert.True(parsed.IsValid);
        Assert.Null(parsed.Value);
    }

    [Fact]
    public void FormattingThenParsingGivesBackEveryValue()
    {
        var values = new (PropertyDefinition Property, object Value)[]
        {
            (Enterprise("employees"), 1200L),
            (Enterprise("revenue"), 52000.5m),
            (Enterprise("highTech"), false),
            (Enterprise("foundedOn"), new DateOnly(1958, 3, 1)),
            (Platform("level"), "Provincial"),
            (Enterprise("fields"), ImmutableArray.Create("automotive", "machinery")),
            (Enterprise("region"), "450200"),
            (Enterprise("description"), "柳州, \"示例\""),
        };

        foreach (var (property, value) in values)
        {
            var text = PropertyText.Format(value);
            var again = PropertyText.Parse(property, text).Value;
            Assert.Equal(PropertyBag.Of((property.Name, value)), PropertyBag.Of((property.Name, again)));
            Assert.Equal(text, PropertyText.Format(again));
        }
    }
}
