namespace KnowledgeGraph.Api.Tests.Hosting;

/// <summary>The application with the test-only fields, shared by a test class.</summary>
public sealed class TestFieldsApplication : KnowledgeGraphApplication
{
    public TestFieldsApplication() => this.WithTestFields();
}
