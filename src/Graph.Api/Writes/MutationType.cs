using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Writes;

/// <summary>
/// The mutation root, generated from the catalog: <c>upsert&lt;Kind&gt;</c> for every node kind,
/// <c>patch&lt;Kind&gt;</c> to change only what it names, <c>link&lt;LinkType&gt;</c> for every link type, <c>unlink</c>,
/// <c>deleteNode</c>, and <c>applyBatch</c> for many writes in one all-or-nothing transaction. Every mutation needs the
/// <c>editor</c> role and goes through the domain's one write path (<see cref="GraphWriter"/>).
/// </summary>
public sealed class MutationType : ObjectGraphType
{
    private const string ExpectedDataVersion = "expectedDataVersion";
    private const string ExpectedVersion = "expectedVersion";
    private const string Input = "input";
    private const string Id = "id";
    private const string Operations = "operations";
    private const string Set = "set";
    private const string Clear = "clear";

    private readonly Dictionary<string, Func<object?, WriteOperation>> _operations = new(StringComparer.Ordinal);

    public MutationType()
    {
        Name = "Mutation";
        Description = "Writes. Every mutation needs a bearer token with the `editor` role, is idempotent, and writes all or nothing. 写入（需 editor 角色）。";
        // The enums themselves are the read side's; inputs refer to them by name.
        var enums = new CatalogEnums();
        var nodeInputs = GraphCatalog.NodeKinds.Select(kind => new NodeInputType(kind, enums)).ToList();
        var linkInputs = GraphCatalog.LinkTypes.Select(link => new LinkInputType(link, enums)).ToList();
        var patchInputs = new List<NodePatchOperationInputType>();

        foreach (var input in nodeInputs)
        {
            var info = input.Kind;
            _operations[MutationNames.Upsert(info.Kind)] = value => new WriteOperation.UpsertNode(ReadNode(info, value));
            Write(MutationNames.Upsert(info.Kind), input,
                $"Create a node of kind {info.Kind} (新建或更新{info.Chinese}), or update the one with this `{info.KeyName}`: the input replaces its content. "
                + "A repeat of the same input changes nothing (UNCHANGED). A confidential figure the token may not read cannot be changed or cleared (FORBIDDEN): use `"
                + MutationNames.Patch(info.Kind) + "` to change only what you name.");

            var set = new NodePatchInputType(info, enums);
            var clear = new ClearablePropertyType(info);
            patchInputs.Add(new NodePatchOperationInputType(set, clear));
            _operations[MutationNames.Patch(info.Kind)] = value =>
            {
                var patch = (IDictionary<string, object?>)value!;
                return ReadPatch(info, IdOf(patch[Id]), patch.TryGetValue(Set, out var s) ? s : null, patch.TryGetValue(Clear, out var c) ? c : null);
            };
            Field<WritePayloadType>(MutationNames.Patch(info.Kind))
                .Description($"Change only what is named on an existing {info.Kind} ({info.Chinese}): `set` values, `clear` properties; the rest stays as stored. "
                    + "NOT_FOUND when there is no such node. 部分更新：只改所列字段，其余保持不变。")
                .Argument<NonNullGraphType<IdGraphType>>(Id, "The node to patch. 节点 id。")
                .Argument(set, Set, a => a.Description = "What to set. 要设置的值。")
                .Argument(new ListGraphType(new NonNullGraphType(clear)), Clear, a => a.Description = "What to clear. 要清除的属性。")
                .Argument<LongGraphType>(ExpectedDataVersion, ExpectedDataVersionDescription)
                .Argument<LongGraphType>(ExpectedVersion, ExpectedVersionDescription)
                .RequireRole(Roles.Editor)
                .ResolveAsync(context => WriteAsync(context, MutationNames.Patch(info.Kind),
                    [new PendingWrite(ReadPatch(info, IdOf(context.Arguments![Id].Value), context.Arguments.TryGetValue(Set, out var s) ? s.Value : null,
                        context.Arguments.TryGetValue(Clear, out var c) ? c.Value : null), InputPath.Argument(Set))]));
        }
        foreach (var input in linkInputs)
        {
            var info = input.Link;
            _operations[MutationNames.Link(info.Type)] = value => new WriteOperation.UpsertLink(ReadLink(info, value));
            Write(MutationNames.Link(info.Type), input,
                $"Create a {info.Name} link ({info.Chinese}: {info.Description}), or update the one with this from, to and key. Both ends must exist.");
        }
        _operations[MutationNames.Unlink] = value => new WriteOperation.DeleteLink(IdOf(value));
        Write(MutationNames.Unlink, new NonNullGraphType(new IdGraphType()),
            "Delete the link with this id (TYPE|fromId|toId[|key], as `Link.id` gives it); NOT_FOUND in `changes` when there is none. 删除关系。", Id);
        _operations[MutationNames.DeleteNode] = value => new WriteOperation.DeleteNode(IdOf(value));
        Write(MutationNames.DeleteNode, new NonNullGraphType(new IdGraphType()),
            "Delete the node with this id and every link at it; NOT_FOUND in `changes` when there is none. 删除节点及其全部关系。", Id);

        var batchOperation = new NonNullGraphType(new BatchOperationInputType(nodeInputs, patchInputs, linkInputs));
        Field<WritePayloadType>("applyBatch")
            .Description("Many writes in one transaction, applied in order: all of them, or — when any is wrong — none. "
                + "An error names the operation at fault (`operations[i]`). 批量写入，全部成功或全部不写。")
            .Argument(new NonNullGraphType(new ListGraphType(batchOperation)), Operations, argument => argument.Description = "The writes, in order. 各项写入。")
            .Argument<LongGraphType>(ExpectedDataVersion, ExpectedDataVersionDescription)
            .Argument<LongGraphType>(ExpectedVersion, ExpectedVersionDescription + " In a batch it guards every node and link the batch names.")
            .RequireRole(Roles.Editor)
            .ResolveAsync(context =>
            {
                var operations = context.GetArgument<List<object?>>(Operations) ?? [];
                var writes = operations.Select((element, index) =>
                {
                    var (name, value) = ((IDictionary<string, object?>)element!).Single();
                    return new PendingWrite(_operations[name](value), InputPath.Argument(Operations).Then(index).Then(name));
                }).ToList();
                return WriteAsync(context, "applyBatch", writes);
            });
    }

