using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Domain.Store.NodeFilter;

namespace KnowledgeGraph.Store.Tests;

public abstract partial class GraphStoreConformanceTests
{
    static readonly Dictionary<string, string> Labels = new()
    {
        [Sample.LiuGong.Id] = "LG", [Sample.Yuchai.Id] = "YC", [Sample.PartsMaker.Id] = "PM", [Sample.SoftwareHouse.Id] = "SH",
        [Sample.University.Id] = "GXU", [Sample.Academy.Id] = "CAS", [Sample.Centre.Id] = "ERC", [Sample.Challenge.Id] = "CH",
        [Sample.Achievement.Id] = "ACH", [Sample.Province.Id] = "GX",
    };

    /// <summary>The short labels of the enterprises the filter selects, in the listed order.</summary>
    static async Task<string[]> EnterprisesAsync(IGraphStore store, NodeFilter? filter, params SortField[] sort) =>
        await LabelsAsync(store, new NodeQuery([NodeKind.Enterprise], filter, sort, Take: 100));

    static async Task<string[]> LabelsAsync(IGraphStore store, NodeQuery query) =>
        (await store.ListNodesAsync(query)).Items.Select(n => Labels[n.Id]).ToArray();

    [StoreFact]
    public async Task ListingAKindGivesItsNodesInIdOrderWithTheirCount()
    {
        await using var store = await CreateSampleStoreAsync();

        var page = await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise]));

        Assert.Equal(["SH", "LG", "PM", "YC"], page.Items.Select(n => Labels[n.Id]));
        Assert.Equal(4, page.TotalCount);
        AssertContent(Sample.LiuGong, page.Items[1]);
    }

    [StoreFact]
    public async Task ListingSeveralKindsOrNoneGivesNodesOfThoseKindsOrOfAll()
    {
        await using var store = await CreateSampleStoreAsync();

        var academics = await LabelsAsync(store, new NodeQuery([NodeKind.University, NodeKind.ResearchInstitute]));
        var all = await store.ListNodesAsync(new NodeQuery([], Take: 100));

        Assert.Equal(["CAS", "GXU"], academics);
        Assert.Equal(Sample.Nodes.Length, all.TotalCount);
        Assert.Equal(Sample.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), all.Items.Select(n => n.Id));
    }

    [StoreFact]
    public async Task ComparisonsTypeTheirValuesAsTheCatalogDoes()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["LG", "PM"], await EnterprisesAsync(store, new Compare("region", FilterOp.Eq, "450200")));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new Compare("employees", FilterOp.Eq, 800L)));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new Compare("employees", FilterOp.Eq, 800)));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("revenue", FilterOp.Eq, 52000.5m)));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("highTech", FilterOp.Eq, true)));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new Compare("highTech", FilterOp.Eq, false)));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new Compare("foundedOn", FilterOp.Eq, new DateOnly(1992, 5, 1))));
    }

    [StoreFact]
    public async Task OrderingComparisonsCompareNumbersAsNumbersAndDatesAsDates()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("employees", FilterOp.Gt, 800L)));
        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new Compare("employees", FilterOp.Gte, 800L)));
        Assert.Equal(["SH"], await EnterprisesAsync(store, new Compare("employees", FilterOp.Lt, 150L)));
        Assert.Equal(["SH", "PM"], await EnterprisesAsync(store, new Compare("employees", FilterOp.Lte, 150L)));
        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new Compare("revenue", FilterOp.Gt, 9999.5m)));
        Assert.Equal(["PM"], await EnterprisesAsync(store, new Compare("revenue", FilterOp.Lt, 2000.01m)));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("foundedOn", FilterOp.Gt, new DateOnly(1992, 12, 31))));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new Compare("foundedOn", FilterOp.Lte, new DateOnly(1992, 5, 1))));
    }

    [StoreFact]
    public async Task NotEqualAndNotInHoldForAbsentValues()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["SH", "PM", "YC"], await EnterprisesAsync(store, new Compare("highTech", FilterOp.Neq, true)));
        Assert.Equal(["SH", "YC"], await EnterprisesAsync(store, new Compare("region", FilterOp.Neq, "450200")));
        Assert.Equal(["LG", "PM", "YC"], await EnterprisesAsync(store, new Compare("region", FilterOp.In, new[] { "450200", "450900" })));
        Assert.Equal(["SH", "YC"], await EnterprisesAsync(store, new Compare("region", FilterOp.NotIn, new[] { "450200" })));
        Assert.Equal(["SH", "YC"], await EnterprisesAsync(store, new Compare("employees", FilterOp.In, new[] { 20L, 800L })));
        Assert.Empty(await EnterprisesAsync(store, new Compare("region", FilterOp.In, Array.Empty<string>())));
        Assert.Equal(["SH", "LG", "PM", "YC"], await EnterprisesAsync(store, new Compare("region", FilterOp.NotIn, Array.Empty<string>())));
    }

    [StoreFact]
    public async Task TextMatchingIgnoresLatinCaseAndAbsentTextMatchesNothing()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["SH", "LG", "PM", "YC"], await EnterprisesAsync(store, new Compare("name", FilterOp.Contains, "示例")));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("nameEn", FilterOp.Contains, "liugong")));
        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new Compare("nameEn", FilterOp.Contains, "EXAMPLE")));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new Compare("nameEn", FilterOp.NotContains, "LiuGong")));
        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new Compare("name", FilterOp.StartsWith, "广西")));
        Assert.Equal(["LG", "PM"], await EnterprisesAsync(store, new Compare("key", FilterOp.StartsWith, "91450200")));
    }

    [StoreFact]
    public async Task IsNullTellsAbsentValuesFromPresentOnes()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["SH", "PM"], await EnterprisesAsync(store, new Compare("foundedOn", FilterOp.IsNull, true)));
        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new Compare("foundedOn", FilterOp.IsNull, false)));
        Assert.Equal(["SH", "PM"], await EnterprisesAsync(store, new Compare("nameEn", FilterOp.IsNull, true)));
        Assert.Equal(["SH"], await EnterprisesAsync(store, new Compare("fields", FilterOp.IsNull, true)));
        Assert.Equal(["LG", "PM", "YC"], await EnterprisesAsync(store, new Compare("fields", FilterOp.IsNull, false)));
        Assert.Equal(["SH", "PM"], await EnterprisesAsync(store, new Compare("foundedOn", FilterOp.Eq, null)));
    }

    [StoreFact]
    public async Task CoreFieldsCanBeFilteredOn()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new Compare("id", FilterOp.In, new[] { Sample.Yuchai.Id, Sample.LiuGong.Id })));
        Assert.Equal(["PM"], await EnterprisesAsync(store, new Compare("key", FilterOp.Eq, Sample.PartsMaker.Key)));
        Assert.Equal(["SH"], await EnterprisesAsync(store, new Compare("name", FilterOp.Eq, Sample.SoftwareHouse.Name)));
        Assert.Equal(["SH", "LG", "PM", "YC"], await EnterprisesAsync(store, new Compare("createdAt", FilterOp.Gt, DateTimeOffset.UtcNow.AddDays(-1))));
        Assert.Empty(await EnterprisesAsync(store, new Compare("updatedAt", FilterOp.Gt, DateTimeOffset.UtcNow.AddDays(1))));
    }

    [StoreFact]
    public async Task AComparisonOnAListHoldsWhenItHoldsForAnElement()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["LG", "PM", "YC"], await EnterprisesAsync(store, new Compare("fields", FilterOp.Eq, "auto")));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("fields", FilterOp.Eq, "machinery")));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("fields", FilterOp.In, new[] { "machinery", "energy" })));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("fields", FilterOp.StartsWith, "mach")));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new Compare("aliases", FilterOp.Eq, "玉柴")));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Compare("aliases", FilterOp.Contains, "柳工")));
        Assert.Equal(["SH", "PM"], await EnterprisesAsync(store, new Compare("aliases", FilterOp.IsNull, true)));
    }

    [StoreFact]
    public async Task ANegatedComparisonOnAListHoldsWhenNoElementMatches()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["SH"], await EnterprisesAsync(store, new Compare("fields", FilterOp.Neq, "auto")));
        Assert.Equal(["SH", "PM", "YC"], await EnterprisesAsync(store, new Compare("fields", FilterOp.Neq, "machinery")));
        Assert.Equal(["SH"], await EnterprisesAsync(store, new Compare("fields", FilterOp.NotIn, new[] { "auto", "energy" })));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new Compare("aliases", FilterOp.NotContains, "柳工")));
    }

    [StoreFact]
    public async Task AllOfAnyOfAndNotCombine()
    {
        await using var store = await CreateSampleStoreAsync();
        var highTech = new Compare("highTech", FilterOp.Eq, true);

        Assert.Equal(["LG"], await EnterprisesAsync(store, new AllOf([new Compare("region", FilterOp.Eq, "450200"), highTech])));
        Assert.Equal(["SH", "LG"], await EnterprisesAsync(store, new AnyOf([highTech, new Compare("employees", FilterOp.Lt, 100L)])));
        Assert.Equal(["SH", "PM", "YC"], await EnterprisesAsync(store, new Not(highTech)));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new Not(new Not(highTech))));
        Assert.Equal(["SH", "PM", "YC"], await EnterprisesAsync(store, new Not(new Compare("nameEn", FilterOp.Contains, "liugong"))));
        Assert.Equal(["SH"], await EnterprisesAsync(store, new Not(new AnyOf([
            new Compare("region", FilterOp.Eq, "450200"), new Compare("region", FilterOp.Eq, "450900")]))));
        Assert.Equal(["SH", "LG", "PM", "YC"], await EnterprisesAsync(store, new AllOf([])));
        Assert.Empty(await EnterprisesAsync(store, new AnyOf([])));
    }

    [StoreFact]
    public async Task HasLinkFollowsTheTypeTheDirectionAndTheOtherEnd()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out)));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out, [Sample.Academy.Id])));
        Assert.Empty(await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.In)));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new HasLink(LinkType.SubsidiaryOf, Direction.In)));
        Assert.Equal(["PM"], await EnterprisesAsync(store, new HasLink(LinkType.SubsidiaryOf, Direction.Out)));
        Assert.Equal(["LG", "PM"], await EnterprisesAsync(store, new HasLink(LinkType.SubsidiaryOf, Direction.Both)));
        Assert.Equal(["SH", "PM"], await EnterprisesAsync(store, new Not(new HasLink(LinkType.PairedWith, Direction.Out))));
        Assert.Equal(["CAS", "GXU"], await LabelsAsync(store, new NodeQuery([NodeKind.University, NodeKind.ResearchInstitute],
            new HasLink(LinkType.PairedWith, Direction.In))));
        Assert.Equal(["GXU"], await LabelsAsync(store, new NodeQuery([NodeKind.University, NodeKind.ResearchInstitute],
            new HasLink(LinkType.PairedWith, Direction.In, [Sample.Yuchai.Id, "Enterprise:missing"]))));
    }

    [StoreFact]
    public async Task PropertiesOfEveryQueriedKindCanBeFilteredOn()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["GXU"], await LabelsAsync(store, new NodeQuery([NodeKind.University, NodeKind.ResearchInstitute],
            new Compare("locality", FilterOp.Eq, "InRegion"))));
        Assert.Equal(["CH"], await LabelsAsync(store, new NodeQuery([NodeKind.Challenge], new Compare("budget", FilterOp.Gt, 500m))));
        Assert.Equal(["ERC"], await LabelsAsync(store, new NodeQuery([NodeKind.Platform],
            new Compare("statusDate", FilterOp.Gte, new DateOnly(2020, 6, 30)))));
    }

    [StoreFact]
    public async Task AnUnknownPropertyIsInvalidInputThatNamesIt()
    {
        await using var store = await CreateSampleStoreAsync();

        var otherKinds = await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Compare("budget", FilterOp.Gt, 1m))));
        var nowhere = await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Not(new Compare("noSuchThing", FilterOp.Eq, "x")))));
        var sorted = await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], Sort: [new SortField("sortOfThing")])));

        Assert.Contains("budget", otherKinds.Message, StringComparison.Ordinal);
        Assert.Contains("noSuchThing", nowhere.Message, StringComparison.Ordinal);
        Assert.Contains("sortOfThing", sorted.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InvalidInput, otherKinds.Code);
    }

    [StoreFact]
    public async Task AValueThatDoesNotFitThePropertyIsInvalidInput()
    {
        await using var store = await CreateSampleStoreAsync();

        await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Compare("employees", FilterOp.Eq, "many"))));
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Compare("employees", FilterOp.Contains, "1"))));
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Compare("region", FilterOp.In, "450200"))));
        await Assert.ThrowsAsync<InvalidInputException>(() =>
            store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Compare("foundedOn", FilterOp.Gt, "last spring"))));
    }

    [StoreFact]
    public async Task SortingPutsAbsentValuesLastAndBreaksTiesById()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["LG", "YC", "PM", "SH"], await EnterprisesAsync(store, null, new SortField("employees", Descending: true)));
        Assert.Equal(["LG", "PM", "YC", "SH"], await EnterprisesAsync(store, null, new SortField("region")));
        Assert.Equal(["YC", "LG", "PM", "SH"], await EnterprisesAsync(store, null, new SortField("region", Descending: true)));
        Assert.Equal(["PM", "LG", "YC", "SH"], await EnterprisesAsync(store, null, new SortField("region"), new SortField("employees")));
        Assert.Equal(["YC", "LG", "SH", "PM"], await EnterprisesAsync(store, null, new SortField("foundedOn")));
        Assert.Equal(["SH", "LG", "YC", "PM"], await EnterprisesAsync(store, null, new SortField("name")));
        Assert.Equal(["LG", "YC", "SH", "PM"], await EnterprisesAsync(store, null, new SortField("highTech", Descending: true)));
    }

    [StoreFact]
    public async Task PagesAreSlicesOfTheSortedResultWithTheTotalCount()
    {
        await using var store = await CreateSampleStoreAsync();
        SortField[] byEmployees = [new("employees", Descending: true)];

        var middle = await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], null, byEmployees, Skip: 1, Take: 2));
        var beyond = await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], Skip: 4, Take: 2));
        var uncounted = await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], Take: 1, CountTotal: false));
        var countOnly = await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], new Compare("region", FilterOp.Eq, "450200"), Take: 0));
        var onePerPage = new List<string>();
        for (var skip = 0; skip < 4; skip++)
        {
            onePerPage.AddRange((await store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise], Skip: skip, Take: 1))).Items.Select(n => Labels[n.Id]));
        }

        Assert.Equal(["YC", "PM"], middle.Items.Select(n => Labels[n.Id]));
        Assert.Equal(4, middle.TotalCount);
        Assert.Empty(beyond.Items);
        Assert.Equal(4, beyond.TotalCount);
        Assert.Single(uncounted.Items);
        Assert.Null(uncounted.TotalCount);
        Assert.Empty(countOnly.Items);
        Assert.Equal(2, countOnly.TotalCount);
        Assert.Equal(["SH", "LG", "PM", "YC"], onePerPage);
    }
}
