using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KnowledgeGraph.Testing;

/// <summary>What the <see cref="FaultProxy"/> does to a request it is told to break.</summary>
public enum Fault
{
    /// <summary>Closes the connection before the request reaches Neo4j.</summary>
    DropRequest,
    /// <summary>Resets the connection (TCP RST) before the request reaches Neo4j.</summary>
    ResetRequest,
    /// <summary>Lets Neo4j run the request, then closes the connection instead of answering.</summary>
    DropResponse,
    /// <summary>Lets Neo4j run the request, then resets the connection instead of answering.</summary>
    ResetResponse,
    /// <summary>Lets Neo4j run the request and holds its answer back for a while.</summary>
    DelayResponse,
    /// <summary>Answers HTTP 503 itself, as a load balancer with no member to send to does.</summary>
    ServiceUnavailable,
    /// <summary>Answers itself with Neo4j's error for a write sent to a cluster member that is not the leader.</summary>
    NotALeader,
    /// <summary>Answers itself with a transient Neo4j error.</summary>
    TransientError,
}

/// <summary>A request as the proxy saw it.</summary>
public sealed record ProxiedRequest(string Method, string Path, string Body);

/// <summary>
/// A loopback HTTP/1.1 proxy between a store and Neo4j that breaks chosen requests: drops or resets the connection,
/// delays the answer, or answers with 503 or a Neo4j error. Every request it forwards or breaks is recorded.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    sealed record Rule(Fault Fault, Func<ProxiedRequest, bool> When, TimeSpan Delay)
    {
        public int Remaining { get; set; }
    }

    readonly Uri _upstream;
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    readonly List<Rule> _rules = [];
    readonly List<(ProxiedRequest Request, Fault? Fault)> _seen = [];
    readonly Lock _lock = new();
    readonly Task _accepting;

    public FaultProxy(Uri upstream)
    {
        _upstream = upstream;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Where to point the store.</summary>
    public Uri Url { get; }

    /// <summary>Breaks the next <paramref name="times"/> requests that match.</summary>
    public void Inject(Fault fault, Func<ProxiedRequest, bool> when, int times = 1, TimeSpan? delay = null)
    {
        lock (_lock) _rules.Add(new Rule(fault, when, delay ?? TimeSpan.FromSeconds(10)) { Remaining = times });
    }

    /// <summary>Ends every fault not yet injected: the network is back.</summary>
    public void Heal()
    {
        lock (_lock) _rules.Clear();
    }

    /// <summary>The faults injected so far.</summary>
    public IReadOnlyList<(ProxiedRequest Request, Fault Fault)> Injected
    {
        get
        {
            lock (_lock) return [.. _seen.Where(s => s.Fault is not null).Select(s => (s.Request, s.Fault!.Value))];
        }
    }

    /// <summary>Every request seen so far, broken or not.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (_lock) return [.. _seen.Select(s => s.Request)];
        }
    }

    async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
            var clientStream = client.GetStream();
            var upstreamStream = upstream.GetStream();
            var fromClient = new HttpMessageReader(clientStream);
            var fromUpstream = new HttpMessageReader(upstreamStream);
            while (await fromClient.ReadAsync(_stop.Token) is { } request)
            {
                var seen = new ProxiedRequest(request.Method, request.Path, request.Body);
                Rule? rule;
                lock (_lock)
                {
                    rule = _rules.FirstOrDefault(r => r.Remaining > 0 && r.When(seen));
                    if (rule is not null) rule.Remaining--;
                    _seen.Add((seen, rule?.Fault));
                }
                switch (rule?.Fault)
                {
                    case Fault.DropRequest:
                        return;
                    case Fault.ResetRequest:
                        Reset(client);
                        return;
                    case Fault.ServiceUnavailable:
                        await AnswerAsync(clientStream, "503 Service Unavailable", "");
                        continue;
                    case Fault.NotALeader:
                        await AnswerAsync(clientStream, "200 OK", """{"results":[],"errors":[{"code":"Neo.ClientError.Cluster.NotALeader","message":"No write operations are allowed on this database. This is a read only Neo4j instance."}]}""");
                        continue;
                    case Fault.TransientError:
                        await AnswerAsync(clientStream, "200 OK", """{"results":[],"errors":[{"code":"Neo.TransientError.General.DatabaseUnavailable","message":"The database is not currently available to serve your request."}]}""");
                        continue;
                }
                await upstreamStream.WriteAsync(request.Raw, _stop.Token);
                var response = await fromUpstream.ReadAsync(_stop.Token, isResponse: true);
                if (response is null) return;
                switch (rule?.Fault)
                {
                    case Fault.DropResponse:
                        return;
                    case Fault.ResetResponse:
                        Reset(client);
                        return;
                    case Fault.DelayResponse:
                        await Task.Delay(rule.Delay, _stop.Token);
                        break;
                }
                await clientStream.WriteAsync(response.Raw, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client or Neo4j went away, or the proxy stops.
        }
    }

    static void Reset(TcpClient client)
    {
        client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    static async Task AnswerAsync(Stream stream, string status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>One HTTP/1.1 message: its raw bytes (to forward as they came), and the request line and body (to match on).</summary>
    sealed record HttpMessage(byte[] Raw, string Method, string Path, string Body);

    /// <summary>Reads whole HTTP/1.1 messages, with a Content-Length or chunked body, from a stream.</summary>
    sealed class HttpMessageReader(Stream stream)
    {
        readonly byte[] _buffer = new byte[64 * 1024];
        int _start, _end;

        public async Task<HttpMessage?> ReadAsync(CancellationToken ct, bool isResponse = false)
        {
            var raw = new MemoryStream();
            var body = new MemoryStream();
            var first = await ReadLineAsync(raw, ct);
            if (first is null) return null;
            long? length = null;
            var chunked = false;
            while (await ReadLineAsync(raw, ct) is { Length: > 0 } header)
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0) continue;
                var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase)) chunked = true;
            }
            var parts = first.Split(' ');
            var noBody = isResponse && parts.Length > 1 && parts[1] is "204" or "304";
            if (chunked)
            {
                while (true)
                {
                    var sizeLine = await ReadLineAsync(raw, ct) ?? throw new IOException("the stream ended inside a chunked body");
                    var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
                    if (size == 0)
                    {
                        while (await ReadLineAsync(raw, ct) is { Length: > 0 }) { }
                        break;
                    }
                    await CopyAsync(size, raw, body, ct);
                    await ReadLineAsync(raw, ct);
                }
            }
            else if (length is { } n && !noBody)
            {
                await CopyAsync(n, raw, body, ct);
            }
            return new HttpMessage(raw.ToArray(), isResponse ? "" : parts[0], isResponse ? "" : parts.ElementAtOrDefault(1) ?? "",
                Encoding.UTF8.GetString(body.ToArray()));
        }

        async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start < _end) return true;
            _start = 0;
            _end = await stream.ReadAsync(_buffer, ct);
            return _end > 0;
        }

        /// <summary>A line without its CRLF (copied to raw with it); null at the end of the stream before any byte.</summary>
        async Task<string?> ReadLineAsync(MemoryStream raw, CancellationToken ct)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (!await FillAsync(ct)) return line.Length == 0 ? null : throw new IOException("the stream ended inside a line");
                var b = _buffer[_start++];
                raw.WriteByte(b);
                if (b == '\n') break;
                if (b != '\r') line.WriteByte(b);
            }
            return Encoding.ASCII.GetString(line.ToArray());
        }

        async Task CopyAsync(long count, MemoryStream raw, MemoryStream body, CancellationToken ct)
        {
            while (count > 0)
            {
                if (!await FillAsync(ct)) throw new IOException("the stream ended inside a body");
                var n = (int)Math.Min(count, _end - _start);
                raw.Write(_buffer, _start, n);
                body.Write(_buffer, _start, n);
                _start += n;
                count -= n;
            }
        }
    }
}
