using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KnowledgeGraph.Api.Explorer;

/// <summary>
/// The explorer: the web app at <c>/</c> and GraphiQL at <c>/graphiql</c> (and at <c>GET /graphql</c> for a browser),
/// both served from the web app's build output, and CORS for the origins in <c>Cors:Origins</c>.
/// </summary>
public static class ExplorerExtensions
{
    private const string CorsPolicy = "explorer";
    private const string GraphiQLPage = "graphiql.html";

    public static IServiceCollection AddExplorer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExplorerOptions>().BindConfiguration(ExplorerOptions.Section);
        var origins = CorsOrigins.From(configuration);
        if (origins.Length > 0)
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => Allow(policy, origins)));
        return services;
    }

    public static WebApplication MapExplorer(this WebApplication app)
    {
        if (CorsOrigins.From(app.Configuration).Length > 0)
            app.UseCors(CorsPolicy);

        var webRoot = app.Services.GetRequiredService<IOptions<ExplorerOptions>>().Value.WebRoot;
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
        {
            app.MapGet("/", () => Results.Text(
                "The web app is not built: run `npm ci && npm run build` in web/ (dotnet build does it when Node.js is installed).",
                statusCode: StatusCodes.Status404NotFound));
            return app;
        }

        var files = new PhysicalFileProvider(webRoot);
        app.Use(ServeGraphiQLToBrowsers(files));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = SetCaching });
        app.MapGet("/graphiql", (HttpContext http) => SendPageAsync(http, files, GraphiQLPage));
        return app;
    }

    private static void Allow(CorsPolicyBuilder policy, string[] origins)
    {
        if (origins.Contains("*"))
            policy.AllowAnyOrigin();
        else
            policy.WithOrigins(origins);
        // Bearer tokens, not cookies: no credentials, so a page of another origin never acts with the user's session.
        policy.WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders(HeaderNames.ContentType, HeaderNames.Accept, HeaderNames.Authorization)
            .SetPreflightMaxAge(TimeSpan.FromHours(1));
    }

    // A browser opening /graphql gets GraphiQL; GraphQL clients (JSON in Accept) get the endpoint as before.
    private static Func<HttpContext, RequestDelegate, Task> ServeGraphiQLToBrowsers(IFileProvider files) => (http, next) =>
        HttpMethods.IsGet(http.Request.Method) && http.Request.Path.Equals("/graphql", StringComparison.OrdinalIgnoreCase)
            && AsksForHtml(http.Request)
            ? SendPageAsync(http, files, GraphiQLPage)
            : next(http);

    internal static bool AsksForHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(range => range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && range.Quality is not 0);

    private static async Task SendPageAsync(HttpContext http, IFileProvider files, string page)
    {
        var file = files.GetFileInfo(page);
        if (!file.Exists)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.Vary = HeaderNames.Accept;
        await http.Response.SendFileAsync(file, http.RequestAborted).ConfigureAwait(false);
    }

    // Vite names the files under assets/ by their content's hash: they never change; the pages that name them do.
    private static void SetCaching(StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
            ? "public, max-age=31536000, immutable"
            : "no-cache";
}
