using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using KnowledgeGraph.Api.Graph.Lists;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>The GraphQL types of the collaboration queries: ties with their evidence, paths, networks, rankings, communities.</summary>
[DoNotRegister]
public sealed class CollaborationTypes
{
    public CollaborationTypes(NodeTypes nodes)
    {
        Kind = new EnumerationGraphType
        {
            Name = "CollaborationKind",
            Description = "How two organisations collaborate, derived from the typed links (never entered by hand). 合作类型。",
        };
        foreach (var rule in CollaborationRules.All)
            Kind.Add(CatalogNames.ScreamingCase(rule.Kind.ToString()), rule.Kind, $"{rule.Rule}; weight {rule.Weight}{(rule.SharedByAll ? " / (n − 1) for n organisations" : "")}");

        OrganizationKind = new EnumerationGraphType { Name = "OrganizationKind", Description = "The kinds of organisation. 组织类型。" };
        foreach (var kind in GraphCatalog.OrganizationKinds.Order())
            OrganizationKind.Add(CatalogNames.ScreamingCase(kind.ToString()), kind, GraphCatalog.Of(kind).Chinese);

        Metric = new EnumerationGraphType<RankingMetric> { Name = "RankingMetric", Description = "What a ranking measures. 排名指标。" };
        Boundary = new EnumerationGraphType<NetworkBoundary> { Name = "NetworkBoundary", Description = "Whether a network lists the ties that cross its selection's boundary. 边界合作。" };

        Selection = new InputObjectGraphType<object> { Name = "CollaborationNetworkInput", Description = "Which organisations and which evidence: a region, a field, organisation kinds, kinds of collaboration, a time window or a year, and a least weight. 网络筛选条件。" };
        Selection.Field<StringGraphType>("region").Description("A GB/T 2260 division code; its sub-regions are included. 地区（含下级）。")
            .Validate(code => ArgumentChecks.Region("where.region", (string)code));
        Selection.Field<StringGraphType>("field").Description("A field code; its sub-fields are included. 技术领域（含下级）。")
            .Validate(code => ArgumentChecks.Field("where.field", (string)code));
        Selection.Field("organizationKinds", new ListGraphType(new NonNullGraphType(OrganizationKind))).Description("Only these kinds of organisation. 组织类型。");
        Selection.Field("kinds", new ListGraphType(new NonNullGraphType(Kind))).Description("Only these kinds of collaboration. 合作类型。");
        Selection.Field<IsoDateGraphType>("since").Description("Only evidence that lasts until this day or later. 起始日期。");
        Selection.Field<IsoDateGraphType>("until").Description("Only evidence that started by this day. 截止日期。");
        Selection.Field<IntGraphType>("year").Description("The network as of a year: evidence alive during it (instead of since/until). 年度。");
        Selection.Field<FloatGraphType>("minWeight").Description("Only ties at least this heavy (zero or more). 最小权重。")
            .Validate(weight => ArgumentChecks.Finite("where.minWeight", Convert.ToDouble(weight, System.Globalization.CultureInfo.InvariantCulture)));
        Selection.Field("boundary", Boundary).Description("INCLUDE lists the ties from a selected organisation to one outside the selection (`crossing`) and those partners (`outsidePartners`); EXCLUDE (the default) lists only the ties inside. 是否包含跨边界合作。");

        Evidence = new ObjectGraphType<CollaborationEvidence> { Name = "CollaborationEvidence", Description = "Why two organisations collaborate: the links, and the node they meet at. 合作证据。" };
        Evidence.Field("kind", new NonNullGraphType(Kind)).Resolve(c => c.Source.Kind);
        Evidence.Field("through", nodes.Node).Description("The platform, consortium, project, challenge or person both are linked to; null for a direct link. 共同关联节点。")
            .Resolve(c => c.Source.ThroughId is { } id ? c.Nodes().Load(id) : null);
        Evidence.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("linkIds").Description("The ids of the links it comes from; `node(id:)` fetches each. 关系标识。").Resolve(c => c.Source.LinkIds);
        Evidence.Field<IsoDateGraphType>("from").Description("When it starts: the latest start of its links. 开始日期。").Resolve(c => c.Source.From);
        Evidence.Field<IsoDateGraphType>("to").Description("When it ends: the earliest end of its links. 结束日期。").Resolve(c => c.Source.To);
        Evidence.Field<NonNullGraphType<FloatGraphType>>("weight").Description("What it adds to the tie's weight. 权重。").Resolve(c => c.Source.Weight);

        Tie = new ObjectGraphType<CollaborationTie> { Name = "Collaboration", Description = "The collaboration of two organisations: kinds, weight, first and last date, and all its evidence. 合作关系。" };
        Tie.Field("organization", new NonNullGraphType(nodes.Organization)).Resolve(c => c.Nodes().Load(c.Source.OrganizationId));
        Tie.Field("partner", new NonNullGraphType(nodes.Organization)).Resolve(c => c.Nodes().Load(c.Source.PartnerId));
        Tie.Field("kinds", new NonNullGraphType(new ListGraphType(new NonNullGraphType(Kind)))).Resolve(c => CollaborationRules.Split(c.Source.Kinds).ToList());
        Tie.Field<NonNullGraphType<FloatGraphType>>("weight").Description("The sum of its evidence's weights (see CollaborationKind). 权重。").Resolve(c => c.Source.Weight);
        Tie.Field<IsoDateGraphType>("firstDate").Description("The earliest known start of its evidence. 最早日期。").Resolve(c => c.Source.FirstDate);
        Tie.Field<IsoDateGraphType>("lastDate").Description("The latest known date of its evidence. 最近日期。").Resolve(c => c.Source.LastDate);
        Tie.Field("evidence", new NonNullGraphType(new ListGraphType(new NonNullGraphType(Evidence)))).Resolve(c => c.Source.Evidence);

        // Shaped like the link connections: the edge carries the tie (distance, via, weight, the collaboration with its
        // kinds and evidence) and the node is the organisation at its far end.
        var edge = new ObjectGraphType<Collaborator> { Name = "CollaboratorEdge", Description = "An organisation reached through collaborations, with the tie that reached it. 合作者。" };
        edge.Field<NonNullGraphType<StringGraphType>>("cursor").Description("The cursor of this edge, for `after` and `before`. 游标。").Resolve(c => CollaboratorPaging.Cursor(c.Source));
        edge.Field("node", new NonNullGraphType(nodes.Organization)).Description("The collaborating organisation. 合作组织。").Resolve(c => c.Nodes().Load(c.Source.OrganizationId));
        edge.Field<NonNullGraphType<IntGraphType>>("distance").Description("Steps from the organisation asked about (1 = a direct partner). 距离。").Resolve(c => c.Source.Distance);
        edge.Field("via", new NonNullGraphType(nodes.Organization)).Description("The organisation one step nearer that reached it. 经由。").Resolve(c => c.Nodes().Load(c.Source.Via));
        edge.Field<NonNullGraphType<FloatGraphType>>("weight").Description("The weight of the tie that reached it. 权重。").Resolve(c => c.Source.Tie.Weight);
        edge.Field("collaboration", new NonNullGraphType(Tie)).Description("The tie from `via`, with its kinds and evidence. 合作关系。").Resolve(c => c.Source.Tie);

        CollaboratorConnection = new ObjectGraphType<CollaboratorPage> { Name = "CollaboratorConnection", Description = "The collaborators of an organisation, a page at a time, nearest first, then heaviest tie first. 合作者。" };
        CollaboratorConnection.Field("edges", new NonNullGraphType(new ListGraphType(new NonNullGraphType(edge))))
            .Description("The collaborators of this page with their ties. 本页的边。").Resolve(c => c.Source.Collaborators);
        CollaboratorConnection.Field("nodes", new NonNullGraphType(new ListGraphType(new NonNullGraphType(nodes.Organization))))
            .Description("The organisations of this page, when the ties are not needed. 本页的组织。")
            .Resolve(c => c.Nodes().LoadMany(c.Source.Collaborators.Select(collaborator => collaborator.OrganizationId)).Then(found => (object)found.OfType<Node>().ToList()));
        CollaboratorConnection.Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Where this page lies: cursors and whether there are more. 分页信息。").Resolve(c => c.Source.PageInfo);
        CollaboratorConnection.Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("How many collaborators there are in all pages; searches to the full depth, so only when selected. 总数。").Resolve(c => c.Source.TotalCount);

        Path = new ObjectGraphType<CollaborationPath> { Name = "CollaborationPath", Description = "A shortest chain of collaborations, each step with its evidence. 合作路径。" };
        Path.Field<NonNullGraphType<IntGraphType>>("hops").Resolve(c => c.Source.Hops);
        Path.Field("organizations", new NonNullGraphType(new ListGraphType(new NonNullGraphType(nodes.Organization))))
            .Resolve(c => c.Nodes().LoadMany(c.Source.OrganizationIds).Then(found => (object)found.OfType<Node>().ToList()));
        Path.Field("steps", new NonNullGraphType(new ListGraphType(new NonNullGraphType(Tie)))).Resolve(c => c.Source.Steps);

        Statistics = new ObjectGraphType<NetworkStatistics> { Name = "NetworkStatistics", Description = "The summary of a network. Ties inside it are 区内 when both ends are in the home province, 区外 otherwise; external ties leave the selection. 网络统计。" };
        foreach (var (name, description, read) in new (string, string, Func<NetworkStatistics, object>)[]
        {
            ("nodes", "organisations 节点数", s => s.Nodes), ("edges", "ties 边数", s => s.Edges), ("components", "connected components 连通分量", s => s.Components),
            ("largestComponent", "organisations in the largest component 最大连通分量", s => s.LargestComponent), ("isolated", "organisations without a tie 孤立节点", s => s.Isolated),
            ("inRegionTies", "ties with both ends in the home province 区内合作", s => s.InRegionTies), ("outOfRegionTies", "ties with an end outside it 区外合作", s => s.OutOfRegionTies),
            ("externalTies", "ties to organisations outside the selection 对外合作", s => s.ExternalTies),
            ("externalInRegionTies", "of which to the home province 区内", s => s.ExternalInRegionTies), ("externalOutOfRegionTies", "of which elsewhere 区外/国外", s => s.ExternalOutOfRegionTies),
        })
        {
            Statistics.Field<NonNullGraphType<IntGraphType>>(name).Description(description).Resolve(c => read(c.Source));
        }
        Statistics.Field<NonNullGraphType<FloatGraphType>>("density").Description("2E / (N(N − 1)) 密度").Resolve(c => c.Source.Density);
        Statistics.Field<NonNullGraphType<FloatGraphType>>("inRegionShare").Description("区内 ties over ties whose ends' localities are known 区内占比").Resolve(c => c.Source.InRegionShare);
        Statistics.Field<NonNullGraphType<FloatGraphType>>("totalWeight").Description("the sum of tie weights 总权重").Resolve(c => c.Source.TotalWeight);

        NetworkTie = new ObjectGraphType<NetworkEdge> { Name = "NetworkTie", Description = "A tie of a network (undirected; the source id sorts first). 网络边。" };
        NetworkTie.Field<NonNullGraphType<IdGraphType>>("sourceId").Resolve(c => c.Source.SourceId);
        NetworkTie.Field<NonNullGraphType<IdGraphType>>("targetId").Resolve(c => c.Source.TargetId);
        NetworkTie.Field("kinds", new NonNullGraphType(new ListGraphType(new NonNullGraphType(Kind)))).Resolve(c => CollaborationRules.Split(c.Source.Kinds).ToList());
        NetworkTie.Field<NonNullGraphType<FloatGraphType>>("weight").Resolve(c => c.Source.Weight);
        NetworkTie.Field<IsoDateGraphType>("firstDate").Resolve(c => c.Source.FirstDate);
        NetworkTie.Field<IsoDateGraphType>("lastDate").Resolve(c => c.Source.LastDate);
        NetworkTie.Field("source", new NonNullGraphType(nodes.Organization)).Description("The organisation `sourceId` names, with its name. 一端组织。").Resolve(c => c.Nodes().Load(c.Source.SourceId));
        NetworkTie.Field("target", new NonNullGraphType(nodes.Organization)).Description("The organisation `targetId` names, with its name. 另一端组织。").Resolve(c => c.Nodes().Load(c.Source.TargetId));
        NetworkTie.Field<NonNullGraphType<BooleanGraphType>>("crossing").Description("One end is outside the selection (listed with `boundary: INCLUDE`). 跨边界合作。").Resolve(c => c.Source.Crossing);

        var kindPair = new ObjectGraphType<OrganizationKindPairCount> { Name = "OrganizationKindPairCount", Description = "Ties joining two kinds of organisation (enterprise–university, …). 按组织类型对计数。" };
        kindPair.Field("kinds", new NonNullGraphType(new ListGraphType(new NonNullGraphType(OrganizationKind)))).Description("The two kinds, the lower first (twice the same for e.g. enterprise–enterprise). 两端组织类型。")
            .Resolve(c => new[] { c.Source.First, c.Source.Second });
        kindPair.Field<NonNullGraphType<IntGraphType>>("ties").Description("How many ties. 合作数。").Resolve(c => c.Source.Ties);
        var kindCount = new ObjectGraphType<CollaborationKindCount> { Name = "CollaborationKindCount", Description = "Ties of a kind of collaboration (a tie of several kinds counts under each). 按合作类型计数。" };
        kindCount.Field("kind", new NonNullGraphType(Kind)).Resolve(c => c.Source.Kind);
        kindCount.Field<NonNullGraphType<IntGraphType>>("ties").Description("How many ties. 合作数。").Resolve(c => c.Source.Ties);
        TieCounts = new ObjectGraphType<TieCounts> { Name = "NetworkTieCounts", Description = "The listed ties of a network (crossing ones too with `boundary: INCLUDE`), by pair of organisation kinds and by collaboration kind. 合作分类计数。" };
        TieCounts.Field<NonNullGraphType<IntGraphType>>("ties").Description("Listed ties. 合作总数。").Resolve(c => c.Source.Ties);
        TieCounts.Field<NonNullGraphType<IntGraphType>>("crossingTies").Description("Of which cross the boundary. 其中跨边界。").Resolve(c => c.Source.CrossingTies);
        TieCounts.Field("byOrganizationKinds", new NonNullGraphType(new ListGraphType(new NonNullGraphType(kindPair)))).Resolve(c => c.Source.ByOrganizationKinds);
        TieCounts.Field("byKind", new NonNullGraphType(new ListGraphType(new NonNullGraphType(kindCount)))).Resolve(c => c.Source.ByKind);

        var organizationPage = NetworkPage.ConnectionType("NetworkOrganizationConnection", "Organisations of a network, a page at a time, in a stable order. 网络组织（分页）。",
            new NonNullGraphType(new ListGraphType(new NonNullGraphType(nodes.Organization))),
            c => c.Nodes().LoadMany(c.Source.Items.Select(OrganizationId)).Then(found => (object)found.OfType<Node>().ToList()));
        var tiePage = NetworkPage.ConnectionType("NetworkTieConnection", "Ties of a network, a page at a time: the ties inside first, then the crossing ones. 网络合作（分页）。",
            new NonNullGraphType(new ListGraphType(new NonNullGraphType(NetworkTie))), c => c.Source.Items);

        Network = new ObjectGraphType<CollaborationNetwork> { Name = "CollaborationNetwork", Description = "A network selection: its organisations, its ties, and their statistics; with `boundary: INCLUDE` also the ties that cross its boundary and the partners outside. Lists are paged (`first`/`after`, at most 500 a page). The same selection downloads at /export/network.graphml, .gexf, -nodes.csv and -edges.csv. 合作网络。" };
        Network.Field("organizations", new NonNullGraphType(organizationPage)).Description("The selected organisations. 网络内组织。")
            .Arguments(PageRequest.Arguments())
            .Resolve(c => NetworkPage.Read(c, c.Source.Nodes));
        Network.Field("outsidePartners", new NonNullGraphType(organizationPage)).Description("With `boundary: INCLUDE`: the organisations outside the selection that a crossing tie reaches. 边界外合作伙伴。")
            .Arguments(PageRequest.Arguments())
            .Resolve(c => NetworkPage.Read(c, c.Source.OutsidePartners));
        Network.Field("ties", new NonNullGraphType(tiePage)).Description("The ties among the selected organisations, then (with `boundary: INCLUDE`) the crossing ties. 合作关系。")
            .Arguments(PageRequest.Arguments())
            .Resolve(c => NetworkPage.Read(c, c.Source.Edges));
        Network.Field("tieCounts", new NonNullGraphType(TieCounts)).Description("The listed ties by pair of organisation kinds and by collaboration kind. 合作分类计数。").Resolve(c => c.Source.TieCounts);
        Network.Field("statistics", new NonNullGraphType(Statistics)).Resolve(c => c.Source.Statistics);

        Ranked = new ObjectGraphType<RankedOrganization> { Name = "RankedOrganization", Description = "An organisation's place in a ranking. 排名项。" };
        Ranked.Field<NonNullGraphType<IntGraphType>>("rank").Resolve(c => c.Source.Rank);
        Ranked.Field<NonNullGraphType<FloatGraphType>>("score").Resolve(c => c.Source.Score);
        Ranked.Field("organization", new NonNullGraphType(nodes.Organization)).Resolve(c => c.Nodes().Load(c.Source.OrganizationId));

        Ranking = new ObjectGraphType<Ranking> { Name = "Ranking", Description = "The top organisations of a network by a metric. Betweenness above a size is estimated from sampled sources: then `exact` is false and every score is within `errorBound` of the exact value with 95 % probability. 排名。" };
        Ranking.Field("metric", new NonNullGraphType(Metric)).Resolve(c => c.Source.Metric);
        Ranking.Field<NonNullGraphType<IntGraphType>>("organizations").Description("organisations ranked 参与排名的组织数").Resolve(c => c.Source.Organizations);
        Ranking.Field<NonNullGraphType<BooleanGraphType>>("exact").Resolve(c => c.Source.Exact);
        Ranking.Field<NonNullGraphType<IntGraphType>>("samples").Resolve(c => c.Source.Samples);
        Ranking.Field<NonNullGraphType<FloatGraphType>>("errorBound").Resolve(c => c.Source.ErrorBound);
        Ranking.Field("top", new NonNullGraphType(new ListGraphType(new NonNullGraphType(Ranked)))).Resolve(c => c.Source.Top);

        Community = new ObjectGraphType<Community> { Name = "Community", Description = "A community of densely tied organisations. 社区。" };
        Community.Field<NonNullGraphType<IntGraphType>>("index").Resolve(c => c.Source.Index);
        Community.Field<NonNullGraphType<IntGraphType>>("size").Resolve(c => c.Source.MemberIds.Count);
        Community.Field<NonNullGraphType<IntGraphType>>("internalTies").Resolve(c => c.Source.InternalTies);
        Community.Field("members", new NonNullGraphType(organizationPage)).Description("Its organisations, a page at a time. 社区成员（分页）。")
            .Arguments(PageRequest.Arguments())
            .Resolve(c => NetworkPage.Read(c, c.Source.MemberIds));

        // The explorer colours every organisation of a network by its community: one flat list pages through all of
        // them, where paging members inside paged communities would multiply two page sizes.
        var membership = new ObjectGraphType<CommunityMembership> { Name = "CommunityMembership", Description = "An organisation and the community it belongs to. 社区归属。" };
        membership.Field<NonNullGraphType<IdGraphType>>("organizationId").Resolve(c => c.Source.OrganizationId);
        membership.Field<NonNullGraphType<IntGraphType>>("community").Description("The community's `index`. 社区序号。").Resolve(c => c.Source.Community);
        var communityPage = NetworkPage.ConnectionType("CommunityConnection", "Communities of a partition, a page at a time, largest first. 社区（分页）。",
            new NonNullGraphType(new ListGraphType(new NonNullGraphType(Community))), c => c.Source.Items);
        var membershipPage = NetworkPage.ConnectionType("CommunityMembershipConnection", "Every organisation of a partition with its community, a page at a time, community by community. 社区归属（分页）。",
            new NonNullGraphType(new ListGraphType(new NonNullGraphType(membership))), c => c.Source.Items);

        Partition = new ObjectGraphType<CommunityPartition> { Name = "CommunityPartition", Description = "The communities of a network, largest first, and the partition's modularity. Lists are paged (`first`/`after`, at most 500 a page). 社区划分。" };
        Partition.Field<NonNullGraphType<StringGraphType>>("algorithm").Resolve(c => c.Source.Algorithm);
        Partition.Field<NonNullGraphType<FloatGraphType>>("modularity").Resolve(c => c.Source.Modularity);
        Partition.Field("communities", new NonNullGraphType(communityPage)).Arguments(PageRequest.Arguments())
            .Resolve(c => NetworkPage.Read(c, c.Source.Communities));
        Partition.Field("memberships", new NonNullGraphType(membershipPage)).Description("Each organisation with its community's index. 社区归属。")
            .Arguments(PageRequest.Arguments())
            .Resolve(c => NetworkPage.Read(c, CommunityMembership.Of(c.Source)));

        Change = new ObjectGraphType<NetworkChange> { Name = "NetworkChange", Description = "How a network changed between two years: ties alive in the later year only (new) and in the earlier only (lost), paged (`first`/`after`, at most 500 a page). 网络演化。" };
        Change.Field<NonNullGraphType<IntGraphType>>("fromYear").Resolve(c => c.Source.FromYear);
        Change.Field<NonNullGraphType<IntGraphType>>("toYear").Resolve(c => c.Source.ToYear);
        Change.Field("fromStatistics", new NonNullGraphType(Statistics)).Resolve(c => c.Source.FromStatistics);
        Change.Field("toStatistics", new NonNullGraphType(Statistics)).Resolve(c => c.Source.ToStatistics);
        Change.Field("newTies", new NonNullGraphType(tiePage)).Description("Ties alive in `toYear` and not in `fromYear`. 新增合作（分页）。")
            .Arguments(PageRequest.Arguments())
            .Resolve(c => NetworkPage.Read(c, c.Source.NewTies));
        Change.Field("lostTies", new NonNullGraphType(tiePage)).Description("Ties alive in `fromYear` and not in `toYear`. 消失合作（分页）。")
            .Arguments(PageRequest.Arguments())
            .Resolve(c => NetworkPage.Read(c, c.Source.LostTies));
        Change.Field<NonNullGraphType<IntGraphType>>("keptTies").Resolve(c => c.Source.KeptTies);
    }

