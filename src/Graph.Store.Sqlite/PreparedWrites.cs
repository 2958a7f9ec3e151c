using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// A node upsert with the work that needs no database done: checked, its properties normalized and encoded, its names
/// folded. An import prepares its nodes on a thread of its own while the writer stores the ones before.
/// </summary>
internal sealed record PreparedNode(
    NodeInput Input, string? NameEn, PropertyBag Properties, string? PropsJson, string? AliasesJson, IReadOnlyList<(string Text, string Folded)> Names)
{
    /// <summary>The node prepared; an <see cref="InvalidInputException"/> when it is not valid.</summary>
    public static PreparedNode Of(NodeInput input)
    {
        if (!Enum.IsDefined(input.Kind)) throw new InvalidInputException($"unknown node kind {input.Kind}");
        if (string.IsNullOrWhiteSpace(input.Key)) throw new InvalidInputException($"a {input.Kind} node needs a non-empty key");
        if (input.Key.Contains('|', StringComparison.Ordinal)) throw new InvalidInputException($"node {input.Id}: a key cannot contain '|'");
        if (string.IsNullOrWhiteSpace(input.Name)) throw new InvalidInputException($"node {input.Id}: the name is empty");
        if (input.Aliases.Any(string.IsNullOrWhiteSpace)) throw new InvalidInputException($"node {input.Id}: an alias is empty");

        var nameEn = string.IsNullOrWhiteSpace(input.NameEn) ? null : input.NameEn;
        var properties = PropertyJson.Normalize(input.Properties, GraphSchema.Of(input.Kind).Properties, $"node {input.Id}");
        return new(input, nameEn, properties, PropertyJson.Encode(properties), PropertyJson.EncodeList(input.Aliases),
            [.. NameIndex.NamesOf(input.Name, nameEn, input.Aliases)]);
    }
}

/// <summary>
/// A link upsert with the work that needs no database done: its type known, its properties normalized and encoded. A
/// property error is kept, not thrown, as the checks of the link's ends come first.
/// </summary>
internal sealed record PreparedLink(LinkInput Input, LinkTypeInfo Info, PropertyBag Properties, string? PropsJson, ExceptionDispatchInfo? PropertiesError)
{
    /// <summary>The link prepared; an <see cref="InvalidInputException"/> when its type is unknown.</summary>
    public static PreparedLink Of(LinkInput input)
    {
        if (!Enum.IsDefined(input.Type)) throw new InvalidInputException($"unknown link type {input.Type}");
        var info = GraphSchema.Of(input.Type);
        if (info.Properties.Count == 0 && input.Properties.Count == 0) return new(input, info, input.Properties, null, null);
        try
        {
            var properties = PropertyJson.Normalize(input.Properties, info.Properties, $"link {input.Id}");
            return new(input, info, properties, PropertyJson.Encode(properties), null);
        }
        catch (InvalidInputException e)
        {
            return new(input, info, input.Properties, null, ExceptionDispatchInfo.Capture(e));
        }
    }

    /// <summary>The normalized properties; throws the property error, if any.</summary>
    public PropertyBag CheckedProperties()
    {
        PropertiesError?.Throw();
        return Properties;
    }
}

/// <summary>
/// A write operation of an import and what could be prepared of it beforehand; an error found in preparing is thrown
/// when the operation's turn comes, so an import fails at the same operation as when written one by one.
/// </summary>
internal readonly record struct PreparedOperation(WriteOperation Operation, PreparedNode? Node, PreparedLink? Link, ExceptionDispatchInfo? Error)
{
    /// <summary>The operation prepared, or carrying the error that preparing it raised.</summary>
    public static PreparedOperation Of(WriteOperation operation)
    {
        try
        {
            return operation switch
            {
                WriteOperation.UpsertNode upsert => new(operation, PreparedNode.Of(upsert.Node), null, null),
                WriteOperation.UpsertLink upsert => new(operation, null, PreparedLink.Of(upsert.Link), null),
                _ => new(operation, null, null, null),
            };
        }
        catch (DomainException e)
        {
            return new(operation, null, null, ExceptionDispatchInfo.Capture(e));
        }
    }
}

/// <summary>
/// The operations of an import prepared on a thread of their own, a few thousand ahead of the writer, so that the
/// writer's thread only finds nodes and binds and steps statements.
/// </summary>
internal static class PreparedImport
{
    const int ChunkSize = 1_000;
    const int ChunksAhead = 8;

    /// <summary>
    /// The operations, in order, prepared ahead. An error of the operations' own enumeration comes after the operations
    /// before it; leaving the enumeration early stops the preparing.
    /// </summary>
    public static async IAsyncEnumerable<PreparedOperation> RunAsync(
        IAsyncEnumerable<WriteOperation> operations, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<PreparedOperation[]>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        var preparing = Task.Run(() => PrepareAsync(operations, chunks.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var prepared in chunk) yield return prepared;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await preparing.ConfigureAwait(false);
        }
    }

    static async Task PrepareAsync(IAsyncEnumerable<WriteOperation> operations, ChannelWriter<PreparedOperation[]> writer, CancellationToken cancellationToken)
    {
        var chunk = new List<PreparedOperation>(ChunkSize);
        try
        {
            await foreach (var operation in operations.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                chunk.Add(PreparedOperation.Of(operation));
                if (chunk.Count < ChunkSize) continue;
                await writer.WriteAsync([.. chunk], cancellationToken).ConfigureAwait(false);
                chunk.Clear();
            }
            if (chunk.Count > 0) await writer.WriteAsync([.. chunk], cancellationToken).ConfigureAwait(false);
            writer.Complete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete(new OperationCanceledException(cancellationToken));
        }
#pragma warning disable CA1031 // Any error of the operations' enumeration reaches the writer, after the operations before it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            try
            {
                if (chunk.Count > 0) await writer.WriteAsync([.. chunk], cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The writer has stopped reading: what it would have read no longer matters.
            }
            writer.TryComplete(e);
        }
    }
}
