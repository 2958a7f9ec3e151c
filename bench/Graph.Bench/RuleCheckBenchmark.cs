using System.Diagnostics;
using System.Globalization;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// What <c>migrate</c> and <c>restore</c> spend judging a whole store before they copy or replace anything
/// (<see cref="PolicyWriteRules.CheckStoreAsync"/>), on a copy of the preset's file: the whole check, and the two scans in it
/// that the open cases (every enterprise) and the filing rounds and filed institutions (every platform) need, each the median
/// of <c>runs</c> runs after one warm-up.
/// </summary>
internal static class RuleCheckBenchmark
{
    public static Task RunAsync(string file, int runs) =>
        StoreCopy.RunAsync(file, "-rules", async copy =>
        {
            await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(copy));
            await store.InitializeAsync();
            Console.WriteLine($"rule check of {Path.GetFileName(file)}, median of {runs} runs, load average {Machine.LoadAverage()}");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var problems = 0;
            var check = await MedianAsync(runs, async () => problems = (await PolicyWriteRules.CheckStoreAsync(store, today, CancellationToken.None)).Count);
            long enterprises = 0, open = 0;
            var cases = await MedianAsync(runs, async () =>
            {
                enterprises = open = 0;
                await foreach (var node in store.ScanNodesAsync(NodeKind.Enterprise))
                {
                    enterprises++;
                    if (Cases.IsOpen(node.Properties)) open++;
                }
            });
            long platforms = 0, applied = 0, filed = 0;
            var rounds = await MedianAsync(runs, async () =>
            {
                platforms = applied = filed = 0;
                await foreach (var node in store.ScanNodesAsync(NodeKind.Platform))
                {
                    platforms++;
                    if (node.Properties.Text("filingRound") is not null) applied++;
                    if (PolicyWriteRules.IsFiledInstitution(node.Properties)) filed++;
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CheckStoreAsync: {check.TotalMilliseconds:F0} ms ({problems} broken rules)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  open-case scan: {cases.TotalMilliseconds:F0} ms over {enterprises:N0} enterprises ({open:N0} open cases)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  platform scan (filing rounds, filed institutions, centres): {rounds.TotalMilliseconds:F0} ms over {platforms:N0} platforms ({applied:N0} applied in a round, {filed:N0} filed)"));
            Console.WriteLine($"  load average after {Machine.LoadAverage()}");
        });

    static async Task<TimeSpan> MedianAsync(int runs, Func<Task> run)
    {
        await run();
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(start));
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
