using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// Pairing coverage on a date: enterprises with a pairing in force, the pairings in force, and the target of 003
/// ("千家企业与高校院所结对子全覆盖") with the gap to it.
/// </summary>
public sealed record PairingCoverage(DateOnly AsOf, string? Region, int PairedEnterprises, int ActivePairings, IndicatorTarget? Target, decimal? Gap);

/// <summary>The 结对子 workflow (seed 003 一): pair an enterprise with a university or institute, end a pairing, measure coverage.</summary>
public sealed class PairingWorkflow(GraphWriter writer, Actor actor, IndicatorTargets? targets = null)
{
    readonly IGraphStore store = writer.Store;

    /// <summary>
    /// Pairs an enterprise with a university or research institute from a date, carried by a commissioner serving the
    /// enterprise on that date when one is named; pairing a pair already in force changes nothing.
    /// </summary>
    public async Task<Link> CreateAsync(string enterpriseId, string partnerId, DateOnly startOn, string? source = null, string? commissionerId = null, CancellationToken cancellationToken = default)
    {
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        await PolicyGraph.RequireAsync(store, enterpriseId, "enterprise", cancellationToken, NodeKind.Enterprise).ConfigureAwait(false);
        await PolicyGraph.RequireAsync(store, partnerId, "partner", cancellationToken, [.. GraphCatalog.AcademicKinds]).ConfigureAwait(false);
        var commissioner = commissionerId is null ? null
            : await CommissionerWorkflow.RequireCommissionerAsync(store, commissionerId, enterpriseId, startOn, cancellationToken).ConfigureAwait(false);
        var pairings = await PairingsAsync(enterpriseId, partnerId, cancellationToken).ConfigureAwait(false);
        var open = pairings.FirstOrDefault(l => l.EndDate is null);
        if (open is not null)
        {
            if (open.StartDate == startOn) return open;
            throw new ConflictException($"'{enterpriseId}' and '{partnerId}' are already paired since {open.StartDate:yyyy-MM-dd}; end that pairing first");
        }

        // An earlier pairing of the same two that has ended stays as history; a new one is told apart by its start date.
        var key = pairings.Count == 0 ? null : startOn.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        if (pairings.Any(l => l.EndDate >= startOn))
            throw new InvalidInputException($"startOn: {startOn:yyyy-MM-dd} falls within an earlier pairing of '{enterpriseId}' and '{partnerId}'");
        var link = new LinkInput(LinkType.PairedWith, enterpriseId, partnerId, key, startOn, Source: source ?? "结对子",
            Properties: PropertyBag.Of(("commissioner", commissioner?.Key)));
        var result = await PolicyGraph.WriteAsync(writer, actor, "createPairing", version, [new WriteOperation.UpsertLink(link)], cancellationToken).ConfigureAwait(false);
        return result.Outcomes[0].Link!;
    }

    /// <summary>Ends the pairing in force between an enterprise and a partner on a date.</summary>
    public async Task<Link> EndAsync(string enterpriseId, string partnerId, DateOnly endOn, CancellationToken cancellationToken = default)
    {
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var pairings = await PairingsAsync(enterpriseId, partnerId, cancellationToken).ConfigureAwait(false);
        var open = pairings.FirstOrDefault(l => l.EndDate is null)
            ?? throw new NotFoundException($"'{enterpriseId}' and '{partnerId}' have no pairing in force to end");
        var ended = PolicyGraph.AsInput(open) with { EndDate = endOn };
        var result = await PolicyGraph.WriteAsync(writer, actor, "endPairing", version, [new WriteOperation.UpsertLink(ended)], cancellationToken).ConfigureAwait(false);
        return result.Outcomes[0].Link!;
    }

    /// <summary>Coverage on a date, in a region and its sub-regions (by the enterprise's region) or everywhere.</summary>
    public async Task<PairingCoverage> CoverageAsync(DateOnly asOf, string? regionCode = null, CancellationToken cancellationToken = default)
    {
        if (regionCode is not null && Regions.Find(regionCode) is null)
            throw new InvalidInputException($"region: '{regionCode}' is not a known GB/T 2260 division code");
        var active = new List<Link>();
        await foreach (var link in store.ScanLinksAsync(LinkType.PairedWith, cancellationToken).ConfigureAwait(false))
        {
            if (PolicyGraph.InForce(link, asOf)) active.Add(link);
        }

        if (regionCode is not null)
        {
            var enterprises = await store.GetNodesAsync(active.Select(l => l.FromId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
            active = active.Where(l => enterprises.TryGetValue(l.FromId, out var e) && Regions.IsWithin(e.Properties.Text("region"), regionCode)).ToList();
        }

        var paired = active.Select(l => l.FromId).Distinct(StringComparer.Ordinal).Count();
        var target = (targets ?? IndicatorTargets.Shipped).For(Indicator.Pairings, PolicyGraph.JurisdictionOf(regionCode), asOf.Year);
        var value = PolicyIndicators.Count(Indicator.Pairings, paired, asOf.Year, target);
        return new PairingCoverage(asOf, regionCode, paired, active.Count, value.Target, value.Gap);
    }

    async Task<List<Link>> PairingsAsync(string enterpriseId, string partnerId, CancellationToken cancellationToken)
    {
        var links = await PolicyGraph.LinksAsync(store, enterpriseId, Direction.Out, cancellationToken, LinkType.PairedWith).ConfigureAwait(false);
        return links.Where(l => l.ToId == partnerId).OrderBy(l => l.StartDate).ToList();
    }
}
