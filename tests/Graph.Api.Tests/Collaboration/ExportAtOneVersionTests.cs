using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Tests.Collaboration;

/// <summary>
/// A network export is one version of the graph: the organisations' names and identifiers are those of the data
/// version its ties were selected at, even when writes rename organisations while the file is being written.
/// </summary>
public sealed class ExportAtOneVersionTests
{
    static readonly string Editor = KnowledgeGraphApplication.TokenFor("editor");

    // More organisations than one chunk of names (2,000) times three, so the export names them in several store calls
    // and, as the client reads slowly, the later chunks are named after the renames below have committed.
    const int Universities = 6_500;

    [Fact]
    public async Task RenamesCommittedDuringAnExportDoNotShowInIt()
    {
        await using var app = new KnowledgeGraphApplication();
        await app.Store.WriteAsync(new WriteBatch(Enumerable.Range(0, Universities)
            .Select(i => (WriteOperation)new WriteOperation.UpsertNode(University(i, $"示例大学{i:D5}")))
            .ToList()));
        var renamed = new[] { Universities - 1, Universities - 2_000, Universities - 3_500 };

        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/export/network-nodes.csv?organizationKinds=University", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        // The header and the first rows are out: the ties are selected, the first chunk named; the rest waits for the reader.
        var head = await reader.ReadLineAsync();
        Assert.StartsWith("id,name,", head, StringComparison.Ordinal);

        foreach (var i in renamed)
        {
            var write = await app.PostAsync("""
                mutation($operations: [BatchOperationInput!]!) { applyBatch(operations: $operations) { dataVersion } }
                """, new { operations = new[] { new { upsertUniversity = new { key = Key(i), name = $"更名大学{i:D5}", region = "450200" } } } }, token: Editor);
            Assert.Empty(write.Errors);
        }

        var rows = NetworkExportTests.ReadCsv(head + "\n" + await reader.ReadToEndAsync());
        Assert.Equal(Universities + 1, rows.Count);
        // Every row as of the version before the renames.
        Assert.All(rows.Skip(1), row => Assert.Equal($"示例大学{int.Parse(row[0][(row[0].LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture):D5}", row[1]));

        // The next export is of the version after them.
        using var after = await client.GetAsync(new Uri("/export/network-nodes.csv?organizationKinds=University", UriKind.Relative));
        var names = NetworkExportTests.ReadCsv(await after.Content.ReadAsStringAsync()).Skip(1).ToDictionary(row => row[0], row => row[1]);
        foreach (var i in renamed) Assert.Equal($"更名大学{i:D5}", names[$"University:{Key(i)}"]);
    }

    static string Key(int i) => $"export-u-{i}";

    static NodeInput University(int i, string name) =>
        new(NodeKind.University, Key(i), name, Properties: PropertyBag.Of(("region", "450200")));
}
