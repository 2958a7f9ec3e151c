namespace KnowledgeGraph.Store.Neo4j;

/// <summary>Where and how to reach Neo4j (configuration section <c>Store:Neo4j</c>).</summary>
public sealed class Neo4jStoreOptions
{
    /// <summary>The HTTP address of the server, e.g. http://localhost:7474.</summary>
    public Uri Url { get; set; } = new("http://localhost:7474");

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
}
