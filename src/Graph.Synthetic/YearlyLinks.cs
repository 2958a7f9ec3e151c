using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// The links of one year of the simulation's events: pairings, agreements, technology contracts, projects and
/// challenges. Academic partners are chosen by <see cref="PartnerChoice"/>, and each choice adds to the track record
/// that later choices read.
/// </summary>
internal sealed class YearlyLinks : LinkDrafting
{
    readonly string[] _agreementTitles;
    readonly string?[] _achievementKeys;
    long _agreements, _contracts;

    public YearlyLinks(SyntheticWorld world, PartnerChoice choose, SyntheticIds ids, string source) : base(world, choose, ids, source)
    {
        _agreementTitles = world.FieldList.Select(f => $"{f.Name}科技合作协议").ToArray();
        _achievementKeys = new string?[world.Achievements.Length];
    }

    int ActiveEnterprise(bool homeOnly)
    {
        var e = World.EnterpriseSampler.Sample(ref Random);
        for (var i = 0; i < 30 && homeOnly && !World.InHomeProvince(e); i++) e = World.EnterpriseSampler.Sample(ref Random);
        return e;
    }

    public LinkInput? Pairing(int year)
    {
        // 结对子 is a programme of the province (003): its enterprises pair with universities and institutes anywhere.
        var e = ActiveEnterprise(homeOnly: World.Preset.HomeShare > 0.5);
        var field = World.OrgField[e];
        var (academic, _) = Choose.Academic(e, field, unpaired: true);
        if (academic < 0) return null;
        var paired = Choose.PairedWith[e] ??= [];
        if (paired.Contains(academic)) return null;
        paired.Add(academic);
        Choose.Record(academic, field);
        Choose.LastPartner[e] = academic;
        var start = Random.DayOf(year);
        return Link(LinkType.PairedWith, Org(e), Org(academic), start, Until(start, 3));
    }

    public LinkInput? Agreement(int year)
    {
        var roll = Random.NextDouble();
        int from, to;
        byte field;
        if (roll < 0.4)
        {
            from = ActiveEnterprise(homeOnly: false);
            field = World.OrgField[from];
            to = Choose.Academic(from, field).Academic;
            if (to >= 0)
            {
                Choose.Record(to, field);
                Choose.LastPartner[from] = to;
            }
        }
        else if (roll < 0.92)
        {
            from = ActiveEnterprise(homeOnly: false);
            field = World.OrgField[from];
            to = Choose.Enterprise(field, null, self: from);
        }
        else
        {
            from = World.GovernmentStart + Random.Next(World.GovernmentKeys.Count);
            to = World.AcademicStart + World.PrestigeSampler.Sample(ref Random);
            field = World.OrgField[to];
        }
        if (to < 0) return null;
        var start = Random.DayOf(year);
        var key = $"A{year}-{++_agreements:D7}";
        return Link(LinkType.CooperationAgreement, Org(from), Org(to), start, Until(start, Random.Between(3, 5)), key,
            PropertyBag.Of(("title", _agreementTitles[field])));
    }

    public LinkInput? Contract(int year)
    {
        var buyer = ActiveEnterprise(homeOnly: false);
        var field = World.OrgField[buyer];
        int seller;
        if (Random.Chance(0.4))
        {
            seller = Choose.Academic(buyer, field).Academic;
            if (seller >= 0)
            {
                Choose.Record(seller, field);
                Choose.LastPartner[buyer] = seller;
            }
        }
        else
        {
            seller = Choose.Enterprise(field, null, self: buyer, techOnly: true);
        }
        if (seller < 0) return null;
        string? achievement = null;
        if (World.AchievementsByHolder.TryGetValue(seller, out var held))
        {
            var pick = held[Random.Next(held.Count)];
            achievement = World.Achievements[pick].Published.Year <= year ? _achievementKeys[pick] ??= SyntheticIds.AchievementKey(pick) : null;
        }
        var amount = Math.Round((decimal)Random.LogUniform(5, 2000), 1);
        var start = Random.DayOf(year);
        return Link(LinkType.Transfers, Org(seller), Org(buyer), start, key: $"T{year}-{++_contracts:D7}",
            properties: PropertyBag.Of(("achievement", achievement), ("amount", amount)));
    }

