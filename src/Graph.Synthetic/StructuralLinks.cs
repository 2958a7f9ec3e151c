using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// The links of a <see cref="SyntheticWorld"/> that are there from the start, before the simulation's years: groups,
/// platforms, consortia, holdings of achievements and people (employment, tech commissioners). They set the two-step
/// relations the partner choices of the years read.
/// </summary>
internal sealed class StructuralLinks(SyntheticWorld world, PartnerChoice choose, SyntheticIds ids, string source)
    : LinkDrafting(world, choose, ids, source)
{
    /// <summary>Every structural link, in order.</summary>
    public IEnumerable<LinkInput> Generate() => Groups().Concat(PlatformLinks()).Concat(ConsortiumLinks()).Concat(Holdings()).Concat(People());

    IEnumerable<LinkInput> Groups()
    {
        for (var e = 0; e < World.Enterprises; e++)
        {
            if (World.Parent[e] < 0) continue;
            var shareholding = Math.Round((decimal)Random.Uniform(51, 100), 1);
            yield return Link(LinkType.SubsidiaryOf, Org(e), Org(World.Parent[e]), Random.DayOf(World.Year(ref Random)),
                properties: PropertyBag.Of(("shareholding", shareholding)));
        }
    }

    IEnumerable<LinkInput> PlatformLinks()
    {
        for (var p = 0; p < World.Platforms.Length; p++)
        {
            var seed = World.Platforms[p];
            var id = SyntheticIds.Platform(p);
            var owner = seed.Host >= 0 ? seed.Host : seed.Leader;
            yield return seed.Host >= 0
                ? Link(LinkType.Hosts, Org(seed.Host), id, seed.Established)
                : Link(LinkType.Leads, Org(seed.Leader), id, seed.Established);
            var count = seed.Type switch
            {
                "TechnologyInnovationCenter" => Random.Between(3, 8),
                "JointRdCenter" => Random.Between(1, 2),
                "NewTypeRdInstitution" or "IndustrialTechnologyInstitute" => Random.Between(1, 4),
                _ => Random.Geometric(0.4),
            };
            var builders = new HashSet<int> { owner };
            for (var i = 0; i < count; i++)
            {
                // An enterprise's platform is co-built with universities and institutes, an academic one with enterprises.
                var academicPartner = World.IsEnterprise(owner) || (!World.IsAcademic(owner) && Random.Chance(0.5));
                var builder = academicPartner
                    ? Choose.Academic(World.IsEnterprise(owner) ? owner : -1, seed.Field, builders).Academic
                    : Choose.Enterprise(seed.Field, HomeProvinceOf(owner), builders);
                if (builder < 0 || !builders.Add(builder)) continue;
                yield return Link(LinkType.CoBuilds, Org(builder), id, seed.Established);
            }
        }
    }

    IEnumerable<LinkInput> ConsortiumLinks()
    {
        for (var c = 0; c < World.Consortia.Length; c++)
        {
            var seed = World.Consortia[c];
            var id = SyntheticIds.Consortium(c);
            yield return Link(LinkType.Leads, Org(seed.Lead), id, seed.Established);
            if (Choose.ConsortiumOf[seed.Lead] < 0) Choose.ConsortiumOf[seed.Lead] = c;
            var members = new HashSet<int> { seed.Lead };
            var academics = Random.Between(1, 6);
            for (var i = 0; i < academics; i++)
            {
                var (academic, _) = Choose.Academic(seed.Lead, seed.Field, members);
                if (academic < 0 || !members.Add(academic)) continue;
                Choose.ConsortiumAcademics[c].Add(academic);
                yield return Link(LinkType.MemberOf, Org(academic), id, Later(seed.Established));
            }
            var enterprises = 2 + Random.Geometric(10);
            for (var i = 0; i < enterprises; i++)
            {
                var e = Choose.Enterprise(seed.Field, HomeProvinceOf(seed.Lead), members);
                if (e < 0 || !members.Add(e)) continue;
                if (Choose.ConsortiumOf[e] < 0) Choose.ConsortiumOf[e] = c;
                yield return Link(LinkType.MemberOf, Org(e), id, Later(seed.Established));
            }
        }
    }

    IEnumerable<LinkInput> Holdings()
    {
        for (var a = 0; a < World.Achievements.Length; a++)
        {
            var seed = World.Achievements[a];
            var id = SyntheticIds.Achievement(a);
            yield return Link(LinkType.Holds, Org(seed.Holder), id, seed.Published);
            if (!Random.Chance(0.12)) continue;
            var other = World.IsEnterprise(seed.Holder)
                ? Choose.Academic(seed.Holder, seed.Field).Academic
                : Choose.Enterprise(seed.Field, HomeProvinceOf(seed.Holder));
            if (other >= 0 && other != seed.Holder) yield return Link(LinkType.Holds, Org(other), id, seed.Published);
        }
    }

    IEnumerable<LinkInput> People()
    {
        for (var p = 0; p < World.Persons.Length; p++)
        {
            var seed = World.Persons[p];
            var id = SyntheticIds.Person(p);
            var start = Random.DayOf(World.Year(ref Random));
            yield return Link(LinkType.EmployedBy, id, Org(seed.Employer), start);
            if (!seed.Commissioner) continue;
            // A tech commissioner (科技特派员) serves enterprises of their province in their field.
            var served = new HashSet<int>();
            var count = 1 + Random.Geometric(1.5);
            for (var i = 0; i < count; i++)
            {
                var e = Choose.Enterprise(World.OrgField[seed.Employer], HomeProvinceOf(seed.Employer), served);
                if (e < 0 || !served.Add(e)) continue;
                if (Choose.CommissionerEmployer[e] < 0) Choose.CommissionerEmployer[e] = seed.Employer;
                var from = Random.DayOf(World.Year(ref Random));
                yield return Link(LinkType.CommissionedTo, id, Org(e), from, from.AddYears(Random.Between(1, 3)) is var to && to.Year <= SyntheticWorld.LastYear ? to : null);
            }
        }
    }
}
