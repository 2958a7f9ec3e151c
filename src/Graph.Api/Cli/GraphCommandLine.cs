using System.CommandLine;

namespace KnowledgeGraph.Api.Cli;

/// <summary>Runs the web host with the arguments the command line did not consume (ASP.NET configuration such as <c>--urls</c>).</summary>
public delegate Task<int> ServeAction(string[] hostArgs, CancellationToken cancellationToken);

/// <summary>
/// The command line: <c>serve</c> runs the web host and is also what runs when no verb is given (so
/// <c>WebApplicationFactory</c>'s <c>--key=value</c> arguments reach the host); every other verb is a
/// <see cref="Command"/> built in its own file in this folder and passed in by Program.cs.
/// </summary>
public static class GraphCommandLine
{
    public static RootCommand Create(ServeAction serve, params Command[] verbs)
    {
        var root = new RootCommand("KnowledgeGraph: a GraphQL API over the regional innovation graph. 区域创新知识图谱。")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, cancellationToken) =>
        {
            var hostArgs = parse.UnmatchedTokens.ToArray();
            // A bare word is a mistyped verb, not host configuration (which looks like --key=value or key=value).
            if (hostArgs.FirstOrDefault() is { } first && !first.StartsWith('-') && !first.StartsWith('/') && !first.Contains('='))
            {
                parse.InvocationConfiguration.Error.WriteLine($"Unknown command '{first}'. Run with --help to see the commands.");
                return Task.FromResult(1);
            }
            return serve(hostArgs, cancellationToken);
        });
        root.Add(ServeCommand.Create(serve));
        foreach (var verb in verbs)
            root.Add(verb);
        return root;
    }

    /// <summary>Parses and runs; the web host handles Ctrl+C itself, and errors propagate (the test host relies on that).</summary>
    public static Task<int> InvokeAsync(this RootCommand root, string[] args) =>
        root.Parse(args).InvokeAsync(new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        });
}