    public IEnumerable<LinkInput> Project(int p)
    {
        var seed = World.Projects[p];
        var id = SyntheticIds.Project(p);
        var partners = new List<int>();
        var taken = new HashSet<int> { seed.Lead };
        var count = Math.Min(15, Random.Geometric(2.5));
        for (var i = 0; i < count; i++)
        {
            int partner;
            if (World.IsEnterprise(seed.Lead) ? Random.Chance(0.6) : Random.Chance(0.3))
                partner = Choose.Academic(World.IsEnterprise(seed.Lead) ? seed.Lead : -1, seed.Field, taken).Academic;
            else
                partner = Choose.Enterprise(seed.Field, HomeProvinceOf(seed.Lead), taken);
            if (partner >= 0 && taken.Add(partner)) partners.Add(partner);
        }
        // Funding shares in whole per cent: the lead's, and the rest split by random weights (never above 100 in all).
        var leadShare = partners.Count == 0 ? 100 : Random.Between(30, 70);
        var weights = partners.Select(_ => Random.Uniform(0.2, 1.0)).ToArray();
        var sum = weights.Sum();
        yield return Link(LinkType.ParticipatesIn, Org(seed.Lead), id, seed.Start, seed.End,
            properties: PropertyBag.Of(("role", "Lead"), ("fundingShare", (decimal)leadShare)));
        if (World.IsAcademic(seed.Lead)) Choose.Record(seed.Lead, seed.Field);
        for (var i = 0; i < partners.Count; i++)
        {
            var share = Math.Floor((100 - leadShare) * (decimal)(weights[i] / sum));
            yield return Link(LinkType.ParticipatesIn, Org(partners[i]), id, seed.Start, seed.End,
                properties: PropertyBag.Of(("role", "Partner"), ("fundingShare", share)));
            if (World.IsAcademic(partners[i])) Choose.Record(partners[i], seed.Field);
        }
    }

    public IEnumerable<LinkInput> Challenge(int c)
    {
        var seed = World.Challenges[c];
        var id = SyntheticIds.Challenge(c);
        yield return Link(LinkType.Posts, Org(seed.Poster), id, seed.PostedOn);
        if (!seed.Breakthrough) yield return Link(LinkType.About, id, SyntheticIds.Achievement(seed.Achievement), seed.PostedOn);
        if (!seed.HasApplicants) yield break;

        var applicants = new List<(string Id, int Org, double Score, DateOnly Earliest)>();
        var taken = new HashSet<int> { seed.Poster };
        var takenConsortia = new HashSet<int>();
        var count = Math.Min(12, 1 + Random.Geometric(3));
        var province = HomeProvinceOf(seed.Poster);
        // A challenge awarded names its winner, so it has at least one applicant (a few more tries when none was found).
        for (var i = 0; i < count || (seed.HasWinner && applicants.Count == 0 && i < count + 20); i++)
        {
            var roll = Random.NextDouble();
            if (roll < 0.1)
            {
                // A consortium may apply unless the poster or the poster's subsidiary leads it (003).
                var consortium = Random.Next(World.Consortia.Length);
                var lead = World.Consortia[consortium].Lead;
                // A consortium applies once it exists (its lead is in force), before the deadline.
                var established = World.Consortia[consortium].Established;
                var eligible = lead != seed.Poster && World.Parent[lead] != seed.Poster
                    && (seed.Breakthrough || HomeProvinceOf(lead) == province) && established <= seed.Deadline;
                if (eligible && takenConsortia.Add(consortium))
                    applicants.Add((SyntheticIds.Consortium(consortium), -1, PartnerAffinity.FieldWeight * Choose.FitOf(seed.Field, lead), established));
                continue;
            }
            if (seed.Breakthrough && roll < 0.8)
            {
                var (academic, affinity) = Choose.Academic(seed.Poster, seed.Field, taken);
                if (academic >= 0 && taken.Add(academic)) applicants.Add((Org(academic), academic, affinity, DateOnly.MinValue));
                continue;
            }
            // 技术攻关类: a 科技型企业 anywhere; 成果转化类: an enterprise of the poster's province. Never the poster's subsidiary.
            var e = Choose.Enterprise(seed.Field, seed.Breakthrough ? null : province, taken, notSubsidiaryOf: seed.Poster, techOnly: seed.Breakthrough);
            if (e >= 0 && taken.Add(e))
                applicants.Add((Org(e), e, PartnerAffinity.FieldWeight * Choose.FitOf(seed.Field, e) + PartnerAffinity.Region(World.OrgRegion[e], World.OrgRegion[seed.Poster]), DateOnly.MinValue));
        }
        var winner = -1;
        var best = double.NegativeInfinity;
        for (var i = 0; i < applicants.Count; i++)
        {
            var price = Math.Round(seed.Budget * (decimal)Random.Uniform(0.6, 1.0), 1);
            var score = applicants[i].Score + Random.Gumbel();
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
        if (winnerOrg >= 0 && World.IsAcademic(winnerOrg)) Choose.Record(winnerOrg, seed.Field);
        var amount = Math.Round(seed.Budget * (decimal)Random.Uniform(0.6, 1.0), 1);
        yield return Link(LinkType.Awarded, winnerId, id, Later(seed.Deadline), properties: PropertyBag.Of(("amount", amount)));
    }
}
