using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Matchmaking;

// The evidence of a recommendation, its explanation in Chinese and English, and its introducers.
public sealed partial class MatchmakingIndex
{
    /// <summary>The most introducers listed per recommendation.</summary>
    public const int MaxIntroducers = 5;

    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    PartnerRecommendation Describe(Request request, Scored scored, int rank)
    {
        var candidate = scored.Organization;
        var (fit, fitField) = FieldFitOf(request.QueryFields, candidate);
        var (platforms, _) = CapabilityOf(request.QueryFields, candidate);
        var (_, recordField) = RecordOf(request.QueryFields, candidate);
        var events = recordField < 0 ? [] : Records[candidate].Where(e => Fit.Of(recordField, e.Field) >= RelatedFit).ToList();
        var record = new TrackRecordSummary(
            recordField < 0 ? null : Fields.All[recordField].Code,
            events.Where(e => e.Kind == RecordKind.Challenge).Select(e => e.Year).OrderDescending().ToList(),
            events.Count(e => e.Kind == RecordKind.Project),
            events.Count(e => e.Kind == RecordKind.Contract),
            events.Count(e => e.Kind == RecordKind.Pairing));
        var proximity = ReachOf(request, candidate) is { } reached
            ? new NetworkProximity(reached.Distance, reached.Through >= 0 ? Ids[reached.Through] : null, reached.ThroughGroup, request.Reach.SharedWith(candidate))
            : new NetworkProximity(null, null, false, 0);
        var place = PlaceOf(request.Source, candidate).Place;
        var evidence = new PartnerEvidence(
            fitField < 0 ? null : Fields.All[fitField].Code, Math.Round(fit, 4),
            platforms.Select(p => new CapabilityPlatform(p.Id, p.Name, p.Type, Fields.All[p.Field].Code)).ToList(),
            record, proximity, place.ToString(), CurrentPairings[candidate])
        {
            Instruments = InstrumentsOf(request.QueryFields, candidate)
                .Select(i => new CapabilityInstrument(i.Id, i.Name, i.Value, Fields.All[i.Field].Code)).ToList(),
        };
        var introducers = request.Source >= 0 ? Introducers(request.Source, candidate) : [];
        var parts = scored.Parts!;
        // Only a partner with no field near the wanted ones is here on public facts (OnPublicFacts).
        var weak = fit <= 0;
        return new PartnerRecommendation(
            rank, Ids[candidate], Math.Round(scored.Score, 4),
            new ScoreParts(Math.Round(parts.FieldFit, 4), Math.Round(parts.Capability, 4), Math.Round(parts.TrackRecord, 4), Math.Round(parts.Proximity, 4), Math.Round(parts.Practical, 4), Math.Round(parts.PublicFacts, 4)),
            evidence,
            weak ? WeakZh(candidate, evidence) : ExplainZh(request, candidate, evidence),
            weak ? WeakEn(candidate, evidence) : ExplainEn(request, candidate, evidence),
            introducers, weak)
        {
            CommissionerIds = request.Source >= 0 ? Commissioners(request.Source, candidate) : [],
        };
    }

    /// <summary>
    /// Tech commissioners who could introduce a partner: serving the enterprise, or employed by the partner and serving
    /// some enterprise, on the index's day; those doing both first, then by id.
    /// </summary>
    internal IReadOnlyList<string> Commissioners(int source, int candidate)
    {
        bool InForce(Link link) => (link.StartDate is null || link.StartDate <= AsOf) && (link.EndDate is null || link.EndDate >= AsOf);
        var serving = LinksAt(Ids[source]).Where(l => l.Type == LinkType.CommissionedTo && l.ToId == Ids[source] && InForce(l))
            .Select(l => l.FromId).ToHashSet(StringComparer.Ordinal);
        var employed = LinksAt(Ids[candidate]).Where(l => l.Type == LinkType.EmployedBy && l.ToId == Ids[candidate] && InForce(l))
            .Select(l => l.FromId)
            .Where(person => LinksAt(person).Any(l => l.Type == LinkType.CommissionedTo && l.FromId == person && InForce(l)))
            .ToHashSet(StringComparer.Ordinal);
        return serving.Union(employed).OrderByDescending(p => serving.Contains(p) && employed.Contains(p)).ThenBy(p => p, StringComparer.Ordinal)
            .Take(MaxIntroducers).ToList();
    }

