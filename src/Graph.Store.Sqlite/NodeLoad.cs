using System.Collections.Concurrent;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// The nodes of a bulk load into an empty store, written on a thread of their own. In an empty store a node's number
/// does not depend on what the store holds, so the import's thread numbers the nodes itself, in the order they come
/// (a repeat of an id keeps the first number), and goes on at once: checking the next nodes, then staging the links,
/// which need only the numbers. This thread inserts the nodes and their names meanwhile and then, asked to at the
/// first link, builds the region and name indexes: on two cores the store's slowest work before the links are
/// written overlaps with reading the import.
/// </summary>
/// <remarks>
/// Each node is reported as created when it comes, a repeat as unchanged; the repeats whose content differed are
/// counted in <see cref="WriteSession.RepeatedNodesUpdated"/>. The connection is this thread's until <see cref="Completion"/>
/// ends: the session waits for it (WriteSession.WaitForNodeIndexes) before any statement of its own. An error here
/// stops the load and is thrown by the session's next wait, or by the next <see cref="Add"/>.
/// </remarks>
internal sealed class NodeLoad : IDisposable
{
    const int BatchSize = 1_024;

    /// <summary>A node of the load, its number, and whether an earlier node of the load had its id.</summary>
    readonly record struct LoadedNode(PreparedNode Node, long Number, bool Repeat);

    readonly WriteSession _session;
    readonly BlockingCollection<(LoadedNode[] Nodes, bool BuildIndexes)> _queue = new(boundedCapacity: 16);
    readonly CancellationTokenSource _stop = new();
    List<LoadedNode> _batch = new(BatchSize);
    long _last;

    public NodeLoad(WriteSession session)
    {
        _session = session;
        Completion = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The load's thread: done when every node given is written (and the indexes built, if asked).</summary>
    public Task Completion { get; }

    /// <summary>Whether it takes nodes: until <see cref="Finish"/> or <see cref="Abandon"/>.</summary>
    public bool Accepting => !_queue.IsAddingCompleted;

    /// <summary>Numbers the node and queues it: created, or unchanged for a repeat (corrected by the count of repeats).</summary>
    public Change Add(PreparedNode node)
    {
        var input = node.Input;
        var repeat = _session.Refs.TryGetValue(input.Id, out var known);
        if (!repeat)
        {
            known = new(++_last, input.Kind);
            _session.Refs[input.Id] = known;
        }
        _batch.Add(new(node, known.N, repeat));
        if (_batch.Count == BatchSize) Send(buildIndexes: false);
        return repeat ? Change.Unchanged : Change.Created;
    }

    /// <summary>Queues the last nodes (and the index build when asked) and lets the thread end after them.</summary>
    public void Finish(bool buildIndexes)
    {
        if (_batch.Count > 0 || buildIndexes) Send(buildIndexes);
        _queue.CompleteAdding();
    }

    /// <summary>Stops the thread after what it is writing; the queued nodes (and a queued index build) are left.</summary>
    public void Abandon()
    {
        _stop.Cancel();
        _queue.CompleteAdding();
    }

    void Send(bool buildIndexes)
    {
        var batch = _batch;
        _batch = new(BatchSize);
        try
        {
            _queue.Add(([.. batch], buildIndexes), _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The thread stopped at an error: that error is the one to report.
            Completion.GetAwaiter().GetResult();
            throw;
        }
    }

    void Write()
    {
        try
        {
            foreach (var (nodes, buildIndexes) in _queue.GetConsumingEnumerable(_stop.Token))
            {
                foreach (var (node, number, repeat) in nodes)
                {
                    if (!repeat)
                    {
                        _ = _session.Create(node, number, loaded: true, materialize: false)
                            ?? throw new InvalidOperationException($"node {node.Input.Id} appeared while it was being written");
                    }
                    else if (_session.Replace(node, loaded: true, materialize: false).Change == Change.Updated)
                    {
                        _session.RepeatedNodesUpdated++;
                    }
                }
                if (buildIndexes && !_stop.IsCancellationRequested) _session.Run(SqlStatements.BuildNodeIndexes);
            }
        }
        catch
        {
            _stop.Cancel();
            throw;
        }
    }

    /// <summary>Frees the queue once <see cref="Completion"/> has ended.</summary>
    public void Dispose()
    {
        _queue.Dispose();
        _stop.Dispose();
    }
}
