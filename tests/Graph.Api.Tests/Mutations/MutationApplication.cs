namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>The application on its own store (an embedded SQLite file unless told otherwise), so that writes are real writes.</summary>
public class MutationApplication : KnowledgeGraphApplication
{
    public MutationApplication()
    {
    }

    protected MutationApplication(TestStore store)
        : base(store)
    {
    }


    /// <summary>A token with the editor role.</summary>
    public static string Editor { get; } = TokenFor("editor");

    /// <summary>An editor who may also read, and so write, confidential figures (revenue, employees, R&amp;D expenditure).</summary>
    public static string EditorAnalyst { get; } = TokenFor("editor", "analyst");
}

/// <summary>The mutation application on the emptied test Neo4j.</summary>
public sealed class Neo4jMutationApplication() : MutationApplication(TestStore.Neo4j);
