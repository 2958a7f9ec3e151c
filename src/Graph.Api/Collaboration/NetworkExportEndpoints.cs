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
        NetworkQuery query;
        CollaborationProjection projection;
        try
        {
            query = NetworkQueryParameters.Parse(context.Request.Query);
            projection = await collaboration.ProjectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException error) when (error is InvalidInputException or NotFoundException)
        {
            var status = error is NotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            await Results.Problem(error.Message, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = error.Code })
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        // The selection is checked; the file's header goes out before the network is selected, and the network is
        // written as it is read, without statistics.
        context.Response.ContentType = NetworkExport.MediaType(format);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // Names are read at the data version the ties were selected at, whatever is written meanwhile.
        var version = -1L;
        await NetworkExport.WriteAsync(
            () =>
            {
                var network = projection.Network(query);
                version = network.DataVersion;
                return network;
            },
            (ids, token) => collaboration.NamesAtAsync(ids, version, token),
            format, context.Response.Body, cancellationToken).ConfigureAwait(false);
    }
}
