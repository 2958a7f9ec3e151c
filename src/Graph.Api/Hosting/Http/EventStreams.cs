using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace KnowledgeGraph.Api.Hosting.Http;

/// <summary>One event stream: the messages to write, in order, and the operations running onto it.</summary>
internal sealed class EventStream(string? token)
{
    readonly Channel<string> _messages = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    int _open;

    /// <summary>The reservation's token; null for a distinct connection.</summary>
    public string? Token { get; } = token;

    /// <summary>When it was reserved (a reservation never connected to is given up).</summary>
    public DateTimeOffset Reserved { get; } = DateTimeOffset.UtcNow;

    /// <summary>Whether a connection has taken the stream.</summary>
    public bool IsOpen => Volatile.Read(ref _open) == 1;

    /// <summary>The running operations by id; each is stopped by disposing it.</summary>
    public ConcurrentDictionary<string, IDisposable> Operations { get; } = new(StringComparer.Ordinal);

    /// <summary>The messages to write.</summary>
    public ChannelReader<string> Messages => _messages.Reader;

    /// <summary>Takes the stream for a connection; false when another already has it.</summary>
    public bool TryOpen() => Interlocked.CompareExchange(ref _open, 1, 0) == 0;

    /// <summary>Queues an event.</summary>
    public void Send(string @event, string data) => _messages.Writer.TryWrite($"event: {@event}\ndata: {data}\n\n");

    /// <summary>Queues a comment that keeps the connection alive.</summary>
    public void Ping() => _messages.Writer.TryWrite(":\n\n");

    /// <summary>Ends the stream once what is queued has been written.</summary>
    public void End() => _messages.Writer.TryComplete();

    /// <summary>Stops every operation and ends the stream.</summary>
    public void Close()
    {
        foreach (var id in Operations.Keys)
        {
            if (Operations.TryRemove(id, out var operation)) operation.Dispose();
        }
        End();
    }
}

/// <summary>The single-connection reservations, by token.</summary>
internal sealed class EventStreams
{
    // A reservation that no connection takes within this time is given up, so abandoned ones do not pile up.
    static readonly TimeSpan Unclaimed = TimeSpan.FromMinutes(5);

    readonly ConcurrentDictionary<string, EventStream> _streams = new(StringComparer.Ordinal);

    public EventStream? Find(string? token) => token is not null && _streams.TryGetValue(token, out var stream) ? stream : null;

    public EventStream Reserve()
    {
        foreach (var (token, stale) in _streams)
        {
            if (!stale.IsOpen && DateTimeOffset.UtcNow - stale.Reserved > Unclaimed && _streams.TryRemove(token, out var removed)) removed.Close();
        }
        var stream = new EventStream(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        _streams[stream.Token!] = stream;
        return stream;
    }

    public void Remove(EventStream stream)
    {
        if (stream.Token is not null) _streams.TryRemove(stream.Token, out _);
    }
}
