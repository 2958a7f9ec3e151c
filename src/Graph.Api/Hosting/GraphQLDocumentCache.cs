using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using KnowledgeGraph.Api.Hosting.Auth;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>
/// Documents that parsed and validated, by their text: a repeated operation skips parsing and the validation rules
/// that depend on the document alone. The checks that depend on the request still run on every request: authorization
/// (who the user is) and depth and complexity (which read the variables, e.g. <c>first: $n</c>). Once an operation of a
/// document has been validated, it is kept with the document as a <see cref="PreparedOperation"/> (its
/// <see cref="AccessRequirements"/> among what it keeps), and <see cref="CachedDocumentValidator"/> runs those checks
/// without walking the document again.
/// Bounded by the total length of the cached texts (<c>GraphQL:DocumentCacheSize</c>).
/// Modelled on graphql-dotnet's own <c>MemoryDocumentCache</c> (package GraphQL.MemoryCache).
/// </summary>
internal sealed class GraphQLDocumentCache : IConfigureExecution, IDisposable
{
    private readonly MemoryCache? _documents;

    public GraphQLDocumentCache(IOptions<GraphQLHostOptions> options)
    {
        var size = options.Value.DocumentCacheSize;
        _documents = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size }) : null;
    }

    // After the options (validation rules) are configured, before the document executer runs.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (_documents is null || options.Document is not null || options.Query is not { } query)
            return await next(options).ConfigureAwait(false);

        var operation = options.OperationName ?? "";
        if (_documents.TryGetValue(query, out CachedDocument? cached) && cached is not null)
        {
            options.Document = cached.Document;
            if (cached.Operations.TryGetValue(operation, out var prepared))
            {
                options.ValidationRules = [];
                options.UserContext[CachedDocumentValidator.PreparedOperationKey] = prepared;
                return await next(options).ConfigureAwait(false);
            }
            // An operation not checked before: the rules kept for cached documents walk it once and leave its requirements,
            // whether or not this user meets them.
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            var again = await next(options).ConfigureAwait(false);
            cached.Remember(operation, options.UserContext);
            return again;
        }

        var result = await next(options).ConfigureAwait(false);
        // Only documents that passed validation, which is what makes skipping the document-only rules safe.
        if (result.Executed && result.Document is { } document)
        {
            var entry = new CachedDocument(document);
            entry.Remember(operation, options.UserContext);
            _documents.Set(query, entry, new MemoryCacheEntryOptions { Size = query.Length });
        }
        return result;
    }

    public void Dispose() => _documents?.Dispose();

    /// <summary>A document and, by operation name, each of its operations validated so far.</summary>
    private sealed class CachedDocument(GraphQLDocument document)
    {
        public GraphQLDocument Document { get; } = document;

        public ConcurrentDictionary<string, PreparedOperation> Operations { get; } = new(StringComparer.Ordinal);

        /// <summary>Keeps the requirements the authorization rule left in the user context, when it walked the whole document.</summary>
        public void Remember(string operation, IDictionary<string, object?> userContext)
        {
            if (userContext.TryGetValue(AuthorizationValidationRule.RequirementsKey, out var found) && found is AccessRequirements requirements)
                Operations.TryAdd(operation, new PreparedOperation(requirements));
        }
    }
}
