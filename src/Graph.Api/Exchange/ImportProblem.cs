namespace KnowledgeGraph.Api.Exchange;

/// <summary>
/// One thing wrong in a graph folder: the file (relative to the folder, with '/'), the line where the row starts
/// (1 is the header), the column, and what is wrong. Printed as <c>file:line: column: reason</c>.
/// </summary>
public sealed record ImportProblem(string File, long Line, string Column, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Column}: {Reason}";
}
