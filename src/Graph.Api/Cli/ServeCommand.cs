using System.CommandLine;

namespace KnowledgeGraph.Api.Cli;

/// <summary><c>serve</c>: runs the GraphQL server (the default when no verb is given).</summary>
public static class ServeCommand
{
    public static Command Create(ServeAction serve)
    {
        var command = new Command("serve", "Run the GraphQL server (the default). ASP.NET options pass through, e.g. --urls http://localhost:5080 --Store:Kind neo4j.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, cancellationToken) => serve(parse.UnmatchedTokens.ToArray(), cancellationToken));
        return command;
    }
}
