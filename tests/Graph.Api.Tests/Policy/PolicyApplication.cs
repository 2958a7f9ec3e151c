using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Tests.Policy;

/// <summary>The application over a real store of its own (an embedded SQLite file unless told otherwise), with helpers to seed fictional (示例) data and to call as an editor.</summary>
public class PolicyApplication : KnowledgeGraphApplication
{
    public PolicyApplication()
    {
    }

    public PolicyApplication(TestStore store)
        : base(store)
    {
    }


    /// <summary>Writes nodes and links straight to the store, as data loaded before the test.</summary>
    public async Task SeedAsync(params object[] items)
    {
        var operations = items.Select(item => item switch
        {
            NodeInput node => (WriteOperation)new WriteOperation.UpsertNode(node),
            LinkInput link => new WriteOperation.UpsertLink(link),
            _ => throw new ArgumentException($"cannot seed {item}"),
        }).ToList();
        await GraphStore.WriteAsync(new WriteBatch(operations));
    }

    /// <summary>Runs an operation as an editor.</summary>
    public Task<GraphQLResponse> EditAsync(string query, object? variables = null) => PostAsync(query, variables, token: TokenFor("editor"));

    /// <summary>Runs an operation as an analyst (policy lists need the role).</summary>
    public Task<GraphQLResponse> AnalyseAsync(string query, object? variables = null) => PostAsync(query, variables, token: TokenFor("analyst"));

    /// <summary>The data of a response that must have no errors.</summary>
    public static JsonNode Ok(GraphQLResponse response)
    {
        Assert.True(response.Errors.Count == 0, response.ToString());
        return response.Data!;
    }

    /// <summary>The one error of a response: its code and message.</summary>
    public static (string? Code, string Message) Error(GraphQLResponse response)
    {
        var error = Assert.Single(response.Errors);
        return (error?["extensions"]?["code"]?.GetValue<string>(), error?["message"]?.GetValue<string>() ?? "");
    }
}

/// <summary>Fictional (示例) organisations for the policy tests.</summary>
public static class Seed
{
    /// <summary>An enterprise with a valid credit code in the region, of the given size and figures.</summary>
    public static NodeInput Enterprise(int serial, string name, string region = "450205", params (string Name, object? Value)[] properties)
    {
        var code = CreditCode.Create(FormattableString.Invariant($"91{region}MA5K{serial:D5}"));
        var bag = PropertyBag.Of(("region", region), ("example", true));
        foreach (var (key, value) in properties)
            bag = bag.With(key, value);
        return new NodeInput(NodeKind.Enterprise, code, name, Properties: bag);
    }

    /// <summary>An enterprise of a size class: employees and revenue (万元).</summary>
    public static NodeInput Sized(int serial, string name, long employees, decimal revenue, string region = "450205") =>
        Enterprise(serial, name, region, ("employees", employees), ("revenue", revenue), ("industrial", true));

    public static NodeInput University(string key, string name, string region = "450100") =>
        new(NodeKind.University, key, name, Properties: PropertyBag.Of(("region", region), ("example", true)));

    public static NodeInput Government(string key, string name, string level, string region = "450200") =>
        new(NodeKind.GovernmentBody, key, name, Properties: PropertyBag.Of(("region", region), ("level", level), ("example", true)));

    public static LinkInput Link(LinkType type, NodeInput from, NodeInput to, DateOnly? start = null, DateOnly? end = null, params (string Name, object? Value)[] properties) =>
        new(type, from.Id, to.Id, StartDate: start, EndDate: end, Source: "示例", Properties: PropertyBag.Of(properties));

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);
}
