using System.CommandLine;
using KnowledgeGraph.Api.Hosting.Auth;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>token --role editor --role analyst --subject alice --days 30</c>: prints a bearer token signed with the
/// configured Auth:SigningKey on standard output (details on standard error), so <c>TOKEN=$(... token ...)</c> works.
/// </summary>
public static class TokenCommand
{
    public static Command Create()
    {
        var roles = new Option<string[]>("--role", "-r")
        {
            Description = $"a role the token carries; repeat for several ({string.Join(", ", Roles.All)})",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        roles.AcceptOnlyFromAmong([.. Roles.All]);
        var subject = new Option<string>("--subject", "-s")
        {
            Description = "who the token is for (its 'sub' claim)",
            Required = true,
        };
        var days = new Option<int>("--days", "-d")
        {
            Description = "how many days the token is valid",
            DefaultValueFactory = _ => 30,
        };
        days.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3650)
                result.AddError("--days must be between 1 and 3650.");
        });

        var command = new Command("token", "Print a signed bearer token (JWT) for the configured Auth:SigningKey.")
        {
            roles, subject, days,
        };
        // Configuration may also come as --key=value arguments, as for the server.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var configuration = CliConfiguration.CreateBuilder([.. parse.UnmatchedTokens]).Configuration;
            var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
            if (!options.HasSigningKey)
            {
                parse.InvocationConfiguration.Error.WriteLine("Auth:SigningKey is not configured: set it in appsettings or the environment variable Auth__SigningKey (at least 32 characters). No token was minted.");
                return 1;
            }
            var lifetime = TimeSpan.FromDays(parse.GetValue(days));
            var chosen = parse.GetValue(roles) ?? [];
            var token = TokenIssuer.Issue(options, parse.GetValue(subject)!, chosen, lifetime);
            parse.InvocationConfiguration.Output.WriteLine(token);
            parse.InvocationConfiguration.Error.WriteLine($"Token for '{parse.GetValue(subject)}' with roles {string.Join(", ", chosen)}, valid until {DateTime.UtcNow + lifetime:u}. Send it as: Authorization: Bearer <token>");
            return 0;
        });
        return command;
    }
}
