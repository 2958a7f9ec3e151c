using KnowledgeGraph.Api.Hosting.Store;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Exchange;

/// <summary>
/// Loads the illustrative data set (data/sample, copied beside the program at build and publish) through the importer,
/// so it is checked like any user's data.
/// </summary>
internal sealed partial class SampleDataLoader(ILogger<SampleDataLoader> logger) : ISampleDataLoader
{
    /// <summary>Where the program finds the sample data.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data", "sample");

    public async Task LoadAsync(GraphWriter writer, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            LogMissing(logger, Folder);
            return;
        }
        var report = await new GraphImporter(writer, Actor.Service("sample data")).ImportAsync(Folder, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!report.Succeeded)
            throw new InvalidOperationException($"The sample data does not import: {string.Join("; ", report.Problems.Take(10))}");
        var result = report.Result!;
        LogLoaded(logger, result.NodesCreated + result.NodesUpdated + result.NodesUnchanged, result.LinksCreated + result.LinksUpdated + result.LinksUnchanged);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No sample data at {Folder}: the store starts empty")]
    private static partial void LogMissing(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the sample data: {Nodes} nodes, {Links} links")]
    private static partial void LogLoaded(ILogger logger, long nodes, long links);
}
