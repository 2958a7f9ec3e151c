using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>One CSV file of a graph folder: its full path, its name relative to the folder, its kind or type, its size.</summary>
internal sealed record GraphFile(string Path, string Name, NodeKind? Kind, LinkType? Type, long Length);

/// <summary>Finds the files of a graph folder: <c>nodes/&lt;Kind&gt;.csv</c> in catalog order, then <c>links/&lt;TYPE&gt;.csv</c>.</summary>
internal static class GraphFolder
{
    /// <summary>The folder's files in import order; a CSV file that names no kind or type is a problem.</summary>
    public static List<GraphFile> Discover(string folder, out List<ImportProblem> problems)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(root))
            throw new InvalidInputException($"'{folder}' is not a folder: import reads a folder with nodes/<Kind>.csv and links/<TYPE>.csv files");
        var nodes = System.IO.Path.Combine(root, ExchangeFormat.NodesFolder);
        var links = System.IO.Path.Combine(root, ExchangeFormat.LinksFolder);
        if (!Directory.Exists(nodes) && !Directory.Exists(links))
            throw new InvalidInputException($"'{folder}' has neither a {ExchangeFormat.NodesFolder}/ nor a {ExchangeFormat.LinksFolder}/ folder: see docs/import-format.md");

        problems = [];
        var files = new List<GraphFile>();
        var nodeFiles = CsvFiles(nodes);
        var linkFiles = CsvFiles(links);
        foreach (var kind in GraphCatalog.NodeKinds)
        {
            var name = ExchangeFormat.FileOf(kind.Kind);
            if (nodeFiles.Remove(name, out var info)) files.Add(new(info.FullName, name, kind.Kind, null, info.Length));
        }
        foreach (var type in GraphCatalog.LinkTypes)
        {
            var name = ExchangeFormat.FileOf(type.Type);
            if (linkFiles.Remove(name, out var info)) files.Add(new(info.FullName, name, null, type.Type, info.Length));
        }
        foreach (var name in nodeFiles.Keys.Order(StringComparer.Ordinal))
            problems.Add(new(name, 1, "file", $"no node kind is named so (the kinds are: {string.Join(", ", GraphCatalog.NodeKinds.Select(k => k.Kind))})"));
        foreach (var name in linkFiles.Keys.Order(StringComparer.Ordinal))
            problems.Add(new(name, 1, "file", $"no link type is named so (the types are: {string.Join(", ", GraphCatalog.LinkTypes.Select(t => t.Name))})"));
        return files;
    }

    private static Dictionary<string, FileInfo> CsvFiles(string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles("*.csv")
                .ToDictionary(f => $"{System.IO.Path.GetFileName(directory)}/{f.Name}", StringComparer.Ordinal)
            : new Dictionary<string, FileInfo>(StringComparer.Ordinal);
}
