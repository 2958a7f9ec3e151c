using System.CommandLine;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// <c>token --role editor --role analyst --subject alice --days 30 [--region 450200]</c>: prints a bearer token signed with the
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

        var regions = new Option<string[]>("--region")
        {
            Description = "a region (GB/T 2260 code) the token is scoped to; repeat for several: its holder writes, and reads confidential figures, only inside them (sub-regions included)",
            AllowMultipleArgumentsPerToken = false,
        };
        regions.Validators.Add(result =>
        {
            foreach (var code in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (Regions.Find(code) is null)
                    result.AddError($"--region {code} is not a GB/T 2260 code of the shipped regions (e.g. 450200 柳州市).");
            }
        });

        var command = new Command("token", "Print a signed bearer token (JWT) for the configured Auth:SigningKey.")
        {
            roles, subject, days, regions,
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
            var scope = Jurisdiction.Of(parse.GetValue(regions));
            if (scope.IsScoped && chosen.Contains(Roles.Admin))
            {
                parse.InvocationConfiguration.Error.WriteLine($"A token with the role '{Roles.Admin}' cannot be scoped to regions: give editor or analyst. No token was minted.");
                return 1;
            }
            var token = TokenIssuer.Issue(options, parse.GetValue(subject)!, chosen, lifetime, regions: scope.Regions);
            parse.InvocationConfiguration.Output.WriteLine(token);
            var within = scope.IsScoped ? $", scoped to {scope}" : "";
            parse.InvocationConfiguration.Error.WriteLine($"Token for '{parse.GetValue(subject)}' with roles {string.Join(", ", chosen)}{within}, valid until {DateTime.UtcNow + lifetime:u}. Send it as: Authorization: Bearer <token>");
            return 0;
        });
        return command;
    }
}
