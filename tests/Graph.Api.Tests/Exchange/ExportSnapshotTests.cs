using System.Globalization;
using System.Text.RegularExpressions;

namespace KnowledgeGraph.Api.Tests.Exchange;

/// <summary>
/// <c>export</c> while the service commits writes: each export is the graph at the one data version it names, never a
/// mix of two. Every write is a batch of a university and a pairing link to it, so an export that read the nodes
/// before a commit and the links after it (or the reverse) holds a university without its link or a link without its
/// university, and one that read at two versions holds a set of batches other than those committed by its version.
/// </summary>
public sealed partial class ExportSnapshotTests : IDisposable
{
    private static readonly string Editor = KnowledgeGraphApplication.TokenFor("editor");
    private const string Enterprise = "91450204MA5K00013L";
    private readonly ExchangeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task AnExportTakenWhileWritesCommitIsTheGraphAtTheDataVersionItNames()
    {
        await using var app = new KnowledgeGraphApplication();
        var seeded = await app.PostAsync($$"""mutation { upsertEnterprise(input: { creditCode: "{{Enterprise}}", name: "柳州示例精工机械有限公司" }) { dataVersion } }""", token: Editor);
        Assert.Empty(seeded.Errors);

        // batch number → the data version its commit was acknowledged at
        var committed = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                var response = await app.PostAsync("""
                    mutation($operations: [BatchOperationInput!]!) { applyBatch(operations: $operations) { dataVersion } }
                    """, new
                {
                    operations = new object[]
                    {
                        new { upsertUniversity = new { key = $"snapshot-{i}", name = $"快照测试大学{i}" } },
                        new { linkPairedWith = new { from = $"Enterprise:{Enterprise}", to = $"University:snapshot-{i}", startDate = "2024-01-01" } },
                    },
                }, token: Editor);
                Assert.Empty(response.Errors);
                committed[i] = response.Data!["applyBatch"]!["dataVersion"]!.GetValue<long>();
            }
        });

        var exports = new List<(long Version, HashSet<int> Universities, HashSet<int> Links, int CommittedBefore)>();
        for (var n = 0; n < 4; n++)
        {
            while (committed.Count < 3 * (n + 1) && !writer.IsCompleted)
                await Task.Delay(10);
            if (writer.IsFaulted)
                await writer;
            var before = committed.Count;
            var folder = _workspace.PathOf($"export-{n}");
            var run = await ExchangeWorkspace.RunAsync(app.DatabasePath, "export", folder);
            Assert.True(run.ExitCode == 0, run.Error);
            var version = long.Parse(DataVersion().Match(run.Output).Groups[1].Value, CultureInfo.InvariantCulture);
            exports.Add((version, Batches(folder, "nodes"), Batches(folder, "links"), before));
        }
        await stop.CancelAsync();
        await writer;

        // The writer kept committing while the exports ran, so the exports saw different versions.
        Assert.True(committed.Count > exports[^1].CommittedBefore, "no write committed during the last export");
        Assert.True(exports.Select(e => e.Version).Distinct().Count() > 1);
        foreach (var (version, universities, links, _) in exports)
        {
            var expected = committed.Where(c => c.Value <= version).Select(c => c.Key).ToHashSet();
            Assert.Equal(expected.Order(), universities.Order());
            Assert.Equal(expected.Order(), links.Order());
        }
    }

    // The batch numbers of the snapshot-N universities, or of the links to them, in an exported folder's CSV files.
    private static HashSet<int> Batches(string folder, string part) =>
        Directory.EnumerateFiles(Path.Combine(folder, part), "*.csv")
            .SelectMany(File.ReadLines)
            .SelectMany(line => BatchKey().Matches(line).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)))
            .ToHashSet();

    [GeneratedRegex(@"\(data version (\d+)\)")]
    private static partial Regex DataVersion();

    [GeneratedRegex(@"snapshot-(\d+)\b")]
    private static partial Regex BatchKey();
}
