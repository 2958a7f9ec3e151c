using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Synthetic;

namespace KnowledgeGraph.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Graph.Bench -- [import|queries|all|generate|micro|stores|views|index-memory|aggregates|cases|build|scans|rule-check] [--preset country] [--seed 42] [--data .data/bench] [--rebuild]</c>.
/// <c>import</c> builds the SQLite file of a preset from the generator stream (once; <c>--rebuild</c> builds it again),
/// <c>queries</c> measures the store's reads on it in a fresh process, <c>all</c> does both, <c>generate</c> times the generator alone, <c>micro</c> runs the
/// BenchmarkDotNet suite of single reads on the file, <c>stores --neo4j http://127.0.0.1:7474</c> the same reads on the file and on a Neo4j holding
/// the same graph, side by side, <c>views [--writes 400]</c> the refresh of the collaboration projection and the matchmaking index
/// after one write, <c>index-memory</c> the matchmaking index's build time and peak and steady memory, <c>aggregates [--calls 20] [--path store|service]</c> the aggregations by region and year, grouped in SQL or in the service,
/// <c>cases [--cases 200]</c> a generated year of casework (一企一员一案) and the p99 of "my cases" and of the dispatch table,
/// <c>build</c> the collaboration projection's build from the file, phase by phase in CPU seconds,
/// <c>scans [--scan-mmap 0]</c> the scans of every node and link a view's build reads, unmapped or mapped,
/// <c>rule-check [--runs 5]</c> the whole-store rule check that migrate and restore run, and its open-case and platform scans.
/// </summary>
internal static class BenchCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var presetName = Option(args, "--preset") ?? "country";
        var preset = SyntheticPreset.Find(presetName);
        if (preset is null || !ulong.TryParse(Option(args, "--seed") ?? "42", out var seed))
        {
            Console.Error.WriteLine($"Unknown preset '{presetName}' (tiny, province, country) or bad seed.");
            return 2;
        }
        var folder = Option(args, "--data") ?? Path.Combine(".data", "bench");
        Directory.CreateDirectory(folder);
        var file = Path.GetFullPath(Path.Combine(folder, $"{preset.Name}-{seed}.db"));
        var rebuild = args.Contains("--rebuild");

        switch (command)
        {
            case "import":
                await ImportBenchmark.RunAsync(preset, seed, file, rebuild);
                return 0;
            case "queries":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await QueryBenchmark.RunAsync(file);
                return 0;
            case "all":
                await ImportBenchmark.RunAsync(preset, seed, file, rebuild);
                await QueryBenchmark.RunAsync(file);
                return 0;
            case "generate":
                ImportBenchmark.Generate(preset, seed);
                return 0;
            case "stores":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await StoreComparisonBenchmark.RunAsync(file, new Uri(Option(args, "--neo4j") ?? "http://127.0.0.1:7474"));
                return 0;
            case "views":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await ViewRefreshBenchmark.RunAsync(file, new HomeProvince(preset.HomeProvince), int.TryParse(Option(args, "--writes"), out var writes) ? writes : 400);
                return 0;
            case "index-memory":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await IndexMemoryBenchmark.RunAsync(file, new HomeProvince(preset.HomeProvince));
                return 0;
            case "aggregates":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await AggregateBenchmark.RunAsync(file, new HomeProvince(preset.HomeProvince), int.TryParse(Option(args, "--calls"), out var calls) ? calls : 20,
                    inService: Option(args, "--path") == "service");
                return 0;
            case "cases":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await CaseworkBenchmark.RunAsync(file, new HomeProvince(preset.HomeProvince), int.TryParse(Option(args, "--cases"), out var cases) ? cases : 200);
                return 0;
            case "build":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await ProjectionBuildBenchmark.RunAsync(file, new HomeProvince(preset.HomeProvince));
                return 0;
            case "scans":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await ScanBenchmark.RunAsync(file, long.TryParse(Option(args, "--scan-mmap"), out var scanMmap) ? scanMmap : 0);
                return 0;
            case "rule-check":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                await RuleCheckBenchmark.RunAsync(file, int.TryParse(Option(args, "--runs"), out var runs) ? runs : 5);
                return 0;
            case "micro":
                if (!File.Exists(file)) await ImportBenchmark.RunAsync(preset, seed, file, rebuild: true);
                MicroBenchmarks.Run(file);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown benchmark '{command}' (import, queries, all, generate, micro, stores, views, index-memory, aggregates, cases, build, scans, rule-check).");
                return 2;
        }
    }

    static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
