using GraphQL;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Api.Schema.Mutations;

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

/// <summary>One write as a mutation received it, and where in its arguments it came from.</summary>
public sealed record PendingWrite(WriteOperation Operation, InputPath Path);

/// <summary>
/// Checks writes against the domain's rules, then applies them in one store transaction. Every write is checked
/// before anything is written — credit code, names, property values, that regions, fields and link ends exist
/// (in the store, or created earlier in the same batch) and are of the kinds the link type allows — and the first
/// write at fault fails the whole mutation with its domain code, its message naming the argument path, and
/// <c>extensions.argumentPath</c>. So a failed mutation writes nothing.
/// </summary>
public static class GraphWriter
{
    /// <summary>Checks and applies the writes, all or nothing; <c>CONFLICT</c> when the data version is not the expected one.</summary>
    public static async Task<WriteResult> WriteAsync(IGraphStore store, IReadOnlyList<PendingWrite> writes, long? expectedDataVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writes);
        var prepared = writes.Select(w => w.Operation is WriteOperation.UpsertNode upsert
            ? w with { Operation = new WriteOperation.UpsertNode(EnterpriseDefaults.Apply(upsert.Node)) }
            : w).ToList();

        var known = await store.GetNodesAsync(ReferencedIds(prepared), cancellationToken).ConfigureAwait(false);
        var existing = new HashSet<string>(known.Keys, StringComparer.Ordinal);
        foreach (var write in prepared)
        {
            var (subject, problems) = Check(write.Operation, existing);
            if (problems.Count > 0)
                throw AtPath(ValidationProblems.ToException([.. problems.Select(p => p with { Field = write.Path.Then(p.Field).ToString() })], subject), write.Path.Then(problems[0].Field));
        }
        return await store.WriteAsync(new WriteBatch([.. prepared.Select(w => w.Operation)], expectedDataVersion), cancellationToken).ConfigureAwait(false);
    }

    // Checks one write against the nodes that exist at that point of the batch, and records what it creates or deletes.
    private static (string Subject, IReadOnlyList<ValidationProblem> Problems) Check(WriteOperation operation, HashSet<string> existing)
    {
        bool Exists(NodeKind kind, string key) => existing.Contains(NodeId.Of(kind, key));
        switch (operation)
        {
            case WriteOperation.UpsertNode { Node: var node }:
                var nodeProblems = new NodeValidator(Exists).Validate(node);
                if (nodeProblems.Count == 0)
                    existing.Add(node.Id);
                return ($"{node.Kind} '{node.Key}'", nodeProblems);
            case WriteOperation.UpsertLink { Link: var link }:
                var linkProblems = new LinkValidator(Exists).Validate(link).ToList();
                if (linkProblems.Count == 0)
                {
                    foreach (var (end, id) in new[] { ("from", link.FromId), ("to", link.ToId) })
                    {
                        if (!existing.Contains(id))
                            linkProblems.Add(new(end, $"there is no node {id}", ErrorCodes.NotFound));
                    }
                }
                return ($"{GraphSchema.Of(link.Type).Name} {link.FromId} → {link.ToId}", linkProblems);
            case WriteOperation.DeleteNode { Id: var nodeId }:
                existing.Remove(nodeId);
                return ($"deleteNode '{nodeId}'", NodeId.TryParse(nodeId, out _, out _)
                    ? []
                    : [new("", $"'{nodeId}' is not a node id (Kind:key, e.g. University:gxu)")]);
            case WriteOperation.DeleteLink { Id: var linkId }:
                return ($"unlink '{linkId}'", LinkId.TryParse(linkId, out _, out _, out _, out _)
                    ? []
                    : [new("", $"'{linkId}' is not a link id (TYPE|fromId|toId or TYPE|fromId|toId|key, e.g. PAIRED_WITH|Enterprise:…|University:gxu)")]);
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown write operation");
        }
    }

    // The nodes whose existence the checks need: link ends and references from properties, fetched in one round trip.
    private static HashSet<string> ReferencedIds(IEnumerable<PendingWrite> writes)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            switch (write.Operation)
            {
                case WriteOperation.UpsertNode { Node: var node }:
                    AddReferences(ids, node.Properties, GraphSchema.Of(node.Kind).Properties);
                    break;
                case WriteOperation.UpsertLink { Link: var link }:
                    ids.Add(link.FromId);
                    ids.Add(link.ToId);
                    AddReferences(ids, link.Properties, GraphSchema.Of(link.Type).Properties);
                    break;
            }
        }
        return ids;
    }

    private static void AddReferences(HashSet<string> ids, PropertyBag properties, IEnumerable<PropertyDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            if (definition.References is not { } kind || !properties.TryGetValue(definition.Name, out var value))
                continue;
            foreach (var key in value is string single ? [single] : PropertyInputs.Strings(value))
                ids.Add(NodeId.Of(kind, key));
        }
    }

    // The domain's error, located: its message already names the path; extensions.argumentPath gives it as a list.
    private static ExecutionError AtPath(DomainException error, InputPath path) =>
        new(error.Message, error) { Extensions = new() { ["argumentPath"] = path.Segments } };
}
