using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// Whether the caller may make each write (<see cref="WriteAccess"/> says what is guarded): a scoped token only inside
/// its regions, confidential figures only with the analyst role, reference data only by an admin, governed state and
/// the governed links a delete would take away only through the workflow — or by an admin, as a journaled override.
/// </summary>
internal static class WriteAuthorization
{
    // A deleted node's links go with it; one that only a workflow writes (an award, a centre's lead) is not erased by a
    // generic delete of the node at its other end while that node stays. True when an admin does so (an override).
    public static bool GovernedCascade(WriteRequest request, IEnumerable<Link> takenAway, IReadOnlyDictionary<string, Node> ends, InputPath path)
    {
        if (request.FromWorkflow) return false;
        foreach (var link in takenAway)
        {
            if (WriteAccess.GovernedLink(link.Type, ends.GetValueOrDefault(link.ToId)) is not { } workflow) continue;
            if (request.Actor.IsAdmin) return true;
            throw new LocatedWriteException(new RuleViolationException(
                $"{path}: deleting {link.FromId} would take away its {GraphCatalog.Of(link.Type).Name} link to {link.ToId}, which is governed by the policy workflow: "
                + $"use {workflow} (only the role '{Actor.AdminRole}' may delete it directly, for data repair)"), path);
        }
        return false;
    }

    // Whether the caller may make this write; true when it is an admin's direct write of governed state (an override).
    public static bool Authorize(WriteRequest request, WriteOperation operation, Dictionary<string, Node?> current, InputPath path, HashSet<string> named)
    {
        var actor = request.Actor;
        if (actor.Jurisdiction.IsScoped)
            WithinJurisdiction(actor.Jurisdiction, operation, current, path);
        switch (operation)
        {
            case WriteOperation.UpsertNode { Node: var node }:
            {
                var before = current.GetValueOrDefault(node.Id);
                if (WriteAccess.IsReference(node.Id) && !actor.IsAdmin && (before is null || !before.HasSameContent(node)))
                    throw new LocatedWriteException(new ForbiddenException($"{path}: {node.Id} is built-in reference data (GB/T 2260 regions, the field taxonomy); only an admin may change it"), path);
                if (!actor.CanReadConfidential && WriteAccess.ConfidentialChanged(node.Kind, before?.Properties, node.Properties)
                        .Where(h => named.Contains(h) || !IsDerived(node.Kind, h) && !(IsFigure(node.Kind, h) && SameFigures(before, node))).ToList() is { Count: > 0 } hidden)
                {
                    throw new LocatedWriteException(new ForbiddenException(
                        $"{path}: {string.Join(", ", hidden.Select(h => $"'{h}'"))} of {node.Id} {(hidden.Count == 1 ? "is a" : "are")} confidential: "
                        + $"writing {(hidden.Count == 1 ? "it" : "them")} needs the role '{Actor.AnalystRole}', as reading does; leave {(hidden.Count == 1 ? "it" : "them")} as stored "
                        + "(use a patch mutation to change only what you name)"), path.Then(hidden[0]));
                }
                if (request.FromWorkflow || WriteAccess.GovernedChange(before, node) is not { } governed) return false;
                if (actor.IsAdmin) return true;
                throw new LocatedWriteException(new RuleViolationException(
                    $"{path}: {string.Join(", ", governed.Properties)} of {node.Id} {(governed.Properties.Count == 1 ? "is" : "are")} governed by the policy workflow: use {governed.Workflow} "
                    + $"(only the role '{Actor.AdminRole}' may write it directly, for data repair)"), path.Then(governed.Properties[0]));
            }
            case WriteOperation.UpsertLink { Link: var link }:
                return Governed(request, link.Type, current.GetValueOrDefault(link.ToId), link.ToId, path);
            case WriteOperation.DeleteLink { Id: var id } when LinkId.TryParse(id, out var type, out _, out var toId, out _):
                return Governed(request, type, current.GetValueOrDefault(toId), toId, path);
            case WriteOperation.DeleteNode { Id: var id } when WriteAccess.IsReference(id) && !actor.IsAdmin:
                throw new LocatedWriteException(new ForbiddenException($"{path}: {id} is built-in reference data (GB/T 2260 regions, the field taxonomy); only an admin may delete it"), path);
            default:
                return false;
        }
    }

