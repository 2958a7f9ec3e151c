using System.Collections.Immutable;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// A write request made ready for the store: patches resolved against the nodes as read, defaults applied, every
/// write checked, and the journal entry drafted with the content before. Anything wrong throws the domain error of
/// the first write at fault, its message and <see cref="LocatedWriteException.Path"/> naming where.
/// </summary>
internal sealed record WritePlan(IReadOnlyList<WriteOperation> Operations, JournalDraft Journal)
{
    /// <summary>Reads what the checks need, at the store's current state, and checks every write.</summary>
    public static async Task<WritePlan> PrepareAsync(IGraphStore store, WriteRequest request, CancellationToken cancellationToken)
    {
        var writes = request.Writes;
        var known = await store.GetNodesAsync(ReferencedIds(writes), cancellationToken).ConfigureAwait(false);
        // A patch keeps the stored properties it does not name, whose references (an institution's offshoreHost, an
        // instrument's platform) are checked with the node: read those nodes too.
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var patched in writes.Select(w => w.Operation).OfType<WriteOperation.PatchNode>())
        {
            if (known.TryGetValue(patched.Id, out var node)) AddReferences(kept, node.Properties, GraphCatalog.Of(node.Kind).Properties);
        }
        kept.ExceptWith(known.Keys);
        if (kept.Count > 0)
            known = new Dictionary<string, Node>(known.Concat(await store.GetNodesAsync(kept, cancellationToken).ConfigureAwait(false)), StringComparer.Ordinal);
        var linksBefore = new Dictionary<string, Link>(StringComparer.Ordinal);
        foreach (var id in writes.Select(w => w.Operation switch
                 {
                     WriteOperation.UpsertLink u => u.Link.Id,
                     WriteOperation.DeleteLink d => d.Id,
                     _ => null,
                 }).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await store.GetLinkAsync(id, cancellationToken).ConfigureAwait(false) is { } link) linksBefore[id] = link;
        }
        var deleted = writes.Select(w => w.Operation).OfType<WriteOperation.DeleteNode>().Select(d => d.Id).Where(known.ContainsKey).ToList();
        var cascaded = deleted.Count == 0 ? [] : await store.GetLinksAsync(new LinkQuery(deleted), cancellationToken).ConfigureAwait(false);
        // The far ends of the links a delete takes with it: whether such a link is governed depends on the node it points at.
        var farEnds = cascaded.Select(l => l.ToId).Where(id => !known.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        var cascadeEnds = farEnds.Count == 0 ? known : new Dictionary<string, Node>(known.Concat(await store.GetNodesAsync(farEnds, cancellationToken).ConfigureAwait(false)), StringComparer.Ordinal);

        await RefuseReferenceDuplicatesAsync(store, writes, known, cancellationToken).ConfigureAwait(false);
        var state = new BatchState(new StoreRuleReader(store));
        var existing = new HashSet<string>(known.Keys, StringComparer.Ordinal);
        var current = new Dictionary<string, Node?>(known.ToDictionary(k => k.Key, k => (Node?)k.Value), StringComparer.Ordinal);
        var operations = new List<WriteOperation>(writes.Count);
        var isOverride = false;
        foreach (var write in writes)
        {
            // What the caller named: derived facts it did not name follow from the figures and are not its write.
            var named = write.Operation switch
            {
                WriteOperation.PatchNode p => p.Patch.Set.Keys.ToHashSet(StringComparer.Ordinal),
                WriteOperation.UpsertNode u => u.Node.Properties.Keys.ToHashSet(StringComparer.Ordinal),
                _ => [],
            };
            // Checked before the rules so that a refusal of a contradicting flag cannot tell a caller what the figures hide.
            if (!request.Actor.CanReadConfidential
                && named.FirstOrDefault(n => n is EnterpriseFigures.SizeClassProperty or EnterpriseFigures.AboveDesignatedSizeProperty) is { } derived)
                throw Located(new ForbiddenException($"{write.Path}: '{derived}' is confidential and checked against the figures: writing it needs the role '{Actor.AnalystRole}'"), write.Path.Then(derived));
            var operation = write.Operation is WriteOperation.PatchNode patch ? Patch(patch, current, write.Path) : write.Operation;
            if (operation is WriteOperation.UpsertNode upsert)
                operation = new WriteOperation.UpsertNode(EnterpriseDefaults.Apply(upsert.Node));
            var (subject, problems) = Check(operation, existing);
            if (problems.Count > 0)
                throw Located(ValidationProblems.ToException([.. problems.Select(p => p with { Field = write.Path.Then(p.Field).ToString() })], subject), write.Path.Then(problems[0].Field));
            isOverride |= WriteAuthorization.Authorize(request, operation, current, write.Path, named);
            // The case follows the figures whoever writes them (a warning is no caller's write, so it comes after the check).
            if (operation is WriteOperation.UpsertNode { Node: { Kind: NodeKind.Enterprise } enterprise })
                operation = new WriteOperation.UpsertNode(Cases.Follow(current.GetValueOrDefault(enterprise.Id), enterprise, DateOnly.FromDateTime(DateTime.UtcNow)));
            switch (operation)
            {
                case WriteOperation.UpsertNode { Node: var node }:
                    current[node.Id] = state.Upsert(node, current.GetValueOrDefault(node.Id));
                    break;
                case WriteOperation.UpsertLink { Link: var link }:
                    state.Upsert(link, linksBefore.GetValueOrDefault(link.Id));
                    break;
                case WriteOperation.DeleteNode { Id: var id }:
                    state.DeleteNode(id);
                    current[id] = null;
                    break;
                case WriteOperation.DeleteLink { Id: var id }:
                    state.DeleteLink(id);
                    break;
            }
            operations.Add(operation);
        }

        var deletedIds = operations.OfType<WriteOperation.DeleteNode>().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is WriteOperation.DeleteNode { Id: var id })
                isOverride |= WriteAuthorization.GovernedCascade(request, cascaded.Where(l => l.FromId == id && !deletedIds.Contains(l.ToId)), cascadeEnds, writes[i].Path);
        }
        var violations = await PolicyWriteRules.CheckAsync(state, WriteRuleScope.Touched(operations, cascaded, known), DateOnly.FromDateTime(DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
        if (violations.Count > 0)
        {
            var violation = new RuleViolationException(string.Join("; ", violations.Select(v => v.Message)));
            // A workflow's writes are its own, not its caller's input: only a caller's write is named.
            if (!request.FromWorkflow && WriteRuleScope.Offending(violations[0], writes, operations, cascaded, known) is { } at) throw Located(violation, at);
            throw violation;
        }

        return new WritePlan(operations, new JournalDraft(request.Actor, request.Operation, isOverride, known, linksBefore, cascaded));
    }

    // A patch becomes the node as read with what it names changed: the rest stays as stored.
    static WriteOperation.UpsertNode Patch(WriteOperation.PatchNode patch, Dictionary<string, Node?> current, InputPath path)
    {
        var node = current.GetValueOrDefault(patch.Id)
            ?? throw Located(new NotFoundException($"{path}: there is no node {patch.Id} to patch"), path.Then("id"));
        var p = patch.Patch;
        var catalog = GraphCatalog.Of(node.Kind);
        foreach (var name in p.Clear)
        {
            if (name is not ("nameEn" or "aliases") && catalog.Properties.All(d => d.Name != name))
                throw Located(new InvalidInputException($"{path}.clear: {node.Kind} has no property '{name}' to clear"), path.Then("clear"));
            if (p.Set.ContainsKey(name) || (name == "nameEn" && p.NameEn is not null) || (name == "aliases" && p.Aliases is not null))
                throw Located(new InvalidInputException($"{path}: '{name}' is both set and cleared; do one"), path.Then("clear"));
        }
        var properties = node.Properties;
        foreach (var (name, value) in p.Set) properties = properties.With(name, value);
        foreach (var name in p.Clear) properties = properties.With(name, null);
        // Derived facts the patch does not name are derived again from the figures as patched.
        if (node.Kind == NodeKind.Enterprise)
        {
            foreach (var derived in (string[])[EnterpriseFigures.SizeClassProperty, EnterpriseFigures.AboveDesignatedSizeProperty])
            {
                if (!p.Set.ContainsKey(derived) && (derived == EnterpriseFigures.SizeClassProperty || EnterpriseFigures.For(properties, null)?.Revenue is not null))
                    properties = properties.With(derived, null);
            }
        }
        var clear = p.Clear.ToHashSet(StringComparer.Ordinal);
        return new WriteOperation.UpsertNode(new NodeInput(
            node.Kind, node.Key, p.Name ?? node.Name,
            clear.Contains("nameEn") ? null : p.NameEn ?? node.NameEn,
            clear.Contains("aliases") ? [] : p.Aliases ?? node.Aliases,
            properties));
    }

    // Checks one write against the nodes that exist at that point of the batch, and records what it creates or deletes.
    static (string Subject, IReadOnlyList<ValidationProblem> Problems) Check(WriteOperation operation, HashSet<string> existing)
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
                return ($"{GraphCatalog.Of(link.Type).Name} {link.FromId} → {link.ToId}", linkProblems);
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

    // The nodes the checks need: written, patched, deleted, at a link's ends, or referred to by a property; one round trip.
    static HashSet<string> ReferencedIds(IEnumerable<PendingWrite> writes)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            switch (write.Operation)
            {
                case WriteOperation.UpsertNode { Node: var node }:
                    ids.Add(node.Id);
                    AddReferences(ids, node.Properties, GraphCatalog.Of(node.Kind).Properties);
                    break;
                case WriteOperation.PatchNode { Id: var id, Patch: var patch }:
                    ids.Add(id);
                    if (NodeId.KindOf(id) is { } kind) AddReferences(ids, patch.Set, GraphCatalog.Of(kind).Properties);
                    break;
                case WriteOperation.UpsertLink { Link: var link }:
                    ids.Add(link.FromId);
                    ids.Add(link.ToId);
                    AddReferences(ids, link.Properties, GraphCatalog.Of(link.Type).Properties);
                    break;
                case WriteOperation.DeleteNode { Id: var id }:
                    ids.Add(id);
                    break;
                case WriteOperation.DeleteLink { Id: var id } when LinkId.TryParse(id, out _, out var fromId, out var toId, out _):
                    ids.Add(fromId);
                    ids.Add(toId);
                    break;
            }
        }
        return ids;
    }

    static void AddReferences(HashSet<string> ids, PropertyBag properties, IEnumerable<PropertyDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            if (definition.References is not { } kind || !properties.TryGetValue(definition.Name, out var value))
                continue;
            foreach (var key in value is ImmutableArray<string> list ? list : value is string single ? [single] : [])
                ids.Add(NodeId.Of(kind, key));
        }
    }

    static LocatedWriteException Located(DomainException error, InputPath path) => new(error, path);

    // A new university that is a reference one the store holds (its 学校标识码, name or alias) would be a second
    // 广西大学: refused, naming the node to write to instead. Import links such rows itself and does not come here.
    static async Task RefuseReferenceDuplicatesAsync(IGraphStore store, IReadOnlyList<PendingWrite> writes, IReadOnlyDictionary<string, Node> known, CancellationToken cancellationToken)
    {
        var fits = writes
            .Select(w => (w.Path, Node: (w.Operation as WriteOperation.UpsertNode)?.Node))
            .Where(w => w.Node is not null && !known.ContainsKey(w.Node.Id))
            .Select(w => (w.Path, Node: w.Node!, Fit: Reference.ReferenceMatching.Find(w.Node!)))
            .Where(w => w.Fit.Candidates.Count > 0)
            .ToList();
        if (fits.Count == 0) return;
        var held = await store.GetNodesAsync([.. fits.SelectMany(f => f.Fit.Candidates).Select(c => c.Id).Distinct()], cancellationToken).ConfigureAwait(false);
        foreach (var (path, node, (match, by, candidates)) in fits)
        {
            var stored = candidates.Where(c => held.ContainsKey(c.Id)).ToList();
            if (stored.Count == 0) continue;
            var what = match is not null && held.ContainsKey(match.Id)
                ? $"is the reference university {match.Id} ({match.Name}, same {(by == Reference.MatchBasis.MoeCode ? "学校标识码" : by == Reference.MatchBasis.Name ? "name" : "alias")})"
                : $"may be one of the reference universities {string.Join(", ", stored.Select(c => $"{c.Id} ({c.Name})"))}";
            throw Located(new DuplicateOfReferenceException($"{path}: the new node {node.Id} ({node.Name}) {what}: write to that node instead of creating a second one"), path);
        }
    }
}
