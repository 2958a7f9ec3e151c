using System.Runtime.InteropServices;

namespace KnowledgeGraph.Synthetic;

/// <summary>
/// The latent model of who works with whom, as the link simulation runs (<see cref="PartnerAffinity"/>): what each
/// academic has done in each field so far, the two-step relations of enterprises, and the choice of an academic or an
/// enterprise partner from them. It holds the simulation's one random stream, which every link drawn reads in turn.
/// </summary>
internal sealed class PartnerChoice
{
    readonly SyntheticWorld _world;
    readonly int _fields;
    SyntheticRandom _random;

    readonly AcademicInField[] _academicInField;
    readonly EnterpriseTraits[] _enterpriseTraits;
    readonly long[] _place;
    readonly List<(int Academic, double Affinity, double Weight)> _shortlist = [];

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

    public PartnerChoice(SyntheticWorld world)
    {
        _world = world;
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
        LastPartner = Filled(world.Enterprises);
        ConsortiumOf = Filled(world.Enterprises);
        PairedWith = new List<int>?[world.Enterprises];
        CommissionerEmployer = Filled(world.Enterprises);
        ConsortiumAcademics = world.Consortia.Select(_ => new List<int>()).ToArray();
    }

    /// <summary>The simulation's random stream.</summary>
    public ref SyntheticRandom Random => ref _random;

    /// <summary>Each enterprise's latest academic partner (-1: none), which its subsidiaries are two steps from.</summary>
    public int[] LastPartner { get; }

    /// <summary>Each enterprise's first consortium (-1: none).</summary>
    public int[] ConsortiumOf { get; }

    /// <summary>The employer of each enterprise's first tech commissioner (-1: none).</summary>
    public int[] CommissionerEmployer { get; }

    /// <summary>The academic members of each consortium.</summary>
    public List<int>[] ConsortiumAcademics { get; }

    /// <summary>The academics each enterprise is paired with (结对子), null before its first pairing.</summary>
    public List<int>?[] PairedWith { get; }

    static int[] Filled(int length)
    {
        var array = new int[length];
        Array.Fill(array, -1);
        return array;
    }

    /// <summary>
    /// The academic partner an enterprise takes for work in a field: one of a shortlist drawn with probability ∝
    /// exp(affinity) — as the best by affinity plus Gumbel noise would be (<see cref="PartnerAffinity"/>), with one
    /// random number instead of two logarithms per candidate; -1 when every candidate is excluded: those taken, and
    /// with <paramref name="unpaired"/> those the enterprise is paired with already.
    /// </summary>
    public (int Academic, double Score) Academic(int enterprise, byte field, HashSet<int>? taken = null, bool unpaired = false)
    {
        var w = _world;
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
            commissioner = CommissionerEmployer[enterprise];
            if (w.Parent[enterprise] is var parent and >= 0) parentPartner = LastPartner[parent];
            if (ConsortiumOf[enterprise] is var consortium and >= 0) consortiumAcademics = ConsortiumAcademics[consortium];
            place = _place[enterprise];
        }
        var paired = unpaired ? PairedWith[enterprise] : null;
        // The affinity u(e, a) of PartnerAffinity, for the enterprise and an academic organisation, in the field.
        void Consider(int academic)
        {
            if (academic < 0 || (taken?.Contains(academic) ?? false) || (paired?.Contains(academic) ?? false)) return;
            var at = (academic - w.AcademicStart) * _fields + field;
            var twoStepsAway = academic == commissioner || academic == parentPartner || (consortiumAcademics?.Contains(academic) ?? false);
            ref readonly var known = ref _academicInField[at];
            var affinity = PartnerAffinity.Score(known.Standing, known.TrackRecord, twoStepsAway, PartnerAffinity.Region(place, _place[academic]));
            shortlist.Add((academic, affinity, 0));
            top = Math.Max(top, affinity);
        }
        if (enterprise >= 0)
        {
            Consider(commissioner);
            if (w.Parent[enterprise] >= 0) Consider(parentPartner);
            if (consortiumAcademics is not null)
            {
                foreach (var academic in consortiumAcademics) Consider(academic);
            }
        }
        var inField = w.AcademicsByField[field];
        for (var i = 0; i < 12 && inField.Length > 0; i++) Consider(w.AcademicStart + inField[_random.Next(inField.Length)]);
        for (var i = 0; i < 6; i++) Consider(w.AcademicStart + w.PrestigeSampler.Sample(ref _random));
        for (var i = 0; i < 6; i++) Consider(w.AcademicStart + _random.Next(w.Academics));
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
    public int Enterprise(byte field, string? province, HashSet<int>? taken = null, int self = -1, int notSubsidiaryOf = -1, bool techOnly = false)
    {
        bool Excluded(int e) =>
            (taken?.Contains(e) ?? false) || e == self || (notSubsidiaryOf >= 0 && _world.Parent[e] == notSubsidiaryOf) || (techOnly && !_enterpriseTraits[e].Tech);

        var sampler = province is not null && _world.EnterprisesByProvince.TryGetValue(province, out var local) ? local : _world.EnterpriseSampler;
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

    /// <summary>The best fit of a field with an enterprise's fields.</summary>
    public double FitOf(byte field, int enterprise)
    {
        var traits = _enterpriseTraits[enterprise];
        var fit = _world.Fit.Of(field, traits.Field);
        return traits.SecondField == byte.MaxValue ? fit : Math.Max(fit, _world.Fit.Of(field, traits.SecondField));
    }

    /// <summary>Adds work in a field to an academic's track record, in every field related to it.</summary>
    public void Record(int academic, byte field)
    {
        var a = academic - _world.AcademicStart;
        foreach (var g in _world.Fit.Related[field]) _academicInField[a * _fields + g].TrackRecord++;
    }
}
