using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using KnowledgeGraph.Api.Hosting.Errors;
using Microsoft.Extensions.Primitives;

namespace KnowledgeGraph.Api.Hosting.Http;

/// <summary>What a GraphQL-over-HTTP request asked for: one or a batch of requests, or why it is malformed.</summary>
internal sealed record GraphQLHttpRequests(IReadOnlyList<GraphQLRequest> Requests, bool IsBatch, GraphQLRequestRefusedError? Error = null)
{
    public static GraphQLHttpRequests Malformed(string message) =>
        new([], false, new GraphQLRequestRefusedError(ApiErrorCodes.BadRequest, message));
}

/// <summary>Reads the parameters {query, operationName, variables, extensions} from a JSON body or a query string, strictly.</summary>
internal static class GraphQLHttpRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static GraphQLHttpRequests FromJsonBody(ReadOnlyMemory<byte> body, IGraphQLSerializer serializer, int maxBatchSize)
    {
        var span = body.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            body = body[3..];
        if (body.IsEmpty)
            return GraphQLHttpRequests.Malformed("The request body is empty: POST a JSON object with a 'query' string.");

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return GraphQLHttpRequests.Malformed($"The request body is not valid JSON: {ex.Message}");
        }

        using (json)
        {
            try
            {
                return FromRoot(json.RootElement, serializer, maxBatchSize);
            }
            catch (Exception ex) when (ex is InvalidOperationException or JsonException)
            {
                // System.Text.Json reads invalid UTF-8 in a string, or an escaped lone surrogate (\ud800), only when asked for it.
                return GraphQLHttpRequests.Malformed(NotUnicode);
            }
        }
    }

    private const string NotUnicode = "The request body holds text that is not valid Unicode (invalid UTF-8, or a lone surrogate such as \\ud800): send UTF-8 JSON.";

    private static GraphQLHttpRequests FromRoot(JsonElement root, IGraphQLSerializer serializer, int maxBatchSize)
    {
        if (root.ValueKind == JsonValueKind.Object)
            return Single(FromObject(root, serializer, "The request body"));
        if (root.ValueKind != JsonValueKind.Array)
            return GraphQLHttpRequests.Malformed($"The request body is a JSON {Describe(root.ValueKind)}: it must be an object with a 'query' string{(maxBatchSize > 0 ? ", or an array of such objects" : "")}.");
        if (maxBatchSize <= 0)
            return GraphQLHttpRequests.Malformed("Batched requests (a JSON array) are not accepted by this server: send one object per request.");

        var count = root.GetArrayLength();
        if (count == 0)
            return GraphQLHttpRequests.Malformed("The batch is an empty array: send at least one request.");
        if (count > maxBatchSize)
            return GraphQLHttpRequests.Malformed($"The batch holds {count} requests; at most {maxBatchSize} are allowed in one.");

        var requests = new List<GraphQLRequest>(count);
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var where = $"Request {index++} of the batch";
            if (element.ValueKind != JsonValueKind.Object)
                return GraphQLHttpRequests.Malformed($"{where} is a JSON {Describe(element.ValueKind)}: it must be an object with a 'query' string.");
            var (request, error) = FromObject(element, serializer, where);
            if (error is not null)
                return GraphQLHttpRequests.Malformed(error);
            requests.Add(request!);
        }
        return new GraphQLHttpRequests(requests, IsBatch: true);
    }

    public static GraphQLHttpRequests FromQueryString(IQueryCollection query, IGraphQLSerializer serializer)
    {
        foreach (var name in (string[])["query", "operationName", "variables", "extensions"])
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1)
                return GraphQLHttpRequests.Malformed($"The query string repeats the parameter '{name}': give it once.");
        }
        if (!query.TryGetValue("query", out var document) || StringValues.IsNullOrEmpty(document))
            return GraphQLHttpRequests.Malformed("A GET request needs the GraphQL document in the 'query' parameter.");

        var request = new GraphQLRequest { Query = document.ToString() };
        if (query.TryGetValue("operationName", out var operationName) && !StringValues.IsNullOrEmpty(operationName))
            request.OperationName = operationName.ToString();

        string? error = null;
        request.Variables = ReadJsonMap(query, "variables", serializer, ref error);
        request.Extensions = ReadJsonMap(query, "extensions", serializer, ref error);
        return error is null ? Single((request, null)) : GraphQLHttpRequests.Malformed(error);
    }

    private static GraphQLHttpRequests Single((GraphQLRequest? Request, string? Error) parsed) =>
        parsed.Error is null ? new([parsed.Request!], IsBatch: false) : GraphQLHttpRequests.Malformed(parsed.Error);

    private static (GraphQLRequest? Request, string? Error) FromObject(JsonElement element, IGraphQLSerializer serializer, string where)
    {
        if (!element.TryGetProperty("query", out var query) || query.ValueKind == JsonValueKind.Null)
            return (null, $"{where} has no 'query': it must hold the GraphQL document as a string.");
        if (query.ValueKind != JsonValueKind.String)
            return (null, $"{where} has a 'query' that is a JSON {Describe(query.ValueKind)}: it must be a string.");

        var request = new GraphQLRequest { Query = query.GetString() };
        if (element.TryGetProperty("operationName", out var operationName) && operationName.ValueKind != JsonValueKind.Null)
        {
            if (operationName.ValueKind != JsonValueKind.String)
                return (null, $"{where} has an 'operationName' that is a JSON {Describe(operationName.ValueKind)}: it must be a string or null.");
            request.OperationName = operationName.GetString();
        }
        foreach (var name in (string[])["variables", "extensions"])
        {
            if (!element.TryGetProperty(name, out var map) || map.ValueKind == JsonValueKind.Null)
                continue;
            if (map.ValueKind != JsonValueKind.Object)
                return (null, $"{where} has '{name}' that is a JSON {Describe(map.ValueKind)}: it must be an object or null.");
            var inputs = serializer.ReadNode<Inputs>(map);
            if (name == "variables")
                request.Variables = inputs;
            else
                request.Extensions = inputs;
        }
        return (request, null);
    }

    private static Inputs? ReadJsonMap(IQueryCollection query, string name, IGraphQLSerializer serializer, ref string? error)
    {
        if (error is not null || !query.TryGetValue(name, out var text) || StringValues.IsNullOrEmpty(text))
            return null;
        try
        {
            using var json = JsonDocument.Parse(text.ToString(), DocumentOptions);
            if (json.RootElement.ValueKind == JsonValueKind.Null)
                return null;
            if (json.RootElement.ValueKind == JsonValueKind.Object)
                return serializer.ReadNode<Inputs>(json.RootElement);
            error = $"The '{name}' parameter is a JSON {Describe(json.RootElement.ValueKind)}: it must be a JSON object.";
        }
        catch (JsonException ex)
        {
            error = $"The '{name}' parameter is not valid JSON: {ex.Message}";
        }
        return null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };
}
