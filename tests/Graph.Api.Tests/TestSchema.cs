using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Schema;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Api.Tests;

/// <summary>
/// Test-only fields added to the real schema: a mutation, a confidential figure, a role-restricted field,
/// fields that fail in each way the error mapping knows, one that runs until the request is cancelled, and a recursive type for the depth and complexity limits.
/// </summary>
public static class TestSchema
{
    public static KnowledgeGraphApplication WithTestFields(this KnowledgeGraphApplication application) =>
        application.WithServices(services => services.AddTransient<TestNodeType>()).WithSchema(Install);

    public static void Install(KnowledgeGraphSchema schema)
    {
        var query = (ObjectGraphType)schema.Query;
        query.Field<StringGraphType>("greeting").Resolve(_ => "你好，柳工 and 玉柴");
        query.Field<DecimalGraphType>("secretRevenue").Resolve(_ => 12345.6m).Confidential();
        query.Field<IntGraphType>("editorsOnly").Resolve(_ => 7).AuthorizeWithRoles(Roles.Editor);
        query.Field<StringGraphType>("echo")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(context => context.GetArgument<string>("text"));
        query.Field<StringGraphType>("failsWith")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .Resolve(context => throw Failure(context.GetArgument<string>("code")));
        query.Field<IntGraphType>("waitForCancellation").ResolveAsync(async context =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return 0;
        });
        query.Field<ListGraphType<TestNodeType>>("testNodes")
            .Argument<IntGraphType>("first")
            .Resolve(context => Enumerable.Range(1, context.GetArgument("first", 3)).Select(i => new TestNode(i)));

        var mutation = schema.Mutation as ObjectGraphType ?? new ObjectGraphType { Name = "Mutation" };
        mutation.Field<IntGraphType>("touch").Resolve(_ => 1);
        schema.Mutation = mutation;
    }

    private static Exception Failure(string code) => code switch
    {
        ErrorCodes.NotFound => new NotFoundException("Enterprise 'e-404' was not found."),
        ErrorCodes.InvalidInput => new InvalidInputException("'name' must not be empty."),
        ErrorCodes.InvalidCreditCode => new InvalidCreditCodeException("Credit code '91450200MA5KXXXXX1' fails its check character."),
        ErrorCodes.RuleViolation => new RuleViolationException("An enterprise cannot apply to its own challenge."),
        ErrorCodes.Conflict => new ConflictException("The data changed since version 3."),
        ErrorCodes.StoreUnavailable => new StoreUnavailableException("The store at 'neo4j' does not answer."),
        _ => new InvalidOperationException("secret internals: connection string Password=hunter2"),
    };

    public sealed record TestNode(int Id);

    public sealed class TestNodeType : ObjectGraphType<TestNode>
    {
        public TestNodeType()
        {
            Name = "TestNode";
            Field<IntGraphType>("id").Resolve(context => context.Source.Id);
            Field<ListGraphType<TestNodeType>>("children")
                .Argument<IntGraphType>("first")
                .Resolve(context => Enumerable.Range(1, context.GetArgument("first", 2)).Select(i => new TestNode(context.Source.Id * 10 + i)));
        }
    }
}
