using System.Collections.Immutable;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>One write of a batch.</summary>
public abstract record WriteOperation
{
    /// <summary>Create the node, or replace its content when one of that kind and key exists.</summary>
    public sealed record UpsertNode(NodeInput Node) : WriteOperation;

    /// <summary>Create the link, or replace its content when one of that identity exists. Both ends must exist.</summary>
    public sealed record UpsertLink(LinkInput Link) : WriteOperation;

    /// <summary>Delete the node and every link at it.</summary>
    public sealed record DeleteNode(string Id) : WriteOperation;

    /// <summary>Delete the link.</summary>
    public sealed record DeleteLink(string Id) : WriteOperation;

    /// <summary>
    /// Change only what the patch names on an existing node. The domain's writer turns it into an
    /// <see cref="UpsertNode"/> of the node as read; a store never receives one.
    /// </summary>
    public sealed record PatchNode(string Id, NodePatch Patch) : WriteOperation;
}

/// <summary>What a patch sets (the rest stays) and the properties it clears (<c>nameEn</c>, <c>aliases</c> or catalog properties).</summary>
public sealed record NodePatch(string? Name, string? NameEn, ImmutableArray<string>? Aliases, PropertyBag Set, IReadOnlyList<string> Clear);

/// <summary>
/// Writes applied in order in one all-or-nothing transaction. When <see cref="ExpectedDataVersion"/>
/// is set and the store's data version differs, nothing is written and a <c>CONFLICT</c> error is raised.
/// </summary>
public sealed record WriteBatch(IReadOnlyList<WriteOperation> Operations, long? ExpectedDataVersion = null)
{
    /// <summary>The journal entry to append in the same transaction when the batch changes anything.</summary>
    public JournalDraft? Journal { get; init; }

    /// <summary>A batch of these operations.</summary>
    public static WriteBatch Of(params WriteOperation[] operations) => new(operations);
}

/// <summary>What a write did to one node or link.</summary>
public enum Change
{
    /// <summary>It did not exist and was created.</summary>
    Created,
    /// <summary>It existed and its content changed.</summary>
    Updated,
    /// <summary>It existed with the same content (an idempotent repeat).</summary>
    Unchanged,
    /// <summary>It existed and was deleted.</summary>
    Deleted,
    /// <summary>A delete found nothing to delete.</summary>
    NotFound,
}

/// <summary>The outcome of one operation: the id, what changed, and the node or link as now stored (null once deleted).</summary>
public sealed record WriteOutcome(string Id, Change Change, Node? Node = null, Link? Link = null);

/// <summary>The outcomes of a batch, in operation order, and the data version after it.</summary>
public sealed record WriteResult(IReadOnlyList<WriteOutcome> Outcomes, long DataVersion)
{
    /// <summary>The journal entry appended with the write; null when nothing changed or no draft was given.</summary>
    public JournalEntry? Journal { get; init; }

    /// <summary>Whether anything changed.</summary>
    public bool Changed => Outcomes.Any(o => o.Change is Change.Created or Change.Updated or Change.Deleted);
}

/// <summary>The counts of a bulk import.</summary>
public sealed record ImportResult(long NodesCreated, long NodesUpdated, long NodesUnchanged, long LinksCreated, long LinksUpdated, long LinksUnchanged, long DataVersion);
