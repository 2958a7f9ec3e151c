namespace KnowledgeGraph.Api.Tests;

/// <summary>A fact that needs Node.js on the PATH; skipped, with the reason, where it is missing.</summary>
public sealed class RequiresNodeFactAttribute : FactAttribute
{
    public RequiresNodeFactAttribute()
    {
        if (!IsOnPath("node") || !IsOnPath("npm"))
            Skip = "Node.js (node and npm) is not on the PATH: install Node.js 20 to run the GraphQL-over-HTTP audit.";
    }

    private static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)) || File.Exists(Path.Combine(directory, program + ".exe")) || File.Exists(Path.Combine(directory, program + ".cmd")));
}
