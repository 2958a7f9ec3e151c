using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>What discovery found out about the server: its version and which HTTP API to speak.</summary>
internal sealed record Neo4jServer(Version Version, bool QueryApi, string Database)
{
    /// <summary>Whether this is Neo4j 3.x (one database, 3.x schema syntax, no full-text index).</summary>
    public bool IsLegacy => Version.Major < 4;

    /// <summary>The path that opens an explicit transaction.</summary>
    public string BeginPath => QueryApi ? $"db/{Uri.EscapeDataString(Database)}/query/v2/tx"
        : IsLegacy ? "db/data/transaction" : $"db/{Uri.EscapeDataString(Database)}/tx";

    /// <summary>The path that runs statements in a transaction of their own.</summary>
    public string AutoCommitPath => QueryApi ? $"db/{Uri.EscapeDataString(Database)}/query/v2" : BeginPath + "/commit";
}

/// <summary>A Neo4j error whose code says that retrying may succeed (Neo.TransientError.*).</summary>
internal sealed class Neo4jTransientException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;
}

/// <summary>
/// Cypher over Neo4j's HTTP APIs: the Query API (Neo4j 5.25 and later) or the transactional endpoint
/// (3.x to 5.x), chosen by discovery. Rows come back as JSON arrays of column values.
/// </summary>
internal sealed class Neo4jConnection(HttpClient http, Neo4jStoreOptions options)
{
    Neo4jServer? _server;

    /// <summary>The server, discovered once by an unauthenticated GET /.</summary>
    public async Task<Neo4jServer> ServerAsync(CancellationToken cancellationToken)
    {
        // Two callers racing may both discover; they find the same server, so no lock is needed.
        return _server ??= await DiscoverAsync(cancellationToken).ConfigureAwait(false);
    }

    async Task<Neo4jServer> DiscoverAsync(CancellationToken cancellationToken)
    {
        var root = await GetJsonAsync("", cancellationToken).ConfigureAwait(false);
        if (root["neo4j_version"]?.GetValue<string>() is { } version)
        {
            // 4.x and 5.x announce their version and, from 5.25 on, the Query API at the root.
            return new Neo4jServer(ParseVersion(version), root["query"] is not null, options.Database);
        }
        // 3.x announces only the data endpoint, which tells the version.
        var data = await GetJsonAsync("db/data/", cancellationToken).ConfigureAwait(false);
        var legacy = data["neo4j_version"]?.GetValue<string>()
            ?? throw new StoreUnavailableException($"{options.Url} does not look like a Neo4j server: its discovery document names no version.");
        return new Neo4jServer(ParseVersion(legacy), false, options.Database);
    }

