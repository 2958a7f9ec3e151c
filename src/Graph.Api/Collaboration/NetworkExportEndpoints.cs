using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// Downloads of a collaboration network selection for Gephi, Cytoscape, NetworkX or a spreadsheet:
/// <c>GET /export/network.graphml</c>, <c>/export/network.gexf</c>, <c>/export/network-nodes.csv</c> and
/// <c>/export/network-edges.csv</c>, each taking the filters of <see cref="NetworkQueryParameters"/>.
/// A bad filter is 400 (404 for an unknown organisation) with a problem document carrying the error code.
/// </summary>
public static class NetworkExportEndpoints
{
    /// <summary>The export URLs and their formats.</summary>
    public static readonly IReadOnlyDictionary<string, NetworkFormat> Paths = new Dictionary<string, NetworkFormat>
    {
        ["/export/network.graphml"] = NetworkFormat.GraphML,
        ["/export/network.gexf"] = NetworkFormat.Gexf,
        ["/export/network-nodes.csv"] = NetworkFormat.NodesCsv,
        ["/export/network-edges.csv"] = NetworkFormat.EdgesCsv,
    };

    public static IEndpointRouteBuilder MapNetworkExports(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, format) in Paths)
        {
            endpoints.MapGet(path, (HttpContext context, CollaborationService collaboration) => ExportAsync(context, collaboration, format, Path.GetFileName(path)));
        }
        return endpoints;
    }

    static async Task ExportAsync(HttpContext context, CollaborationService collaboration, NetworkFormat format, string fileName)
    {
        var cancellationToken = context.RequestAborted;
        CollaborationNetwork network;
        try
        {
            var query = NetworkQueryParameters.Parse(context.Request.Query);
            var projection = await collaboration.ProjectionAsync(cancellationToken).ConfigureAwait(false);
            network = projection.Network(query);
        }
        catch (DomainException error) when (error is InvalidInputException or NotFoundException)
        {
            var status = error is NotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            await Results.Problem(error.Message, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = error.Code })
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        var names = format == NetworkFormat.EdgesCsv
            ? new Dictionary<string, string>()
            : await collaboration.NamesAsync(network.Nodes.Select(n => n.Id), cancellationToken).ConfigureAwait(false);
        context.Response.ContentType = NetworkExport.MediaType(format);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await NetworkExport.WriteAsync(network, names, format, context.Response.Body, cancellationToken).ConfigureAwait(false);
    }
}