    /// <summary>Organisations collaborating with both, the strongest weaker tie first.</summary>
    internal IReadOnlyList<string> Introducers(int a, int b)
    {
        var found = new List<(int Org, float Weight)>();
        var weightToB = new Dictionary<int, float>(Neighbours[b].Length);
        for (var j = 0; j < Neighbours[b].Length; j++) weightToB[Neighbours[b][j]] = TieWeights[b][j];
        for (var i = 0; i < Neighbours[a].Length; i++)
        {
            if (weightToB.TryGetValue(Neighbours[a][i], out var toB)) found.Add((Neighbours[a][i], Math.Min(TieWeights[a][i], toB)));
        }
        return found.OrderByDescending(f => f.Weight).ThenBy(f => Ids[f.Org], StringComparer.Ordinal)
            .Take(MaxIntroducers).Select(f => Ids[f.Org]).ToList();
    }

    string NameOf(string? id) => id is not null && IndexOf(id) is var i and >= 0 ? Names[i] : id ?? "";

    static string FieldZh(string code) => Fields.Find(code)?.Name ?? code;

    static string FieldEn(string code) => Fields.Find(code) is { } f ? f.NameEn is null ? f.Name : $"{f.Name} ({f.NameEn})" : code;

    static string TypeZh(string type) => GraphSchema.PlatformTypes.FirstOrDefault(t => t.Name == type)?.Chinese ?? type;

