using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Store;

/// <summary>
/// Who wrote: a token's subject and roles for a write through the API, or the <c>import</c>/<c>migrate</c> verb with the
/// file or store it read.
/// </summary>
public sealed record Actor(string Subject, IReadOnlyList<string> Roles, string Channel = Actor.ApiChannel, string? Source = null)
{
    /// <summary>Writes through GraphQL.</summary>
    public const string ApiChannel = "api";

    /// <summary>The role that may write governed state directly and read the journal in full.</summary>
    public const string AdminRole = "admin";

    /// <summary>The role that may read (and so write) confidential figures.</summary>
    public const string AnalystRole = "analyst";

    /// <summary>The regions the actor's token is scoped to; <see cref="Jurisdiction.Everywhere"/> when it is not.</summary>
    public Jurisdiction Jurisdiction { get; init; } = Jurisdiction.Everywhere;

    /// <summary>Whether the actor holds the admin role.</summary>
    public bool IsAdmin => Roles.Contains(AdminRole, StringComparer.Ordinal);

    /// <summary>Whether the actor may read confidential figures (analysts and admins).</summary>
    public bool CanReadConfidential => IsAdmin || Roles.Contains(AnalystRole, StringComparer.Ordinal);

    /// <summary>The <c>import</c> verb loading a folder: the admin's bulk replace.</summary>
    public static Actor Import(string source) => new("import", [AdminRole], "import", source);

    /// <summary>The <c>migrate</c> verb copying from another store.</summary>
    public static Actor Migrate(string source) => new("migrate", [AdminRole], "migrate", source);

    /// <summary>The service itself (the sample data on first start, the built-in reference data).</summary>
    public static Actor Service(string what) => new("service", [AdminRole], "service", what);
}

/// <summary>What one committed write did to one node or link: its content before and after (null where absent).</summary>
public abstract record JournalChange(string Id, Change Change);

/// <summary>A node created, updated or deleted.</summary>
public sealed record NodeChange(string Id, Change Change, Node? Before, Node? After) : JournalChange(Id, Change);

/// <summary>A link created, updated or deleted (also the links deleted with their node).</summary>
public sealed record LinkChange(string Id, Change Change, Link? Before, Link? After) : JournalChange(Id, Change);

/// <summary>
/// One committed write: the data version it produced, when, who, the operation (a mutation's name, a workflow step,
/// an import), whether it was an admin's direct write of governed state, and what it changed. A bulk load (import,
/// migrate) is one entry without the rows: <see cref="Bulk"/> is set and views rebuild from the store.
/// </summary>
public sealed record JournalEntry(
    long DataVersion,
    DateTimeOffset At,
    Actor Actor,
    string Operation,
    bool Override,
    IReadOnlyList<JournalChange> Changes,
    bool Bulk = false)
{
    /// <summary>The ids of the nodes the entry touched: changed nodes and both ends of changed links.</summary>
    public IReadOnlyList<string> NodeIds() =>
        Changes.SelectMany(c => c switch
        {
            NodeChange n => [n.Id],
            LinkChange { Before: var b, After: var a } => (a ?? b) is { } link ? new[] { link.FromId, link.ToId } : [],
            _ => Array.Empty<string>(),
        }).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>
/// The journal entry a write will append, before the store gives it a data version and the content as stored. The
/// writer fills in what it read (contents before) and what the store cannot see (links deleted with their node).
/// </summary>
public sealed class JournalDraft(Actor actor, string operation, bool isOverride, IReadOnlyDictionary<string, Node> nodesBefore, IReadOnlyDictionary<string, Link> linksBefore, IReadOnlyList<Link> cascadedLinks)
{
    /// <summary>A draft for a bulk load: one entry, no rows.</summary>
    public static JournalDraft BulkLoad(Actor actor, string operation) =>
        new(actor, operation, false, new Dictionary<string, Node>(), new Dictionary<string, Link>(), []) { _bulk = true };

    bool _bulk;

    /// <summary>The entry for a committed write with these outcomes, at this data version.</summary>
    public JournalEntry Complete(long dataVersion, DateTimeOffset at, IReadOnlyList<WriteOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var changes = new List<JournalChange>();
        // A node or link written twice in one batch is one change: from its state before the batch to its last.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(JournalChange change)
        {
            if (seen.TryGetValue(change.Id, out var index))
            {
                changes[index] = (changes[index], change) switch
                {
                    (NodeChange first, NodeChange last) => last with { Before = first.Before, Change = Merge(first.Change, last.Change) },
                    (LinkChange first, LinkChange last) => last with { Before = first.Before, Change = Merge(first.Change, last.Change) },
                    _ => change,
                };
                return;
            }
            seen[change.Id] = changes.Count;
            changes.Add(change);
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Change is Change.Unchanged or Change.NotFound) continue;
            if (outcome.Link is not null || (outcome.Node is null && LinkId.TryParse(outcome.Id, out _, out _, out _, out _)))
            {
                Add(new LinkChange(outcome.Id, outcome.Change, linksBefore.GetValueOrDefault(outcome.Id), outcome.Link));
                continue;
            }
            Add(new NodeChange(outcome.Id, outcome.Change, nodesBefore.GetValueOrDefault(outcome.Id), outcome.Node));
            if (outcome.Change == Change.Deleted)
            {
                // The links at a deleted node go with it: those it had, and those the batch gave it before deleting it.
                var gone = cascadedLinks.Where(l => l.FromId == outcome.Id || l.ToId == outcome.Id)
                    .Concat(changes.OfType<LinkChange>().Select(c => c.After).OfType<Link>().Where(l => l.FromId == outcome.Id || l.ToId == outcome.Id))
                    .ToList();
                foreach (var link in gone)
                    Add(new LinkChange(link.Id, Change.Deleted, link, null));
            }
        }
        changes.RemoveAll(c => c.Change == Change.Unchanged);
        return new JournalEntry(dataVersion, at, actor, operation, isOverride, changes, _bulk);
    }

    // Created then updated is created; created then deleted is nothing at all; anything then deleted is deleted.
    static Change Merge(Change first, Change last) => (first, last) switch
    {
        (Change.Created, Change.Deleted) => Change.Unchanged,
        (Change.Created, _) => Change.Created,
        (Change.Deleted, Change.Created) => Change.Updated,
        _ => last,
    };
}

/// <summary>
/// A page of the journal: entries after a data version (exclusive), oldest first, optionally those touching a node
/// (the node or a link at it) or written by one subject.
/// </summary>
public sealed record JournalQuery(long After = 0, int First = 100, string? NodeId = null, string? Subject = null)
{
    /// <summary>Newest first instead (a record's last change).</summary>
    public bool NewestFirst { get; init; }
}
