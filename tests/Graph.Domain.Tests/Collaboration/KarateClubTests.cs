using KnowledgeGraph.Domain.Collaboration.Algorithms;

namespace KnowledgeGraph.Domain.Tests.Collaboration;

/// <summary>
/// The algorithms against published values on Zachary's karate club (W. W. Zachary, "An information flow model for
/// conflict and fission in small groups", J. Anthropol. Res. 33, 452–473, 1977): 34 members, 78 friendships, numbered
/// 0–33 as in NetworkX's <c>karate_club_graph()</c>.
/// Reference values are NetworkX's, as published with the graph in the GML files
/// github.com/TwelveYC/network-vi, media/2020/03/karateclub/karate_club.gml (attributes <c>pagerank</c> =
/// <c>nx.pagerank(G)</c>, α = 0.85, and <c>betweenesscentrality</c> = <c>nx.betweenness_centrality(G)</c>, normalized,
/// on the unweighted graph) and github.com/IFISC/Complex_Networks_Master, results/karate_with_attributes.gml
/// (<c>node_betweenness</c>, the same betweenness values). The factions are NetworkX's <c>club</c> attribute.
/// </summary>
public sealed class KarateClubTests
{
    internal static readonly (int A, int B)[] Friendships =
    [
        (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (0, 7), (0, 8), (0, 10), (0, 11), (0, 12), (0, 13), (0, 17), (0, 19), (0, 21), (0, 31),
        (1, 2), (1, 3), (1, 7), (1, 13), (1, 17), (1, 19), (1, 21), (1, 30),
        (2, 3), (2, 7), (2, 8), (2, 9), (2, 13), (2, 27), (2, 28), (2, 32),
        (3, 7), (3, 12), (3, 13),
        (4, 6), (4, 10),
        (5, 6), (5, 10), (5, 16),
        (6, 16),
        (8, 30), (8, 32), (8, 33),
        (9, 33),
        (13, 33),
        (14, 32), (14, 33),
        (15, 32), (15, 33),
        (18, 32), (18, 33),
        (19, 33),
        (20, 32), (20, 33),
        (22, 32), (22, 33),
        (23, 25), (23, 27), (23, 29), (23, 32), (23, 33),
        (24, 25), (24, 27), (24, 31),
        (25, 31),
        (26, 29), (26, 33),
        (27, 33),
        (28, 31), (28, 33),
        (29, 32), (29, 33),
        (30, 32), (30, 33),
        (31, 32), (31, 33),
        (32, 33),
    ];

    // NetworkX's club attribute: "Mr. Hi" for these members, "Officer" for the rest.
    internal static readonly HashSet<int> MrHi = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21];

    internal static WeightedGraph Graph() => WeightedGraph.FromEdges(34, Friendships.Select(f => (f.A, f.B, 1.0)));

    [Fact]
    public void TheGraphHas34MembersAnd78Friendships()
    {
        var graph = Graph();
        Assert.Equal(34, graph.NodeCount);
        Assert.Equal(78, graph.EdgeCount);
        Assert.Equal(16, graph.Degree(0));
        Assert.Equal(17, graph.Degree(33));
    }

    [Theory]
    [InlineData(0, 0.09700181758983709)]
    [InlineData(33, 0.1009179167487121)]
    [InlineData(32, 0.07169213006588289)]
    [InlineData(2, 0.057078423047636745)]
    [InlineData(11, 0.009564916863537148)]
    [InlineData(26, 0.015043395360629753)]
    public void PageRankMatchesNetworkX(int member, double expected)
    {
        var rank = Centrality.PageRank(Graph(), alpha: 0.85, weighted: false);
        Assert.Equal(expected, rank[member], 1e-4);
        Assert.Equal(1.0, rank.Sum(), 1e-9);
    }

    [Theory]
    [InlineData(0, 0.43763528138528146)]
    [InlineData(33, 0.30407497594997596)]
    [InlineData(32, 0.145247113997114)]
    [InlineData(2, 0.14365680615680618)]
    [InlineData(31, 0.13827561327561325)]
    [InlineData(8, 0.05592682780182781)]
    [InlineData(9, 0.0008477633477633478)]
    [InlineData(7, 0.0)]
    public void ExactBetweennessMatchesNetworkX(int member, double expected)
    {
        var result = Centrality.Betweenness(Graph());
        Assert.True(result.Exact);
        Assert.Equal(expected, result.Scores[member], 1e-4);
    }

    [Fact]
    public void SampledBetweennessStaysWithinItsStatedBound()
    {
        var exact = Centrality.Betweenness(Graph()).Scores;
        var sampled = Centrality.Betweenness(Graph(), exactUpTo: 10, samples: 20);
        Assert.False(sampled.Exact);
        Assert.Equal(20, sampled.Samples);
        Assert.InRange(sampled.ErrorBound, 0.01, 1.0);
        for (var member = 0; member < 34; member++)
            Assert.InRange(Math.Abs(sampled.Scores[member] - exact[member]), 0, sampled.ErrorBound);
    }

    [Fact]
    public void LouvainFindsTheKnownModularityAndTheTwoFactions()
    {
        var graph = Graph();
        var partition = Louvain.Detect(graph);

        // Best known modularity of the karate club is 0.4198 (Brandes et al., IEEE TKDE 20(2), 2008); Louvain finds ~0.42.
        Assert.InRange(partition.Modularity, 0.40, 0.4198 + 1e-4);
        Assert.Equal(partition.Modularity, Louvain.Modularity(graph, partition.CommunityOf), 1e-12);
        Assert.InRange(partition.Count, 3, 5);

        // Each community sides with the faction most of its members belong to; most members land with their faction.
        var agree = Enumerable.Range(0, partition.Count).Sum(c =>
        {
            var members = Enumerable.Range(0, 34).Where(m => partition.CommunityOf[m] == c).ToList();
            var hi = members.Count(MrHi.Contains);
            return Math.Max(hi, members.Count - hi);
        });
        Assert.True(agree >= 31, $"only {agree} of 34 members are in a community of their own faction");
    }

    [Fact]
    public void ConstraintOfAStarIsOneOverItsDegreeAtTheCentreAndOneAtTheLeaves()
    {
        var star = WeightedGraph.FromEdges(5, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)]);
        var constraint = Centrality.Constraint(star);
        Assert.Equal(0.25, constraint[0], 1e-12);
        Assert.Equal(1.0, constraint[3], 1e-12);
    }

    [Fact]
    public void ConstraintOfATriangleCountsTheIndirectTie()
    {
        // Each node: p = 1/2 to each neighbour, indirect 1/2 × 1/2; (1/2 + 1/4)² × 2 = 1.125 (Burt 1992, as nx.constraint).
        var triangle = WeightedGraph.FromEdges(3, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
        Assert.All(Centrality.Constraint(triangle), c => Assert.Equal(1.125, c, 1e-12));
    }
}
