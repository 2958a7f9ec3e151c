using System.Diagnostics;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// A generated year of 一企一员一案 casework on a copy of a preset's file, every step through the write path: in each city
/// of the home province, cases for enterprises on a list (one officer per ten cases), visits each quarter (one in five
/// skipped, so some fall overdue), the next year's figures (R&amp;D spending down for about a third: warnings), a second
/// visit that agrees actions, and an attempt to close each case at the year's end (refused unless the data allows).
/// Then the p50/p99 of "my cases" (an officer's cases in their city) and of the quarterly dispatch table of the province.
/// </summary>
internal static class CaseworkBenchmark
{
    static readonly Actor Staff = new("bench", ["editor", "analyst"]);
    const int Year = 2026;

    public static Task RunAsync(string file, HomeProvince home, int casesPerCity) =>
        StoreCopy.RunAsync(file, "-cases", copy => RunOnAsync(copy, home, casesPerCity));

    static async Task RunOnAsync(string file, HomeProvince home, int casesPerCity)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        var counts = await store.CountAsync();
        Console.WriteLine($"casework on {Path.GetFileName(file)}: {counts.NodeTotal:N0} nodes, {counts.LinkTotal:N0} links; load average {Machine.LoadAverage()}");
        using var writer = new GraphWriter(store, []);
        var work = new CaseWork(writer, Staff);
        var report = new PolicyIndicatorReport(store);
        var random = new Random(7);

        // Enterprises of each city with figures, in id order.
        var byCity = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        await foreach (var e in store.ScanNodesAsync(NodeKind.Enterprise))
        {
            var region = e.Properties.Text("region");
            if (!home.Contains(region) || EnterpriseFigures.For(e.Properties, null) is null || Regions.Chain(region).FirstOrDefault(r => r.Level == RegionLevel.City) is not { } city) continue;
            if (!byCity.TryGetValue(city.Code, out var list)) byCity[city.Code] = list = [];
            list.Add(e);
        }

        var clock = Stopwatch.StartNew();
        var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        async Task<T> Timed<T>(string step, Func<Task<T>> action)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                return await action();
            }
            finally
            {
                if (!steps.TryGetValue(step, out var times)) steps[step] = times = [];
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        var cases = new List<(string City, Node Enterprise, string Officer)>();
        foreach (var (city, enterprises) in byCity.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var bureau = new NodeInput(NodeKind.GovernmentBody, $"bench-kjj-{city}", $"{Regions.Find(city)!.Name}科学技术局",
                Properties: PropertyBag.Of(("region", city), ("level", "City")));
            await writer.WriteAsync(WriteRequest.Of(Staff, "bench", [new WriteOperation.UpsertNode(bureau)]));
            var opened = 0;
            foreach (var enterprise in enterprises.OrderBy(e => e.Id, StringComparer.Ordinal))
            {
                if (opened == casesPerCity) break;
                if ((await report.ListsOfAsync(enterprise, new DateOnly(Year, 1, 1))).All(l => !Cases.IsCaseList(l))) continue;
                var officer = $"bench-officer-{city}-{opened / 10:D3}";
                var on = new DateOnly(Year, 1, 1).AddDays(random.Next(0, 80));
                await Timed("openCase", () => work.OpenAsync(enterprise.Id, new CaseOfficerInput(officer, $"联络专员{opened / 10 + 1}", bureau.Id, "0771-0000000"), null, on));
                cases.Add((city, enterprise, officer));
                opened++;
            }
        }
        Console.WriteLine($"  opened {cases.Count:N0} cases in {byCity.Count} cities ({casesPerCity} a city at most)");

        var closed = 0;
        foreach (var (_, enterprise, _) in cases)
        {
            var info = await work.GetAsync(enterprise.Id);
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                if (random.Next(5) == 0) continue;
                var on = new DateOnly(Year, quarter * 3 - 1, 1 + random.Next(0, 27));
                if (on < info.OpenedOn) continue;
                await Timed("recordCaseVisit", () => work.RecordVisitAsync(enterprise.Id, new CaseVisit(on, "了解研发投入与平台建设情况", [], null)));
            }
            // The next year's figures: R&D spending down for about a third, up for the rest.
            var latest = EnterpriseFigures.For(info.Enterprise.Properties, null)!;
            var spend = latest.RdExpenditure ?? 0m;
            var next = latest with { Year = latest.Year + 1, RdExpenditure = random.Next(3) == 0 ? Math.Round(spend * 0.6m, 2) : Math.Round(spend * 1.2m + 10m, 2), AboveDesignatedSize = null };
            await Timed("setEnterpriseFigures", () => new EnterpriseFiguresWorkflow(writer, Staff).SetAsync(enterprise.Id, next));
            await Timed("recordCaseVisit", () => work.RecordVisitAsync(enterprise.Id, new CaseVisit(new DateOnly(Year, 11, 20), "复核年度数据", ["落实研发费用归集"], new DateOnly(Year, 12, 20))));
            try
            {
                await Timed("closeCase", () => work.CloseAsync(enterprise.Id, new DateOnly(Year, 12, 28)));
                closed++;
            }
            catch (RuleViolationException)
            {
                // Still on its list: 销号 refused, as intended.
            }
        }
        var stages = (await work.ListAsync(home.Code)).GroupBy(c => c.Stage).OrderBy(g => g.Key).Select(g => $"{Cases.Chinese(g.Key)} {g.Count():N0}");
        Console.WriteLine($"  a year of casework in {clock.Elapsed.TotalSeconds:F1} s: {closed:N0} closed; stages now {string.Join(", ", stages)}");
        foreach (var (step, times) in steps)
            Report($"write: {step}", times);

        // Warm up, then time.
        var officers = cases.Select(c => (c.City, c.Officer)).Distinct().ToList();
        for (var i = 0; i < 5; i++)
        {
            await work.ListAsync(officers[i % officers.Count].City, officerKey: officers[i % officers.Count].Officer);
            await work.DispatchAsync(home.Code, Year, 1 + i % 4);
        }
        var mine = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var (city, officer) = officers[random.Next(officers.Count)];
            var start = Stopwatch.GetTimestamp();
            await work.ListAsync(city, officerKey: officer);
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Report("my cases (an officer's cases in their city)", mine);
        var dispatch = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var table = await work.DispatchAsync(home.Code, Year, 1 + i % 4);
            dispatch.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (i == 0) Console.WriteLine($"  dispatch table of {home.Region.Name}, Q1: {table.Rows.Count} rows, {table.Rows[0].OpenAtEnd:N0} open at the end");
        }
        Report("quarterly dispatch table (province, 区—市—县)", dispatch);
        Console.WriteLine($"  load average after {Machine.LoadAverage()}");
    }

    static void Report(string name, IEnumerable<double> values) => ViewRefreshBenchmark.Report(name, values);
}
