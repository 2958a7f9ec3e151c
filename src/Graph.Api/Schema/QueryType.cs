using GraphQL.Types;
using KnowledgeGraph.Api.Collaboration;
using KnowledgeGraph.Api.Figures;
using KnowledgeGraph.Api.Graph.Links;
using KnowledgeGraph.Api.Graph.Lists;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Graph.Search;
using KnowledgeGraph.Api.Matchmaking;
using KnowledgeGraph.Api.People;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Schema;

/// <summary>The query root. Feature folders add their fields here.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<LongGraphType>>("dataVersion")
            .Description("A number that changes whenever the graph's data changes: poll it to know when to refresh. 数据版本号。")
            .ResolveAsync(async context =>
            {
                var store = context.RequestServices!.GetRequiredService<IGraphStore>();
                return await store.GetDataVersionAsync(context.CancellationToken).ConfigureAwait(false);
            });

        var nodes = new NodeTypes(new CatalogEnums());
        var links = new LinkTypes(nodes);
        LinkConnections.AddTo(nodes, links);
        NodeFields.AddTo(this, nodes);
        RootLists.AddTo(this, nodes);
        SearchField.AddTo(this, nodes);
        PolicyQueries.AddTo(this);
        PeopleFields.AddTo(this);
        FigureFields.AddTo(nodes);
        CollaborationFields.AddTo(this, nodes);
        MatchmakingFields.AddTo(this, nodes);
        var (journalEntry, journalTypes) = JournalFields.AddTo(this);
        JournalEntryType = journalEntry;
        CatalogTypes = [nodes.Node, nodes.Organization, links.Link, .. nodes.All, .. GraphCatalog.LinkTypes.Select(l => links.Of(l.Type)), .. journalTypes];
    }

    /// <summary>The journal's entry type, which the subscription root streams too.</summary>
    public IGraphType JournalEntryType { get; }

    /// <summary>The types generated from the catalog, registered with the schema so that every one appears in it.</summary>
    public IReadOnlyList<IGraphType> CatalogTypes { get; }
}
