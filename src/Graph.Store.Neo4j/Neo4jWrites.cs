using System.Text.Json;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// The store's writes: a batch in one transaction under the data-version lock, checked against the version the caller
/// read, applied in order (only what changed is written), the version bumped and the journal entry appended, retried
/// as a whole after a failure that changed nothing.
/// </summary>
internal sealed class Neo4jWrites(Neo4jConnection connection, TimeProvider time)
{
    public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return connection.RetryAsync(async ct =>
        {
            var tx = await connection.BeginAsync(ct).ConfigureAwait(false);
            await using var rollback = tx.ConfigureAwait(false);
            var version = await LockVersionAsync(tx, ct).ConfigureAwait(false);
            if (batch.ExpectedDataVersion is { } expected && expected != version)
                throw new ConflictException($"The data changed since it was read: expected data version {expected}, the store is at {version}.");
            var outcomes = await ApplyAsync(tx, batch.Operations, ct).ConfigureAwait(false);
            var result = new WriteResult(outcomes, version);
            if (result.Changed)
            {
                result = result with { DataVersion = await BumpVersionAsync(tx, ct).ConfigureAwait(false) };
                if (batch.Journal?.Complete(result.DataVersion, DateTimeOffset.UtcNow, outcomes) is { } entry)
                    result = result with { Journal = await AppendJournalAsync(tx, entry, ct).ConfigureAwait(false) };
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }, cancellationToken);
    }

    /// <summary>Applies the operations in order; each run of node upserts or link upserts goes in one round of statements.</summary>
    async Task<List<WriteOutcome>> ApplyAsync(Neo4jTransaction tx, IReadOnlyList<WriteOperation> operations, CancellationToken ct)
    {
        var outcomes = new List<WriteOutcome>(operations.Count);
        for (var i = 0; i < operations.Count;)
        {
            switch (operations[i])
            {
                case WriteOperation.UpsertNode:
                {
                    var nodes = new List<NodeInput>();
                    for (; i < operations.Count && operations[i] is WriteOperation.UpsertNode upsert; i++) nodes.Add(upsert.Node);
                    outcomes.AddRange(await UpsertNodesAsync(tx, nodes, ct).ConfigureAwait(false));
                    continue;
                }
                case WriteOperation.UpsertLink:
                {
                    var links = new List<LinkInput>();
                    for (; i < operations.Count && operations[i] is WriteOperation.UpsertLink upsert; i++) links.Add(upsert.Link);
                    outcomes.AddRange(await UpsertLinksAsync(tx, links, ct).ConfigureAwait(false));
                    continue;
                }
                case WriteOperation.DeleteNode delete:
                {
                    var rows = await tx.RunAsync(CypherStatements.Get("queries/delete-node"), new { id = delete.Id }, ct).ConfigureAwait(false);
                    outcomes.Add(new WriteOutcome(delete.Id, rows[0][0].GetInt32() > 0 ? Change.Deleted : Change.NotFound));
                    break;
                }
                case WriteOperation.DeleteLink delete:
                {
                    var deleted = Neo4jValues.ParseLinkId(delete.Id) is { } parsed
                        && (await tx.RunAsync(CypherStatements.ForType("queries/delete-link", parsed.Type), new { id = delete.Id, fromId = parsed.FromId }, ct).ConfigureAwait(false))[0][0].GetInt32() > 0;
                    outcomes.Add(new WriteOutcome(delete.Id, deleted ? Change.Deleted : Change.NotFound));
                    break;
                }
                default:
                    throw new InvalidInputException($"unknown write operation {operations[i]?.GetType().Name ?? "null"}");
            }
            i++;
        }
        return outcomes;
    }

    public static async Task<long> LockVersionAsync(Neo4jTransaction tx, CancellationToken ct) =>
        (await tx.RunAsync(CypherStatements.Get("queries/lock-data-version"), null, ct).ConfigureAwait(false))[0][0].GetInt64();

    public static async Task<long> BumpVersionAsync(Neo4jTransaction tx, CancellationToken ct) =>
        (await tx.RunAsync(CypherStatements.Get("queries/bump-data-version"), null, ct).ConfigureAwait(false))[0][0].GetInt64();

    /// <summary>
    /// Sets the data version past both the stored one and <paramref name="before"/> (the highest one clients may have seen),
    /// in one write; returns the version that was stored and the new one.
    /// </summary>
    public async Task<(long Loaded, long Version)> ContinueDataVersionAsync(long before, CancellationToken cancellationToken)
    {
        var row = (await connection.RunAsync(CypherStatements.Get("queries/continue-data-version"), new { version = before }, cancellationToken).ConfigureAwait(false))[0];
        return (row[0].GetInt64(), row[1].GetInt64());
    }

