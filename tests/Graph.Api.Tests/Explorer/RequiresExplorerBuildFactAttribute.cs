namespace KnowledgeGraph.Api.Tests.Explorer;

/// <summary>A fact that needs the built web app beside the program; skipped, with the reason, where it is missing.</summary>
public sealed class RequiresExplorerBuildFactAttribute : FactAttribute
{
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "explorer");

    public RequiresExplorerBuildFactAttribute()
    {
        if (!File.Exists(Path.Combine(WebRoot, "index.html")))
            Skip = "The web app is not built (dotnet build builds web/ when npm is installed): install Node.js 20 and rebuild.";
    }
}
