using Microsoft.Net.Http.Headers;

namespace KnowledgeGraph.Api.Hosting.Http;

/// <summary>The media types of GraphQL over HTTP, and the choice between them from an Accept header.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The response media type for this Accept header, or null when the client accepts neither.
    /// No Accept header, or only wildcards, get <c>application/json</c> (the spec's advice for legacy clients);
    /// <c>application/graphql-response+json</c> when the client names it and ranks it no lower than JSON.
    /// </summary>
    public static string? Negotiate(IList<string>? acceptValues)
    {
        if (acceptValues is null || acceptValues.Count == 0 || acceptValues.All(string.IsNullOrWhiteSpace))
            return Json;
        if (!MediaTypeHeaderValue.TryParseList(acceptValues, out var accepted) || accepted.Count == 0)
            return Json;

        var (graphQLQuality, graphQLExplicit) = QualityOf(accepted, "application", "graphql-response+json");
        var (jsonQuality, _) = QualityOf(accepted, "application", "json");
        if (graphQLQuality > 0 && graphQLExplicit && graphQLQuality >= jsonQuality)
            return GraphQLResponse;
        if (jsonQuality > 0)
            return Json;
        return graphQLQuality > 0 ? GraphQLResponse : null;
    }

    // The quality of the most specific range that matches, and whether that range names the type exactly.
    private static (double Quality, bool Explicit) QualityOf(IList<MediaTypeHeaderValue> accepted, string type, string subtype)
    {
        var best = (Specificity: -1, Quality: 0.0);
        foreach (var range in accepted)
        {
            if (range.Charset.HasValue && !range.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                continue;
            var rangeType = range.Type.Value ?? "";
            var rangeSubtype = range.SubType.Value ?? "";
            int specificity =
                rangeType.Equals(type, StringComparison.OrdinalIgnoreCase) && rangeSubtype.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2
                : rangeType.Equals(type, StringComparison.OrdinalIgnoreCase) && rangeSubtype == "*" ? 1
                : rangeType == "*" && rangeSubtype == "*" ? 0
                : -1;
            if (specificity > best.Specificity)
                best = (specificity, range.Quality ?? 1.0);
        }
        return (best.Quality, best.Specificity == 2);
    }

    /// <summary>Whether a POST body's Content-Type is JSON in UTF-8 (an absent charset means UTF-8).</summary>
    public static bool IsJsonRequest(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
