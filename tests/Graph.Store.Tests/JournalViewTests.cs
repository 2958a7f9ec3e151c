using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;
using KnowledgeGraph.Store.Sqlite;

namespace KnowledgeGraph.Store.Tests;

/// <summary>
/// A view that follows the journal: told of its own process's writes, it catches up with another process's from the
/// journal instead of rebuilding; a bulk load makes it rebuild.
/// </summary>
public sealed class JournalViewTests
{
    // A view that is the set of node names, so what it holds can be compared with the store.
    sealed class NameView : JournalView<SortedSet<string>>
    {
        public int Builds { get; private set; }
        public int Applied { get; private set; }

        protected override async Task<SortedSet<string>> BuildAsync(IGraphStore store, long version, CancellationToken cancellationToken)
        {
            Builds++;
            var names = new SortedSet<string>(StringComparer.Ordinal);
            await foreach (var node in store.ScanNodesAsync(NodeKind.University, cancellationToken)) names.Add(node.Name);
            return names;
        }

        protected override bool Apply(SortedSet<string> view, JournalEntry entry)
        {
            Applied++;
            foreach (var change in entry.Changes.OfType<NodeChange>())
            {
                if (change.Before is { } before) view.Remove(before.Name);
                if (change.After is { } after) view.Add(after.Name);
            }
            return true;
        }
    }

    static readonly Actor Writer = new("writer", ["editor"]);

    static WriteRequest Upsert(string key, string name) =>
        WriteRequest.Of(Writer, "upsertUniversity", [new WriteOperation.UpsertNode(new NodeInput(NodeKind.University, key, name))]);

    static async Task<SqliteGraphStore> StoreAsync()
    {
        var store = new SqliteGraphStore(SqliteStoreOptions.InMemory("journal-view-" + Guid.NewGuid().ToString("N")));
        await store.InitializeAsync();
        return store;
    }

    [Fact]
    public async Task AViewAppliesItsOwnProcessesWritesWithoutRebuilding()
    {
        await using var store = await StoreAsync();
        using var view = new NameView();
        using var writer = new GraphWriter(store, [view]);
        await writer.WriteAsync(Upsert("a", "甲大学"));
        await view.GetAsync(store, default);

        await writer.WriteAsync(Upsert("b", "乙大学"));
        await writer.WriteAsync(Upsert("a", "甲理工大学"));
        var names = await view.GetAsync(store, default);

        Assert.Equal(["乙大学", "甲理工大学"], names);
        Assert.Equal((1, 2), (view.Builds, view.Applied));
    }

    [Fact]
    public async Task AViewCatchesUpWithAnotherProcessesWritesFromTheJournal()
    {
        await using var store = await StoreAsync();
        using var view = new NameView();
        using var ours = new GraphWriter(store, [view]);
        // Another process: the same store, a writer that does not tell this view.
        using var theirs = new GraphWriter(store, []);
        await ours.WriteAsync(Upsert("a", "甲大学"));
        await view.GetAsync(store, default);

        for (var i = 0; i < 5; i++)
            await theirs.WriteAsync(Upsert($"u{i}", $"示例大学{i}"));
        var names = await view.GetAsync(store, default);

        Assert.Equal(6, names.Count);
        Assert.Equal((1, 5), (view.Builds, view.Applied));
        Assert.True(view.IsCurrentAt(await store.GetDataVersionAsync()));
    }

    [Fact]
    public async Task ABulkLoadMakesTheViewRebuild()
    {
        await using var store = await StoreAsync();
        using var view = new NameView();
        using var writer = new GraphWriter(store, [view]);
        await writer.WriteAsync(Upsert("a", "甲大学"));
        await view.GetAsync(store, default);

        await writer.ImportAsync(Rows(), Actor.Import("folder"), "import folder");
        var names = await view.GetAsync(store, default);

        Assert.Equal(["丙大学", "甲大学"], names);
        Assert.Equal(2, view.Builds);
    }

    // An observer that holds the first entry until released, as a view does while a long query reads it.
    sealed class HeldObserver : IJournalObserver
    {
        readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<long> Told { get; } = [];

        public void Release() => _release.SetResult();

        public async Task AppliedAsync(JournalEntry entry)
        {
            await _release.Task;
            lock (Told) Told.Add(entry.DataVersion);
        }
    }

    [Fact]
    public async Task WritesAreAnsweredWhileAViewIsHeldAndItIsToldOfThemInOrderAfter()
    {
        await using var store = await StoreAsync();
        var held = new HeldObserver();
        using var view = new NameView();
        using var writer = new GraphWriter(store, [held, view]);

        // Not one of them waits for the held observer; a guard, so that a regression fails instead of hanging.
        var versions = new List<long>();
        foreach (var (key, name) in new[] { ("a", "甲大学"), ("b", "乙大学"), ("a", "甲理工大学") })
            versions.Add((await writer.WriteAsync(Upsert(key, name)).WaitAsync(TimeSpan.FromMinutes(1))).DataVersion);
        Assert.Empty(held.Told);
        // A read meanwhile sees every committed write: the view catches up from the journal.
        Assert.Equal(["乙大学", "甲理工大学"], await view.GetAsync(store, default));

        held.Release();
        await writer.ObserversToldAsync();
        Assert.Equal(versions, held.Told);
        Assert.Equal(1, view.Builds);
        Assert.True(view.IsCurrentAt(versions[^1]));
    }

    static async IAsyncEnumerable<WriteOperation> Rows()
    {
        await Task.CompletedTask;
        yield return new WriteOperation.UpsertNode(new NodeInput(NodeKind.University, "c", "丙大学"));
    }
}
