using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// The HTTP transport to Neo4j: builds the requests of the Query API (Neo4j 5.25 and later) or the transactional
/// endpoint (3.x to 5.x), sends them with the credentials and the time limit, and reads the answers: rows as JSON
/// arrays of column values, where a transaction lives, its bookmarks, and errors as exceptions (HTTP 503, an
/// unreachable server and NotALeader move <see cref="Neo4jRouting"/> on to the next server).
/// </summary>
internal sealed class Neo4jHttp(HttpClient http, Neo4jStoreOptions options, Neo4jRouting routing)
{
    static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    /// <summary>What an answer said besides its rows: the transaction's id, its cluster member, the bookmarks given.</summary>
    internal sealed record PostResponse(string? TransactionId, string? Affinity, IReadOnlyList<string> Bookmarks);

    /// <summary>A JSON object from an unauthenticated GET of a path on the current server.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(routing.Current, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            routing.FailOver(request.RequestUri);
            throw new Neo4jTransientException("HTTP 503", $"{request.RequestUri} is unavailable for now");
        }
        if (!response.IsSuccessStatusCode)
            throw new StoreUnavailableException($"Neo4j at {request.RequestUri} answered GET with HTTP {(int)response.StatusCode}.");
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Posts one statement (or none) to a transaction's address; returns the rows, where the transaction lives and
    /// the bookmarks Neo4j gave. A read is marked as one, so that a cluster can send it to any member rather than the
    /// leader: <c>accessMode</c> on the Query API, the <c>access-mode</c> header on the transactional endpoint of Neo4j
    /// 4.4 and later. Bookmarks, given to a request that begins a transaction, go in the Query API's body
    /// (<c>bookmarks</c>) or the transactional endpoint's <c>Bookmarks</c> header.
    /// </summary>
    public async Task<(IReadOnlyList<JsonElement> Rows, PostResponse Response)> PostAsync(
        Neo4jServer server, Uri target, string? statement, object? parameters, string? affinity, CancellationToken cancellationToken,
        TimeSpan? transactionTimeout = null, bool read = false, IReadOnlyList<string>? bookmarks = null)
    {
        bookmarks ??= [];
        object body;
        if (server.QueryApi)
        {
            var query = new Dictionary<string, object?>
            {
                ["statement"] = statement ?? "RETURN 1",
                ["parameters"] = parameters ?? new Dictionary<string, object?>(),
            };
            if (read) query["accessMode"] = "Read";
            if (bookmarks.Count > 0) query["bookmarks"] = bookmarks;
            body = query;
        }
        else
        {
            body = new
            {
                statements = statement is null
                    ? Array.Empty<object>()
                    : [new { statement, parameters = parameters ?? new Dictionary<string, object?>(), resultDataContents = new[] { "row" } }],
            };
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = JsonContent.Create(body, options: Neo4jJson.Options),
        };
        Authorize(request, affinity);
        if (read && !server.QueryApi && server.Version >= new Version(4, 4)) request.Headers.TryAddWithoutValidation("access-mode", "READ");
        if (bookmarks.Count > 0 && !server.QueryApi) request.Headers.TryAddWithoutValidation("Bookmarks", JsonSerializer.Serialize(bookmarks));
        if (transactionTimeout is { } limit)
            request.Headers.TryAddWithoutValidation("max-execution-time", ((long)limit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        ThrowOnErrors(json, response);

        var transactionId = server.QueryApi
            ? (json.TryGetProperty("transaction", out var transaction) ? Text(transaction, "id") : null)
            : response.Headers.Location?.Segments.LastOrDefault()?.Trim('/');
        var newAffinity = response.Headers.TryGetValues("neo4j-cluster-affinity", out var values) ? values.FirstOrDefault() : affinity;
        // The rows are elements of the parsed answer itself, read where they are, not copied.
        var rows = new List<JsonElement>();
        if (server.QueryApi)
        {
            if (json.TryGetProperty("data", out var data) && data.TryGetProperty("values", out var found) && found.ValueKind == JsonValueKind.Array)
                rows.AddRange(found.EnumerateArray());
        }
        else if (json.TryGetProperty("results", out var results) && results.GetArrayLength() > 0)
        {
            foreach (var item in results[0].GetProperty("data").EnumerateArray()) rows.Add(item.GetProperty("row"));
        }
        return (rows, new PostResponse(transactionId, newAffinity, BookmarksOf(json)));
    }

    /// <summary>Posts the Query API's commit of a transaction (which takes no statements); returns the bookmarks it gave.</summary>
    public async Task<IReadOnlyList<string>> PostCommitAsync(Uri commit, string? affinity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, commit) { Content = JsonContent.Create(new { }) };
        Authorize(request, affinity);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        ThrowOnErrors(json, response);
        return BookmarksOf(json);
    }

    /// <summary>Deletes (rolls back) a transaction at its address; one already gone (ended by Neo4j or never opened) is no error.</summary>
    public async Task DeleteTransactionAsync(Uri location, string? affinity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, location);
        Authorize(request, affinity);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return;
        var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        if (json.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
            && Text(errors[0], "code") is "Neo.ClientError.Transaction.TransactionNotFound" or "Neo.ClientError.Transaction.UnknownId")
            return;
        ThrowOnErrors(json, response);
    }

    /// <summary>A string property of a JSON object, or null.</summary>
    public static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The bookmarks in an answer: <c>bookmarks</c> on the Query API, <c>lastBookmarks</c> on the transactional endpoint.</summary>
    static string[] BookmarksOf(JsonElement json)
    {
        foreach (var name in (ReadOnlySpan<string>)["bookmarks", "lastBookmarks"])
        {
            if (json.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
                return [.. list.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString()!)];
        }
        return [];
    }

    void Authorize(HttpRequestMessage request, string? affinity)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(options.User))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
        // A cluster routes the requests of one Query API transaction to the member holding it.
        if (affinity is not null) request.Headers.TryAddWithoutValidation("neo4j-cluster-affinity", affinity);
    }

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // Refused, dropped or reset: the request may not have arrived; whether a repeat is safe is the caller's call.
            routing.FailOver(request.RequestUri);
            throw new Neo4jTransientException("Connection", $"Neo4j at {request.RequestUri?.GetLeftPart(UriPartial.Authority)} cannot be reached: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException(
                $"Neo4j at {request.RequestUri?.GetLeftPart(UriPartial.Authority)} did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s.", e);
        }
    }

    static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return EmptyObject;
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return response.IsSuccessStatusCode ? EmptyObject
                : throw Unavailable(response, "with an empty body");
        }
        try
        {
            // Not disposed: the rows handed out are elements of this document.
            var root = JsonDocument.Parse(bytes).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : EmptyObject;
        }
        catch (JsonException)
        {
            throw Unavailable(response, "with a body that is not JSON");
        }
    }

    static StoreUnavailableException Unavailable(HttpResponseMessage response, string what) => response.StatusCode == HttpStatusCode.Unauthorized
        ? new StoreUnavailableException($"Neo4j refused the credentials (HTTP 401) for {response.RequestMessage?.RequestUri?.AbsolutePath}.")
        : new StoreUnavailableException($"Neo4j answered {response.RequestMessage?.RequestUri?.AbsolutePath} with HTTP {(int)response.StatusCode} {what}.");

    void ThrowOnErrors(JsonElement json, HttpResponseMessage response)
    {
        // A cluster member or load balancer that cannot serve now (a leader election, a restart) answers 503.
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            routing.FailOver(response.RequestMessage?.RequestUri);
            throw new Neo4jTransientException("HTTP 503", $"{response.RequestMessage?.RequestUri?.AbsolutePath} is unavailable for now");
        }
        if (json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var code = Text(errors[0], "code") ?? "Neo.DatabaseError.General.UnknownError";
            var message = Text(errors[0], "message") ?? "";
            // A member that is not the leader cannot take the write: the next one may be.
            if (code == "Neo.ClientError.Cluster.NotALeader") routing.FailOver(response.RequestMessage?.RequestUri);
            throw Neo4jErrors.Map(code, message);
        }
        if (!response.IsSuccessStatusCode) throw Unavailable(response, "and no error code");
    }
}

/// <summary>JSON settings for parameters: camelCase-free (names as given), UTF-8 text unescaped.</summary>
internal static class Neo4jJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
