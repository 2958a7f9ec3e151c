using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Lists;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Links;

/// <summary>
/// Adds every link to the node types at both of its ends as a cursor connection (<see cref="LinkField"/> names
/// them): its edges carry the node at the other end and the link with its dates, source and properties.
/// All links of one level of a query load in one store call per direction (<see cref="LinkLoader"/>).
/// </summary>
public static class LinkConnections
{
    /// <summary>Adds the link connection fields to the node types and, where all four kinds share one, to Organization.</summary>
    public static void AddTo(NodeTypes nodes, LinkTypes links)
    {
        var fieldsByKind = new Dictionary<NodeKind, List<FieldType>>();
        foreach (var linkField in LinkField.All)
        {
            var linkType = links.Of(linkField.Type);
            var connection = Connections.Create(linkField.ConnectionName,
                CatalogNames.Bilingual($"{linkField.Description}: a page of {GraphCatalog.Of(linkField.Type).Name} links", GraphCatalog.Of(linkField.Type).Chinese),
                nodes.Common(linkField.OtherKinds),
                edge => edge.Field("link", new NonNullGraphType(linkType))
                    .Description("The link itself: dates, source and its properties. 关系及其属性。")
                    .Resolve(c => c.Source.Link));
            foreach (var kind in linkField.Owners)
            {
                var field = Add(nodes.Of(kind), linkField, connection);
                if (!fieldsByKind.TryGetValue(kind, out var list))
                    fieldsByKind[kind] = list = [];
                list.Add(field);
            }
        }

        var organizations = GraphCatalog.OrganizationKinds;
        foreach (var field in fieldsByKind[NodeKind.Enterprise])
        {
            if (organizations.All(kind => fieldsByKind[kind].Any(f => f.Name == field.Name && f.ResolvedType!.ToString() == field.ResolvedType!.ToString())))
                InterfaceFields.Copy(nodes.Of(NodeKind.Enterprise), nodes.Organization, name => name == field.Name);
        }
    }

    private static FieldType Add(ObjectGraphType<Node> type, LinkField linkField, IGraphType connection) =>
        type.Field(linkField.Name, new NonNullGraphType(connection))
            .Description(CatalogNames.Bilingual(
                $"{linkField.Description}. {GraphCatalog.Of(linkField.Type).Name} links{(linkField.Direction == Direction.Both ? " at either end" : linkField.Direction == Direction.Out ? " from here" : " to here")}, as a cursor connection",
                GraphCatalog.Of(linkField.Type).Chinese))
            .Arguments(PageRequest.Arguments())
            .Resolve(context =>
            {
                var page = PageRequest.Read(context);
                var self = context.Source.Id;
                return context.Links().Load(new LinksOf(self, linkField.Type, linkField.Direction))
                    .Then(all => Slice(all, page, self));
            })
            .FieldType;

    private static Connection Slice(IReadOnlyList<Link> all, PageRequest page, string self)
    {
        var (start, end) = page.Window(all.Count);
        var edges = new List<Edge>(end - start);
        for (var i = start; i < end; i++)
        {
            var link = all[i];
            edges.Add(new Edge(PageRequest.Cursor(i), null, link.FromId == self ? link.ToId : link.FromId, link));
        }
        return new Connection(edges, PageRequest.Info(start, edges.Count, all.Count), all.Count);
    }
}
