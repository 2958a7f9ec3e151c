using GraphQL.Types;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Writes;

/// <summary>What a mutation did: every node and link it touched, and the data version after it.</summary>
public sealed class WritePayloadType : ObjectGraphType<WriteResult>
{
    public WritePayloadType()
    {
        Name = "WritePayload";
        Description = "What a write did: each node or link it touched, in the order written, and the data version after it. 写入结果。";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeType>>>>("changes")
            .Description("One entry per operation, in order. 每项操作的结果。")
            .Resolve(context => context.Source.Outcomes);
        Field<NonNullGraphType<LongGraphType>>("dataVersion")
            .Description("The data version after the write; unchanged when nothing changed. 写入后的数据版本号。")
            .Resolve(context => context.Source.DataVersion);
    }
}

/// <summary>What one operation did to one node or link.</summary>
public sealed class ChangeType : ObjectGraphType<WriteOutcome>
{
    public ChangeType()
    {
        Name = "Change";
        Description = "What one operation did to one node or link. 单项变更。";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id of the node or link. 节点或关系的 id。").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<ChangeKindType>>("change").Description("What happened to it. 变更类型。").Resolve(context => context.Source.Change);
        Field("node", new GraphQLTypeReference("Node"))
            .Description("The node as now stored, when a node was written; null for links and once deleted. 写入后的节点。")
            .Resolve(context => context.Source.Node);
        Field("link", new GraphQLTypeReference("Link"))
            .Description("The link as now stored, when a link was written; null for nodes and once deleted. 写入后的关系。")
            .Resolve(context => context.Source.Link);
    }
}

/// <summary>CREATED, UPDATED, UNCHANGED, DELETED or NOT_FOUND.</summary>
public sealed class ChangeKindType : EnumerationGraphType
{
    public ChangeKindType()
    {
        Name = "ChangeKind";
        Description = "What a write did to a node or link. 变更类型。";
        Add("CREATED", Change.Created, "It did not exist and was created. 新建。");
        Add("UPDATED", Change.Updated, "It existed and its content changed. 已更新。");
        Add("UNCHANGED", Change.Unchanged, "It existed with the same content: an idempotent repeat. 未变化。");
        Add("DELETED", Change.Deleted, "It existed and was deleted. 已删除。");
        Add("NOT_FOUND", Change.NotFound, "A delete found nothing to delete. 未找到，无需删除。");
    }
}
