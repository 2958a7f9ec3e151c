using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>Where in a mutation's arguments a value came from, e.g. <c>operations[2].upsertEnterprise.creditCode</c>.</summary>
public sealed class InputPath
{
    private InputPath(IReadOnlyList<object> segments) => Segments = segments;

    /// <summary>Argument and field names (strings) and list indexes (ints), outermost first.</summary>
    public IReadOnlyList<object> Segments { get; }

    /// <summary>The path of an argument.</summary>
    public static InputPath Argument(string name) => new([name]);

    /// <summary>The path of a field or list element below this one; an empty name is this path.</summary>
    public InputPath Then(object segment) => segment is "" ? this : new([.. Segments, segment]);

    public override string ToString() =>
        string.Concat(Segments.Select((s, i) => s is int index ? $"[{index}]" : i == 0 ? s.ToString() : $".{s}"));
}

/// <summary>One write as a writer received it, and where in its input it came from.</summary>
public sealed record PendingWrite(WriteOperation Operation, InputPath Path);

/// <summary>
/// Writes to apply in order, all or nothing, on behalf of an actor. <see cref="Operation"/> names what was asked (a
/// mutation, a workflow step) for the journal. A policy workflow sets <see cref="FromWorkflow"/>: it has decided the
/// governed change itself (an award, a lifecycle step, a filing), which a generic mutation may not make.
/// </summary>
public sealed record WriteRequest(IReadOnlyList<PendingWrite> Writes, Actor Actor, string Operation)
{
    /// <summary>When set, the write happens only if the store is still at this data version; else CONFLICT.</summary>
    public long? ExpectedDataVersion { get; init; }

    /// <summary>
    /// When set, the write happens only if no node or link it names changed after this data version (the version it
    /// was read at); else CONFLICT naming the write. Writes to other records in between do not count.
    /// </summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>Whether a policy workflow makes the write.</summary>
    public bool FromWorkflow { get; init; }

    /// <summary>A request of operations without input paths (a workflow's own writes).</summary>
    public static WriteRequest Of(Actor actor, string operation, IEnumerable<WriteOperation> operations) =>
        new([.. operations.Select((o, i) => new PendingWrite(o, InputPath.Argument(operation).Then(i)))], actor, operation);
}

/// <summary>A view of the graph that follows the journal: told of every committed entry, in data-version order.</summary>
public interface IJournalObserver
{
    /// <summary>Applies a committed entry (a bulk entry means: rebuild from the store).</summary>
    Task AppliedAsync(JournalEntry entry);
}