    // A token scoped to regions writes a node only where it lies (before and after), and a link only with an end there.
    static void WithinJurisdiction(Jurisdiction jurisdiction, WriteOperation operation, Dictionary<string, Node?> current, InputPath path)
    {
        string Where(string? region) => region is null ? "has no region" : $"is in {Jurisdiction.Describe(region)}";
        ForbiddenException Outside(string what) =>
            new($"{path}: {what}, outside the regions of the token ({jurisdiction}): a token scoped to regions writes only inside them");
        switch (operation)
        {
            case WriteOperation.UpsertNode { Node: var node } when IsLocated(node.Kind):
            {
                var before = current.GetValueOrDefault(node.Id)?.Properties.Text("region");
                if (current.GetValueOrDefault(node.Id) is not null && !jurisdiction.Covers(before))
                    throw new LocatedWriteException(Outside($"{node.Id} {Where(before)}"), path);
                var after = node.Properties.Text("region");
                if (!jurisdiction.Covers(after))
                    throw new LocatedWriteException(Outside($"{node.Id} would be placed in {(after is null ? "no region" : Jurisdiction.Describe(after))}"), path.Then("region"));
                return;
            }
            case WriteOperation.DeleteNode { Id: var id } when current.GetValueOrDefault(id) is { } node && IsLocated(node.Kind):
            {
                var region = node.Properties.Text("region");
                if (!jurisdiction.Covers(region))
                    throw new LocatedWriteException(Outside($"{id} {Where(region)}"), path);
                return;
            }
            case WriteOperation.UpsertLink { Link: var link }:
                LinkWithin(link.Type, link.FromId, link.ToId);
                return;
            case WriteOperation.DeleteLink { Id: var id } when LinkId.TryParse(id, out var type, out var fromId, out var toId, out _):
                LinkWithin(type, fromId, toId);
                return;
        }

        void LinkWithin(LinkType type, string fromId, string toId)
        {
            var from = current.GetValueOrDefault(fromId)?.Properties.Text("region");
            var to = current.GetValueOrDefault(toId)?.Properties.Text("region");
            if (!jurisdiction.Covers(from) && !jurisdiction.Covers(to))
                throw new LocatedWriteException(Outside($"{GraphCatalog.Of(type).Name} {fromId} → {toId} has neither end inside: {fromId} {Where(from)}, {toId} {Where(to)}"), path);
        }
    }

    static bool IsLocated(NodeKind kind) => GraphCatalog.Of(kind).Properties.Any(p => p.Name == "region" && p.References == NodeKind.Region);

    static bool Governed(WriteRequest request, LinkType type, Node? to, string toId, InputPath path)
    {
        if (request.FromWorkflow || WriteAccess.GovernedLink(type, to) is not { } workflow) return false;
        if (request.Actor.IsAdmin) return true;
        throw new LocatedWriteException(new RuleViolationException(
            $"{path}: {GraphCatalog.Of(type).Name} links to {toId} are governed by the policy workflow: use {workflow} "
            + $"(only the role '{Actor.AdminRole}' may write them directly, for data repair)"), path);
    }

    // The size class always follows the figures; 规上 does where the revenue is known (else it is typed, and guarded).
    static bool IsDerived(NodeKind kind, string property) =>
        kind == NodeKind.Enterprise && property is EnterpriseFigures.SizeClassProperty or EnterpriseFigures.AboveDesignatedSizeProperty;

    // Figures laid out again as a series (a node stored before the series existed) are not a change of figures.
    static bool IsFigure(NodeKind kind, string property) =>
        kind == NodeKind.Enterprise && (property is EnterpriseFigures.SeriesProperty || EnterpriseFigures.YearlyProperties.Contains(property));

    static bool SameFigures(Node? before, NodeInput after) =>
        before is not null && EnterpriseFigures.Series(before.Properties).Count > 0 && EnterpriseFigures.Series(before.Properties).Select(f => f with { AboveDesignatedSize = null })
            .SequenceEqual(EnterpriseFigures.Series(after.Properties).Select(f => f with { AboveDesignatedSize = null }));
}