    private const string ExpectedDataVersionDescription =
        "When given, the write happens only if the data version is still this one (any write anywhere counts); otherwise CONFLICT and nothing is written. "
        + "Use `expectedVersion` to guard only the records written. 乐观并发控制（整个数据集）。";

    private const string ExpectedVersionDescription =
        "When given, the write happens only if the node or link it names has not changed after this data version: the `version` it was read at "
        + "(a node's `version`, or the `dataVersion` of the write that last returned it). Writes to other records do not count. "
        + "Otherwise CONFLICT naming the record, and nothing is written. 按记录的乐观并发控制。";

    private void Write(string name, IGraphType argumentType, string description, string argument = Input)
    {
        var type = argumentType is IInputObjectGraphType ? new NonNullGraphType(argumentType) : argumentType;
        Field<WritePayloadType>(name)
            .Description(description)
            .Arguments(
                new QueryArgument(type) { Name = argument, Description = argument == Input ? "The full content to write. 写入的完整内容。" : "The id. 标识。" },
                new QueryArgument<LongGraphType> { Name = ExpectedDataVersion, Description = ExpectedDataVersionDescription },
                new QueryArgument<LongGraphType> { Name = ExpectedVersion, Description = ExpectedVersionDescription })
            .RequireRole(Roles.Editor)
            .ResolveAsync(context => WriteAsync(context, name, [new PendingWrite(_operations[name](context.Arguments![argument].Value), InputPath.Argument(argument))]));
    }

    private static Task<object?> WriteAsync(IResolveFieldContext context, string operation, IReadOnlyList<PendingWrite> writes) =>
        context.WriteAsync(new WriteRequest(writes, context.Actor(), operation)
        {
            ExpectedDataVersion = context.GetArgument<long?>(ExpectedDataVersion),
            ExpectedVersion = context.GetArgument<long?>(ExpectedVersion),
        });

    private static WriteOperation.PatchNode ReadPatch(NodeKindInfo info, string id, object? set, object? clear)
    {
        var values = set as IDictionary<string, object?> ?? new Dictionary<string, object?>();
        return new WriteOperation.PatchNode(id, new NodePatch(
            values.TryGetValue("name", out var name) ? (string?)name : null,
            values.TryGetValue("nameEn", out var nameEn) ? (string?)nameEn : null,
            values.TryGetValue("aliases", out var aliases) && aliases is not null ? PropertyInputs.Strings(aliases) : null,
            PropertyInputs.Read(values, info.Properties),
            [.. PropertyInputs.Strings(clear)]));
    }

    private static NodeInput ReadNode(NodeKindInfo info, object? value)
    {
        var input = (IDictionary<string, object?>)value!;
        return new NodeInput(
            info.Kind,
            (string)input[info.KeyName]!,
            (string)input["name"]!,
            input.TryGetValue("nameEn", out var nameEn) ? (string?)nameEn : null,
            PropertyInputs.Strings(input.TryGetValue("aliases", out var aliases) ? aliases : null),
            PropertyInputs.Read(input, info.Properties));
    }

    private static LinkInput ReadLink(LinkTypeInfo info, object? value)
    {
        var input = (IDictionary<string, object?>)value!;
        object? Get(string name) => input.TryGetValue(name, out var v) ? PropertyInputs.Value(v) : null;
        return new LinkInput(
            info.Type,
            IdOf(input["from"]),
            IdOf(input["to"]),
            (string?)Get("key"),
            (DateOnly?)Get("startDate"),
            (DateOnly?)Get("endDate"),
            (string?)Get("source"),
            PropertyInputs.Read(input, info.Properties));
    }

    // ID input may arrive as a string or, from a literal like 42, a number.
    private static string IdOf(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
