using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Domain.Tests.Rules;

public sealed class EnterpriseSizeTests
{
    [Theory]
    [InlineData(1000, 40000, EnterpriseSizeClass.Large)]   // exactly at both large bounds
    [InlineData(999, 40000, EnterpriseSizeClass.Medium)]   // employees just below
    [InlineData(1000, 39999.99, EnterpriseSizeClass.Medium)] // revenue just below
    [InlineData(5000, 1000000, EnterpriseSizeClass.Large)]
    [InlineData(300, 2000, EnterpriseSizeClass.Medium)]    // exactly at both medium bounds
    [InlineData(299, 2000, EnterpriseSizeClass.Small)]
    [InlineData(300, 1999.99, EnterpriseSizeClass.Small)]
    [InlineData(5000, 1999.99, EnterpriseSizeClass.Small)] // many employees, little revenue
    [InlineData(100, 90000, EnterpriseSizeClass.Small)]    // much revenue, few employees
    [InlineData(20, 300, EnterpriseSizeClass.Small)]       // exactly at both small bounds
    [InlineData(19, 300, EnterpriseSizeClass.Micro)]
    [InlineData(20, 299.99, EnterpriseSizeClass.Micro)]
    [InlineData(10, 1000000, EnterpriseSizeClass.Micro)]
    [InlineData(0, 0, EnterpriseSizeClass.Micro)]
    public void TheSizeClassNeedsBothLowerBounds(long employees, double revenue, EnterpriseSizeClass expected) =>
        Assert.Equal(expected, EnterpriseSize.Classify(employees, (decimal)revenue));

    [Fact]
    public void NegativeFiguresAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EnterpriseSize.Classify(-1, 100m));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnterpriseSize.Classify(10, -0.01m));
    }

    [Theory]
    [InlineData(true, 2000, true)]
    [InlineData(true, 1999.99, false)]
    [InlineData(true, 50000, true)]
    [InlineData(false, 50000, false)]
    public void AboveDesignatedSizeMeansIndustrialWithRevenueFrom2000(bool industrial, double revenue, bool expected) =>
        Assert.Equal(expected, EnterpriseSize.IsAboveDesignatedSize(industrial, (decimal)revenue));
}
