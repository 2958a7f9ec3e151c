using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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

/// <summary>
/// A failure after which the same step may succeed when tried again and is known to have changed nothing: a transient
/// Neo4j error (Neo.TransientError.*), a leader change (NotALeader), HTTP 503, a connection refused, dropped or reset.
/// </summary>
internal sealed class Neo4jTransientException(string code, string message, Exception? inner = null) : Exception($"{code}: {message}", inner)
{
    public string Code { get; } = code;
}

/// <summary>
/// Cypher over Neo4j's HTTP APIs: the Query API (Neo4j 5.25 and later) or the transactional endpoint
/// (3.x to 5.x), chosen by discovery. Rows come back as JSON arrays of column values.
/// </summary>
/// <remarks>
/// Cluster-ready: with several server addresses it uses one at a time and moves on to the next when that one cannot
/// be reached, answers 503 or is not the leader a write needs. It keeps the bookmarks of its last write and starts
/// every transaction with them, so that a cluster member answers only once it holds that write: what this store wrote,
/// it reads back, whichever member answers. A server that gives no bookmarks (3.x, 4.x) is sent none.
/// </remarks>
internal sealed class Neo4jConnection
{
    readonly HttpClient _http;
    readonly Neo4jStoreOptions _options;
    readonly TimeProvider _time;
    readonly Uri[] _servers;
    int _current;
    string[] _bookmarks = [];
    Neo4jServer? _server;
    // Transactions whose rollback could not be delivered: rolled back before the next one begins, so a lock they hold
    // is released as soon as Neo4j can be reached again, not when Neo4j gives up on them.
    readonly ConcurrentQueue<(Uri Location, string? Affinity)> _abandoned = new();

    public Neo4jConnection(HttpClient http, Neo4jStoreOptions options, TimeProvider? time = null)
    {
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        _servers = options.Servers();
    }

    /// <summary>The address in use: the first configured, until a failure moves the store on.</summary>
    Uri Current => _servers[Volatile.Read(ref _current)];

    /// <summary>The bookmarks of this store's last write, sent with every transaction it begins (none before the first).</summary>
    internal IReadOnlyList<string> Bookmarks => Volatile.Read(ref _bookmarks);

    /// <summary>
    /// Moves on from the server a request failed on to the next configured one, unless another failure already did.
    /// Called when the server cannot be reached, answers 503 or is not the leader.
    /// </summary>
    void FailOver(Uri? request)
    {
        if (_servers.Length < 2 || request is null) return;
        var index = Array.FindIndex(_servers, s => s.IsBaseOf(request));
        if (index >= 0) Interlocked.CompareExchange(ref _current, (index + 1) % _servers.Length, index);
    }

