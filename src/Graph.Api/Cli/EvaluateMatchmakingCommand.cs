using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Synthetic;
using KnowledgeGraph.Synthetic.Evaluation;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>evaluate-matchmaking --preset province --seed N [--holdout 0.2]</c>: generates a graph in memory, hides a share of
/// its pairings and won challenges, and reports hit rate and NDCG at 10 of the recommender and of two baselines, with
/// the recommender's median and 99th-percentile time per query (<see cref="MatchmakingEvaluation"/>).
/// </summary>
public static class EvaluateMatchmakingCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "tiny, province or country", DefaultValueFactory = _ => "province" };
        var seed = new Option<ulong>("--seed") { Description = "the generator's seed", DefaultValueFactory = _ => 1 };
        var holdout = new Option<double>("--holdout") { Description = "the share of pairings and won challenges to hide (0–1)", DefaultValueFactory = _ => 0.2 };
        var queries = new Option<int>("--queries") { Description = "the most enterprises to ask, and the most challenges", DefaultValueFactory = _ => 1000 };
        var command = new Command("evaluate-matchmaking", "Measure matchmaking offline on a generated graph: hit rate and NDCG at 10 against two baselines.")
        {
            preset, seed, holdout, queries,
        };
        command.SetAction((parse, _) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var name = parse.GetValue(preset);
                var chosen = SyntheticPreset.Find(name)
                    ?? throw new InvalidInputException($"--preset: '{name}' is not one of {string.Join(", ", SyntheticPreset.All.Select(p => p.Name))}");
                var report = MatchmakingEvaluation.Run(chosen, parse.GetValue(seed), parse.GetValue(holdout), parse.GetValue(queries), line => output.WriteLine(line));
                output.WriteLine(Format(report));
                return Task.FromResult(0);
            }
            catch (DomainException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{e.Code}: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    /// <summary>The report as a Markdown table, as README shows it.</summary>
    public static string Format(MatchmakingEvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new System.Text.StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"preset {report.Preset}, seed {report.Seed}, holdout {report.Holdout}: {report.Organizations:N0} organisations, {report.HiddenLinks:N0} links hidden");
        text.AppendLine(invariant, $"queries: {report.PairingQueries} enterprises (hidden pairings), {report.ChallengeQueries} challenges (hidden winners)");
        text.AppendLine("| method | hit rate@10 | NDCG@10 |");
        text.AppendLine("|---|---|---|");
        foreach (var method in report.Methods)
            text.AppendLine(invariant, $"| {method.Method} | {method.HitRateAt10:0.000} | {method.NdcgAt10:0.000} |");
        text.Append(invariant, $"recommendPartners (limit 10): median {report.MedianMs:0.00} ms, p99 {report.P99Ms:0.00} ms");
        return text.ToString();
    }
}
