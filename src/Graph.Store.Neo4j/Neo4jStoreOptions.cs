namespace KnowledgeGraph.Store.Neo4j;

/// <summary>Where and how to reach Neo4j (configuration section <c>Store:Neo4j</c>).</summary>
public sealed class Neo4jStoreOptions
{
    /// <summary>The HTTP address of the server, e.g. http://localhost:7474, or of a load balancer in front of a cluster.</summary>
    public Uri Url { get; set; } = new("http://localhost:7474");

    /// <summary>
    /// The HTTP addresses of several cluster members, comma-separated, used in place of <see cref="Url"/> when set.
    /// The store uses one at a time and moves to the next when it cannot be reached, answers 503 or is not the leader
    /// a write needs.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>The user for basic auth; none when null or empty.</summary>
    public string? User { get; set; }

    /// <summary>The password for basic auth.</summary>
    public string? Password { get; set; }

    /// <summary>The database (Neo4j 4 and later; 3.x has one).</summary>
    public string Database { get; set; } = "neo4j";

    /// <summary>
    /// How long one HTTP request, and one write transaction as a whole, may take. Neo4j is told to end a transaction
    /// older than this, so the data-version lock a write holds never outlives it.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a step that failed without changing anything is tried again: a transient Neo4j error, a leader
    /// change, HTTP 503, a connection refused, dropped or reset.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The servers to use, in order: <see cref="Urls"/> when set, else <see cref="Url"/>.</summary>
    internal Uri[] Servers()
    {
        if (string.IsNullOrWhiteSpace(Urls)) return [WithSlash(Url)];
        var servers = new List<Uri>();
        foreach (var text in Urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                throw new InvalidOperationException($"Store:Neo4j:Urls holds '{text}', which is not an http or https address.");
            servers.Add(WithSlash(url));
        }
        return [.. servers.Distinct()];
    }

    // Request paths are resolved against the server's address, which must end in a slash to keep a path prefix.
    static Uri WithSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
