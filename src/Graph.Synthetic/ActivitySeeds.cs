namespace KnowledgeGraph.Synthetic;

/// <summary>
/// Draws what the organisations of a <see cref="SyntheticWorld"/> do besides hosting platforms: consortia, achievements,
/// challenges, projects and people, each as compact seeds from which nodes are rendered and links simulated. Each is
/// drawn in turn from the world's one random stream, in the order the world calls them.
/// </summary>
internal static class ActivitySeeds
{
    // Rates per enterprise of the node kinds drawn here.
    const double ConsortiaPerEnterprise = 0.004;
    const double ChallengesPerEnterprise = 0.03;
    const double ProjectsPerEnterprise = 0.12;
    const double AchievementsPerEnterprise = 0.15;
    const double PersonsPerEnterprise = 0.15;

    public static ConsortiumSeed[] Consortia(SyntheticWorld w, ref SyntheticRandom random)
    {
        var count = Math.Max(4, (int)(w.Enterprises * ConsortiaPerEnterprise));
        var consortia = new ConsortiumSeed[count];
        for (var c = 0; c < count; c++)
        {
            var lead = w.DrawEnterprise(ref random, e => w.Size[e] >= 2);
            consortia[c] = new ConsortiumSeed(lead, w.OrgField[lead], random.Chance(0.4), random.DayOf(w.Year(ref random)));
        }
        return consortia;
    }

    /// <summary>The achievements, each also listed under its holder in <see cref="SyntheticWorld.AchievementsByHolder"/>.</summary>
    public static AchievementSeed[] Achievements(SyntheticWorld w, ref SyntheticRandom random)
    {
        var count = Math.Max(20, (int)(w.Enterprises * AchievementsPerEnterprise));
        var achievements = new AchievementSeed[count];
        for (var i = 0; i < count; i++)
        {
            var holder = random.Chance(0.75) ? w.DrawAcademic(ref random) : w.EnterpriseSampler.Sample(ref random);
            var field = w.IsAcademic(holder) ? random.Pick(w.AcademicFields[holder - w.AcademicStart]) : w.OrgField[holder];
            achievements[i] = new AchievementSeed(holder, field, random.Pick(SyntheticNames.AchievementTypes), random.DayOf(w.Year(ref random)));
            if (!w.AchievementsByHolder.TryGetValue(holder, out var list)) w.AchievementsByHolder[holder] = list = [];
            list.Add(i);
        }
        return achievements;
    }

    /// <summary>The challenges; a 成果转化类 one is about one of <see cref="SyntheticWorld.Achievements"/>, drawn before.</summary>
    public static ChallengeSeed[] Challenges(SyntheticWorld w, ref SyntheticRandom random)
    {
        var count = Math.Max(12, (int)(w.Enterprises * ChallengesPerEnterprise));
        var challenges = new ChallengeSeed[count];
        var province = w.Preset.HomeShare > 0.5;
        var achievements = w.Achievements;
        for (var c = 0; c < count; c++)
        {
            var postedOn = random.DayOf(w.Year(ref random));
            var deadline = postedOn.AddDays(random.Between(30, 90)) is var day && day > SyntheticWorld.LastDay ? SyntheticWorld.LastDay : day;
            var status = postedOn.Year == SyntheticWorld.LastYear
                ? random.Draw([("Collecting", 1), ("Published", 2), ("Applying", 3), ("Reviewing", 2), ("Negotiating", 2), ("Awarded", 2)])
                : random.Draw([("Awarded", postedOn.Year >= SyntheticWorld.LastYear - 2 ? 5 : 1), ("Completed", 6), ("Terminated", 2)]);
            var budget = Math.Round((decimal)random.LogUniform(50, 3000) / 10) * 10;
            decimal? publicFunding = random.Chance(0.4) ? Math.Round(budget * (decimal)random.Uniform(0.1, 0.3)) : null;
            var achievement = -1;
            if (random.Chance(0.2))
            {
                achievement = random.Next(achievements.Length);
                for (var i = 0; i < 10 && !w.IsAcademic(achievements[achievement].Holder); i++) achievement = random.Next(achievements.Length);
            }
            if (achievement >= 0)
            {
                var seed = achievements[achievement];
                challenges[c] = new ChallengeSeed(seed.Holder, false, achievement, seed.Field, status, postedOn, deadline, budget, publicFunding);
            }
            else
            {
                // 技术攻关类: posted by an enterprise of the province running the call.
                var poster = w.DrawEnterprise(ref random, e => !province || w.InHomeProvince(e), 60);
                challenges[c] = new ChallengeSeed(poster, true, -1, w.OrgField[poster], status, postedOn, deadline, budget, publicFunding);
            }
        }
        return challenges;
    }

    public static ProjectSeed[] Projects(SyntheticWorld w, ref SyntheticRandom random)
    {
        var count = Math.Max(20, (int)(w.Enterprises * ProjectsPerEnterprise));
        var projects = new ProjectSeed[count];
        for (var p = 0; p < count; p++)
        {
            var lead = random.Chance(0.55) ? w.EnterpriseSampler.Sample(ref random) : w.DrawAcademic(ref random);
            var total = Math.Round((decimal)random.LogUniform(20, 5000));
            var publicShare = Math.Round(total * (decimal)random.Uniform(0.2, 0.8));
            var start = random.DayOf(w.Year(ref random));
            var end = start.AddDays(random.Between(365, 4 * 365));
            projects[p] = new ProjectSeed(lead, w.OrgField[lead], random.Pick(SyntheticNames.Programmes), total, publicShare, start, end);
        }
        return projects;
    }

    public static PersonSeed[] Persons(SyntheticWorld w, ref SyntheticRandom random)
    {
        var count = Math.Max(20, (int)(w.Enterprises * PersonsPerEnterprise));
        var persons = new PersonSeed[count];
        for (var i = 0; i < count; i++)
        {
            var academic = random.Chance(0.8);
            var employer = academic ? w.DrawAcademic(ref random) : w.EnterpriseSampler.Sample(ref random);
            var title = academic ? random.Pick(SyntheticNames.Titles[..6]) : random.Pick(SyntheticNames.Titles[4..]);
            persons[i] = new PersonSeed(employer, academic && random.Chance(0.5), title);
        }
        return persons;
    }
}
