using System.Runtime.InteropServices;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// Streams the links of a <see cref="SyntheticWorld"/>: first the structural ones (groups, platforms, consortia,
/// holdings, people), then a simulation year by year from 2015 to 2026 of pairings, agreements, projects, challenges
/// and technology contracts, whose academic partners follow <see cref="PartnerAffinity"/>. Each instance runs once.
/// </summary>
internal sealed class SyntheticLinks
{
    // Links per enterprise of the yearly events (projects and challenges follow their nodes).
    const double PairingsPerEnterprise = 0.8;
    const double AgreementsPerEnterprise = 2.7;
    const double ContractsPerEnterprise = 3.4;

    readonly SyntheticWorld _w;
    readonly SyntheticIds _ids;
    readonly string _source;
    readonly int _fields;
    SyntheticRandom _random;

    // The simulation's state: what each academic has done in each field, and the two-step relations of enterprises.
    readonly AcademicInField[] _academicInField;
    readonly EnterpriseTraits[] _enterpriseTraits;
    readonly long[] _place;
    readonly int[] _lastPartner;
    readonly int[] _consortiumOf;
    readonly int[] _commissionerEmployer;
    readonly List<int>[] _consortiumAcademics;
    readonly List<int>?[] _pairedWith;
    readonly string[] _agreementTitles;
    readonly string?[] _achievementKeys;
    readonly List<(int Academic, double Affinity, double Weight)> _shortlist = [];
    long _agreements, _contracts;

    /// <summary>
    /// What an academic brings to a field, side by side so that a candidate costs one read: the part of the affinity
    /// that does not change (<see cref="PartnerAffinity.Standing"/>), and the track record, which grows.
    /// </summary>
    struct AcademicInField
    {
        public double Standing;
        public int TrackRecord;
    }

    /// <summary>What a choice of enterprise reads of each candidate, side by side: its fields and whether it is a 科技型企业.</summary>
    readonly record struct EnterpriseTraits(byte Field, byte SecondField, bool Tech);

    public SyntheticLinks(SyntheticWorld world, SyntheticIds ids, string source)
    {
        _w = world;
        _ids = ids;
        _source = source;
        _fields = world.FieldList.Count;
        _random = new SyntheticRandom(world.Seed, SyntheticRandom.Stream("links"));
        _academicInField = new AcademicInField[world.Academics * _fields];
        for (var a = 0; a < world.Academics; a++)
        {
            for (var f = 0; f < _fields; f++)
                _academicInField[a * _fields + f].Standing = PartnerAffinity.Standing(world.Fit.Best(f, world.AcademicFields[a]), world.Capability[a * _fields + f]);
        }
        _place = world.OrgRegion.Select(PartnerAffinity.PlaceOf).ToArray();
        _enterpriseTraits = new EnterpriseTraits[world.Enterprises];
        for (var e = 0; e < world.Enterprises; e++)
            _enterpriseTraits[e] = new EnterpriseTraits(world.OrgField[e], world.SecondField[e], world.TechEnterprise[e]);
        _lastPartner = Filled(world.Enterprises);
        _consortiumOf = Filled(world.Enterprises);
        _pairedWith = new List<int>?[world.Enterprises];
        _agreementTitles = world.FieldList.Select(f => $"{f.Name}科技合作协议").ToArray();
        _achievementKeys = new string?[world.Achievements.Length];
        _commissionerEmployer = Filled(world.Enterprises);
        _consortiumAcademics = world.Consortia.Select(_ => new List<int>()).ToArray();
    }

    static int[] Filled(int length)
    {
        var array = new int[length];
        Array.Fill(array, -1);
        return array;
    }

    LinkInput Link(LinkType type, string from, string to, DateOnly start, DateOnly? end = null, string? key = null, PropertyBag? properties = null) =>
        new(type, from, to, key, start, end, _source, properties);

    string Org(int org) => _ids.Organization(org);

    DateOnly? Until(DateOnly start, int years) =>
        _random.Chance(0.5) ? null : start.AddYears(years) is var end && end.Year <= SyntheticWorld.LastYear ? end : null;

