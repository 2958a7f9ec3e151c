using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using static KnowledgeGraph.Domain.Store.NodeFilter;

namespace KnowledgeGraph.Store.Tests;

public abstract partial class GraphStoreConformanceTests
{
    static readonly NodeKind[] Academics = [NodeKind.University, NodeKind.ResearchInstitute];

    static readonly NodeKind[] Organizations = [.. GraphCatalog.OrganizationKinds];

    [StoreFact]
    public async Task SomeLinkMustMeetTheLinkConditionAndTheOtherEndCondition()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["LG"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Link: new Compare("startDate", FilterOp.Gte, new DateOnly(2021, 1, 1)))));
        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Other: new Compare("region", FilterOp.In, new[] { "450100" }))));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Other: new Compare("locality", FilterOp.Eq, "OutOfRegion"))));
        // Both conditions on the same link: LiuGong's dated pairing is with the university, not the academy.
        Assert.Empty(await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Link: new Compare("startDate", FilterOp.Gte, new DateOnly(2021, 1, 1)),
            Other: new Compare("locality", FilterOp.Eq, "OutOfRegion"))));
        Assert.Equal(["GXU"], await LabelsAsync(store, new NodeQuery(Academics, new HasLink(LinkType.AppliesTo, Direction.Out,
            Link: new Compare("price", FilterOp.Gt, 460m)))));
    }

    [StoreFact]
    public async Task NoneHoldsForNodesWithoutSuchLinksAndForThoseWhoseLinksAllFail()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["SH", "PM"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out, Quantifier: LinkQuantifier.None)));
        Assert.Equal(["SH", "PM", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Quantifier: LinkQuantifier.None, Other: new Compare("locality", FilterOp.Eq, "OutOfRegion"))));
        Assert.Equal(["SH", "LG", "PM"], await EnterprisesAsync(store, new HasLink(LinkType.CooperationAgreement, Direction.Both,
            Quantifier: LinkQuantifier.None, Link: new Compare("key", FilterOp.Eq, "2024-007"))));
    }

    [StoreFact]
    public async Task AllHoldsWhenEveryLinkMatchesAndForNodesWithoutSuchLinks()
    {
        await using var store = await CreateSampleStoreAsync();

        Assert.Equal(["SH", "PM", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Quantifier: LinkQuantifier.All, Other: new Compare("locality", FilterOp.Eq, "InRegion"))));
        // An absent value fails the condition: the academy has no region, so LiuGong's pairings are not all in 南宁.
        Assert.Equal(["SH", "PM", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Quantifier: LinkQuantifier.All, Other: new Compare("region", FilterOp.In, new[] { "450100" }))));
        Assert.Equal(["SH", "PM"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Quantifier: LinkQuantifier.All, Link: new Compare("startDate", FilterOp.IsNull, false))));
        Assert.Equal(["SH", "LG", "PM", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.CooperationAgreement, Direction.Both,
            Quantifier: LinkQuantifier.All, Link: new Compare("startDate", FilterOp.Gte, new DateOnly(2023, 1, 1)))));
        Assert.Equal(["SH", "LG", "PM"], await EnterprisesAsync(store, new HasLink(LinkType.CooperationAgreement, Direction.Both,
            Quantifier: LinkQuantifier.All, Link: new Compare("endDate", FilterOp.IsNull, false))));
    }

    [StoreFact]
    public async Task SingleHoldsForExactlyOneMatchingLinkNeitherNoneNorTwo()
    {
        await using var store = await CreateSampleStoreAsync();

        // LiuGong has two pairings, Yuchai one, the others none.
        Assert.Equal(["YC"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out, Quantifier: LinkQuantifier.Single)));
        // Of LiuGong's two, one is with an in-region partner and one is dated.
        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Quantifier: LinkQuantifier.Single, Other: new Compare("locality", FilterOp.Eq, "InRegion"))));
        Assert.Equal(["LG"], await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Quantifier: LinkQuantifier.Single, Link: new Compare("startDate", FilterOp.IsNull, false))));
        Assert.Empty(await EnterprisesAsync(store, new HasLink(LinkType.PairedWith, Direction.Out,
            Quantifier: LinkQuantifier.Single, Link: new Compare("startDate", FilterOp.IsNull, false), Other: new Compare("locality", FilterOp.Eq, "OutOfRegion"))));
        // The university is paired with two enterprises, the academy with one.
        Assert.Equal(["CAS"], await LabelsAsync(store, new NodeQuery(Academics, new HasLink(LinkType.PairedWith, Direction.In, Quantifier: LinkQuantifier.Single))));
        // Yuchai and the university signed two agreements: counted from either end, only one has this key.
        Assert.Empty(await EnterprisesAsync(store, new HasLink(LinkType.CooperationAgreement, Direction.Both, Quantifier: LinkQuantifier.Single)));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new HasLink(LinkType.CooperationAgreement, Direction.Both,
            Quantifier: LinkQuantifier.Single, Link: new Compare("key", FilterOp.Eq, "2024-007"))));
        Assert.Equal(["GXU"], await LabelsAsync(store, new NodeQuery(Academics, new HasLink(LinkType.CooperationAgreement, Direction.Both,
            Quantifier: LinkQuantifier.Single, Link: new Compare("key", FilterOp.Eq, "2023-001")))));
    }

    [StoreFact]
    public async Task ALinkFromANodeToItselfCountsOnceFromEitherEnd()
    {
        await using var store = await CreateSampleStoreAsync();
        await store.WriteAsync(WriteBatch.Of(new WriteOperation.UpsertLink(new LinkInput(LinkType.SubsidiaryOf, Sample.Yuchai.Id, Sample.Yuchai.Id))));

        // The parts maker is a subsidiary of LiuGong; Yuchai's link leaves and reaches Yuchai, and is one link.
        Assert.Equal(["LG", "PM", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.SubsidiaryOf, Direction.Both, Quantifier: LinkQuantifier.Single)));
        Assert.Equal(["PM", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.SubsidiaryOf, Direction.Out, Quantifier: LinkQuantifier.Single)));
        Assert.Equal(["LG", "YC"], await EnterprisesAsync(store, new HasLink(LinkType.SubsidiaryOf, Direction.In, Quantifier: LinkQuantifier.Single)));
        Assert.Equal(["SH"], await EnterprisesAsync(store, new HasLink(LinkType.SubsidiaryOf, Direction.Both, Quantifier: LinkQuantifier.None)));
    }

    [StoreFact]
    public async Task LinkConditionsCombineAndNest()
    {
        await using var store = await CreateSampleStoreAsync();
        var challenges = new[] { NodeKind.Challenge };

        // A challenge with an applicant paired with a high-tech enterprise.
        Assert.Equal(["CH"], await LabelsAsync(store, new NodeQuery(challenges, new HasLink(LinkType.AppliesTo, Direction.In,
            Other: new HasLink(LinkType.PairedWith, Direction.In, Other: new Compare("highTech", FilterOp.Eq, true))))));
        // The cheaper applicant (the academy) is paired only with LiuGong, never with Yuchai.
        Assert.Equal(["CH"], await LabelsAsync(store, new NodeQuery(challenges, new HasLink(LinkType.AppliesTo, Direction.In,
            Link: new Compare("price", FilterOp.Lt, 460m),
            Other: new HasLink(LinkType.PairedWith, Direction.In, Quantifier: LinkQuantifier.All, Other: new Compare("highTech", FilterOp.Eq, true))))));
        Assert.Empty(await LabelsAsync(store, new NodeQuery(challenges, new HasLink(LinkType.AppliesTo, Direction.In,
            Link: new Compare("price", FilterOp.Lt, 460m),
            Other: new HasLink(LinkType.PairedWith, Direction.In, [Sample.Yuchai.Id])))));
        Assert.Equal(["YC"], await EnterprisesAsync(store, new AllOf([
            new HasLink(LinkType.PairedWith, Direction.Out),
            new Not(new HasLink(LinkType.PairedWith, Direction.Out, Link: new AnyOf([
                new Compare("startDate", FilterOp.IsNull, false), new Compare("source", FilterOp.Eq, "示例")]))),
        ])));
    }

    [StoreFact]
    public async Task ALinkConditionNamesOnlyThePropertiesOfItsLinkType()
    {
        await using var store = await CreateSampleStoreAsync();

        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() => store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise],
            new HasLink(LinkType.PairedWith, Direction.Out, Link: new Compare("price", FilterOp.Gt, 1m)))));
        var nested = await Assert.ThrowsAsync<InvalidInputException>(() => store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise],
            new HasLink(LinkType.PairedWith, Direction.Out, Link: new HasLink(LinkType.Hosts, Direction.Out)))));
        var otherEnd = await Assert.ThrowsAsync<InvalidInputException>(() => store.ListNodesAsync(new NodeQuery([NodeKind.Enterprise],
            new HasLink(LinkType.PairedWith, Direction.Out, Other: new Compare("employees", FilterOp.Gt, 1L)))));

        Assert.Contains("price", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("PAIRED_WITH", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("other end", nested.Message, StringComparison.Ordinal);
        Assert.Contains("employees", otherEnd.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InvalidInput, unknown.Code);
    }

    [StoreFact]
    public async Task SeveralKindsAreListedFilteredByKindSortedAndPagedTogether()
    {
        await using var store = await CreateSampleStoreAsync();
        SortField[] byKey = [new("key")];

        var page = await store.ListNodesAsync(new NodeQuery(Organizations, null, byKey, Skip: 3, Take: 2));
        var academics = await LabelsAsync(store, new NodeQuery(Organizations, new Compare("kind", FilterOp.In, new[] { "University", "ResearchInstitute" })));
        var notEnterprises = await LabelsAsync(store, new NodeQuery(Organizations, new Compare("kind", FilterOp.Neq, "Enterprise")));
        var applicantsPairedWithLiuGong = await LabelsAsync(store, new NodeQuery(Organizations, new AllOf([
            new HasLink(LinkType.AppliesTo, Direction.Out),
            new HasLink(LinkType.PairedWith, Direction.In, [Sample.LiuGong.Id]),
        ])));

        Assert.Equal(["YC", "CAS"], page.Items.Select(n => Labels[n.Id]));
        Assert.Equal(6, page.TotalCount);
        Assert.Equal(["CAS", "GXU"], academics);
        Assert.Equal(["CAS", "GXU"], notEnterprises);
        Assert.Equal(["CAS", "GXU"], applicantsPairedWithLiuGong);
    }

    [StoreFact]
    public async Task SeveralKindsSortByKindNameAlphabeticallyBothWaysAndPageAcrossKinds()
    {
        await using var store = await CreateSampleStoreAsync();
        SortField[] byKind = [new("kind"), new("key")];

        var ascending = await LabelsAsync(store, new NodeQuery(Organizations, null, byKind));
        var descending = await LabelsAsync(store, new NodeQuery(Organizations, null, [new("kind", Descending: true), new("key", Descending: true)]));
        var acrossTheBoundary = await store.ListNodesAsync(new NodeQuery(Organizations, null, byKind, Skip: 3, Take: 2));

        // Enterprise, ResearchInstitute, University: alphabetically by the kind's name.
        Assert.Equal(["SH", "LG", "PM", "YC", "CAS", "GXU"], ascending);
        Assert.Equal(["GXU", "CAS", "YC", "PM", "LG", "SH"], descending);
        Assert.Equal(["YC", "CAS"], acrossTheBoundary.Items.Select(n => Labels[n.Id]));
        Assert.Equal(6, acrossTheBoundary.TotalCount);
    }
}
