using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Tests.Validation;

public sealed class NodeValidatorTests
{
    const string Huawei = "914403001922038216";

    static NodeInput Enterprise(string key = Huawei, params (string, object?)[] properties) =>
        new(NodeKind.Enterprise, key, "华为技术有限公司", Properties: PropertyBag.Of(properties));

    static IReadOnlyList<ValidationProblem> Problems(NodeInput input) => NodeValidator.Default.Validate(input);

    [Fact]
    public void AWellFormedEnterpriseHasNoProblems()
    {
        var input = Enterprise(Huawei,
            ("region", "440000"), ("fields", new[] { "electronic-information", "smart-terminals" }), ("employees", 200000),
            ("revenue", 70420000m), ("highTech", true), ("foundedOn", new DateOnly(1987, 9, 15)));

        Assert.Empty(Problems(input));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var input = new NodeInput(NodeKind.Enterprise, "914403001922038217", " ",
            Properties: PropertyBag.Of(("region", "999999"), ("employees", -1), ("revenue", -5m), ("colour", "red"), ("highTech", "yes")));

        var fields = Problems(input).Select(p => p.Field).ToList();

        Assert.Equal(["creditCode", "name", "colour", "employees", "highTech", "region", "revenue"], fields);
    }

    [Fact]
    public void AnInvalidCreditCodeIsReportedWithItsOwnCode()
    {
        var problem = Assert.Single(Problems(Enterprise("914403001922038217")));

        Assert.Equal(new ValidationProblem("creditCode", "check character is '7', expected '6'", ErrorCodes.InvalidCreditCode), problem);
    }