    public IEnumerable<LinkInput> Generate()
    {
        foreach (var link in Groups()) yield return link;
        foreach (var link in PlatformLinks()) yield return link;
        foreach (var link in ConsortiumLinks()) yield return link;
        foreach (var link in Holdings()) yield return link;
        foreach (var link in People()) yield return link;

        var challengesByYear = _w.Challenges.Select((c, i) => (c.PostedOn.Year, i)).ToLookup(p => p.Year, p => p.i);
        var projectsByYear = _w.Projects.Select((p, i) => (p.Start.Year, i)).ToLookup(p => p.Year, p => p.i);
        for (var year = SyntheticWorld.FirstYear; year <= SyntheticWorld.LastYear; year++)
        {
            var share = SyntheticWorld.YearShare(year);
            for (var i = (int)Math.Round(_w.Enterprises * PairingsPerEnterprise * share); i > 0; i--)
            {
                if (Pairing(year) is { } link) yield return link;
            }
            for (var i = (int)Math.Round(_w.Enterprises * AgreementsPerEnterprise * share); i > 0; i--)
            {
                if (Agreement(year) is { } link) yield return link;
            }
            foreach (var p in projectsByYear[year])
                foreach (var link in Project(p)) yield return link;
            foreach (var c in challengesByYear[year])
                foreach (var link in Challenge(c)) yield return link;
            for (var i = (int)Math.Round(_w.Enterprises * ContractsPerEnterprise * share); i > 0; i--)
            {
                if (Contract(year) is { } link) yield return link;
            }
        }
    }

    // ----- the latent model -----

    /// <summary>
    /// The academic partner an enterprise takes for work in a field: one of a shortlist drawn with probability ∝
    /// exp(affinity) — as the best by affinity plus Gumbel noise would be (<see cref="PartnerAffinity"/>), with one
    /// random number instead of two logarithms per candidate; -1 when every candidate is excluded: those taken, and
    /// with <paramref name="unpaired"/> those the enterprise is paired with already.
    /// </summary>
    (int Academic, double Score) ChooseAcademic(int enterprise, byte field, HashSet<int>? taken = null, bool unpaired = false)
    {
        var shortlist = _shortlist;
        shortlist.Clear();
        var top = double.NegativeInfinity;
        // Who is two steps from the enterprise: its tech commissioner's employer, its parent's last partner, its consortium's academics.
        var commissioner = -1;
        var parentPartner = -1;
        List<int>? consortiumAcademics = null;
        var place = PartnerAffinity.NoPlace;
        if (enterprise >= 0)
        {
            commissioner = _commissionerEmployer[enterprise];
            if (_w.Parent[enterprise] is var parent and >= 0) parentPartner = _lastPartner[parent];
            if (_consortiumOf[enterprise] is var consortium and >= 0) consortiumAcademics = _consortiumAcademics[consortium];
            place = _place[enterprise];
        }
        var paired = unpaired ? _pairedWith[enterprise] : null;
        // The affinity u(e, a) of PartnerAffinity, for the enterprise and an academic organisation, in the field.
        void Consider(int academic)
        {
            if (academic < 0 || (taken?.Contains(academic) ?? false) || (paired?.Contains(academic) ?? false)) return;
            var at = (academic - _w.AcademicStart) * _fields + field;
            var twoStepsAway = academic == commissioner || academic == parentPartner || (consortiumAcademics?.Contains(academic) ?? false);
            ref readonly var known = ref _academicInField[at];
            var affinity = PartnerAffinity.Score(known.Standing, known.TrackRecord, twoStepsAway, PartnerAffinity.Region(place, _place[academic]));
            shortlist.Add((academic, affinity, 0));
            top = Math.Max(top, affinity);
        }
        if (enterprise >= 0)
        {
            Consider(commissioner);
            if (_w.Parent[enterprise] >= 0) Consider(parentPartner);
            if (consortiumAcademics is not null)
            {
                foreach (var academic in consortiumAcademics) Consider(academic);
            }
        }
        var inField = _w.AcademicsByField[field];
        for (var i = 0; i < 12 && inField.Length > 0; i++) Consider(_w.AcademicStart + inField[_random.Next(inField.Length)]);
        for (var i = 0; i < 6; i++) Consider(_w.AcademicStart + _w.PrestigeSampler.Sample(ref _random));
        for (var i = 0; i < 6; i++) Consider(_w.AcademicStart + _random.Next(_w.Academics));
        if (shortlist.Count == 0) return (-1, 0.0);
        var candidates = CollectionsMarshal.AsSpan(shortlist);
        var total = 0.0;
        foreach (ref var candidate in candidates)
        {
            candidate.Weight = ExactMath.Exp(candidate.Affinity - top);
            total += candidate.Weight;
        }
        var target = _random.NextDouble() * total;
        foreach (ref readonly var candidate in candidates)
        {
            target -= candidate.Weight;
            if (target < 0) return (candidate.Academic, candidate.Affinity);
        }
        return (candidates[^1].Academic, candidates[^1].Affinity);
    }