    // A network's organisations are its nodes; a community's members are ids.
    static string OrganizationId(object item) => item as string ?? ((NetworkNode)item).Id;

    public EnumerationGraphType Kind { get; }
    public EnumerationGraphType OrganizationKind { get; }
    public EnumerationGraphType<RankingMetric> Metric { get; }
    public EnumerationGraphType<NetworkBoundary> Boundary { get; }
    public ObjectGraphType<TieCounts> TieCounts { get; }
    public InputObjectGraphType<object> Selection { get; }
    public ObjectGraphType<CollaborationEvidence> Evidence { get; }
    public ObjectGraphType<CollaborationTie> Tie { get; }
    public ObjectGraphType<CollaboratorPage> CollaboratorConnection { get; }
    public ObjectGraphType<CollaborationPath> Path { get; }
    public ObjectGraphType<NetworkStatistics> Statistics { get; }
    public ObjectGraphType<NetworkEdge> NetworkTie { get; }
    public ObjectGraphType<CollaborationNetwork> Network { get; }
    public ObjectGraphType<RankedOrganization> Ranked { get; }
    public ObjectGraphType<Ranking> Ranking { get; }
    public ObjectGraphType<Community> Community { get; }
    public ObjectGraphType<CommunityPartition> Partition { get; }
    public ObjectGraphType<NetworkChange> Change { get; }
}