    /// <summary>
    /// Runs a step, again after a failure that changed nothing (<see cref="Neo4jTransientException"/>). A failure that
    /// moved the store to another server is tried there at once, until every server has had its turn; then it waits,
    /// the wait doubling each round, for at most <see cref="Neo4jStoreOptions.MaxRetries"/> rounds.
    /// </summary>
    internal async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay;
        var (waits, hops) = (0, 0);
        for (var attempt = 1; ; attempt++)
        {
            var server = Volatile.Read(ref _current);
            try
            {
                return await step(cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jTransientException e)
            {
                if (server != Volatile.Read(ref _current) && ++hops < _servers.Length) continue;
                hops = 0;
                if (waits++ >= _options.MaxRetries)
                    throw new StoreUnavailableException($"Neo4j kept failing with a transient error after {attempt} attempts: {e.Message}", e);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    /// <summary>The server, discovered once by an unauthenticated GET /.</summary>
    public async Task<Neo4jServer> ServerAsync(CancellationToken cancellationToken)
    {
        // Two callers racing may both discover; they find the same server, so no lock is needed.
        return _server ??= await DiscoverAsync(cancellationToken).ConfigureAwait(false);
    }

    async Task<Neo4jServer> DiscoverAsync(CancellationToken cancellationToken)
    {
        var root = await GetJsonAsync("", cancellationToken).ConfigureAwait(false);
        if (Text(root, "neo4j_version") is { } version)
        {
            // 4.x and 5.x announce their version and, from 5.25 on, the Query API at the root.
            return new Neo4jServer(ParseVersion(version), root.TryGetProperty("query", out _), _options.Database);
        }
        // 3.x announces only the data endpoint, which tells the version.
        var data = await GetJsonAsync("db/data/", cancellationToken).ConfigureAwait(false);
        var legacy = Text(data, "neo4j_version")
            ?? throw new StoreUnavailableException($"{Current} does not look like a Neo4j server: its discovery document names no version.");
        return new Neo4jServer(ParseVersion(legacy), false, _options.Database);
    }

    static Version ParseVersion(string text)
    {
        var numeric = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).TrimEnd('.');
        return Version.TryParse(numeric.Contains('.', StringComparison.Ordinal) ? numeric : numeric + ".0", out var v) ? v : new Version(5, 0);
    }

    /// <summary>A string property of a JSON object, or null.</summary>
    static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Current, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            FailOver(request.RequestUri);
            throw new Neo4jTransientException("HTTP 503", $"{request.RequestUri} is unavailable for now");
        }
        if (!response.IsSuccessStatusCode)
            throw new StoreUnavailableException($"Neo4j at {request.RequestUri} answered GET with HTTP {(int)response.StatusCode}.");
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one statement in a transaction of its own; a read is marked as one (see <see cref="PostAsync"/>).</summary>
    public async Task<IReadOnlyList<JsonElement>> RunAsync(string statement, object? parameters, CancellationToken cancellationToken, bool read = false)
    {
        var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
        var (rows, response) = await PostAsync(server, new Uri(Current, server.AutoCommitPath), statement, parameters, null, cancellationToken,
            read: read, begins: true).ConfigureAwait(false);
        // A read leaves the bookmarks as they are: one answered late must not set them back behind a write since.
        if (!read) Remember(response.Bookmarks);
        return rows;
    }

    /// <summary>
    /// Opens an explicit transaction, which Neo4j ends by itself once it is older than <see cref="Neo4jStoreOptions.Timeout"/>
    /// (the <c>max-execution-time</c> header): whatever happens to this process or the network, the locks it takes,
    /// the data-version lock first, are not held longer. Dispose it without committing to roll it back.
    /// </summary>
    public async Task<Neo4jTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var server = await ServerAsync(cancellationToken).ConfigureAwait(false);
        await RollbackAbandonedAsync().ConfigureAwait(false);
        // The client's deadline for the whole transaction starts before the server's, so the client never waits on a
        // transaction the server has already ended.
        var deadline = new CancellationTokenSource(_options.Timeout);
        try
        {
            var (location, affinity, _) = await OpenAsync(server, null, cancellationToken).ConfigureAwait(false);
            return new Neo4jTransaction(this, server, location, affinity, deadline, _options);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>Opens a transaction on the current server, running a first statement in it when given.</summary>
    async Task<(Uri Location, string? Affinity, IReadOnlyList<JsonElement> Rows)> OpenAsync(
        Neo4jServer server, string? statement, CancellationToken cancellationToken)
    {
        var at = Current;
        var (rows, response) = await PostAsync(server, new Uri(at, server.BeginPath), statement, null, null, cancellationToken,
            transactionTimeout: _options.Timeout, begins: true).ConfigureAwait(false);
        var id = response.TransactionId ?? throw new StoreUnavailableException("Neo4j opened a transaction but did not say where it is.");
        // The transaction lives on the member that opened it: every later request goes there, whatever the current server.
        return (new Uri(at, $"{server.BeginPath}/{id}"), response.Affinity, rows);
    }

    internal sealed record PostResponse(string? TransactionId, string? Affinity, IReadOnlyList<string> Bookmarks);

    /// <summary>
    /// Posts one statement (or none) to a transaction's address; returns the rows, where the transaction lives and
    /// the bookmarks Neo4j gave. A read is marked as one, so that a cluster can send it to any member rather than the
    /// leader: <c>accessMode</c> on the Query API, the <c>access-mode</c> header on the transactional endpoint of Neo4j
    /// 4.4 and later. A request that begins a transaction carries the bookmarks of the last write (<c>bookmarks</c> in
    /// the Query API's body, the <c>Bookmarks</c> header on the transactional endpoint).
    /// </summary>
    internal async Task<(IReadOnlyList<JsonElement> Rows, PostResponse Response)> PostAsync(
        Neo4jServer server, Uri target, string? statement, object? parameters, string? affinity, CancellationToken cancellationToken,
        TimeSpan? transactionTimeout = null, bool read = false, bool begins = false)
    {
        var bookmarks = begins ? Bookmarks : [];
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

    /// <summary>Keeps the bookmarks of a committed write; an answer without any (a server without bookmarks) keeps none.</summary>
    void Remember(IReadOnlyList<string> bookmarks)
    {
        if (bookmarks.Count > 0) Volatile.Write(ref _bookmarks, [.. bookmarks]);
    }

    /// <summary>Commits a transaction, running a last statement in the same request where the API allows.</summary>
    internal async Task CommitAsync(Neo4jServer server, Uri location, string statement, object parameters, string? affinity, CancellationToken cancellationToken)
    {
        var commit = new Uri(location.AbsoluteUri + "/commit");
        if (server.QueryApi)
        {
            // The Query API's commit takes no statements.
            await PostAsync(server, location, statement, parameters, affinity, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, commit) { Content = JsonContent.Create(new { }) };
            Authorize(request, affinity);
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            ThrowOnErrors(json, response);
            Remember(BookmarksOf(json));
            return;
        }
        var (_, committed) = await PostAsync(server, commit, statement, parameters, affinity, cancellationToken).ConfigureAwait(false);
        Remember(committed.Bookmarks);
    }

    /// <summary>Remembers a transaction whose rollback could not be delivered, to roll it back before the next one begins.</summary>
    internal void Abandon(Uri location, string? affinity) => _abandoned.Enqueue((location, affinity));

    async Task RollbackAbandonedAsync()
    {
        for (var pending = _abandoned.Count; pending > 0 && _abandoned.TryDequeue(out var abandoned); pending--)
        {
            try
            {
                await RollbackAsync(abandoned.Location, abandoned.Affinity, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DomainException or Neo4jTransientException)
            {
                _abandoned.Enqueue(abandoned);
            }
        }
    }

    /// <summary>Rolls back a transaction at its address; one already gone (ended by Neo4j or never opened) is no error.</summary>
    internal async Task RollbackAsync(Uri location, string? affinity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, location);
        Authorize(request, affinity);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return;
        var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        if (json.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
            && Text(errors[0], "code") is "Neo.ClientError.Transaction.TransactionNotFound" or "Neo.ClientError.Transaction.UnknownId")
            return;
        ThrowOnErrors(json, response);
    }

    /// <summary>
    /// Whether the write transaction that marked itself with this token committed (mark-commit.cypher); null when
    /// Neo4j cannot be reached to tell. Asked under the data-version lock, so a commit still under way is waited for;
    /// on a cluster that is the leader, found as for a write.
    /// </summary>
    internal async Task<bool?> FindCommitAsync(string token)
    {
        try
        {
            return await RetryAsync(async _ =>
            {
                try
                {
                    var server = await ServerAsync(CancellationToken.None).ConfigureAwait(false);
                    var (location, affinity, rows) = await OpenAsync(server, CypherStatements.Get("queries/check-commit"), CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        await RollbackAsync(location, affinity, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is DomainException or Neo4jTransientException)
                    {
                        Abandon(location, affinity);
                    }
                    return rows.Count > 0 && rows[0][0].ValueKind == JsonValueKind.String && rows[0][0].GetString() == token;
                }
                catch (DomainException e)
                {
                    // A timeout or an unexpected answer: asking again is safe, the question writes nothing that stays.
                    throw new Neo4jTransientException(e.Code, e.Message, e);
                }
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return null;
        }
    }

    void Authorize(HttpRequestMessage request, string? affinity)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(_options.User))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
        // A cluster routes the requests of one Query API transaction to the member holding it.
        if (affinity is not null) request.Headers.TryAddWithoutValidation("neo4j-cluster-affinity", affinity);
    }

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // Refused, dropped or reset: the request may not have arrived; whether a repeat is safe is the caller's call.
            FailOver(request.RequestUri);
            throw new Neo4jTransientException("Connection", $"Neo4j at {request.RequestUri?.GetLeftPart(UriPartial.Authority)} cannot be reached: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException(
                $"Neo4j at {request.RequestUri?.GetLeftPart(UriPartial.Authority)} did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s.", e);
        }
    }

    static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable) return EmptyObject;
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

    static StoreUnavailableException Unavailable(HttpResponseMessage response, string what) => response.StatusCode == System.Net.HttpStatusCode.Unauthorized
        ? new StoreUnavailableException($"Neo4j refused the credentials (HTTP 401) for {response.RequestMessage?.RequestUri?.AbsolutePath}.")
        : new StoreUnavailableException($"Neo4j answered {response.RequestMessage?.RequestUri?.AbsolutePath} with HTTP {(int)response.StatusCode} {what}.");

    void ThrowOnErrors(JsonElement json, HttpResponseMessage response)
    {
        // A cluster member or load balancer that cannot serve now (a leader election, a restart) answers 503.
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            FailOver(response.RequestMessage?.RequestUri);
            throw new Neo4jTransientException("HTTP 503", $"{response.RequestMessage?.RequestUri?.AbsolutePath} is unavailable for now");
        }
        if (json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var code = Text(errors[0], "code") ?? "Neo.DatabaseError.General.UnknownError";
            var message = Text(errors[0], "message") ?? "";
            // A member that is not the leader cannot take the write: the next one may be.
            if (code == "Neo.ClientError.Cluster.NotALeader") FailOver(response.RequestMessage?.RequestUri);
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
        // A write sent to a cluster member that is no longer (or not yet) the leader changed nothing there.
        "Neo.ClientError.Cluster.NotALeader" => new Neo4jTransientException(code, message),
        "Neo.ClientError.Schema.ConstraintValidationFailed" => new ConflictException($"The write clashes with stored data: {message}"),
        _ when code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) => new StoreUnavailableException($"Neo4j refused access ({code}): {message}"),
        "Neo.ClientError.Statement.TypeError" or "Neo.ClientError.Statement.ArgumentError" or "Neo.ClientError.Statement.ArithmeticError"
            => new InvalidInputException($"Neo4j rejected a value ({code}): {message}"),
        _ => new StoreUnavailableException($"Neo4j failed ({code}): {message}"),
    };
}