    [Fact]
    public void ALowerCaseCreditCodeMustBeNormalizedFirst()
    {
        var problem = Assert.Single(Problems(Enterprise("9144030071526726xg")));

        Assert.Equal("must be written in upper case: '9144030071526726XG'", problem.Message);
        Assert.Empty(Problems(EnterpriseDefaults.Apply(Enterprise("9144030071526726xg"))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gx|u")]
    [InlineData(" gxu")]
    [InlineData("gxu ")]
    public void AKeyMustBeNonEmptyWithoutBarsOrOuterSpaces(string key)
    {
        var problem = Assert.Single(Problems(new NodeInput(NodeKind.University, key, "广西大学")));

        Assert.Equal("key", problem.Field);
    }

    [Fact]
    public void ANameIsRequired() =>
        Assert.Equal(new ValidationProblem("name", "a name is required"), Assert.Single(Problems(new NodeInput(NodeKind.University, "gxu", ""))));

    [Fact]
    public void AnUnknownPropertyIsNamed()
    {
        var problem = Assert.Single(Problems(new NodeInput(NodeKind.University, "gxu", "广西大学", Properties: PropertyBag.Of(("employees", 10)))));

        Assert.Equal("employees", problem.Field);
        Assert.StartsWith("University has no property 'employees'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueOfTheWrongTypeIsRejected()
    {
        var problem = Assert.Single(Problems(Enterprise(Huawei, ("employees", "many"))));

        Assert.Equal(new ValidationProblem("employees", "'many' is text, not an integer"), problem);
    }

    [Fact]
    public void MoneyMayBeZeroButNotNegative()
    {
        Assert.Empty(Problems(Enterprise(Huawei, ("revenue", 0m), ("rdExpenditure", 0L))));
        Assert.Equal("revenue", Assert.Single(Problems(Enterprise(Huawei, ("revenue", -0.01m)))).Field);
    }

    [Fact]
    public void EmployeesMayBeZeroButNotNegative()
    {
        Assert.Empty(Problems(Enterprise(Huawei, ("employees", 0))));
        Assert.Equal("employees", Assert.Single(Problems(Enterprise(Huawei, ("employees", -1)))).Field);
    }

    [Fact]
    public void EnumValuesMustBeCanonicalNames()
    {
        Assert.Empty(Problems(new NodeInput(NodeKind.Platform, "p1", "示例中心", Properties: PropertyBag.Of(("level", "Provincial")))));

        var problem = Assert.Single(Problems(new NodeInput(NodeKind.Platform, "p1", "示例中心", Properties: PropertyBag.Of(("level", "自治区级")))));
        Assert.EndsWith("(did you mean 'Provincial'?)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegionAndFieldReferencesMustExist()
    {
        var problems = Problems(Enterprise(Huawei, ("region", "450299"), ("fields", new[] { "automotive", "汽车" })));

        Assert.Equal(
            [
                new ValidationProblem("fields", "'汽车' is not a field code (did you mean 'automotive'?)", ErrorCodes.NotFound),
                new ValidationProblem("region", "'450299' is not a known region (the nearest known one is 450200 柳州市)", ErrorCodes.NotFound),
            ],
            problems);
    }

    [Fact]
    public void AnInjectedLookupAcceptsUserDefinedRegionsAndFields()
    {
        var validator = new NodeValidator((kind, key) => (kind, key) is (NodeKind.Region, "450299") or (NodeKind.Field, "sugar-robotics"));

        Assert.Empty(validator.Validate(Enterprise(Huawei, ("region", "450299"), ("fields", new[] { "sugar-robotics", "sugar" }))));
        Assert.Single(validator.Validate(Enterprise(Huawei, ("region", "450298"))));
    }

    [Fact]
    public void ARegionsKeyIsADivisionCodeAndItsParentMustExist()
    {
        Assert.Empty(Problems(new NodeInput(NodeKind.Region, "450299", "示例区", Properties: PropertyBag.Of(("level", "County"), ("parent", "450200")))));

        var problems = Problems(new NodeInput(NodeKind.Region, "45-299", "示例区", Properties: PropertyBag.Of(("parent", "459900"))));
        Assert.Equal(["code", "parent"], problems.Select(p => p.Field));
    }

    [Fact]
    public void ARegionsParentMustContainItsCode() =>
        Assert.Equal(
            new ValidationProblem("parent", "'450300' does not contain '450299' (GB/T 2260 codes nest: PPCCXX lies in PPCC00 and PP0000)"),
            Assert.Single(Problems(new NodeInput(NodeKind.Region, "450299", "示例区", Properties: PropertyBag.Of(("parent", "450300"))))));

    [Theory]
    [InlineData("2024-01-01", "2026-12-31", true)]
    [InlineData("2024-01-01", "2024-01-01", true)]
    [InlineData("2024-01-02", "2024-01-01", false)]
    public void AProjectEndsNoEarlierThanItStarts(string start, string end, bool valid)
    {
        var project = new NodeInput(NodeKind.Project, "p1", "示例项目",
            Properties: PropertyBag.Of(("startOn", DateOnly.Parse(start)), ("endOn", DateOnly.Parse(end))));

        Assert.Equal(valid, Problems(project).Count == 0);
    }

    [Fact]
    public void AChallengeClosesNoEarlierThanItIsPosted() =>
        Assert.Equal(
            new ValidationProblem("deadline", "2022-03-01 is before postedOn 2022-04-01"),
            Assert.Single(Problems(new NodeInput(NodeKind.Challenge, "c1", "示例榜单",
                Properties: PropertyBag.Of(("postedOn", new DateOnly(2022, 4, 1)), ("deadline", new DateOnly(2022, 3, 1)))))));

    [Fact]
    public void AFieldCannotBeItsOwnParent() =>
        Assert.Equal("parent", Assert.Single(Problems(new NodeInput(NodeKind.Field, "automotive", "汽车", Properties: PropertyBag.Of(("parent", "automotive"))))).Field);

    [Fact]
    public void ThrowIfInvalidRaisesTheCreditCodeErrorWhenTheCodeIsTheFirstProblem()
    {
        var error = Assert.Throws<InvalidCreditCodeException>(() =>
            NodeValidator.Default.ThrowIfInvalid(Enterprise("914403001922038217", ("employees", -1))));

        Assert.Equal(
            "Enterprise '914403001922038217': creditCode: check character is '7', expected '6'; employees: -1 is negative; it must be 0 or more",
            error.Message);
    }

    [Fact]
    public void ThrowIfInvalidRaisesInvalidInputForOtherProblems()
    {
        var error = Assert.Throws<InvalidInputException>(() => NodeValidator.Default.ThrowIfInvalid(Enterprise(Huawei, ("employees", -1))));

        Assert.Contains("employees:", error.Message, StringComparison.Ordinal);
        NodeValidator.Default.ThrowIfInvalid(Enterprise());
    }
}
