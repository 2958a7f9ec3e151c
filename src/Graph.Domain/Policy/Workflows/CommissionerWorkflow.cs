using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>What a person serves as (003 二: 科技特派员, 技术经理人); names match the catalog's <c>serviceRole</c>.</summary>
public enum ServiceRole
{
    /// <summary>科技特派员: commissioned to serve enterprises.</summary>
    Commissioner,
    /// <summary>技术经理人: a trained technology transfer manager.</summary>
    TechnologyManager,
}

/// <summary>A commission (选派) of a person to an enterprise: who sent them, for which period and region, to do what.</summary>
/// <param name="PersonId">The person commissioned.</param>
/// <param name="EnterpriseId">The enterprise served.</param>
/// <param name="CommissionedById">The organisation that commissioned the person: a government body, university or institute.</param>
/// <param name="StartOn">The first day of service.</param>
/// <param name="EndOn">The last day of service, when known.</param>
/// <param name="RegionCode">The region served; the enterprise's when not given.</param>
/// <param name="Duty">What the commissioner does for the enterprise.</param>
public sealed record CommissionInput(
    string PersonId, string EnterpriseId, string CommissionedById, DateOnly StartOn, DateOnly? EndOn = null, string? RegionCode = null, string? Duty = null);

/// <summary>The people serving one region on a date.</summary>
/// <param name="RegionCode">The region (its sub-regions included).</param>
/// <param name="Commissioners">Distinct people with a commission in force serving the region.</param>
/// <param name="Commissions">Commissions in force serving the region.</param>
/// <param name="EnterprisesServed">Distinct enterprises served by them.</param>
/// <param name="TechnologyManagers">People located in the region who serve as technology managers (技术经理人).</param>
public sealed record RegionPeopleCount(string RegionCode, int Commissioners, int Commissions, int EnterprisesServed, int TechnologyManagers);

/// <summary>The people count of a region and of each of its sub-regions on a date.</summary>
public sealed record PeopleCounts(DateOnly AsOf, RegionPeopleCount Total, IReadOnlyList<RegionPeopleCount> ByRegion);

/// <summary>
/// 科技特派员 (seed 003 二: "完善科技特派员制度 … 支持结对高校院所向科技型中小企业选派科技专员"): commission a person to an enterprise
/// for a period and a region, end a commission, and count commissioners and technology managers per region.
/// </summary>
public sealed class CommissionerWorkflow(GraphWriter writer, Actor actor)
{
    static readonly NodeKind[] CommissioningKinds = [NodeKind.GovernmentBody, NodeKind.University, NodeKind.ResearchInstitute];

    readonly IGraphStore store = writer.Store;

    /// <summary>
    /// Commissions a person to an enterprise. Commissioning again with the same period changes nothing; an overlapping
    /// commission of the same two is refused. The person is left as is: a city's staff commission people employed
    /// elsewhere, whose node is outside their jurisdiction.
    /// </summary>
    public async Task<Link> CommissionAsync(CommissionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        await PolicyGraph.RequireAsync(store, input.PersonId, "person", cancellationToken, NodeKind.Person).ConfigureAwait(false);
        var enterprise = await PolicyGraph.RequireAsync(store, input.EnterpriseId, "enterprise", cancellationToken, NodeKind.Enterprise).ConfigureAwait(false);
        await PolicyGraph.RequireAsync(store, input.CommissionedById, "commissionedBy", cancellationToken, CommissioningKinds).ConfigureAwait(false);
        if (input.EndOn < input.StartOn)
            throw new InvalidInputException($"endOn: {input.EndOn:yyyy-MM-dd} is before startOn {input.StartOn:yyyy-MM-dd}");
        var region = input.RegionCode ?? enterprise.Properties.Text("region")
            ?? throw new InvalidInputException($"region: enterprise '{input.EnterpriseId}' has no region; name the region served");
        if (Regions.Find(region) is null)
            throw new InvalidInputException($"region: '{region}' is not a known GB/T 2260 division code");

        var commissions = await CommissionsAsync(input.PersonId, input.EnterpriseId, cancellationToken).ConfigureAwait(false);
        if (commissions.FirstOrDefault(l => l.StartDate == input.StartOn && l.EndDate == input.EndOn) is { } same) return same;
        if (commissions.FirstOrDefault(l => Overlaps(l, input.StartOn, input.EndOn)) is { } overlapping)
            throw new ConflictException($"'{input.PersonId}' is already commissioned to '{input.EnterpriseId}' from {overlapping.StartDate:yyyy-MM-dd}"
                + (overlapping.EndDate is { } end ? $" to {end:yyyy-MM-dd}" : "") + "; end that commission first");

        // An earlier commission of the same two stays as history; a new one is told apart by its start date.
        var key = commissions.Count == 0 ? null : input.StartOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var properties = PropertyBag.Of(("commissionedBy", input.CommissionedById), ("region", region), ("duty", input.Duty));
        var link = new LinkInput(LinkType.CommissionedTo, input.PersonId, input.EnterpriseId, key, input.StartOn, input.EndOn, "科技特派员选派", properties);
        var result = await PolicyGraph.WriteAsync(writer, actor, "commissionPerson", version, [new WriteOperation.UpsertLink(link)], cancellationToken).ConfigureAwait(false);
        return result.Outcomes[0].Link!;
    }

