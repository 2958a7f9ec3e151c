using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Domain.Tests.Rules;

public sealed class CreditCodeTests
{
    // Real codes, as published in the National Enterprise Credit Information Publicity System (国家企业信用信息公示系统).
    [Theory]
    [InlineData("914403001922038216")] // 华为技术有限公司
    [InlineData("9144030071526726XG")] // 腾讯科技（深圳）有限公司
    [InlineData("91330100716105852F")] // 阿里巴巴（中国）有限公司
    [InlineData("91110108551385082Q")] // 小米科技有限责任公司
    [InlineData("91110000802100433B")] // 北京百度网讯科技有限公司
    [InlineData("91110000710926094P")] // 中国石油化工股份有限公司
    [InlineData("91440300192317458F")] // 比亚迪股份有限公司
    [InlineData("91350100M000100Y43")] // the worked example of GB 32100-2015
    public void RealPublishedCodesAreValid(string code)
    {
        var check = CreditCode.Validate(code);

        Assert.True(check.IsValid, check.Message);
        Assert.Equal(code, check.Code);
    }

    [Fact]
    public void AWrongCheckCharacterNamesTheExpectedOne()
    {
        var check = CreditCode.Validate("914403001922038217");

        Assert.False(check.IsValid);
        Assert.Equal("check character is '7', expected '6'", Assert.Single(check.Problems));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("91440300192203821", 17)]
    [InlineData("9144030019220382160", 19)]
    public void ACodeOfTheWrongLengthIsRejectedWithItsLength(string code, int length)
    {
        var check = CreditCode.Validate(code);

        Assert.Equal($"must be 18 characters, not {length}", Assert.Single(check.Problems));
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('-')]
    public void ACharacterOutsideTheAlphabetIsNamedWithItsPosition(char bad)
    {
        var code = "9144030019220382" + bad + "6";

        var check = CreditCode.Validate(code);

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith($"character 17 '{bad}' is not allowed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void LowerCaseInputIsAcceptedAndUpperCased()
    {
        var check = CreditCode.Validate("9144030071526726xg");

        Assert.True(check.IsValid);
        Assert.Equal("9144030071526726XG", check.Code);
    }

    [Theory]
    [InlineData("11", true)] // 机构编制: 机关
    [InlineData("12", true)] // 机构编制: 事业单位
    [InlineData("19", true)]
    [InlineData("14", false)]
    [InlineData("51", true)] // 民政: 社会团体
    [InlineData("53", true)] // 民政: 基金会
    [InlineData("57", false)]
    [InlineData("91", true)] // 工商: 企业
    [InlineData("92", true)] // 个体工商户
    [InlineData("93", true)] // 农民专业合作社
    [InlineData("94", false)]
    [InlineData("99", false)]
    [InlineData("Y1", true)]
    [InlineData("Y2", false)]
    [InlineData("N2", true)] // 农业: 村级集体经济组织
    public void TheAuthorityAndOrganisationTypeMustBeAPairOfTheStandardsTable(string prefix, bool valid)
    {
        var first17 = prefix + "450200198230687";

        Assert.Equal(valid, CreditCode.Validate(first17 + CreditCode.CheckCharacter(first17)).IsValid);
    }

    [Fact]
    public void AnUnknownAuthorityIsRejected()
    {
        var first17 = "B1450200198230687";
        var code = first17 + CreditCode.CheckCharacter(first17);

        var check = CreditCode.Validate(code);

        Assert.Equal("character 1 'B' is not a registration authority code", Assert.Single(check.Problems));
    }

    [Fact]
    public void AnOrganisationTypeNotOfItsAuthorityNamesTheAllowedOnes()
    {
        var first17 = "94450200198230687";
        var check = CreditCode.Validate(first17 + CreditCode.CheckCharacter(first17));

        Assert.Equal("character 2 '4' is not an organisation type of registration authority '9' (allowed: 1, 2, 3)", Assert.Single(check.Problems));
    }

    [Fact]
    public void TheDivisionCodeMustBeSixDigits()
    {
        var first17 = "9145A200198230687";
        var check = CreditCode.Validate(first17 + CreditCode.CheckCharacter(first17));

        Assert.Equal("characters 3-8 '45A200' must be the 6-digit administrative division code", Assert.Single(check.Problems));
    }

    [Fact]
    public void CreateCompletesACodeThatValidates()
    {
        var code = CreditCode.Create("91450200MA5K00001");

        Assert.Equal(18, code.Length);
        Assert.True(CreditCode.IsValid(code));
        Assert.Equal("914403001922038216", CreditCode.Create("91440300192203821"));
    }

    [Theory]
    [InlineData("9145020019823068")]
    [InlineData("9145020019823068O")]
    [InlineData("94450200198230687")]
    public void CreateRejectsAStartThatCannotBeValid(string first17) =>
        Assert.Throws<InvalidCreditCodeException>(() => CreditCode.Create(first17));

    [Fact]
    public void TheCheckCharacterCanBeZeroWhenTheRemainderIsZero()
    {
        // Search the organisation-code space for a start whose weighted sum is a multiple of 31: 31 → '0'.
        var start = Enumerable.Range(0, 31).Select(i => "914502000000000" + CreditCode.Alphabet[i] + "0")
            .First(s => CreditCode.CheckCharacter(s) == '0');

        Assert.True(CreditCode.IsValid(start + "0"));
    }

    [Fact]
    public void TheRegionCodeIsCharactersThreeToEight()
    {
        Assert.Equal("440300", CreditCode.RegionCode("914403001922038216"));
        Assert.Throws<InvalidCreditCodeException>(() => CreditCode.RegionCode("914403001922038217"));
    }

    [Fact]
    public void AnInvalidCodeThrowsWithTheCodeAndTheReason()
    {
        var error = Assert.Throws<InvalidCreditCodeException>(() => CreditCode.Parse("914403001922038217"));

        Assert.Equal(ErrorCodes.InvalidCreditCode, error.Code);
        Assert.Equal("credit code '914403001922038217': check character is '7', expected '6'", error.Message);
    }
}
