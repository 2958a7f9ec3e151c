namespace KnowledgeGraph.Api.Explorer;

/// <summary>
/// The origins whose pages may call the API from a browser (<c>Cors:Origins</c>): none by default. Either a list
/// (<c>"Origins": ["https://a.example"]</c>, <c>Cors__Origins__0=…</c>) or one comma-separated value
/// (<c>Cors__Origins=https://a.example,https://b.example</c>); <c>*</c> allows every origin.
/// </summary>
internal static class CorsOrigins
{
    public const string Key = "Cors:Origins";

    public static string[] From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var children = section.GetChildren().Select(child => child.Value ?? "").ToList();
        var values = children.Count > 0 ? children : (section.Value ?? "").Split(',').ToList();
        return values.Select(origin => origin.Trim().TrimEnd('/')).Where(origin => origin.Length > 0).Distinct().ToArray();
    }
}