    /// <summary>
    /// An enterprise for work in a field, in a province when given: the best field fit among a few drawn by activity,
    /// leaving out those taken, <paramref name="self"/>, subsidiaries of
    /// <paramref name="notSubsidiaryOf"/> and, with <paramref name="techOnly"/>, those that are not 科技型企业.
    /// </summary>
    int ChooseEnterprise(byte field, string? province, HashSet<int>? taken = null, int self = -1, int notSubsidiaryOf = -1, bool techOnly = false)
    {
        bool Excluded(int e) =>
            (taken?.Contains(e) ?? false) || e == self || (notSubsidiaryOf >= 0 && _w.Parent[e] == notSubsidiaryOf) || (techOnly && !_enterpriseTraits[e].Tech);

        var sampler = province is not null && _w.EnterprisesByProvince.TryGetValue(province, out var local) ? local : _w.EnterpriseSampler;
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < 6; i++)
        {
            var e = sampler.Sample(ref _random);
            if (Excluded(e)) continue;
            var score = PartnerAffinity.FieldWeight * FitOf(field, e) + _random.Gumbel();
            if (score > bestScore)
            {
                best = e;
                bestScore = score;
            }
        }
        return best;
    }

    double FitOf(byte field, int enterprise)
    {
        var traits = _enterpriseTraits[enterprise];
        var fit = _w.Fit.Of(field, traits.Field);
        return traits.SecondField == byte.MaxValue ? fit : Math.Max(fit, _w.Fit.Of(field, traits.SecondField));
    }

    void Record(int academic, byte field)
    {
        var a = academic - _w.AcademicStart;
        foreach (var g in _w.Fit.Related[field]) _academicInField[a * _fields + g].TrackRecord++;
    }

    string? HomeProvinceOf(int org) => SyntheticWorld.ProvinceOf(_w.OrgRegion[org]) ?? SyntheticWorld.ProvinceOf(_w.Preset.HomeProvince);

    // ----- structural links -----

    IEnumerable<LinkInput> Groups()
    {
        for (var e = 0; e < _w.Enterprises; e++)
        {
            if (_w.Parent[e] < 0) continue;
            var shareholding = Math.Round((decimal)_random.Uniform(51, 100), 1);
            yield return Link(LinkType.SubsidiaryOf, Org(e), Org(_w.Parent[e]), _random.DayOf(_w.Year(ref _random)),
                properties: PropertyBag.Of(("shareholding", shareholding)));
        }
    }

    IEnumerable<LinkInput> PlatformLinks()
    {
        for (var p = 0; p < _w.Platforms.Length; p++)
        {
            var seed = _w.Platforms[p];
            var id = SyntheticIds.Platform(p);
            var owner = seed.Host >= 0 ? seed.Host : seed.Leader;
            yield return seed.Host >= 0
                ? Link(LinkType.Hosts, Org(seed.Host), id, seed.Established)
                : Link(LinkType.Leads, Org(seed.Leader), id, seed.Established);
            var count = seed.Type switch
            {
                "TechnologyInnovationCenter" => _random.Between(3, 8),
                "JointRdCenter" => _random.Between(1, 2),
                "NewTypeRdInstitution" or "IndustrialTechnologyInstitute" => _random.Between(1, 4),
                _ => _random.Geometric(0.4),
            };
            var builders = new HashSet<int> { owner };
            for (var i = 0; i < count; i++)
            {
                // An enterprise's platform is co-built with universities and institutes, an academic one with enterprises.
                var academicPartner = _w.IsEnterprise(owner) || (!_w.IsAcademic(owner) && _random.Chance(0.5));
                var builder = academicPartner
                    ? ChooseAcademic(_w.IsEnterprise(owner) ? owner : -1, seed.Field, builders).Academic
                    : ChooseEnterprise(seed.Field, HomeProvinceOf(owner), builders);
                if (builder < 0 || !builders.Add(builder)) continue;
                yield return Link(LinkType.CoBuilds, Org(builder), id, seed.Established);
            }
        }
    }

    IEnumerable<LinkInput> ConsortiumLinks()
    {
        for (var c = 0; c < _w.Consortia.Length; c++)
        {
            var seed = _w.Consortia[c];
            var id = SyntheticIds.Consortium(c);
            yield return Link(LinkType.Leads, Org(seed.Lead), id, seed.Established);
            if (_consortiumOf[seed.Lead] < 0) _consortiumOf[seed.Lead] = c;
            var members = new HashSet<int> { seed.Lead };
            var academics = _random.Between(1, 6);
            for (var i = 0; i < academics; i++)
            {
                var (academic, _) = ChooseAcademic(seed.Lead, seed.Field, members);
                if (academic < 0 || !members.Add(academic)) continue;
                _consortiumAcademics[c].Add(academic);
                yield return Link(LinkType.MemberOf, Org(academic), id, Later(seed.Established));
            }
            var enterprises = 2 + _random.Geometric(10);
            for (var i = 0; i < enterprises; i++)
            {
                var e = ChooseEnterprise(seed.Field, HomeProvinceOf(seed.Lead), members);
                if (e < 0 || !members.Add(e)) continue;
                if (_consortiumOf[e] < 0) _consortiumOf[e] = c;
                yield return Link(LinkType.MemberOf, Org(e), id, Later(seed.Established));
            }
        }
    }

    DateOnly Later(DateOnly date)
    {
        var later = date.AddDays(_random.Next(365));
        return later.Year > SyntheticWorld.LastYear ? date : later;
    }

    IEnumerable<LinkInput> Holdings()
    {
        for (var a = 0; a < _w.Achievements.Length; a++)
        {
            var seed = _w.Achievements[a];
            var id = SyntheticIds.Achievement(a);
            yield return Link(LinkType.Holds, Org(seed.Holder), id, seed.Published);
            if (!_random.Chance(0.12)) continue;
            var other = _w.IsEnterprise(seed.Holder)
                ? ChooseAcademic(seed.Holder, seed.Field).Academic
                : ChooseEnterprise(seed.Field, HomeProvinceOf(seed.Holder));
            if (other >= 0 && other != seed.Holder) yield return Link(LinkType.Holds, Org(other), id, seed.Published);
        }
    }

    IEnumerable<LinkInput> People()
    {
        for (var p = 0; p < _w.Persons.Length; p++)
        {
            var seed = _w.Persons[p];
            var id = SyntheticIds.Person(p);
            var start = _random.DayOf(_w.Year(ref _random));
            yield return Link(LinkType.EmployedBy, id, Org(seed.Employer), start);
            if (!seed.Commissioner) continue;
            // A tech commissioner (科技特派员) serves enterprises of their province in their field.
            var served = new HashSet<int>();
            var count = 1 + _random.Geometric(1.5);
            for (var i = 0; i < count; i++)
            {
                var e = ChooseEnterprise(_w.OrgField[seed.Employer], HomeProvinceOf(seed.Employer), served);
                if (e < 0 || !served.Add(e)) continue;
                if (_commissionerEmployer[e] < 0) _commissionerEmployer[e] = seed.Employer;
                var from = _random.DayOf(_w.Year(ref _random));
                yield return Link(LinkType.CommissionedTo, id, Org(e), from, from.AddYears(_random.Between(1, 3)) is var to && to.Year <= SyntheticWorld.LastYear ? to : null);
            }
        }
    }

    // ----- yearly events -----

    int ActiveEnterprise(bool homeOnly)
    {
        var e = _w.EnterpriseSampler.Sample(ref _random);
        for (var i = 0; i < 30 && homeOnly && !_w.InHomeProvince(e); i++) e = _w.EnterpriseSampler.Sample(ref _random);
        return e;
    }

    LinkInput? Pairing(int year)
    {
        // 结对子 is a programme of the province (003): its enterprises pair with universities and institutes anywhere.
        var e = ActiveEnterprise(homeOnly: _w.Preset.HomeShare > 0.5);
        var field = _w.OrgField[e];
        var (academic, _) = ChooseAcademic(e, field, unpaired: true);
        if (academic < 0) return null;
        var paired = _pairedWith[e] ??= [];
        if (paired.Contains(academic)) return null;
        paired.Add(academic);
        Record(academic, field);
        _lastPartner[e] = academic;
        var start = _random.DayOf(year);
        return Link(LinkType.PairedWith, Org(e), Org(academic), start, Until(start, 3));
    }

    LinkInput? Agreement(int year)
    {
        var roll = _random.NextDouble();
        int from, to;
        byte field;
        if (roll < 0.4)
        {
            from = ActiveEnterprise(homeOnly: false);
            field = _w.OrgField[from];
            to = ChooseAcademic(from, field).Academic;
            if (to >= 0)
            {
                Record(to, field);
                _lastPartner[from] = to;
            }
        }
        else if (roll < 0.92)
        {
            from = ActiveEnterprise(homeOnly: false);
            field = _w.OrgField[from];
            to = ChooseEnterprise(field, null, self: from);
        }
        else
        {
            from = _w.GovernmentStart + _random.Next(_w.GovernmentKeys.Count);
            to = _w.AcademicStart + _w.PrestigeSampler.Sample(ref _random);
            field = _w.OrgField[to];
        }
        if (to < 0) return null;
        var start = _random.DayOf(year);
        var key = $"A{year}-{++_agreements:D7}";
        return Link(LinkType.CooperationAgreement, Org(from), Org(to), start, Until(start, _random.Between(3, 5)), key,
            PropertyBag.Of(("title", _agreementTitles[field])));
    }

    LinkInput? Contract(int year)
    {
        var buyer = ActiveEnterprise(homeOnly: false);
        var field = _w.OrgField[buyer];
        int seller;
        if (_random.Chance(0.4))
        {
            seller = ChooseAcademic(buyer, field).Academic;
            if (seller >= 0)
            {
                Record(seller, field);
                _lastPartner[buyer] = seller;
            }
        }
        else
        {
            seller = ChooseEnterprise(field, null, self: buyer, techOnly: true);
        }
        if (seller < 0) return null;
        string? achievement = null;
        if (_w.AchievementsByHolder.TryGetValue(seller, out var held))
        {
            var pick = held[_random.Next(held.Count)];
            achievement = _w.Achievements[pick].Published.Year <= year ? _achievementKeys[pick] ??= SyntheticIds.AchievementKey(pick) : null;
        }
        var amount = Math.Round((decimal)_random.LogUniform(5, 2000), 1);
        var start = _random.DayOf(year);
        return Link(LinkType.Transfers, Org(seller), Org(buyer), start, key: $"T{year}-{++_contracts:D7}",
            properties: PropertyBag.Of(("achievement", achievement), ("amount", amount)));
    }

    IEnumerable<LinkInput> Project(int p)
    {
        var seed = _w.Projects[p];
        var id = SyntheticIds.Project(p);
        var partners = new List<int>();
        var taken = new HashSet<int> { seed.Lead };
        var count = Math.Min(15, _random.Geometric(2.5));
        for (var i = 0; i < count; i++)
        {
            int partner;
            if (_w.IsEnterprise(seed.Lead) ? _random.Chance(0.6) : _random.Chance(0.3))
                partner = ChooseAcademic(_w.IsEnterprise(seed.Lead) ? seed.Lead : -1, seed.Field, taken).Academic;
            else
                partner = ChooseEnterprise(seed.Field, HomeProvinceOf(seed.Lead), taken);
            if (partner >= 0 && taken.Add(partner)) partners.Add(partner);
        }
        // Funding shares in whole per cent: the lead's, and the rest split by random weights (never above 100 in all).
        var leadShare = partners.Count == 0 ? 100 : _random.Between(30, 70);
        var weights = partners.Select(_ => _random.Uniform(0.2, 1.0)).ToArray();
        var sum = weights.Sum();
        yield return Link(LinkType.ParticipatesIn, Org(seed.Lead), id, seed.Start, seed.End,
            properties: PropertyBag.Of(("role", "Lead"), ("fundingShare", (decimal)leadShare)));
        if (_w.IsAcademic(seed.Lead)) Record(seed.Lead, seed.Field);
        for (var i = 0; i < partners.Count; i++)
        {
            var share = Math.Floor((100 - leadShare) * (decimal)(weights[i] / sum));
            yield return Link(LinkType.ParticipatesIn, Org(partners[i]), id, seed.Start, seed.End,
                properties: PropertyBag.Of(("role", "Partner"), ("fundingShare", share)));
            if (_w.IsAcademic(partners[i])) Record(partners[i], seed.Field);
        }
    }

    IEnumerable<LinkInput> Challenge(int c)
    {
        var seed = _w.Challenges[c];
        var id = SyntheticIds.Challenge(c);
        yield return Link(LinkType.Posts, Org(seed.Poster), id, seed.PostedOn);
        if (!seed.Breakthrough) yield return Link(LinkType.About, id, SyntheticIds.Achievement(seed.Achievement), seed.PostedOn);
        if (!seed.HasApplicants) yield break;

        var applicants = new List<(string Id, int Org, double Score, DateOnly Earliest)>();
        var taken = new HashSet<int> { seed.Poster };
        var takenConsortia = new HashSet<int>();
        var count = Math.Min(12, 1 + _random.Geometric(3));
        var province = HomeProvinceOf(seed.Poster);
        // A challenge awarded names its winner, so it has at least one applicant (a few more tries when none was found).
        for (var i = 0; i < count || (seed.HasWinner && applicants.Count == 0 && i < count + 20); i++)
        {
            var roll = _random.NextDouble();
            if (roll < 0.1)
            {
                // A consortium may apply unless the poster or the poster's subsidiary leads it (003).
                var consortium = _random.Next(_w.Consortia.Length);
                var lead = _w.Consortia[consortium].Lead;
                // A consortium applies once it exists (its lead is in force), before the deadline.
                var established = _w.Consortia[consortium].Established;
                var eligible = lead != seed.Poster && _w.Parent[lead] != seed.Poster
                    && (seed.Breakthrough || HomeProvinceOf(lead) == province) && established <= seed.Deadline;
                if (eligible && takenConsortia.Add(consortium))
                    applicants.Add((SyntheticIds.Consortium(consortium), -1, PartnerAffinity.FieldWeight * FitOf(seed.Field, lead), established));
                continue;
            }
            if (seed.Breakthrough && roll < 0.8)
            {
                var (academic, affinity) = ChooseAcademic(seed.Poster, seed.Field, taken);
                if (academic >= 0 && taken.Add(academic)) applicants.Add((Org(academic), academic, affinity, DateOnly.MinValue));
                continue;
            }
            // 技术攻关类: a 科技型企业 anywhere; 成果转化类: an enterprise of the poster's province. Never the poster's subsidiary.
            var e = ChooseEnterprise(seed.Field, seed.Breakthrough ? null : province, taken, notSubsidiaryOf: seed.Poster, techOnly: seed.Breakthrough);
            if (e >= 0 && taken.Add(e))
                applicants.Add((Org(e), e, PartnerAffinity.FieldWeight * FitOf(seed.Field, e) + PartnerAffinity.Region(_w.OrgRegion[e], _w.OrgRegion[seed.Poster]), DateOnly.MinValue));
        }
        var winner = -1;
        var best = double.NegativeInfinity;
        for (var i = 0; i < applicants.Count; i++)
        {
            var price = Math.Round(seed.Budget * (decimal)_random.Uniform(0.6, 1.0), 1);
            var score = applicants[i].Score + _random.Gumbel();
            if (score > best)
            {
                best = score;
                winner = i;
            }
            var applied = Later(seed.PostedOn, seed.Deadline);
            yield return Link(LinkType.AppliesTo, applicants[i].Id, id, applied < applicants[i].Earliest ? applicants[i].Earliest : applied,
                properties: PropertyBag.Of(("price", price)));
        }
        if (!seed.HasWinner || winner < 0) yield break;
        var (winnerId, winnerOrg, _, _) = applicants[winner];
        if (winnerOrg >= 0 && _w.IsAcademic(winnerOrg)) Record(winnerOrg, seed.Field);
        var amount = Math.Round(seed.Budget * (decimal)_random.Uniform(0.6, 1.0), 1);
        yield return Link(LinkType.Awarded, winnerId, id, Later(seed.Deadline), properties: PropertyBag.Of(("amount", amount)));
    }

    DateOnly Later(DateOnly from, DateOnly until)
    {
        var days = Math.Max(0, until.DayNumber - from.DayNumber);
        return from.AddDays(_random.Next(days + 1));
    }
}