    static string TypeEn(string type, int count)
    {
        var words = WordBoundary().Replace(type, " $1").Trim().ToLowerInvariant().Replace("rd", "R&D", StringComparison.Ordinal);
        return count == 1 ? words : words.EndsWith('y') ? words[..^1] + "ies" : words + "s";
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordBoundary();

    static string Count(int n, string one) => n == 1 ? $"1 {one}" : $"{n} {one}s";

    string SourceName(Request request) => request.Source >= 0 ? Names[request.Source] : "";

    string WeakEn(int candidate, PartnerEvidence e)
    {
        var facts = PublicFactsZh(candidate);
        var place = e.Place == nameof(Place.SameCity) ? "; it is in the same city"
            : e.Place == nameof(Place.SameProvince) ? "; it is in the same province" : "";
        return $"{Names[candidate]} has no field, platform, record or collaboration in the graph near this need; recommended on public facts only"
            + $"{(facts.Length > 0 ? $" ({facts})" : "")}{place}. Weak evidence: check its fit before contacting it.";
    }

    string WeakZh(int candidate, PartnerEvidence e)
    {
        var facts = PublicFactsZh(candidate);
        var place = e.Place == nameof(Place.SameCity) ? "；位于同一城市" : e.Place == nameof(Place.SameProvince) ? "；位于同一省份" : "";
        return $"{Names[candidate]}在图谱中没有与需求相关的领域、平台、业绩或合作记录，仅依据公开信息推荐{(facts.Length > 0 ? $"（{facts}）" : "")}{place}。"
            + "证据较弱，联系前请核实其匹配程度。";
    }

    string ExplainEn(Request request, int candidate, PartnerEvidence e)
    {
        var sentences = new List<string>();
        sentences.Add(e.FieldCode is null
            ? $"{Names[candidate]} works in no field near the one wanted"
            : $"{Names[candidate]} {(e.FieldFit >= 1 ? "works in" : "works near")} {FieldEn(e.FieldCode)} (field fit {e.FieldFit.ToString("0.##", Invariant)})");
        if (e.Capability.Count > 0)
        {
            var types = e.Capability.GroupBy(p => p.PlatformType).Select(g => $"{g.Count()} {TypeEn(g.Key, g.Count())} ({TypeZh(g.Key)})");
            sentences.Add($"it runs {string.Join(" and ", types)} in {FieldZh(e.Capability[0].FieldCode)}");
        }
        if (e.Instruments.Count > 0)
            sentences.Add($"its platforms share {Count(e.Instruments.Count, "large research instrument")} (≥ 50 万元 each, {e.Instruments.Sum(i => i.Value).ToString("0.##", Invariant)} 万元 in all) in {FieldZh(e.Instruments[0].FieldCode)}");
        var r = e.TrackRecord;
        var done = new List<string>();
        if (r.ChallengeYears.Count > 0) done.Add($"won {Count(r.ChallengeYears.Count, "challenge")} ({string.Join(", ", r.ChallengeYears.Distinct())})");
        if (r.Projects > 0) done.Add($"took part in {Count(r.Projects, "project")}");
        if (r.Contracts > 0) done.Add($"signed {Count(r.Contracts, "technology contract")}");
        if (r.Pairings > 0) done.Add($"was paired with {Count(r.Pairings, "enterprise")}");
        if (done.Count > 0) sentences.Add($"it {string.Join(", ", done)} in {FieldZh(r.FieldCode!)}");
        var p = e.Proximity;
        var source = SourceName(request);
        if (p.ThroughGroup) sentences.Add($"it already works with {NameOf(p.ThroughId)}, a company of {source}'s group");
        else if (p.Distance == 1) sentences.Add($"it already collaborates with {source}");
        else if (p.Distance is { } steps) sentences.Add($"it is {steps} steps away from {source} through {NameOf(p.ThroughId)}");
        if (p.SharedPartners > 0) sentences.Add($"{Count(p.SharedPartners, "organisation")} already collaborate{(p.SharedPartners == 1 ? "s" : "")} with both");
        if (e.Place == nameof(Place.SameCity)) sentences.Add("it is in the same city");
        else if (e.Place == nameof(Place.SameProvince)) sentences.Add("it is in the same province");
        if (e.CurrentPairings > 0) sentences.Add($"it is currently paired with {Count(e.CurrentPairings, "enterprise")}");
        return string.Join("; ", sentences) + ".";
    }

    string ExplainZh(Request request, int candidate, PartnerEvidence e)
    {
        var sentences = new List<string>();
        sentences.Add(e.FieldCode is null
            ? $"{Names[candidate]}的领域与需求不相近"
            : $"{Names[candidate]}{(e.FieldFit >= 1 ? "从事" : "接近")}{FieldZh(e.FieldCode)}领域（匹配度{e.FieldFit.ToString("0.##", Invariant)}）");
        if (e.Capability.Count > 0)
        {
            var types = e.Capability.GroupBy(p => p.PlatformType).Select(g => $"{TypeZh(g.Key)}{g.Count()}个");
            sentences.Add($"在{FieldZh(e.Capability[0].FieldCode)}领域有{string.Join("、", types)}");
        }
        if (e.Instruments.Count > 0)
            sentences.Add($"在{FieldZh(e.Instruments[0].FieldCode)}领域共享大型科研仪器{e.Instruments.Count}台（单台套原值50万元及以上，合计{e.Instruments.Sum(i => i.Value).ToString("0.##", Invariant)}万元）");
        var r = e.TrackRecord;
        var done = new List<string>();
        if (r.ChallengeYears.Count > 0) done.Add($"揭榜{r.ChallengeYears.Count}项（{string.Join("、", r.ChallengeYears.Distinct().Select(y => $"{y}年"))}）");
        if (r.Projects > 0) done.Add($"参与项目{r.Projects}项");
        if (r.Contracts > 0) done.Add($"技术合同{r.Contracts}项");
        if (r.Pairings > 0) done.Add($"结对企业{r.Pairings}家");
        if (done.Count > 0) sentences.Add($"在{FieldZh(r.FieldCode!)}领域{string.Join("，", done)}");
        var p = e.Proximity;
        var source = SourceName(request);
        if (p.ThroughGroup) sentences.Add($"已与{source}的集团企业{NameOf(p.ThroughId)}合作");
        else if (p.Distance == 1) sentences.Add($"已与{source}合作");
        else if (p.Distance is { } steps) sentences.Add($"经{NameOf(p.ThroughId)}与{source}相距{steps}步");
        if (p.SharedPartners > 0) sentences.Add($"双方有{p.SharedPartners}个共同合作单位");
        if (e.Place == nameof(Place.SameCity)) sentences.Add("位于同一城市");
        else if (e.Place == nameof(Place.SameProvince)) sentences.Add("位于同一省份");
        if (e.CurrentPairings > 0) sentences.Add($"目前结对企业{e.CurrentPairings}家");
        return string.Join("；", sentences) + "。";
    }
}
