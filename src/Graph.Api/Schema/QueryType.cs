using GraphQL.Types;
using KnowledgeGraph.Api.Schema.Collaboration;
using KnowledgeGraph.Api.Schema.Links;
using KnowledgeGraph.Api.Schema.Lists;
using KnowledgeGraph.Api.Schema.Nodes;
using KnowledgeGraph.Api.Schema.Policy;
using KnowledgeGraph.Api.Schema.Search;
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
        CollaborationFields.AddTo(this, nodes);
        Matchmaking.MatchmakingFields.AddTo(this, nodes);
        var (journalEntry, journalTypes) = Journal.JournalFields.AddTo(this);
        JournalEntryType = journalEntry;
        CatalogTypes = [nodes.Node, nodes.Organization, links.Link, .. nodes.All, .. GraphSchema.LinkTypes.Select(l => links.Of(l.Type)), .. journalTypes];
    }

    /// <summary>The journal's entry type, which the subscription root streams too.</summary>
    public IGraphType JournalEntryType { get; }

    /// <summary>The types generated from the catalog, registered with the schema so that every one appears in it.</summary>
    public IReadOnlyList<IGraphType> CatalogTypes { get; }
}