    static Version ParseVersion(string text)
    {
        var numeric = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).TrimEnd('.');
        return Version.TryParse(numeric.Contains('.', StringComparison.Ordinal) ? numeric : numeric + ".0", out var v) ? v : new Version(5, 0);
    }

    async Task<JsonNode> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new StoreUnavailableException($"Neo4j at {options.Url} answered GET /{path} with HTTP {(int)response.StatusCode}.");
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    Uri BaseUri => options.Url.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/");

    /// <summary>Runs one statement in a transaction of its own.</summary>
    public async Task<IReadOnlyList<JsonElement>> RunAsync(string statement, object? parameters, CancellationToken cancellationToken)
    {
        var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
        var (rows, _) = await PostAsync(server, server.AutoCommitPath, statement, parameters, null, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Opens an explicit transaction; dispose it without committing to roll it back.</summary>
    public async Task<Neo4jTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
        var (_, response) = await PostAsync(server, server.BeginPath, null, null, null, cancellationToken).ConfigureAwait(false);
        var id = response.TransactionId ?? throw new StoreUnavailableException("Neo4j opened a transaction but did not say where it is.");
        return new Neo4jTransaction(this, server, $"{server.BeginPath}/{id}", response.Affinity);
    }

    internal sealed record PostResponse(string? TransactionId, string? Affinity);

    /// <summary>Posts one statement (or none) to a path; returns the rows and where the transaction lives.</summary>
    internal async Task<(IReadOnlyList<JsonElement> Rows, PostResponse Response)> PostAsync(
        Neo4jServer server, string path, string? statement, object? parameters, string? affinity, CancellationToken cancellationToken)
    {
        object body = server.QueryApi
            ? (statement is null ? new { statement = "RETURN 1" } : new { statement, parameters = parameters ?? new Dictionary<string, object?>() })
            : new
            {
                statements = statement is null
                    ? Array.Empty<object>()
                    : [new { statement, parameters = parameters ?? new Dictionary<string, object?>(), resultDataContents = new[] { "row" } }],
            };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, path))
        {
            Content = JsonContent.Create(body, options: Neo4jJson.Options),
        };
        Authorize(request, affinity);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        ThrowOnErrors(json, response);

        var transactionId = server.QueryApi
            ? json["transaction"]?["id"]?.GetValue<string>()
            : response.Headers.Location?.Segments.LastOrDefault()?.Trim('/');
        var newAffinity = response.Headers.TryGetValues("neo4j-cluster-affinity", out var values) ? values.FirstOrDefault() : affinity;
        var rows = new List<JsonElement>();
        var source = server.QueryApi ? json["data"]?["values"]?.AsArray() : null;
        if (server.QueryApi)
        {
            foreach (var row in source ?? []) rows.Add(JsonSerializer.SerializeToElement(row));
        }
        else if (json["results"]?.AsArray() is { Count: > 0 } results)
        {
            foreach (var item in results[0]!["data"]!.AsArray()) rows.Add(JsonSerializer.SerializeToElement(item!["row"]));
        }
        return (rows, new PostResponse(transactionId, newAffinity));
    }

    /// <summary>Commits or rolls back a transaction at its path.</summary>
    internal async Task FinishAsync(Neo4jServer server, string path, bool commit, string? affinity, CancellationToken cancellationToken)
    {
        using var request = commit
            ? new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, path + "/commit"))
            {
                Content = JsonContent.Create<object>(server.QueryApi ? new { } : new { statements = Array.Empty<object>() }),
            }
            : new HttpRequestMessage(HttpMethod.Delete, new Uri(BaseUri, path));
        Authorize(request, affinity);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        ThrowOnErrors(json, response);
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
            throw new StoreUnavailableException($"Neo4j at {options.Url} cannot be reached: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException(
                $"Neo4j at {options.Url} did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s.", e);
        }
    }

    static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return response.IsSuccessStatusCode ? new JsonObject()
                : throw Unavailable(response, "with an empty body");
        }
        try
        {
            return JsonNode.Parse(text) ?? new JsonObject();
        }
        catch (JsonException)
        {
            throw Unavailable(response, "with a body that is not JSON");
        }
    }

    static StoreUnavailableException Unavailable(HttpResponseMessage response, string what) => response.StatusCode == System.Net.HttpStatusCode.Unauthorized
        ? new StoreUnavailableException($"Neo4j refused the credentials (HTTP 401) for {response.RequestMessage?.RequestUri?.AbsolutePath}.")
        : new StoreUnavailableException($"Neo4j answered {response.RequestMessage?.RequestUri?.AbsolutePath} with HTTP {(int)response.StatusCode} {what}.");

    static void ThrowOnErrors(JsonNode json, HttpResponseMessage response)
    {
        if (json["errors"]?.AsArray() is { Count: > 0 } errors)
        {
            var code = errors[0]?["code"]?.GetValue<string>() ?? "Neo.DatabaseError.General.UnknownError";
            var message = errors[0]?["message"]?.GetValue<string>() ?? "";
            throw Neo4jErrors.Map(code, message);
        }
        if (!response.IsSuccessStatusCode) throw Unavailable(response, "and no error code");
    }
}

/// <summary>Neo4j error codes to domain errors.</summary>
internal static class Neo4jErrors
{
    public static Exception Map(string code, string message) => code switch
    {
        _ when code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) => new Neo4jTransientException(code, message),
        "Neo.ClientError.Schema.ConstraintValidationFailed" => new ConflictException($"The write clashes with stored data: {message}"),
        _ when code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) => new StoreUnavailableException($"Neo4j refused access ({code}): {message}"),
        "Neo.ClientError.Statement.TypeError" or "Neo.ClientError.Statement.ArgumentError" or "Neo.ClientError.Statement.ArithmeticError"
            => new InvalidInputException($"Neo4j rejected a value ({code}): {message}"),
        _ => new StoreUnavailableException($"Neo4j failed ({code}): {message}"),
    };
}

/// <summary>An explicit transaction: statements run one by one, then commit, or roll back on dispose.</summary>
internal sealed class Neo4jTransaction(Neo4jConnection connection, Neo4jServer server, string path, string? affinity) : IAsyncDisposable
{
    bool _finished;
    string? _affinity = affinity;

    public Neo4jServer Server => server;

    public async Task<IReadOnlyList<JsonElement>> RunAsync(string statement, object? parameters, CancellationToken cancellationToken)
    {
        try
        {
            var (rows, response) = await connection.PostAsync(server, path, statement, parameters, _affinity, cancellationToken).ConfigureAwait(false);
            _affinity = response.Affinity;
            return rows;
        }
        catch (DomainException)
        {
            // Neo4j rolls a transaction back on any statement error.
            _finished = true;
            throw;
        }
        catch (Neo4jTransientException)
        {
            _finished = true;
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        await connection.FinishAsync(server, path, true, _affinity, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_finished) return;
        _finished = true;
        try
        {
            await connection.FinishAsync(server, path, false, _affinity, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DomainException)
        {
            // The server drops an abandoned transaction when it expires; nothing more to do.
        }
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
