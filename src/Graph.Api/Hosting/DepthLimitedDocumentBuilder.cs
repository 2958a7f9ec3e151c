using GraphQL.Execution;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using KnowledgeGraph.Api.Hosting.Errors;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>
/// graphql-dotnet's parser, with its nesting limit reported as the client's error <c>QUERY_TOO_DEEP</c> (400): the
/// parser stops at that depth to keep its recursion off the end of the stack, and graphql-dotnet reports the stop
/// as an unexpected failure.
/// </summary>
internal sealed class DepthLimitedDocumentBuilder : IDocumentBuilder
{
    // The parser's own default, written out so that the refusal can name it.
    private readonly GraphQLDocumentBuilder _parser = new() { MaxDepth = 128 };

    public GraphQLDocument Build(string body)
    {
        try
        {
            return _parser.Build(body);
        }
        catch (GraphQLMaxDepthExceededException ex)
        {
            throw new QueryTooDeepError($"The document is nested more than {_parser.MaxDepth} syntax levels deep (about half as many nested selections), more than this endpoint reads.", ex);
        }
    }
}
