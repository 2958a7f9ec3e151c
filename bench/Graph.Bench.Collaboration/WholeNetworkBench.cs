using System.Diagnostics;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Reference;
using static KnowledgeGraph.Bench.Collaboration.Timing;

namespace KnowledgeGraph.Bench.Collaboration;

/// <summary>
/// The whole-network selection an unfiltered export makes (<c>/export/network*</c>): on a generated preset's projection,
/// with the generated nodes and links dropped, the managed memory the selection holds while it is written, the bytes
/// allocated to make it, and the time to select it and to write it as the edges CSV, as GraphML and as GEXF (names looked
/// up as the ids themselves, output discarded): wall and CPU time, and a hash of the bytes so that a change to a writer
/// can show it writes the same file.
/// </summary>
internal static class WholeNetworkBench
{
    public static void Run(string presetName, ulong seed)
    {
        var preset = PresetBench.Find(presetName);
        Report("machine", $"{Environment.ProcessorCount} cores, load average {LoadAverage()} at start");
        var (nodes, links) = PresetBench.Generate(preset, seed);
        using var projection = CollaborationProjection.Build(nodes, links, new HomeProvince(preset.HomeProvince));
        (nodes, links) = ([], []);
        var size = projection.Size;
        Report("graph", $"{preset.Name} seed {seed}: {size.Organizations:N0} organisations, {size.Ties:N0} ties");

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var network = projection.Network(new NetworkQuery());
        var selectSeconds = clock.Elapsed.TotalSeconds;
        var made = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var held = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        Report("whole-network selection", $"{selectSeconds:F2} s, {network.Nodes.Count:N0} organisations, {network.Edges.Count:N0} ties; "
            + $"{held / 1048576.0:F0} MiB held ({held / (double)network.Edges.Count:F0} bytes per tie), {made / 1048576.0:F0} MiB allocated to make it");
        GC.KeepAlive(network);
        network = null;

        foreach (var format in new[] { NetworkFormat.EdgesCsv, NetworkFormat.GraphML, NetworkFormat.Gexf })
        {
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            using var output = new CountingStream();
            NetworkExport.WriteAsync(() => projection.Network(new NetworkQuery()), Names, format, output).GetAwaiter().GetResult();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Report($"whole network as {format}", $"{clock.Elapsed.TotalSeconds:F1} s ({cpuSeconds:F1} s CPU), {output.Length / 1048576.0:F0} MiB written, "
                + $"XxHash64 {output.Hash:x16}");
        }
    }

    static Task<IReadOnlyDictionary<string, OrganizationLabel>> Names(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, OrganizationLabel>>(ids.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => new OrganizationLabel(id), StringComparer.Ordinal));

    // Discards what is written, counting and hashing the bytes.
    sealed class CountingStream : Stream
    {
        readonly System.IO.Hashing.XxHash64 _hash = new();
        long _length;

        public ulong Hash => _hash.GetCurrentHashAsUInt64();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _length += buffer.Length;
            _hash.Append(buffer);
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
