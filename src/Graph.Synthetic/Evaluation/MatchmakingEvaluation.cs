using System.Diagnostics;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Matchmaking;

namespace KnowledgeGraph.Synthetic.Evaluation;

/// <summary>How one ranking method did: hit rate and NDCG at 10, averaged over the queries.</summary>
public sealed record MethodQuality(string Method, double HitRateAt10, double NdcgAt10);

/// <summary>The outcome of an offline evaluation.</summary>
/// <param name="Preset">The generator preset.</param>
/// <param name="Seed">The generator seed.</param>
/// <param name="Holdout">The share of pairings and won challenges hidden.</param>
/// <param name="Organizations">Organisations in the graph.</param>
/// <param name="HiddenLinks">Links hidden from the index.</param>
/// <param name="PairingQueries">Enterprises asked for partners, each with its hidden pairings as the answer.</param>
/// <param name="ChallengeQueries">Won 技术攻关类 challenges asked for solvers, the hidden winner as the answer.</param>
/// <param name="Methods">The recommender, then the baselines.</param>
/// <param name="MedianMs">Median time of one <see cref="MatchmakingIndex.RecommendPartners"/> call (limit 10), in milliseconds.</param>
/// <param name="P99Ms">Its 99th percentile.</param>
public sealed record MatchmakingEvaluationReport(
    string Preset, ulong Seed, double Holdout, int Organizations, int HiddenLinks, int PairingQueries, int ChallengeQueries,
    IReadOnlyList<MethodQuality> Methods, double MedianMs, double P99Ms);

/// <summary>
/// The offline evaluation of matchmaking on a generated graph whose partner choices follow a planted model
/// (<see cref="SyntheticGraph"/>): hide a share of the pairings (with any agreement or contract between the same two)
/// and of the challenges won by universities and institutes, build the index on the rest, ask for ten partners per
/// enterprise or challenge, and score the lists against what was hidden — for the recommender and two baselines,
/// most-connected-first (degree in the collaboration network) and field-match-only (field fit, ties by id), all over
/// the same candidates and exclusions.
/// </summary>
public static class MatchmakingEvaluation
{
    const int K = 10;

