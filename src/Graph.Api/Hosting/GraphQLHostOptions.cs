namespace KnowledgeGraph.Api.Hosting;

/// <summary>Limits of the GraphQL endpoint (configuration section "GraphQL").</summary>
public sealed class GraphQLHostOptions
{
    public const string Section = "GraphQL";

    /// <summary>The deepest selection nesting a document may have.</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>The highest complexity score (fields weighted by expected list sizes) a document may have.</summary>
    public int MaxComplexity { get; set; } = 20_000;

    /// <summary>The most field selections a document may have written in it (a fragment's once), checked before the rest.</summary>
    public int MaxSelections { get; set; } = 1_000;

    /// <summary>The longest a request may take, from parsing to the last resolver; then it stops with TIMEOUT.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest POST body, and the longest GET query string, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>How many operations one batched POST may carry; 0 turns batching off.</summary>
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>
    /// How many characters of query text the parsed-document cache holds (repeated operations skip parsing and the
    /// document-only validation); 0 turns the cache off.
    /// </summary>
    public int DocumentCacheSize { get; set; } = 1024 * 1024;
}
