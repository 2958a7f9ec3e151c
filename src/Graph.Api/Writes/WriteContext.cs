using System.Security.Claims;
using GraphQL;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Api.Writes;

/// <summary>What a mutation's resolver needs to write: the one writer, the caller as an actor, and errors located in the input.</summary>
public static class WriteContext
{
    /// <summary>The domain's one write path.</summary>
    public static GraphWriter Writer(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<GraphWriter>();

    /// <summary>The caller: the token's subject, roles and regions.</summary>
    public static Actor Actor(this IResolveFieldContext context) => ActorOf(context.User);

    /// <summary>The actor of a request's user.</summary>
    public static Actor ActorOf(ClaimsPrincipal? user) => new(
        user?.FindFirst("sub")?.Value ?? user?.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user?.Identity?.Name ?? "anonymous",
        [.. Roles.All.Where(role => user?.IsInRole(role) == true)])
    {
        Jurisdiction = Roles.JurisdictionOf(user),
    };

    /// <summary>Writes through the one write path; an error at a place in the input carries it as <c>extensions.argumentPath</c>.</summary>
    public static async Task<object?> WriteAsync(this IResolveFieldContext context, WriteRequest request)
    {
        try
        {
            return await context.Writer().WriteAsync(request, context.CancellationToken).ConfigureAwait(false);
        }
        catch (LocatedWriteException e)
        {
            throw new ExecutionError(e.Message, e.Error) { Extensions = new() { ["argumentPath"] = e.Path.Segments } };
        }
    }
}
