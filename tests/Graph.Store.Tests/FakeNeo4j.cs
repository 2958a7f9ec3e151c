using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace KnowledgeGraph.Store.Tests;

/// <summary>A request as the <see cref="FakeNeo4j"/> received it.</summary>
public sealed record FakeRequest(string Host, string Method, string Path, string? Bookmarks, string Body)
{
    /// <summary>The Query API's <c>bookmarks</c> from the body, or null.</summary>
    public string[]? BodyBookmarks =>
        Body.Length > 0 && JsonNode.Parse(Body) is JsonObject body && body["bookmarks"] is JsonArray list
            ? [.. list.Select(b => b!.GetValue<string>())]
            : null;
}

/// <summary>
/// An in-process stand-in for one or more Neo4j 5 servers (or 4.4 ones, which give no bookmarks), behind a fake
/// network: enough of the transactional endpoint and the Query API to run the store's writes and its reads of the data
/// version, answering the statements by what their opening comment says. Every committed write gives a bookmark
/// <c>FB:&lt;data version&gt;</c>. A host may be marked a follower (it answers writes with <c>NotALeader</c>) or down.
/// Needed where the test Neo4j (3.1) cannot show what a cluster does.
/// </summary>
public sealed class FakeNeo4j(string version = "5.26.0", bool queryApi = false, bool bookmarks = true) : HttpMessageHandler
{
    readonly Lock _lock = new();
    readonly List<FakeRequest> _requests = [];
    readonly Dictionary<string, long> _open = [];
    long _version;
    int _nextTransaction;

    /// <summary>Hosts that answer writes with NotALeader, as a cluster's followers do.</summary>
    public HashSet<string> Followers { get; } = [];

    /// <summary>Hosts that cannot be reached (connection refused).</summary>
    public HashSet<string> Down { get; } = [];

    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_lock) return [.. _requests];
        }
    }

    public long DataVersion
    {
        get
        {
            lock (_lock) return _version;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var bookmarkHeader = request.Headers.TryGetValues("Bookmarks", out var values) ? string.Join(",", values) : null;
        lock (_lock)
        {
            _requests.Add(new FakeRequest(uri.Authority, request.Method.Method, uri.AbsolutePath, bookmarkHeader, body));
            if (Down.Contains(uri.Authority)) throw new HttpRequestException("Connection refused (fake network)");
            var response = Answer(uri, request.Method, body);
            // As the real handler does: the errors name the request they answer.
            response.RequestMessage = request;
            return response;
        }
    }

    HttpResponseMessage Answer(Uri uri, HttpMethod method, string body)
    {
        var path = uri.AbsolutePath;
        if (method == HttpMethod.Get && path == "/")
        {
            var root = new JsonObject { ["neo4j_version"] = version, ["neo4j_edition"] = "enterprise" };
            if (queryApi) root["query"] = $"{uri.GetLeftPart(UriPartial.Authority)}/db/{{databaseName}}/query/v2";
            return Json(HttpStatusCode.OK, root);
        }
        var prefix = queryApi ? "/db/neo4j/query/v2" : "/db/neo4j/tx";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return Json(HttpStatusCode.NotFound, new JsonObject());
        var rest = path[prefix.Length..].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (method == HttpMethod.Delete)
        {
            _open.Remove(rest[^1]);
            return Json(HttpStatusCode.OK, Result([]));
        }
        var statement = Statement(body);
        if (Writes(statement) && Followers.Contains(uri.Authority))
            return Json(HttpStatusCode.OK, Error("Neo.ClientError.Cluster.NotALeader", "No write operations are allowed on this database."));

        // /tx/commit or /query/v2: a transaction of its own. /tx or /query/v2/tx: begin. /tx/{id}: a statement. /tx/{id}/commit.
        var autoCommit = queryApi ? rest.Length == 0 : rest is ["commit"];
        var begin = queryApi ? rest is ["tx"] : rest.Length == 0;
        var id = begin ? (++_nextTransaction).ToString(System.Globalization.CultureInfo.InvariantCulture) : autoCommit ? null : rest[queryApi ? 1 : 0];
        if (begin) _open[id!] = _version;
        var pending = id is null ? _version : _open.GetValueOrDefault(id, _version);
        var rows = Rows(statement, ref pending);
        if (id is not null) _open[id] = pending;
        var commits = autoCommit || (rest.Length > 0 && rest[^1] == "commit");
        var answer = Result(rows);
        if (commits)
        {
            _version = pending;
            if (id is not null) _open.Remove(id);
            if (bookmarks) answer[queryApi ? "bookmarks" : "lastBookmarks"] = new JsonArray($"FB:{_version}");
        }
        else if (queryApi)
        {
            answer["transaction"] = new JsonObject { ["id"] = id };
        }
        var response = Json(begin && !queryApi ? HttpStatusCode.Created : HttpStatusCode.OK, answer);
        if (begin && !queryApi) response.Headers.Location = new Uri(uri, $"{prefix}/{id}");
        return response;
    }

    /// <summary>Whether a statement writes (a follower refuses it): the lock, the upserts, the version, the commit mark and check.</summary>
    static bool Writes(string? statement) => statement is not null
        && new[] { "write lock", "Creates or replaces", "Moves the data version", "Marks the write", "under the data-version lock" }
            .Any(w => statement.Contains(w, StringComparison.Ordinal));

    static string? Statement(string body)
    {
        if (body.Length == 0 || JsonNode.Parse(body) is not JsonObject json) return null;
        var statement = json["statement"] ?? (json["statements"] as JsonArray)?.FirstOrDefault()?["statement"];
        return statement?.GetValue<string>();
    }

    /// <summary>The rows a statement gives, by its opening comment; the data version the transaction would commit moves with it.</summary>
    static JsonArray Rows(string? statement, ref long version)
    {
        if (statement is null || statement.StartsWith("RETURN 1", StringComparison.Ordinal)) return [];
        if (statement.StartsWith("// Takes the write lock", StringComparison.Ordinal)) return [new JsonArray(version)];
        if (statement.StartsWith("// Moves the data version on", StringComparison.Ordinal)) return [new JsonArray(++version)];
        if (statement.StartsWith("// The data version", StringComparison.Ordinal)) return [new JsonArray(version)];
        if (statement.StartsWith("// Creates or replaces nodes", StringComparison.Ordinal)) return [new JsonArray(1)];
        return [];
    }

    JsonObject Result(JsonArray rows) => queryApi
        ? new JsonObject { ["data"] = new JsonObject { ["fields"] = new JsonArray(), ["values"] = rows } }
        : new JsonObject
        {
            ["results"] = new JsonArray(new JsonObject
            {
                ["columns"] = new JsonArray(),
                ["data"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject { ["row"] = r!.DeepClone() })]),
            }),
            ["errors"] = new JsonArray(),
        };

    static JsonObject Error(string code, string message) => new()
    {
        ["results"] = new JsonArray(),
        ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
    };

    static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) => new(status)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    };
}
