using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Domain.Store.NodeFilter;

namespace KnowledgeGraph.Domain.Tests.Store;

public sealed class NodeFilterValidatorTests
{
    static readonly NodeKind[] Enterprises = [NodeKind.Enterprise];

    static Compare Checked(NodeFilter filter, params NodeKind[] kinds) =>
        Assert.IsType<Compare>(NodeFilterValidator.Check(filter, kinds.Length == 0 ? Enterprises : kinds));

    static InvalidInputException Refused(NodeFilter filter, params NodeKind[] kinds)
    {
        var refused = Assert.Throws<InvalidInputException>(() => NodeFilterValidator.Check(filter, kinds.Length == 0 ? Enterprises : kinds));
        Assert.Equal(ErrorCodes.InvalidInput, refused.Code);
        return refused;
    }

    public static TheoryData<string, object, object> ValuesOfEachType => new()
    {
        { "employees", 12, 12L },
        { "employees", "12", 12L },
        { "revenue", 52000m, 52000L },
        { "revenue", 52000.5m, 52000.5d },
        { "revenue", "52000.5", 52000.5d },
        { "revenue", 1.5f, 1.5d },
        { "highTech", "true", true },
        { "foundedOn", "2020-03-01", new DateOnly(2020, 3, 1) },
        { "foundedOn", new DateTime(2020, 3, 1, 15, 0, 0), new DateOnly(2020, 3, 1) },
        { "region", 450200L, "450200" },
        { "name", 7m, "7" },
        { "createdAt", "2024-05-01T08:00:00+08:00", new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero) },
        { "createdAt", new DateOnly(2024, 5, 1), new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(ValuesOfEachType))]
    public void ValuesBecomeThePropertysType(string property, object value, object expected)
    {
        var compare = Checked(new Compare(property, FilterOp.Gte, value));

        Assert.Equal(expected, compare.Value);
        Assert.Equal(expected.GetType(), compare.Value!.GetType());
    }

    [Fact]
    public void InTakesAListAndConvertsEachValue()
    {
        var compare = Checked(new Compare("employees", FilterOp.In, new object[] { 1, "2", 3L }));

        Assert.Equal([1L, 2L, 3L], Assert.IsAssignableFrom<IEnumerable<object>>(compare.Value));
    }

    [Theory]
    [InlineData(FilterOp.Eq, FilterOp.IsNull, true)]
    [InlineData(FilterOp.Neq, FilterOp.IsNull, false)]
    [InlineData(FilterOp.IsNull, FilterOp.IsNull, true)]
    public void ANullValueAsksWhetherThePropertyIsAbsent(FilterOp op, FilterOp checkedOp, bool absent)
    {
        var compare = Checked(new Compare("revenue", op, null));

        Assert.Equal(checkedOp, compare.Op);
        Assert.Equal(absent, compare.Value);
    }

    [Fact]
    public void NamesTakeTheCatalogsSpellingAndSeveralKindsShareTheirProperties()
    {
        var organizations = GraphCatalog.OrganizationKinds.ToArray();

        Assert.Equal("locality", Checked(new Compare("locality", FilterOp.Eq, "InRegion"), organizations).Property);
        Assert.Equal("kind", Checked(new Compare("kind", FilterOp.Eq, "University"), organizations).Property);
        Assert.True(NodeFilterValidator.Property(organizations, "aliases").IsList);
        Assert.True(NodeFilterValidator.Property([], "budget") is { IsCore: false, Type: PropertyType.Decimal });
        Assert.True(NodeFilterValidator.LinkProperty(LinkType.AppliesTo, "startDate") is { IsCore: true, Type: PropertyType.Date });
    }

    [Theory]
    [InlineData("employees", FilterOp.Eq, "many", "filter on 'employees': many (String) is not a whole number")]
    [InlineData("foundedOn", FilterOp.Gt, "last spring", "filter on 'foundedOn': last spring (String) is not a date")]
    [InlineData("highTech", FilterOp.Eq, 1L, "filter on 'highTech': 1 (Int64) is not a boolean")]
    [InlineData("createdAt", FilterOp.Gt, true, "filter on 'createdAt': True (Boolean) is not a timestamp")]
    [InlineData("employees", FilterOp.Contains, "1", "filter on 'employees': Contains applies to text, and 'employees' is a whole number")]
    [InlineData("createdAt", FilterOp.StartsWith, "2024", "filter on 'createdAt': StartsWith applies to text, and 'createdAt' is a timestamp")]
    [InlineData("region", FilterOp.In, "450200", "filter on 'region': In and NotIn take a list of values")]
    [InlineData("region", FilterOp.Gt, null, "filter on 'region': Gt needs a value")]
    [InlineData("region", FilterOp.IsNull, "yes", "filter on 'region': IsNull takes true or false")]
    public void AValueOfTheWrongShapeIsRefusedNamingTheProperty(string property, FilterOp op, object? value, string message) =>
        Assert.Equal(message, Refused(new Compare(property, op, value)).Message);

    [Fact]
    public void AnUnknownPropertyIsRefusedListingTheKnownOnes()
    {
        var onNode = Refused(new Not(new Compare("budget", FilterOp.Gt, 1m)));
        var onLink = Refused(new HasLink(LinkType.PairedWith, Direction.Out, Link: new Compare("price", FilterOp.Gt, 1m)));
        var atTheOtherEnd = Refused(new HasLink(LinkType.PairedWith, Direction.Out, Other: new Compare("employees", FilterOp.Gt, 1L)));

        Assert.StartsWith("unknown property 'budget' for Enterprise (known: id, kind, key,", onNode.Message, StringComparison.Ordinal);
        Assert.StartsWith("unknown property 'price' of PAIRED_WITH links (known: key, startDate, endDate, source", onLink.Message, StringComparison.Ordinal);
        Assert.StartsWith("unknown property 'employees' for ", atTheOtherEnd.Message, StringComparison.Ordinal);
        Assert.Contains("University", atTheOtherEnd.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkConditionIsCheckedThroughoutAndNotNestedInALinkFilter()
    {
        var nested = Refused(new HasLink(LinkType.PairedWith, Direction.Out, Link: new AnyOf([new HasLink(LinkType.Hosts, Direction.Out)])));
        var type = Refused(new HasLink((LinkType)999, Direction.Out));
        var quantifier = Refused(new HasLink(LinkType.PairedWith, Direction.Out, Quantifier: (LinkQuantifier)9));
        var op = Refused(new Compare("name", (FilterOp)99, "x"));

        Assert.Equal("a condition on a PAIRED_WITH link cannot itself be a link condition: put it on the node at the other end", nested.Message);
        Assert.Equal("unknown link type 999", type.Message);
        Assert.Equal("unknown link quantifier 9", quantifier.Message);
        Assert.Equal("unknown filter operator 99", op.Message);
    }

    [Fact]
    public void ACheckedLinkConditionKeepsItsShapeWithItsPartsNormalised()
    {
        var link = Assert.IsType<HasLink>(NodeFilterValidator.Check(new HasLink(LinkType.AppliesTo, Direction.Out, ["Challenge:c"], LinkQuantifier.Single,
            Link: new Compare("price", FilterOp.Lt, "460"), Other: new AllOf([new Compare("budget", FilterOp.Eq, null)])), [NodeKind.University]));

        Assert.Equal((LinkType.AppliesTo, Direction.Out, LinkQuantifier.Single), (link.Type, link.Direction, link.Quantifier));
        Assert.Equal(["Challenge:c"], link.OtherIds!);
        Assert.Equal(new Compare("price", FilterOp.Lt, 460L), link.Link);
        Assert.Equal(new Compare("budget", FilterOp.IsNull, true), Assert.Single(Assert.IsType<AllOf>(link.Other).Filters));
    }
}
