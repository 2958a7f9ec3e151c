using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>
/// Which policy rules a write can break — the challenges, centres, pairings and teams it touches — and, for a broken one,
/// where in the caller's input it comes from.
/// </summary>
internal static class WriteRuleScope
{
    /// <summary>
    /// The challenges, innovation centres, pairings and diagnosis teams whose rules a batch can break: written themselves, or at a link the
    /// rules read — written, unlinked, or taken away with a deleted node (<paramref name="cascaded"/>); the people it
    /// deletes, who may be a case's officer; the filing rounds an institution it writes applies in, and those of a
    /// government body it writes or deletes as they were (<paramref name="before"/>) and will be; the enterprises whose
    /// open case it opens or gives another officer; the filed R&amp;D institutions it files or whose HOSTS links it takes
    /// away, and the platforms it deletes (institutions may sit in them, 离岸); the consortia whose LEADS links it writes or takes away.
    /// </summary>
    public static RuleScope Touched(IEnumerable<WriteOperation> operations, IEnumerable<Link>? cascaded = null, IReadOnlyDictionary<string, Node>? before = null)
    {
        var challenges = new HashSet<string>(StringComparer.Ordinal);
        var centres = new HashSet<string>(StringComparer.Ordinal);
        var paired = new HashSet<string>(StringComparer.Ordinal);
        var teams = new HashSet<string>(StringComparer.Ordinal);
        var officers = new HashSet<string>(StringComparer.Ordinal);
        var rounds = new HashSet<string>(StringComparer.Ordinal);
        var cases = new HashSet<string>(StringComparer.Ordinal);
        var institutions = new HashSet<string>(StringComparer.Ordinal);
        var consortia = new HashSet<string>(StringComparer.Ordinal);
        void AddRounds(Node? holder)
        {
            if (holder is { Kind: NodeKind.GovernmentBody }) rounds.UnionWith(FilingRounds.RoundsOf(holder).Select(r => r.Id));
        }
        void AddLink(LinkType type, string toId, bool removed)
        {
            if (type is LinkType.Posts or LinkType.AppliesTo or LinkType.Awarded && NodeId.KindOf(toId) == NodeKind.Challenge) challenges.Add(toId);
            if (type is LinkType.Leads or LinkType.CoBuilds && NodeId.KindOf(toId) == NodeKind.Platform) centres.Add(toId);
            // A pairing's commissioner serves its enterprise: a changed commission to the enterprise may leave one unserved.
            if (type is LinkType.CommissionedTo) paired.Add(toId);
            // A filed institution is hosted by its enterprises (a HOSTS link written adds a host); a consortium that applied is judged with its lead.
            if (removed && type is LinkType.Hosts && NodeId.KindOf(toId) == NodeKind.Platform) institutions.Add(toId);
            if (type is LinkType.Leads && NodeId.KindOf(toId) == NodeKind.Consortium) consortia.Add(toId);
        }
        foreach (var link in cascaded ?? [])
            AddLink(link.Type, link.ToId, removed: true);
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case WriteOperation.UpsertNode { Node: { Kind: NodeKind.Challenge } node }:
                    challenges.Add(node.Id);
                    break;
                case WriteOperation.UpsertNode { Node: { Kind: NodeKind.Platform } node }:
                    centres.Add(node.Id);
                    if (node.Properties.Text("filingRound") is { } round) rounds.Add(round);
                    if (FilesInstitution(node, before?.GetValueOrDefault(node.Id))) institutions.Add(node.Id);
                    break;
                case WriteOperation.UpsertNode { Node: { Kind: NodeKind.DiagnosisTeam } node }:
                    teams.Add(node.Id);
                    break;
                case WriteOperation.UpsertNode { Node: { Kind: NodeKind.GovernmentBody } node }:
                    AddRounds(before?.GetValueOrDefault(node.Id));
                    rounds.UnionWith(node.Properties.List("filingRounds").Select(e => FilingRound.Parse(node.Id, e)?.Id).OfType<string>());
                    break;
                case WriteOperation.UpsertNode { Node: { Kind: NodeKind.Enterprise } node } when NamesCaseOfficer(node, before?.GetValueOrDefault(node.Id)):
                    cases.Add(node.Id);
                    break;
                case WriteOperation.DeleteNode { Id: var id } when NodeId.KindOf(id) == NodeKind.GovernmentBody:
                    AddRounds(before?.GetValueOrDefault(id));
                    break;
                case WriteOperation.UpsertLink { Link: var link }:
                    AddLink(link.Type, link.ToId, removed: false);
                    if (link.Type is LinkType.PairedWith && link.Properties.Text("commissioner") is not null) paired.Add(link.FromId);
                    break;
                case WriteOperation.DeleteNode { Id: var id } when NodeId.KindOf(id) == NodeKind.Person:
                    officers.Add(id);
                    break;
                case WriteOperation.DeleteNode { Id: var id } when NodeId.KindOf(id) == NodeKind.Platform:
                    // An incubating platform may hold institutions built in 离岸 mode (offshoreHost).
                    institutions.Add(id);
                    break;
                case WriteOperation.DeleteLink { Id: var id } when LinkId.TryParse(id, out var type, out _, out var toId, out _):
                    AddLink(type, toId, removed: true);
                    break;
            }
        }
        return new RuleScope(challenges, centres, paired, teams, officers, rounds, cases, institutions, consortia);
    }

    // A filed institution's hosts are judged where the write files it: new, filed on another day, or listed again.
    static bool FilesInstitution(NodeInput platform, Node? was) =>
        PolicyWriteRules.IsFiledInstitution(platform.Properties)
        && (was is null || !PolicyWriteRules.IsFiledInstitution(was.Properties) || was.Properties.Date("filedOn") != platform.Properties.Date("filedOn"));

    // A case's officer is judged where the write names it: an open case new to the enterprise, or given another officer.
    static bool NamesCaseOfficer(NodeInput enterprise, Node? was) =>
        Cases.IsOpen(enterprise.Properties)
        && (was is null || !Cases.IsOpen(was.Properties) || was.Properties.Text(Cases.Officer) != enterprise.Properties.Text(Cases.Officer));

    // Where in the input a broken rule comes from: the link it names, else the first write that touches what it is about.
    public static InputPath? Offending(RuleProblem problem, IReadOnlyList<PendingWrite> writes, List<WriteOperation> operations, IReadOnlyList<Link> cascaded,
        IReadOnlyDictionary<string, Node> before)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is WriteOperation.UpsertLink { Link: var link } && link.Id == problem.LinkId)
                return writes[i].Path.Then(problem.Field ?? "");
        }
        for (var i = 0; i < operations.Count; i++)
        {
            var takenAway = operations[i] is WriteOperation.DeleteNode { Id: var id } ? cascaded.Where(l => l.FromId == id || l.ToId == id) : null;
            if (Touched([operations[i]], takenAway, before).Contains(problem.SubjectId))
                return writes[i].Path;
        }
        return null;
    }
}
