namespace KnowledgeGraph.Store.Tests;

/// <summary>The tests that empty the test Neo4j: one at a time, holding the <see cref="Neo4jLease"/>.</summary>
[CollectionDefinition("Neo4j")]
public sealed class Neo4jCollection : ICollectionFixture<Neo4jLease>;
