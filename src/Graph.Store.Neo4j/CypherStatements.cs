using System.Collections.Concurrent;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// The statements in cypher/, embedded in this assembly. Labels and relationship types cannot be
/// parameters in Cypher, so files use the tokens $$LABEL$$ and $$TYPE$$, replaced here only by names
/// from the closed catalog (<see cref="GraphCatalog"/>).
/// </summary>
internal static class CypherStatements
{
    static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The text of cypher/{path}.cypher.</summary>
    public static string Get(string path) => Cache.GetOrAdd(path, static p =>
    {
        var name = $"cypher/{p.Replace('\\', '/')}.cypher";
        using var stream = typeof(CypherStatements).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Cypher statement '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The statement with $$LABEL$$ replaced by the kind's label.</summary>
    public static string ForKind(string path, NodeKind kind) =>
        Get(path).Replace("$$LABEL$$", Label(kind), StringComparison.Ordinal);

    /// <summary>The statement with $$TYPE$$ replaced by the link type's relationship type.</summary>
    public static string ForType(string path, LinkType type) =>
        Get(path).Replace("$$TYPE$$", RelationshipType(type), StringComparison.Ordinal);

    /// <summary>The node label of a kind (its enum name, defined in the catalog).</summary>
    public static string Label(NodeKind kind) => Enum.IsDefined(kind) ? kind.ToString() : throw new ArgumentOutOfRangeException(nameof(kind));

    /// <summary>The relationship type of a link type (its catalog name).</summary>
    public static string RelationshipType(LinkType type) => GraphCatalog.Of(type).Name;

    /// <summary>The statements of a schema file, split at semicolons, comments dropped.</summary>
    public static IReadOnlyList<string> Split(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