    /// <summary>Upserts nodes (all of one kind or not): reads what is stored, writes only what changed.</summary>
    public async Task<IReadOnlyList<WriteOutcome>> UpsertNodesAsync(Neo4jTransaction tx, List<NodeInput> inputs, CancellationToken ct)
    {
        inputs = inputs.ConvertAll(Neo4jInputs.Node);
        var ids = inputs.Select(i => i.Id).Distinct().ToArray();
        var existing = (await tx.RunAsync(CypherStatements.Get("queries/get-nodes"), new { ids }, ct).ConfigureAwait(false))
            .Select(r => Neo4jValues.ReadNode(r[0])).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var outcomes = new List<WriteOutcome>(inputs.Count);
        var writes = new List<(NodeKind Kind, Dictionary<string, object?> Row)>();
        foreach (var input in inputs)
        {
            existing.TryGetValue(input.Id, out var stored);
            if (stored is not null && stored.HasSameContent(input))
            {
                outcomes.Add(new WriteOutcome(input.Id, Change.Unchanged, stored));
                continue;
            }
            var node = new Node(input.Id, input.Kind, input.Key, input.Name, input.NameEn, input.Aliases, input.Properties, stored?.CreatedAt ?? now, now);
            existing[input.Id] = node;
            writes.Add((input.Kind, new Dictionary<string, object?> { ["id"] = input.Id, ["props"] = Neo4jValues.NodeProperties(input, node.CreatedAt, now) }));
            outcomes.Add(new WriteOutcome(input.Id, stored is null ? Change.Created : Change.Updated, node));
        }
        foreach (var group in writes.GroupBy(w => w.Kind))
        {
            await tx.RunAsync(CypherStatements.ForKind("queries/upsert-nodes", group.Key), new { rows = group.Select(g => g.Row).ToArray() }, ct).ConfigureAwait(false);
        }
        return outcomes;
    }

    /// <summary>Upserts links: both ends must exist and be of kinds the link type allows.</summary>
    public async Task<IReadOnlyList<WriteOutcome>> UpsertLinksAsync(Neo4jTransaction tx, List<LinkInput> inputs, CancellationToken ct)
    {
        inputs = inputs.ConvertAll(Neo4jInputs.Link);
        var now = time.GetUtcNow();
        // Outcomes in input order, while the statements go one type at a time.
        var outcomes = new WriteOutcome[inputs.Count];
        foreach (var group in inputs.Select((input, index) => (Input: input, Index: index)).GroupBy(p => p.Input.Type))
        {
            var info = GraphCatalog.Of(group.Key);
            var keys = group.Select(p => new Dictionary<string, object?> { ["id"] = p.Input.Id, ["fromId"] = p.Input.FromId, ["toId"] = p.Input.ToId }).ToArray();
            var found = await tx.RunAsync(CypherStatements.ForType("queries/get-link-ends", group.Key), new { rows = keys }, ct).ConfigureAwait(false);
            var ends = new Dictionary<string, (string? From, string? To, Link? Link)>(StringComparer.Ordinal);
            foreach (var row in found)
            {
                ends[row[0].GetString()!] = (row[1].ValueKind == JsonValueKind.String ? row[1].GetString() : null,
                    row[2].ValueKind == JsonValueKind.String ? row[2].GetString() : null,
                    row[3].ValueKind == JsonValueKind.Object ? Neo4jValues.ReadLink(row[3]) : null);
            }
            var writes = new List<Dictionary<string, object?>>();
            foreach (var (input, index) in group)
            {
                var (fromKind, toKind, stored) = ends.GetValueOrDefault(input.Id);
                if (fromKind is null) throw new NotFoundException($"Link {input.Id}: node {input.FromId} does not exist.");
                if (toKind is null) throw new NotFoundException($"Link {input.Id}: node {input.ToId} does not exist.");
                if (!info.FromKinds.Contains(Enum.Parse<NodeKind>(fromKind)))
                {
                    throw new RuleViolationException(
                        $"link {input.Id}: a {info.Name} link cannot leave a {fromKind} ({input.FromId}); it leaves {string.Join(", ", info.FromKinds.Order())}");
                }
                if (!info.ToKinds.Contains(Enum.Parse<NodeKind>(toKind)))
                {
                    throw new RuleViolationException(
                        $"link {input.Id}: a {info.Name} link cannot arrive at a {toKind} ({input.ToId}); it arrives at {string.Join(", ", info.ToKinds.Order())}");
                }
                if (stored is not null && stored.HasSameContent(input))
                {
                    outcomes[index] = new WriteOutcome(input.Id, Change.Unchanged, Link: stored);
                    continue;
                }
                var link = new Link(input.Id, input.Type, input.FromId, input.ToId, input.Key,
                    input.StartDate, input.EndDate, input.Source, input.Properties, stored?.CreatedAt ?? now, now);
                ends[input.Id] = (fromKind, toKind, link);
                writes.Add(new Dictionary<string, object?>
                {
                    ["id"] = input.Id, ["fromId"] = input.FromId, ["toId"] = input.ToId,
                    ["props"] = Neo4jValues.LinkProperties(input, link.CreatedAt, now),
                });
                outcomes[index] = new WriteOutcome(input.Id, stored is null ? Change.Created : Change.Updated, Link: link);
            }
            if (writes.Count > 0)
                await tx.RunAsync(CypherStatements.ForType("queries/upsert-links", group.Key), new { rows = writes.ToArray() }, ct).ConfigureAwait(false);
        }
        return outcomes;
    }

    public static async Task<JournalEntry> AppendJournalAsync(Neo4jTransaction tx, JournalEntry entry, CancellationToken ct)
    {
        await tx.RunAsync(CypherStatements.Get("queries/append-journal"), new
        {
            version = entry.DataVersion,
            at = entry.At.ToUnixTimeMilliseconds(),
            subject = entry.Actor.Subject,
            entry = JournalCodec.Encode(entry),
            nodeIds = entry.NodeIds().ToArray(),
        }, ct).ConfigureAwait(false);
        return entry;
    }
}
