using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>
/// Thousands of documents, from a fixed seed: real operations, the same operations damaged at random, and the known bombs
/// (fragment chains, repeated fields, nested filters, deep nesting, huge lists, bad Unicode, out-of-range numbers), sent
/// to the built service running as a process on the sample data, four at a time. Every one is answered — none with a
/// 5xx (a request past its budget would be a TIMEOUT 503), none with a body that is not a GraphQL response, none later
/// than the budget — and the process's peak resident memory stays bounded.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_261_206;
    private const int Documents = 2_500;
    // The service's default request budget (GraphQL:RequestTimeout), and what an answer may take beyond it: reading the
    // body and writing the answer.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    // The run peaked at 224 MiB on the sample (the test prints it); a thousand aliases of the schema's introspection,
    // before they were costed, took one request's answer to half a gigabyte.
    private const long PeakResidentBytes = 1L << 30;

    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "kg-fuzz-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static readonly string[] Operations =
    [
        "{ dataVersion }",
        "{ enterprises(first: 5) { totalCount nodes { id name region { name } fields { code } } } }",
        "{ enterprises(first: 3, where: { region: { eq: \"450200\" } }, order: [{ name: DESC }]) { nodes { name } pageInfo { hasNextPage endCursor } } }",
        "{ universities(where: { fields: { some: { eq: \"machinery\" } } }) { nodes { name hostedPlatforms { nodes { name level } } } } }",
        "{ search(text: \"示例\", first: 5) { id name } }",
        "{ node(id: \"Enterprise:91450204MA5K00013L\") { id name ... on Enterprise { pairings { edges { node { name } link { startDate } } } } } }",
        "{ nodes(ids: [\"Region:450200\", \"Field:machinery\", \"Nope:1\"]) { id } }",
        "{ regions(first: 10) { nodes { code name parent { name } children { nodes { name } } } } }",
        "{ collaborators(of: \"Enterprise:91450204MA5K00013L\") { totalCount edges { node { name } } } }",
        "{ collaborationNetwork(where: { region: \"450000\" }) { statistics { density } } }",
        "{ rankings(metric: DEGREE, top: 5) { __typename } }",
        "{ recommendPartners(for: \"Enterprise:91450204MA5K00013L\", limit: 5) { score } }",
        "{ indicators(region: \"450000\", year: 2024) { indicator suppressed value } }",
        "{ challenges(first: 5, where: { status: { in: [PUBLISHED, APPLYING] } }) { nodes { name status } } }",
        "query Named($n: Int) { enterprises(first: $n) { totalCount } }",
        "mutation { upsertUniversity(input: { key: \"fuzz\", name: \"模糊测试大学\" }) { dataVersion } }",
        "{ __schema { types { name fields { name } } } }",
        "{ __type(name: \"Enterprise\") { fields { name type { name ofType { name } } } } }",
    ];

    private sealed record Fuzzed(string Description, byte[] Body);

    [Fact]
    public async Task NoDocumentGetsA5xxOrAnAnswerPastItsBudgetAndTheServiceStaysWithinItsMemory()
    {
        var random = new Random(Seed);
        var documents = Enumerable.Range(0, Documents).Select(i => Next(random, i)).ToList();
        var port = ServiceProcess.FreePort();
        using var service = ServiceProcess.Start(_directory, Path.Combine(_directory, "graph.db"), new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Auth__SigningKey"] = KnowledgeGraphApplication.SigningKey,
            ["Store__LoadSampleData"] = "true",
            // One client sends every document: the per-client rate limit would answer most of them with 429 unread.
            ["RateLimit__PermitsPerSecond"] = "0",
        });
        try
        {
            Assert.True(await service.WaitUntilLiveAsync(port), service.Output);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Budget + Grace + Grace };
            var failures = new List<string>();
            var slowest = TimeSpan.Zero;

            foreach (var batch in documents.Chunk(4))
            {
                var answers = await Task.WhenAll(batch.Select(document => SendAsync(client, document)));
                foreach (var (document, status, text, elapsed) in answers)
                {
                    slowest = elapsed > slowest ? elapsed : slowest;
                    if (status >= 500 || !IsGraphQLResponse(text))
                        failures.Add($"{document.Description}: {status} {text[..Math.Min(300, text.Length)]}");
                    else if (elapsed > Budget + Grace)
                        failures.Add($"{document.Description}: answered after {elapsed.TotalSeconds:0.0} s");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {Documents} (seed {Seed}):\n" + string.Join("\n", failures.Take(10)));
            var peak = PeakResidentBytesOf(service.Id);
            output.WriteLine($"{Documents} documents; the slowest answer took {slowest.TotalSeconds:0.0} s; the service peaked at {peak / (1 << 20)} MiB resident");
            Assert.True(peak <= PeakResidentBytes, $"the service peaked at {peak / (1 << 20)} MiB resident");
        }
        finally
        {
            await service.KillAsync();
        }
    }

    private static async Task<(Fuzzed Document, int Status, string Text, TimeSpan Elapsed)> SendAsync(HttpClient client, Fuzzed document)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(document.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Accept.ParseAdd("application/graphql-response+json");
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (document, (int)response.StatusCode, text, clock.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (document, 599, $"no answer after {clock.Elapsed.TotalSeconds:0.0} s: {e.Message}", clock.Elapsed);
        }
    }

    // VmHWM: the most memory the process has held resident since it started.
    private static long PeakResidentBytesOf(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static bool IsGraphQLResponse(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Array
                || json.RootElement.TryGetProperty("data", out _) || json.RootElement.TryGetProperty("errors", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Fuzzed Next(Random random, int index) => random.Next(10) switch
    {
        0 or 1 or 2 => Json($"#{index} operation", Pick(random, Operations)),
        3 or 4 => Json($"#{index} damaged operation", Damage(random, Pick(random, Operations))),
        5 or 6 or 7 => Bomb(random, index),
        8 => Raw($"#{index} damaged body", Damage(random, JsonSerializer.Serialize(new { query = Pick(random, Operations) }))),
        _ => Json($"#{index} operation with odd variables", "query Named($n: Int, $t: String!) { enterprises(first: $n) { totalCount } search(text: $t) { id } }",
            new Dictionary<string, object?> { ["n"] = Pick<object?>(random, [-1, 0, 501, int.MaxValue, "x", 1.5, null]), ["t"] = Pick(random, ["", "柳", "\u0000", "a\u202Eb", new string('广', 5000)]) }),
    };

    private static Fuzzed Bomb(Random random, int index)
    {
        var kind = random.Next(14);
        var description = $"#{index} bomb {kind}";
        switch (kind)
        {
            case 0:
                var n = random.Next(10, 64);
                var chain = new StringBuilder("query { ...F").Append(n).Append(" }\nfragment F0 on Query { dataVersion enterprises { totalCount } }\n");
                for (var i = 1; i <= n; i++)
                    chain.Append("fragment F").Append(i).Append(" on Query { ...F").Append(i - 1).Append(" ...F").Append(i - 1).Append(" }\n");
                return Json(description, chain.ToString());
            case 1:
                return Json(description, "{ " + string.Concat(Enumerable.Repeat("dataVersion ", random.Next(500, 30_000))) + "}");
            case 2:
                return Json(description, "{ " + string.Concat(Enumerable.Range(0, random.Next(100, 3_000)).Select(i => $"a{i}: enterprises(first: 500) {{ nodes {{ name }} }} ")) + "}");
            case 3:
                var depth = random.Next(1, 7);
                var filter = "{ name: { eq: \"x\" } }";
                for (var i = 0; i < depth; i++)
                    filter = $"{{ pairings: {{ some: {{ node: {filter} }} }} }}";
                return Json(description, $"{{ enterprises(where: {filter}) {{ totalCount }} }}");
            case 4:
                var levels = random.Next(20, 5_000);
                return Json(description, "query " + string.Concat(Enumerable.Repeat("{ enterprises { nodes ", levels)) + new string('}', levels * 2));
            case 5:
                var terms = string.Join(", ", Enumerable.Range(0, random.Next(100, 6_000)).Select(i => $"{{ name: {{ eq: \"n{i}\" }} }}"));
                return Json(description, $"{{ enterprises(where: {{ or: [{terms}] }}) {{ totalCount }} }}");
            case 6:
                return Json(description, $"{{ enterprises(order: [{string.Join(", ", Enumerable.Repeat("{ name: ASC }", random.Next(5, 2_000)))}]) {{ totalCount }} }}");
            case 7:
                return Json(description, Pick(random,
                [
                    "{ collaborationNetwork(where: { minWeight: 1e400 }) { statistics { density } } }",
                    "{ collaborationNetwork(where: { region: \"999999\" }) { statistics { density } } }",
                    "{ indicators(region: \"000000\", field: \"x\", year: 2024) { value } }",
                    "{ recommendPartners(for: \"Enterprise:91450204MA5K00013L\", limit: 1000000) { score } }",
                    "{ similarOrganizations(of: \"University:gxu\", limit: -5) { __typename } }",
                    "{ enterprises(first: 2147483647) { totalCount } }",
                    "{ enterprises(first: -1) { totalCount } }",
                    "subscription { dataVersion }",
                    "{ search(text: \"柳\\u0000工\") { id } }",
                ]));
            case 8:
                var utf8 = Encoding.UTF8.GetBytes("{\"query\":\"{ search(text: \\\"X\\\") { id } }\"}");
                utf8[Array.IndexOf(utf8, (byte)'X')] = (byte)random.Next(0x80, 0x100);
                return new(description, utf8);
            case 9:
                return Raw(description, "{\"query\":\"{ search(text: \\\"\\" + Pick(random, ["ud800", "udfff", "ud83d"]) + "\\\") { id } }\"}");
            case 10:
                return Raw(description, "[" + string.Join(",", Enumerable.Repeat(JsonSerializer.Serialize(new { query = "{ enterprises(first: 500) { nodes { name } } }" }), random.Next(2, 40))) + "]");
            case 11:
                return Raw(description, new string('[', random.Next(10, 100_000)) + new string(']', random.Next(0, 10)));
            case 12:
                return random.Next(2) == 0
                    ? Json(description, "{ " + string.Concat(Enumerable.Range(0, random.Next(10, 300)).Select(i => $"a{i}: __schema {{ types {{ fields {{ type {{ ofType {{ name }} }} }} }} }} ")) + "}")
                    : Json(description, "{ " + string.Concat(Enumerable.Range(0, random.Next(10, 990)).Select(i => $"a{i}: __schema {{ ...S }} ")) + "} "
                        + "fragment S on __Schema { types { name description fields { name description args { name description } } } }");
            default:
                return Json(description, "{ enterprises(first: 500) { nodes { pairings(first: 500) { nodes { ... on University { pairings(first: 500) { nodes { name } } } } } } } }");
        }
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Damage(Random random, string text)
    {
        var chars = new StringBuilder(text);
        for (var edits = random.Next(1, 6); edits > 0 && chars.Length > 0; edits--)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(4))
            {
                case 0: chars.Remove(at, 1); break;
                case 1: chars.Insert(at, Pick(random, ['{', '}', '(', ')', '"', '\\', '$', '@', '.', '\u0000', '\u202E', '柳', ':', ',', '[', ']'])); break;
                case 2: chars.Length = at; break;
                default: chars.Insert(at, chars.ToString(0, Math.Min(chars.Length, random.Next(1, 50)))); break;
            }
        }
        return chars.ToString();
    }

    private static Fuzzed Json(string description, string query, IDictionary<string, object?>? variables = null) =>
        new(description, JsonSerializer.SerializeToUtf8Bytes(new { query, variables }));

    private static Fuzzed Raw(string description, string body) => new(description, Encoding.UTF8.GetBytes(body));
}
