using System.Diagnostics;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Bench;

/// <summary>
/// The refresh after one write, for the views that follow the journal: on a copy of a preset's file, the collaboration
/// projection and the matchmaking index are built once, then each write goes through the write path (rules, store
/// transaction, journal entry) and the time is taken from its commit until each view answers at the new data version —
/// the projection after applying the entry, the index after applying it and taking the ties the projection re-derived.
/// Then the same for writes of another process (a writer that tells no view): the time a view takes to catch up from
/// the journal when next asked.
/// </summary>
internal static class ViewRefreshBenchmark
{
    static readonly Actor Writer = new("bench", ["editor"]);

    public static Task RunAsync(string file, HomeProvince home, int writes) =>
        StoreCopy.RunAsync(file, "-views", copy => RunOnAsync(copy, home, writes));

    static async Task RunOnAsync(string file, HomeProvince home, int writes)
    {
        await using var store = new SqliteGraphStore(SqliteStoreOptions.ForFile(file));
        await store.InitializeAsync();
        var counts = await store.CountAsync();
        Console.WriteLine($"views on {Path.GetFileName(file)}: {counts.NodeTotal:N0} nodes, {counts.LinkTotal:N0} links; load average {Machine.LoadAverage()}");

        using var projection = new CollaborationProjectionView(home);
        using var index = new MatchmakingIndexView(cancellationToken => projection.GetAsync(store, cancellationToken), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        await projection.GetAsync(store, default);
        Console.WriteLine($"  projection build {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        await index.IndexAsync(store, default);
        Console.WriteLine($"  index build {clock.Elapsed.TotalSeconds:F1} s");

        var sample = new Sample(new Random(5));
        await sample.ReadAsync(store);
        var commit = new CommitClock();
        var projectionApplied = new Applied(projection, commit);
        var indexApplied = new Applied(index, commit);
        using var ours = new GraphWriter(store, [commit, projectionApplied, indexApplied]);

        var times = new Dictionary<string, (List<double> Projection, List<double> Index)>(StringComparer.Ordinal);
        for (var i = 0; i < writes + writes / 10; i++)
        {
            var (kind, request) = sample.Next(Writer);
            var result = await ours.WriteAsync(request);
            var read = Stopwatch.GetTimestamp();
            await projection.GetAsync(store, default);
            var projectionTime = projectionApplied.Elapsed + Stopwatch.GetElapsedTime(read).TotalMilliseconds;
            read = Stopwatch.GetTimestamp();
            await index.IndexAsync(store, default);
            var indexTime = indexApplied.Elapsed + Stopwatch.GetElapsedTime(read).TotalMilliseconds;
            if (!projection.IsCurrentAt(result.DataVersion) || !index.IsCurrentAt(result.DataVersion))
                throw new InvalidOperationException($"a view is not at data version {result.DataVersion} after the write");
            // The first tenth warms up.
            if (i < writes / 10) continue;
            if (!times.TryGetValue(kind, out var kindTimes)) times[kind] = kindTimes = ([], []);
            kindTimes.Projection.Add(projectionTime);
            kindTimes.Index.Add(indexTime);
        }
        Console.WriteLine($"  this process's writes, from commit until the view answers at the new data version ({writes:N0} writes, {string.Join(", ", times.Keys)}):");
        Report("projection", times.Values.SelectMany(t => t.Projection));
        Report("matchmaking index", times.Values.SelectMany(t => t.Index));
        foreach (var (kind, (projectionTimes, indexTimes)) in times)
        {
            Report($"projection, {kind}", projectionTimes);
            Report($"matchmaking index, {kind}", indexTimes);
        }

        using var theirs = new GraphWriter(store, []);
        var caughtUp = (Projection: new List<double>(), Index: new List<double>());
        for (var i = 0; i < writes / 2; i++)
        {
            var (_, request) = sample.Next(Writer);
            await theirs.WriteAsync(request);
            var start = Stopwatch.GetTimestamp();
            await projection.GetAsync(store, default);
            caughtUp.Projection.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            await index.IndexAsync(store, default);
            caughtUp.Index.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Console.WriteLine($"  another process's writes, the view catching up from the journal when next asked ({writes / 2:N0} writes):");
        Report("projection", caughtUp.Projection);
        Report("matchmaking index (after the projection)", caughtUp.Index);
        Console.WriteLine($"  builds: projection {projection.Counts.Builds}, index {index.Counts.Builds}; load average after {Machine.LoadAverage()}");
    }

    /// <summary>Prints the p50, p99 and max of timings in milliseconds.</summary>
    internal static void Report(string name, IEnumerable<double> values)
    {
        var times = values.Order().ToArray();
        double Percentile(double p) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(p * times.Length) - 1)];
        Console.WriteLine($"    {name,-52} p50 {Percentile(0.5),8:F2} ms   p99 {Percentile(0.99),8:F2} ms   max {times[^1],8:F2} ms   ({times.Length:N0})");
    }

    // The first observer the writer tells: the moment the entry committed.
    sealed class CommitClock : IJournalObserver
    {
        public long At { get; private set; }

        public Task AppliedAsync(JournalEntry entry)
        {
            At = Stopwatch.GetTimestamp();
            return Task.CompletedTask;
        }
    }

    // A view, and how long after the commit it had applied the entry.
    sealed class Applied(IJournalObserver view, CommitClock commit) : IJournalObserver
    {
        public double Elapsed { get; private set; }

        public async Task AppliedAsync(JournalEntry entry)
        {
            await view.AppliedAsync(entry);
            Elapsed = Stopwatch.GetElapsedTime(commit.At).TotalMilliseconds;
        }
    }

    // Writes of the kinds that touch the views, between organisations, projects and consortia of the file.
    sealed class Sample(Random random)
    {
        readonly List<string> _enterprises = [];
        readonly List<string> _academics = [];
        readonly List<string> _projects = [];
        readonly List<string> _consortia = [];
        readonly List<Node> _universities = [];
        int _next;

        public async Task ReadAsync(IGraphStore store)
        {
            await Reservoir(store, NodeKind.Enterprise, 5_000, n => _enterprises.Add(n.Id));
            await Reservoir(store, NodeKind.University, 2_000, n => { _academics.Add(n.Id); _universities.Add(n); });
            await Reservoir(store, NodeKind.ResearchInstitute, 2_000, n => _academics.Add(n.Id));
            await Reservoir(store, NodeKind.Project, 2_000, n => _projects.Add(n.Id));
            await Reservoir(store, NodeKind.Consortium, 500, n => _consortia.Add(n.Id));
        }

        async Task Reservoir(IGraphStore store, NodeKind kind, int size, Action<Node> add)
        {
            var kept = new List<Node>();
            var seen = 0;
            await foreach (var node in store.ScanNodesAsync(kind))
            {
                if (kept.Count < size) kept.Add(node);
                else if (random.Next(++seen) < size) kept[random.Next(size)] = node;
            }
            kept.ForEach(add);
        }

        T Any<T>(List<T> list) => list[random.Next(list.Count)];

        public (string Kind, WriteRequest Request) Next(Actor actor)
        {
            var key = $"bench-{_next++}";
            var day = new DateOnly(2026, 1 + random.Next(12), 1);
            (string Kind, string Operation, WriteOperation Write) write = (_next % 5) switch
            {
                0 => ("technology contract", "linkTransfers", Link(LinkType.Transfers, Any(_academics), Any(_enterprises), key, day)),
                1 => ("pairing", "linkPairedWith", Link(LinkType.PairedWith, Any(_enterprises), Any(_academics), key, day)),
                2 => ("project participation", "linkParticipatesIn", Link(LinkType.ParticipatesIn, Any(_enterprises), Any(_projects), key, day)),
                3 => ("consortium member", "linkMemberOf", Link(LinkType.MemberOf, Any(_enterprises), Any(_consortia), key, day)),
                _ => ("a university's fields", "patchUniversity", Fields(Any(_universities))),
            };
            return (write.Kind, WriteRequest.Of(actor, write.Operation, [write.Write]));
        }

        static WriteOperation.UpsertLink Link(LinkType type, string from, string to, string key, DateOnly day) =>
            new WriteOperation.UpsertLink(new LinkInput(type, from, to, key, day, null, "bench"));

        WriteOperation.PatchNode Fields(Node university)
        {
            var codes = KnowledgeGraph.Domain.Reference.TechnologyFields.All;
            string[] fields = [codes[random.Next(codes.Count)].Code, codes[random.Next(codes.Count)].Code];
            return new WriteOperation.PatchNode(university.Id, new NodePatch(null, null, null, PropertyBag.Of(("fields", fields.Distinct().ToArray())), []));
        }
    }
}