    /// <summary>Ends the commission of a person to an enterprise in force on a date, on that date.</summary>
    public async Task<Link> EndAsync(string personId, string enterpriseId, DateOnly endOn, CancellationToken cancellationToken = default)
    {
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var commissions = await CommissionsAsync(personId, enterpriseId, cancellationToken).ConfigureAwait(false);
        var open = commissions.FirstOrDefault(l => PolicyGraph.InForce(l, endOn))
            ?? throw new NotFoundException($"'{personId}' has no commission to '{enterpriseId}' in force on {endOn:yyyy-MM-dd} to end");
        var ended = PolicyGraph.AsInput(open) with { EndDate = endOn };
        var result = await PolicyGraph.WriteAsync(writer, actor, "endCommission", version, [new WriteOperation.UpsertLink(ended)], cancellationToken).ConfigureAwait(false);
        return result.Outcomes[0].Link!;
    }

    /// <summary>
    /// Commissioners, commissions, enterprises served and technology managers on a date, in a region (the home province
    /// when none is named) and in each of its sub-regions. A commission counts where it serves (its region, else the
    /// enterprise's); a technology manager where the person is located.
    /// </summary>
    public async Task<PeopleCounts> CountAsync(DateOnly asOf, string? regionCode = null, CancellationToken cancellationToken = default)
    {
        var scope = regionCode ?? HomeProvince.Default.Code;
        if (Regions.Find(scope) is null)
            throw new InvalidInputException($"region: '{scope}' is not a known GB/T 2260 division code");
        var inForce = new List<Link>();
        await foreach (var link in store.ScanLinksAsync(LinkType.CommissionedTo, cancellationToken).ConfigureAwait(false))
        {
            if (PolicyGraph.InForce(link, asOf)) inForce.Add(link);
        }
        var unplaced = inForce.Where(l => l.Properties.Text("region") is null).Select(l => l.ToId).Distinct().ToList();
        var enterprises = await store.GetNodesAsync(unplaced, cancellationToken).ConfigureAwait(false);
        var served = inForce
            .Select(l => (Link: l, Region: l.Properties.Text("region") ?? enterprises.GetValueOrDefault(l.ToId)?.Properties.Text("region")))
            .Where(c => Regions.IsWithin(c.Region, scope))
            .ToList();
        var managers = new List<string?>();
        await foreach (var person in store.ScanNodesAsync(NodeKind.Person, cancellationToken).ConfigureAwait(false))
        {
            var region = person.Properties.Text("region");
            if (person.Properties.Text("serviceRole") == nameof(ServiceRole.TechnologyManager) && Regions.IsWithin(region, scope)) managers.Add(region);
        }

        RegionPeopleCount Count(string code)
        {
            var here = served.Where(c => Regions.IsWithin(c.Region, code)).Select(c => c.Link).ToList();
            return new RegionPeopleCount(code,
                here.Select(l => l.FromId).Distinct(StringComparer.Ordinal).Count(), here.Count,
                here.Select(l => l.ToId).Distinct(StringComparer.Ordinal).Count(),
                managers.Count(r => Regions.IsWithin(r, code)));
        }

        return new PeopleCounts(asOf, Count(scope), Regions.Children(scope).OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => Count(r.Code)).ToList());
    }

    /// <summary>
    /// The person's commission to the enterprise in force on a date; RULE_VIOLATION when there is none (a pairing is
    /// carried only by a commissioner serving its enterprise).
    /// </summary>
    internal static async Task<Node> RequireCommissionerAsync(IGraphReader store, string personId, string enterpriseId, DateOnly on, CancellationToken cancellationToken)
    {
        var person = await PolicyGraph.RequireAsync(store, personId, "commissioner", cancellationToken, NodeKind.Person).ConfigureAwait(false);
        if (await NotCommissionedAsync(store, personId, enterpriseId, on, cancellationToken).ConfigureAwait(false) is { } problem)
            throw new RuleViolationException(problem);
        return person;
    }

    /// <summary>
    /// Why the person may not carry a pairing of the enterprise that starts on this day (003 二: 科技特派员 serve the
    /// enterprises they are commissioned to); null when a commission to it is in force that day.
    /// </summary>
    internal static async Task<string?> NotCommissionedAsync(IGraphReader store, string personId, string enterpriseId, DateOnly on, CancellationToken cancellationToken)
    {
        var links = await PolicyGraph.LinksAsync(store, personId, Direction.Out, cancellationToken, LinkType.CommissionedTo).ConfigureAwait(false);
        return links.Any(l => l.ToId == enterpriseId && PolicyGraph.InForce(l, on))
            ? null
            : $"commissioner: '{personId}' is not commissioned to '{enterpriseId}' on {on:yyyy-MM-dd}; commission the person first (commissionPerson)";
    }

    static bool Overlaps(Link link, DateOnly start, DateOnly? end) =>
        (link.EndDate is null || link.EndDate >= start) && (end is null || link.StartDate is null || link.StartDate <= end);

    async Task<List<Link>> CommissionsAsync(string personId, string enterpriseId, CancellationToken cancellationToken)
    {
        var links = await PolicyGraph.LinksAsync(store, personId, Direction.Out, cancellationToken, LinkType.CommissionedTo).ConfigureAwait(false);
        return links.Where(l => l.ToId == enterpriseId).OrderBy(l => l.StartDate).ToList();
    }
}
