using System.Globalization;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Writes;

/// <summary>The journal's graph types: entries, who wrote them, and each node or link before and after.</summary>
internal static class JournalTypes
{
    /// <summary>
    /// <c>JournalConnection { edges { cursor node }, nodes, pageInfo }</c> (a cursor is the entry's data version), and the
    /// object types of the <c>JournalChange</c> interface.
    /// </summary>
    public static (ObjectGraphType<JournalPage> Connection, ObjectGraphType<JournalEntry> Entry, IReadOnlyList<IGraphType> ChangeTypes) Create()
    {
        var (entry, changeTypes) = Entry();
        var edge = new ObjectGraphType<JournalEntry> { Name = "JournalEdge", Description = "An entry of the journal with its cursor. 日志条目。" };
        edge.Field<NonNullGraphType<StringGraphType>>("cursor").Description("The cursor: the entry's data version. 游标。").Resolve(c => Cursor(c.Source));
        edge.Field("node", new NonNullGraphType(entry)).Description("The entry. 条目。").Resolve(c => c.Source);

        var connection = new ObjectGraphType<JournalPage> { Name = "JournalConnection", Description = "A page of the journal, oldest first. 变更日志分页。" };
        connection.Field("edges", new NonNullGraphType(new ListGraphType(new NonNullGraphType(edge)))).Description("The entries with their cursors. 条目。").Resolve(c => c.Source.Entries);
        connection.Field("nodes", new NonNullGraphType(new ListGraphType(new NonNullGraphType(entry)))).Description("The entries. 条目。").Resolve(c => c.Source.Entries);
        connection.Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether more entries follow, and the cursor to continue after. 分页信息。")
            .Resolve(c => new PageInfo
            {
                HasNextPage = c.Source.HasNextPage,
                HasPreviousPage = false,
                StartCursor = c.Source.Entries.Count > 0 ? Cursor(c.Source.Entries[0]) : null,
                EndCursor = c.Source.Entries.Count > 0 ? Cursor(c.Source.Entries[^1]) : null,
            });
        return (connection, entry, changeTypes);
    }

    static string Cursor(JournalEntry entry) => entry.DataVersion.ToString(CultureInfo.InvariantCulture);

    static (ObjectGraphType<JournalEntry> Entry, IReadOnlyList<IGraphType> ChangeTypes) Entry()
    {
        var actor = new ObjectGraphType<Actor> { Name = "Actor", Description = "Who wrote: a token's subject and roles, or the import or migrate verb with its source. 写入者。" };
        actor.Field<NonNullGraphType<StringGraphType>>("subject").Description("The token's subject (`sub`), or `import`, `migrate`, `service`. 主体。").Resolve(c => c.Source.Subject);
        actor.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Description("The roles it held. 角色。").Resolve(c => c.Source.Roles);
        actor.Field<NonNullGraphType<StringGraphType>>("channel").Description("`api`, `import`, `migrate` or `service`. 渠道。").Resolve(c => c.Source.Channel);
        actor.Field<StringGraphType>("source").Description("The folder imported or the store migrated from. 来源。").Resolve(c => c.Source.Source);
        actor.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("regions").Description("The regions its token was scoped to (GB/T 2260 codes); empty when unscoped. 辖区。").Resolve(c => c.Source.Jurisdiction.Regions);

        var change = new InterfaceGraphType<JournalChange> { Name = "JournalChange", Description = "What a write did to one node or link. 单项变更。" };
        change.Field<NonNullGraphType<IdGraphType>>("id").Description("The node's or link's id. 标识。");
        change.Field<NonNullGraphType<ChangeKindType>>("change").Description("CREATED, UPDATED or DELETED. 变更类型。");
        var node = new ObjectGraphType<NodeChange> { Name = "NodeChange", Description = "A node created, updated or deleted. 节点变更。", IsTypeOf = s => s is NodeChange };
        node.Field<NonNullGraphType<IdGraphType>>("id").Description("The node's id. 节点标识。").Resolve(c => c.Source.Id);
        node.Field<NonNullGraphType<ChangeKindType>>("change").Description("CREATED, UPDATED or DELETED. 变更类型。").Resolve(c => c.Source.Change);
        node.Field("before", new GraphQLTypeReference("Node")).Description("The node before; null when created. 变更前。").Resolve(c => c.Source.Before);
        node.Field("after", new GraphQLTypeReference("Node")).Description("The node after; null when deleted. 变更后。").Resolve(c => c.Source.After);
        node.AddResolvedInterface(change);
        var link = new ObjectGraphType<LinkChange> { Name = "LinkChange", Description = "A link created, updated or deleted (also with its node). 关系变更。", IsTypeOf = s => s is LinkChange };
        link.Field<NonNullGraphType<IdGraphType>>("id").Description("The link's id. 关系标识。").Resolve(c => c.Source.Id);
        link.Field<NonNullGraphType<ChangeKindType>>("change").Description("CREATED, UPDATED or DELETED. 变更类型。").Resolve(c => c.Source.Change);
        link.Field("before", new GraphQLTypeReference("Link")).Description("The link before; null when created. 变更前。").Resolve(c => c.Source.Before);
        link.Field("after", new GraphQLTypeReference("Link")).Description("The link after; null when deleted. 变更后。").Resolve(c => c.Source.After);
        link.AddResolvedInterface(change);
        change.AddPossibleType(node);
        change.AddPossibleType(link);

        var entry = new ObjectGraphType<JournalEntry> { Name = "JournalEntry", Description = "One committed write. 一次已提交的写入。" };
        entry.Field<NonNullGraphType<LongGraphType>>("dataVersion").Description("The data version the write produced. 数据版本。").Resolve(c => c.Source.DataVersion);
        entry.Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When it committed. 提交时间。").Resolve(c => c.Source.At);
        entry.Field("actor", new NonNullGraphType(actor)).Description("Who wrote. 写入者。").Resolve(c => c.Source.Actor);
        entry.Field<NonNullGraphType<StringGraphType>>("operation").Description("What was asked: a mutation, a workflow step, an import. 操作。").Resolve(c => c.Source.Operation);
        entry.Field<NonNullGraphType<BooleanGraphType>>("override")
            .Description("Whether an admin wrote governed state (a challenge's lifecycle, a centre's, a filing) directly instead of through its workflow. 管理员直接改写受管状态。")
            .Resolve(c => c.Source.Override);
        entry.Field<NonNullGraphType<BooleanGraphType>>("bulk").Description("Whether it is a bulk load (import, migrate), recorded without its rows. 批量导入。").Resolve(c => c.Source.Bulk);
        entry.Field("changes", new NonNullGraphType(new ListGraphType(new NonNullGraphType(change)))).Description("Each node and link it changed. 各项变更。").Resolve(c => c.Source.Changes);
        return (entry, [node, link]);
    }
}
