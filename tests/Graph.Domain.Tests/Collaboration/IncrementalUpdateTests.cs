using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Tests.Collaboration;

public sealed class IncrementalUpdateTests
{
    static readonly NodeKind[] Organisations = [NodeKind.Enterprise, NodeKind.University, NodeKind.ResearchInstitute, NodeKind.GovernmentBody];

    // Link patterns the rules read (and one they do not), as (type, from kind, to kind).
    static readonly (LinkType Type, NodeKind[] From, NodeKind To)[] Patterns =
    [
        (LinkType.Hosts, Organisations, NodeKind.Platform),
        (LinkType.CoBuilds, Organisations, NodeKind.Platform),
        (LinkType.Leads, Organisations, NodeKind.Platform),
        (LinkType.Leads, Organisations, NodeKind.Consortium),
        (LinkType.MemberOf, Organisations, NodeKind.Consortium),
        (LinkType.ParticipatesIn, Organisations, NodeKind.Project),
        (LinkType.Posts, Organisations, NodeKind.Challenge),
        (LinkType.Awarded, [.. Organisations, NodeKind.Consortium], NodeKind.Challenge),
        (LinkType.AppliesTo, Organisations, NodeKind.Challenge),
        (LinkType.PairedWith, [NodeKind.Enterprise], NodeKind.University),
        (LinkType.CooperationAgreement, Organisations, NodeKind.GovernmentBody),
        (LinkType.Transfers, Organisations, NodeKind.Enterprise),
        (LinkType.EmployedBy, [NodeKind.Person], NodeKind.University),
        (LinkType.CommissionedTo, [NodeKind.Person], NodeKind.Enterprise),
        (LinkType.SubsidiaryOf, [NodeKind.Enterprise], NodeKind.Enterprise),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AfterRandomWritesTheProjectionEqualsAFullRebuild(int seed)
    {
        var random = new Random(seed);
        var nodes = new Dictionary<string, Node>();
        var links = new Dictionary<string, Link>();
        foreach (var kind in Organisations.Concat([NodeKind.Platform, NodeKind.Consortium, NodeKind.Project, NodeKind.Challenge, NodeKind.Person]))
        {
            for (var i = 0; i < 6; i++) AddNode(kind, $"{kind}-{i}");
        }
        for (var i = 0; i < 120; i++) UpsertRandomLink();
        using var projection = CollaborationProjection.Build(nodes.Values, links.Values);

        for (var batch = 0; batch < 40; batch++)
        {
            var outcomes = new List<WriteOutcome>();
            for (var step = 0; step < random.Next(1, 6); step++)
            {
                switch (random.Next(10))
                {
                    case < 4:
                        outcomes.Add(UpsertRandomLink());
                        break;
                    case < 7 when links.Count > 0:
                        var link = links.Keys.ElementAt(random.Next(links.Count));
                        links.Remove(link);
                        outcomes.Add(new WriteOutcome(link, Change.Deleted));
                        break;
                    case 7:
                        var node = nodes.Values.ElementAt(random.Next(nodes.Count));
                        nodes.Remove(node.Id);
                        foreach (var cascaded in links.Values.Where(l => l.FromId == node.Id || l.ToId == node.Id).ToList()) links.Remove(cascaded.Id);
                        outcomes.Add(new WriteOutcome(node.Id, Change.Deleted));
                        break;
                    default:
                        var kind = random.Next(2) == 0 ? Organisations[random.Next(Organisations.Length)] : NodeKind.Consortium;
                        outcomes.Add(new WriteOutcome("", Change.Created, AddNode(kind, $"{kind}-new-{batch}-{step}")));
                        break;
                }
            }
            projection.Apply(outcomes);

            using var rebuilt = CollaborationProjection.Build(nodes.Values, links.Values);
            Assert.Equal(rebuilt.AllTies(), projection.AllTies());
            // Counting walks the ties' partners, kept beside the ties: they follow every write too.
            foreach (var organisation in nodes.Values.Where(n => Organisations.Contains(n.Kind)))
                for (var depth = 1; depth <= 2; depth++)
                    Assert.Equal(rebuilt.CollaboratorCount(organisation.Id, depth), projection.CollaboratorCount(organisation.Id, depth));
        }

        Node AddNode(NodeKind kind, string key)
        {
            var node = CollaborationData.NodeOf(kind, key, "450200");
            nodes[node.Id] = node;
            return node;
        }

        WriteOutcome UpsertRandomLink()
        {
            var (type, fromKinds, toKind) = Patterns[random.Next(Patterns.Length)];
            var from = Pick(fromKinds[random.Next(fromKinds.Length)]);
            var to = Pick(toKind);
            if (from is null || to is null || from == to) return new WriteOutcome("", Change.Unchanged);
            var start = random.Next(3) == 0 ? null : $"{random.Next(2015, 2025)}-0{random.Next(1, 10)}-01";
            var end = random.Next(4) == 0 ? $"{random.Next(2018, 2026)}-12-31" : null;
            if (start is not null && end is not null && string.CompareOrdinal(start, end) > 0) end = null;
            var link = CollaborationData.LinkOf(type, from, to, start, end, random.Next(5) == 0 ? "k" : null);
            var change = links.ContainsKey(link.Id) ? Change.Updated : Change.Created;
            links[link.Id] = link;
            return new WriteOutcome(link.Id, change, Link: link);
        }

        string? Pick(NodeKind kind)
        {
            var candidates = nodes.Values.Where(n => n.Kind == kind).ToList();
            return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)].Id;
        }
    }

    [Fact]
    public void AWriteReDerivesOnlyTheOrganisationsItTouches()
    {
        var data = new CollaborationData();
        var organisations = Enumerable.Range(0, 50).Select(i => data.Add(NodeKind.Enterprise, $"e{i}")).ToList();
        var university = data.Add(NodeKind.University, "u");
        for (var i = 0; i < 49; i++) data.Link(LinkType.Transfers, organisations[i], organisations[i + 1]);
        using var projection = data.Build();

        var pairing = CollaborationData.LinkOf(LinkType.PairedWith, organisations[7], university);
        var rederived = projection.Apply([new WriteOutcome(pairing.Id, Change.Created, Link: pairing)]);

        Assert.Equal(2, rederived);
        Assert.Equal(CollaborationKinds.Pairing, projection.Between(organisations[7], university)!.Kinds);
    }

    [Fact]
    public void DeletingAnOrganisationRemovesItsTies()
    {
        var data = new CollaborationData();
        var a = data.Add(NodeKind.Enterprise, "a");
        var b = data.Add(NodeKind.University, "b");
        var platform = data.Add(NodeKind.Platform, "p");
        data.Link(LinkType.Hosts, a, platform);
        data.Link(LinkType.CoBuilds, b, platform);
        using var projection = data.Build();
        Assert.Equal(1, projection.Size.Ties);

        projection.Apply([new WriteOutcome(a, Change.Deleted)]);

        Assert.Equal(0, projection.Size.Ties);
        Assert.Empty(projection.Collaborators(b));
    }

    [Fact]
    public void CreatingAndDeletingAgainAndAgainKeepsTheProjectionTheSizeOfWhatIsAlive()
    {
        var data = new CollaborationData();
        var university = data.Add(NodeKind.University, "u");
        using var projection = data.Build();
        var slots = projection.Read(graph => graph.NodeCount);

        // A client creating an enterprise paired with the university and deleting the one before, a thousand times.
        string? previous = null;
        for (var i = 0; i < 1000; i++)
        {
            var enterprise = CollaborationData.NodeOf(NodeKind.Enterprise, $"e{i}");
            var pairing = CollaborationData.LinkOf(LinkType.PairedWith, enterprise.Id, university);
            List<WriteOutcome> outcomes = [new(enterprise.Id, Change.Created, Node: enterprise), new(pairing.Id, Change.Created, Link: pairing)];
            if (previous is not null) outcomes.Add(new WriteOutcome(previous, Change.Deleted));
            projection.Apply(outcomes);
            previous = enterprise.Id;
        }

        Assert.Equal(new ProjectionSize(Organizations: 2, Ties: 1, Nodes: 2, Links: 1), projection.Size);
        Assert.Equal(["Enterprise:e999"], projection.Collaborators(university).Select(c => c.OrganizationId));
        Assert.True(projection.Read(graph => graph.NodeCount) <= slots + 2, "a deleted node's place is taken by the next one");
    }
}
