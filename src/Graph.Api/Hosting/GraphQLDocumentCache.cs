using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>
/// Documents that parsed and validated, by their text: a repeated operation skips parsing and the validation rules
/// that depend on the document alone. The rules that depend on the request still run on every request — they are
/// registered for cached documents too: authorization (who the user is) and depth and complexity (which read the
/// variables, e.g. <c>first: $n</c>). Bounded by the total length of the cached texts (<c>GraphQL:DocumentCacheSize</c>).
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

        if (_documents.TryGetValue(query, out GraphQLDocument? cached))
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options).ConfigureAwait(false);
        }

        var result = await next(options).ConfigureAwait(false);
        // Only documents that passed validation, which is what makes skipping the document-only rules safe.
        if (result.Executed && result.Document is { } document)
            _documents.Set(query, document, new MemoryCacheEntryOptions { Size = query.Length });
        return result;
    }

    public void Dispose() => _documents?.Dispose();
}
