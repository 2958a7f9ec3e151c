using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Writing;

/// <summary>A domain error at a place in a write's input: the API shows it with the path as <c>extensions.argumentPath</c>.</summary>
public sealed class LocatedWriteException(DomainException error, InputPath path) : Exception(error.Message, error)
{
    /// <summary>Where in the input.</summary>
    public InputPath Path { get; } = path;

    /// <summary>The domain error.</summary>
    public DomainException Error { get; } = error;
}