    /// <summary>
    /// Runs the evaluation, asking up to <paramref name="maxQueries"/> enterprises and as many challenges (a deterministic
    /// sample of each). Deterministic for a preset, seed and holdout, except the timings.
    /// </summary>
    public static MatchmakingEvaluationReport Run(SyntheticPreset preset, ulong seed, double holdout = 0.2, int maxQueries = 1000, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        if (holdout is <= 0 or >= 1) throw new InvalidInputException($"holdout must be between 0 and 1, not {holdout}");
        if (maxQueries < 1) throw new InvalidInputException($"maxQueries must be positive, not {maxQueries}");
        var graph = SyntheticGraph.Create(preset, seed);
        var stamp = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        progress?.Invoke($"generating {preset.Name} (seed {seed})");
        var nodes = graph.Nodes().Select(n => new Node(n.Id, n.Kind, n.Key, n.Name, n.NameEn, n.Aliases, n.Properties, stamp, stamp)).ToList();
        var links = graph.Links().Select(l => new Link(l.Id, l.Type, l.FromId, l.ToId, l.Key, l.StartDate, l.EndDate, l.Source, l.Properties, stamp, stamp)).ToList();

        var hiddenPairs = links
            .Where(l => l.Type == LinkType.PairedWith && Hidden(l.Id, seed, holdout))
            .Select(l => (l.FromId, l.ToId)).ToHashSet();
        var hiddenAwards = links
            .Where(l => l.Type == LinkType.Awarded && NodeId.KindOf(l.FromId) is NodeKind.University or NodeKind.ResearchInstitute && Hidden(l.Id, seed, holdout))
            .ToList();
        var hiddenAwardIds = hiddenAwards.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        bool Hides(Link l) =>
            hiddenAwardIds.Contains(l.Id)
            || (l.Type is LinkType.PairedWith or LinkType.CooperationAgreement or LinkType.Transfers
                && (hiddenPairs.Contains((l.FromId, l.ToId)) || hiddenPairs.Contains((l.ToId, l.FromId))));
        var training = links.Where(l => !Hides(l)).ToList();
        var hiddenLinks = links.Count - training.Count;
        links = [];

        progress?.Invoke($"building the projection and the index on {training.Count} links ({hiddenLinks} hidden)");
        using var projection = CollaborationProjection.Build(nodes, training, new HomeProvince(preset.HomeProvince));
        var index = MatchmakingIndex.Build(nodes, training, projection, new DateOnly(SyntheticWorld.LastYear, 12, 31));
        nodes = [];
        training = [];

        var queries = new List<(string For, HashSet<string> Relevant, bool Pairing)>();
        foreach (var group in hiddenPairs.GroupBy(p => p.FromId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var enterprise = index.IndexOf(group.Key);
            // A partner still tied to the enterprise by other evidence is no longer a partner to find.
            var relevant = group.Select(p => p.ToId).Where(a => !index.Neighbours[enterprise].Contains(index.IndexOf(a))).ToHashSet(StringComparer.Ordinal);
            if (relevant.Count > 0) queries.Add((group.Key, relevant, true));
        }
        foreach (var award in hiddenAwards.OrderBy(a => a.ToId, StringComparer.Ordinal))
            queries.Add((award.ToId, new HashSet<string>(StringComparer.Ordinal) { award.FromId }, false));
        // Each kind of query is sampled on its own: hidden pairings outnumber hidden winners by a hundred to one, and a
        // shared sample would leave only a handful of challenges.
        queries = queries.Where(q => q.Pairing).OrderBy(q => Hash(q.For, seed)).Take(maxQueries)
            .Concat(queries.Where(q => !q.Pairing).OrderBy(q => Hash(q.For, seed)).Take(maxQueries))
            .ToList();

        progress?.Invoke($"asking {queries.Count} queries");
        // The recommender is asked as users ask it; the baselines rank the same candidates.
        var baselines = new[] { MatchmakingIndex.Ranker.MostConnected, MatchmakingIndex.Ranker.FieldMatch };
        var hits = new double[1 + baselines.Length];
        var gains = new double[1 + baselines.Length];
        var timings = new List<double>();
        foreach (var (forId, relevant, _) in queries)
        {
            var query = new PartnerQuery(forId, ExcludeExisting: true, Limit: K);
            var started = Stopwatch.GetTimestamp();
            var recommended = index.RecommendPartners(query).Select(r => r.OrganizationId).ToList();
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            using var request = index.Prepare(query);
            for (var r = 0; r <= baselines.Length; r++)
            {
                var ranked = r == 0 ? recommended : index.Rank(request, baselines[r - 1]).Take(K).Select(s => index.Ids[s.Organization]).ToList();
                hits[r] += RankingMetrics.HitAt(ranked, relevant, K);
                gains[r] += RankingMetrics.NdcgAt(ranked, relevant, K);
            }
        }
        var n = Math.Max(1, queries.Count);
        string[] names = ["recommender", "most-connected-first", "field-match-only"];
        return new MatchmakingEvaluationReport(
            preset.Name, seed, holdout, index.OrganizationCount, hiddenLinks,
            queries.Count(q => q.Pairing), queries.Count(q => !q.Pairing),
            names.Select((name, r) => new MethodQuality(name, Math.Round(hits[r] / n, 4), Math.Round(gains[r] / n, 4))).ToList(),
            Math.Round(RankingMetrics.Percentile(timings, 50), 3), Math.Round(RankingMetrics.Percentile(timings, 99), 3));
    }

    static bool Hidden(string linkId, ulong seed, double holdout) => Hash(linkId, seed) < holdout * ulong.MaxValue;

    // FNV-1a over the text, seeded, then a final mix (splitmix64): stable across runs and machines, unlike string.GetHashCode.
    static ulong Hash(string text, ulong seed)
    {
        var hash = 14695981039346656037UL ^ seed;
        foreach (var c in text) hash = (hash ^ c) * 1099511628211UL;
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }
}
