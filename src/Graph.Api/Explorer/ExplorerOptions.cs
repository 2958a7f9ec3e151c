namespace KnowledgeGraph.Api.Explorer;

/// <summary>Where the web app's build output is (configuration section "Explorer").</summary>
public sealed class ExplorerOptions
{
    public const string Section = "Explorer";

    /// <summary>
    /// The folder of the built web app (web/ built with Vite); by default <c>explorer</c> beside the program, where the
    /// build copies it.
    /// </summary>
    public string WebRoot { get; set; } = Path.Combine(AppContext.BaseDirectory, "explorer");
}
