namespace KnowledgeGraph.Api.Hosting.Store;

/// <summary>Which graph store serves the API (configuration section "Store").</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary><c>sqlite</c> (the embedded default) or <c>neo4j</c>.</summary>
    public string Kind { get; set; } = StoreKinds.Sqlite;

    /// <summary>Whether an empty store is filled with the sample data on first start.</summary>
    public bool LoadSampleData { get; set; } = true;

    /// <summary>
    /// Whether the store holds the universities and colleges of the ministry's list (Reference/universities.csv): added on
    /// first start and on upgrade, never overwriting a change.
    /// </summary>
    public bool ReferenceOrganizations { get; set; } = true;
}

/// <summary>The values of <see cref="StoreOptions.Kind"/>.</summary>
public static class StoreKinds
{
    public const string Sqlite = "sqlite";
    public const string Neo4j = "neo4j";
}
