using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Synthetic.Evaluation;

namespace KnowledgeGraph.Synthetic.Tests.Evaluation;

/// <summary>The metrics of the offline evaluation on hand-made lists, and the evaluation on the tiny preset.</summary>
public sealed class MatchmakingEvaluationTests
{
    static readonly string[] Ranked = ["a", "b", "c", "d"];

    [Fact]
    public void HitRateCountsAnyRelevantItemInTheFirstK()
    {
        Assert.Equal(1, RankingMetrics.HitAt(Ranked, new HashSet<string> { "c" }, 3));
        Assert.Equal(0, RankingMetrics.HitAt(Ranked, new HashSet<string> { "d" }, 3));
        Assert.Equal(0, RankingMetrics.HitAt(Ranked, new HashSet<string> { "x" }, 10));
    }

    [Fact]
    public void NdcgDiscountsByLogOfTheRank()
    {
        // One relevant item at rank 2: (1 / log2 3) / 1.
        Assert.Equal(1 / Math.Log2(3), RankingMetrics.NdcgAt(Ranked, new HashSet<string> { "b" }, 10), 12);
        // Relevant at ranks 1 and 3: (1 + 1/2) / (1 + 1/log2 3).
        Assert.Equal(1.5 / (1 + 1 / Math.Log2(3)), RankingMetrics.NdcgAt(Ranked, new HashSet<string> { "a", "c" }, 10), 12);
        Assert.Equal(1, RankingMetrics.NdcgAt(Ranked, new HashSet<string> { "a" }, 10));
        Assert.Equal(0, RankingMetrics.NdcgAt(Ranked, new HashSet<string> { "d" }, 3));
    }

    [Fact]
    public void PercentilesUseTheNearestRank()
    {
        double[] values = [5, 1, 4, 2, 3];
        Assert.Equal(3, RankingMetrics.Percentile(values, 50));
        Assert.Equal(5, RankingMetrics.Percentile(values, 99));
    }

    [Fact]
    public void TheEvaluationRunsOnTheTinyPresetAndReportsEveryMethod()
    {
        var report = MatchmakingEvaluation.Run(SyntheticPreset.Tiny, 7, 0.2);

        Assert.Equal(["recommender", "most-connected-first", "field-match-only"], report.Methods.Select(m => m.Method));
        Assert.True(report.PairingQueries > 0);
        Assert.True(report.HiddenLinks > 0);
        Assert.All(report.Methods, m =>
        {
            Assert.InRange(m.HitRateAt10, 0, 1);
            Assert.InRange(m.NdcgAt10, 0, m.HitRateAt10);
        });
        Assert.Equal(report.Methods, MatchmakingEvaluation.Run(SyntheticPreset.Tiny, 7, 0.2).Methods);
    }
}
