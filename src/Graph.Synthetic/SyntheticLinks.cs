using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// Streams the links of a <see cref="SyntheticWorld"/>: first the structural ones (<see cref="StructuralLinks"/>), then
/// a simulation year by year from 2015 to 2026 of pairings, agreements, projects, challenges and technology contracts
/// (<see cref="YearlyLinks"/>), whose academic partners follow <see cref="PartnerAffinity"/>. Each instance runs once.
/// </summary>
internal sealed class SyntheticLinks
{
    // Links per enterprise of the yearly events (projects and challenges follow their nodes).
    const double PairingsPerEnterprise = 0.8;
    const double AgreementsPerEnterprise = 2.7;
    const double ContractsPerEnterprise = 3.4;

    readonly SyntheticWorld _world;
    readonly StructuralLinks _structural;
    readonly YearlyLinks _yearly;

    public SyntheticLinks(SyntheticWorld world, SyntheticIds ids, string source)
    {
        _world = world;
        var choose = new PartnerChoice(world);
        _structural = new StructuralLinks(world, choose, ids, source);
        _yearly = new YearlyLinks(world, choose, ids, source);
    }

    public IEnumerable<LinkInput> Generate()
    {
        foreach (var link in _structural.Generate()) yield return link;

        var challengesByYear = _world.Challenges.Select((c, i) => (c.PostedOn.Year, i)).ToLookup(p => p.Year, p => p.i);
        var projectsByYear = _world.Projects.Select((p, i) => (p.Start.Year, i)).ToLookup(p => p.Year, p => p.i);
        for (var year = SyntheticWorld.FirstYear; year <= SyntheticWorld.LastYear; year++)
        {
            var share = SyntheticWorld.YearShare(year);
            for (var i = (int)Math.Round(_world.Enterprises * PairingsPerEnterprise * share); i > 0; i--)
            {
                if (_yearly.Pairing(year) is { } link) yield return link;
            }
            for (var i = (int)Math.Round(_world.Enterprises * AgreementsPerEnterprise * share); i > 0; i--)
            {
                if (_yearly.Agreement(year) is { } link) yield return link;
            }
            foreach (var p in projectsByYear[year])
                foreach (var link in _yearly.Project(p)) yield return link;
            foreach (var c in challengesByYear[year])
                foreach (var link in _yearly.Challenge(c)) yield return link;
            for (var i = (int)Math.Round(_world.Enterprises * ContractsPerEnterprise * share); i > 0; i--)
            {
                if (_yearly.Contract(year) is { } link) yield return link;
            }
        }
    }
}
