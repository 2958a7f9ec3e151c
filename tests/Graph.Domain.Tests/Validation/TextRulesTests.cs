using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Tests.Validation;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("柳工", null)]
    [InlineData("G.X. \"Test\" U — 南宁, 2024 😀", null)]
    [InlineData("a\u0000b", "U+0000 (a control character) at position 2")]
    [InlineData("\u001b", "U+001B (a control character) at position 1")]
    [InlineData("a\tb", "U+0009 (a control character) at position 2")]
    [InlineData("a\u0085", "U+0085 (a control character) at position 2")]
    [InlineData("x\u202Ey", "U+202E (a bidirectional control) at position 2")]
    [InlineData("\uFFFF", "U+FFFF (a noncharacter) at position 1")]
    public void CheckNamesTheFirstRefusedCharacter(string text, string? problem) => Assert.Equal(problem, TextRules.Check(text));

    [Theory]
    [InlineData("柳工", "柳工")]
    [InlineData("a\u0007b\u0000c", "abc")]
    [InlineData("tab\tand\nlines\r", "tab\tand\nlines\r")]
    public void ForXmlDropsOnlyWhatXmlCannotHold(string text, string expected) => Assert.Equal(expected, TextRules.ForXml(text));

    // Built in code: test data with a lone surrogate does not survive the test runner's serialization.
    [Fact]
    public void LoneSurrogatesAreRefusedAndDroppedFromXml()
    {
        var lone = "x" + (char)0xDC00;
        var pairThenLone = "😀" + (char)0xD800 + "x";

        Assert.Equal("U+DC00 (half of a surrogate pair) at position 2", TextRules.Check(lone));
        Assert.Null(TextRules.Check("😀"));
        Assert.Equal("😀x", TextRules.ForXml(pairThenLone));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 771", "'+86 771")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("柳工", "柳工")]
    [InlineData("", "")]
    public void ForSpreadsheetNeutralisesFormulaStarts(string text, string expected) => Assert.Equal(expected, TextRules.ForSpreadsheet(text));

    [Theory]
    [InlineData("柳工", "柳工")]
    [InlineData("柳工, 股份", "\"柳工, 股份\"")]
    [InlineData("南宁\"大数据\"", "\"南宁\"\"大数据\"\"\"")]
    [InlineData("两行\r\n名称", "\"两行\r\n名称\"")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点击\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点击\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("-1.5", "-1.5")]
    public void ForCsvNeutralisesFormulasThenQuotesAsRfc4180Says(string text, string expected) => Assert.Equal(expected, TextRules.ForCsv(text));
}