/// <summary>
/// An explicit transaction: statements run one by one, then commit. Any failure of a statement — an error from Neo4j,
/// a lost or reset connection, a timeout, the caller's cancellation — rolls it back before the error reaches the caller,
/// so the data-version lock it holds is released at once; disposing it uncommitted rolls it back too. A commit whose
/// answer is lost is resolved before returning: either it took effect (and the write succeeded) or it did not, and
/// then the failure is transient, so the whole transaction may safely run again.
/// </summary>
internal sealed class Neo4jTransaction(
    Neo4jConnection connection, Neo4jServer server, Uri location, string? affinity, CancellationTokenSource deadline, Neo4jStoreOptions options)
    : IAsyncDisposable
{
    bool _finished;
    string? _affinity = affinity;

    public Neo4jServer Server => server;

    public async Task<IReadOnlyList<JsonElement>> RunAsync(string statement, object? parameters, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var (rows, response) = await connection.PostAsync(server, location, statement, parameters, _affinity, linked.Token).ConfigureAwait(false);
            _affinity = response.Affinity;
            return rows;
        }
        catch (Exception e)
        {
            await RollbackAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                throw TookTooLong(e);
            if (e is StoreUnavailableException) throw RolledBack(e);
            throw;
        }
    }

    /// <summary>A timeout or an unexpected answer once the transaction is rolled back: it says that nothing was written.</summary>
    static StoreUnavailableException RolledBack(Exception e) => new($"{e.Message} The write was rolled back: nothing of it was written.", e);

    StoreUnavailableException TookTooLong(Exception e) => new(
        $"The write took longer than Store:Neo4j:Timeout ({options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s) and was rolled back; " +
        "nothing of it was written. Write less at a time, or allow more time.", e);

    /// <summary>Commits. Once the commit is sent it is seen through: the caller's cancellation no longer applies.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (deadline.IsCancellationRequested)
        {
            await RollbackAsync().ConfigureAwait(false);
            throw TookTooLong(new TimeoutException());
        }
        var token = Guid.NewGuid().ToString("N");
        try
        {
            await connection.CommitAsync(server, location, CypherStatements.Get("queries/mark-commit"), new { commit = token }, _affinity, CancellationToken.None).ConfigureAwait(false);
            _finished = true;
        }
        catch (Exception e)
        {
            await RollbackAsync().ConfigureAwait(false);
            if (await connection.FindCommitAsync(token).ConfigureAwait(false) is not { } committed)
            {
                throw new StoreUnavailableException(
                    "Neo4j did not confirm the commit of a write and cannot be reached to tell whether it took effect; read the data version before repeating it.", e);
            }
            if (!committed)
            {
                if (e is StoreUnavailableException) throw RolledBack(e);
                throw;
            }
        }
        finally
        {
            deadline.Dispose();
        }
    }

    /// <summary>
    /// Rolls back, a few times over a failing connection; one still undelivered is left to the connection, which
    /// delivers it before the next transaction begins (and Neo4j ends it at its timeout in any case).
    /// </summary>
    async Task RollbackAsync()
    {
        if (_finished) return;
        _finished = true;
        var delay = options.RetryDelay;
        for (var attempt = 0; attempt <= options.MaxRetries; attempt++)
        {
            try
            {
                await connection.RollbackAsync(location, _affinity, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is DomainException or Neo4jTransientException)
            {
                if (attempt == options.MaxRetries) break;
                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }
        }
        connection.Abandon(location, _affinity);
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync().ConfigureAwait(false);
        deadline.Dispose();
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
