using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// What the link simulations share: the world, the choice of partners with its random stream, and how a link, an
/// organisation's id and the dates of a link are written.
/// </summary>
internal abstract class LinkDrafting
{
    readonly SyntheticIds _ids;
    readonly string _source;

    protected LinkDrafting(SyntheticWorld world, PartnerChoice choose, SyntheticIds ids, string source)
    {
        World = world;
        Choose = choose;
        _ids = ids;
        _source = source;
    }

    protected SyntheticWorld World { get; }

    protected PartnerChoice Choose { get; }

    /// <summary>The simulation's random stream (the one <see cref="Choose"/> draws from).</summary>
    protected ref SyntheticRandom Random => ref Choose.Random;

    protected LinkInput Link(LinkType type, string from, string to, DateOnly start, DateOnly? end = null, string? key = null, PropertyBag? properties = null) =>
        new(type, from, to, key, start, end, _source, properties);

    protected string Org(int org) => _ids.Organization(org);

    /// <summary>The end of a link that lasts some years, in half of the cases; null when open or beyond the last year.</summary>
    protected DateOnly? Until(DateOnly start, int years) =>
        Random.Chance(0.5) ? null : start.AddYears(years) is var end && end.Year <= SyntheticWorld.LastYear ? end : null;

    /// <summary>A day within a year after a date, or the date itself when that would pass the last year.</summary>
    protected DateOnly Later(DateOnly date)
    {
        var later = date.AddDays(Random.Next(365));
        return later.Year > SyntheticWorld.LastYear ? date : later;
    }

    /// <summary>A day from one date to another.</summary>
    protected DateOnly Later(DateOnly from, DateOnly until)
    {
        var days = Math.Max(0, until.DayNumber - from.DayNumber);
        return from.AddDays(Random.Next(days + 1));
    }

    /// <summary>The province an organisation works with enterprises of: its own, or the preset's home for one abroad.</summary>
    protected string? HomeProvinceOf(int org) =>
        SyntheticPlaces.ProvinceOf(World.OrgRegion[org]) ?? SyntheticPlaces.ProvinceOf(World.Preset.HomeProvince);
}
