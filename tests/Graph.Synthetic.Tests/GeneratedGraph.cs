using System.Security.Cryptography;
using System.Text;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Synthetic.Tests;

/// <summary>A generated graph held in memory for inspection, and the stream's hash.</summary>
public sealed class GeneratedGraph
{
    public GeneratedGraph(SyntheticPreset preset, ulong seed)
    {
        Graph = SyntheticGraph.Create(preset, seed);
        Nodes = Graph.Nodes().ToList();
        Links = Graph.Links().ToList();
        NodesById = Nodes.ToDictionary(n => n.Id);
    }

    public SyntheticGraph Graph { get; }
    public IReadOnlyList<NodeInput> Nodes { get; }
    public IReadOnlyList<LinkInput> Links { get; }
    public IReadOnlyDictionary<string, NodeInput> NodesById { get; }

    public IEnumerable<NodeInput> Organizations => Nodes.Where(n => GraphCatalog.OrganizationKinds.Contains(n.Kind));

    /// <summary>The number of links at each organisation that has any.</summary>
    public IReadOnlyDictionary<string, int> OrganizationDegrees()
    {
        var degrees = new Dictionary<string, int>();
        foreach (var link in Links)
        {
            foreach (var end in new[] { link.FromId, link.ToId })
            {
                if (GraphCatalog.OrganizationKinds.Contains(NodeId.KindOf(end)!.Value)) degrees[end] = degrees.GetValueOrDefault(end) + 1;
            }
        }
        return degrees;
    }

    /// <summary>SHA-256 of every node and link of a graph's stream, in order, as text.</summary>
    public static string Hash(SyntheticGraph graph)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var node in graph.Nodes())
            sha.AppendData(Encoding.UTF8.GetBytes($"{node.Id}|{node.Name}|{node.NameEn}|{string.Join(";", node.Aliases)}|{node.Properties}\n"));
        foreach (var link in graph.Links())
            sha.AppendData(Encoding.UTF8.GetBytes($"{link.Id}|{link.StartDate:O}|{link.EndDate:O}|{link.Source}|{link.Properties}\n"));
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

/// <summary>The province preset, generated once for the tests that look at its shape.</summary>
public sealed class ProvinceGraphFixture
{
    public GeneratedGraph Graph { get; } = new(SyntheticPreset.Province, 42);
}
