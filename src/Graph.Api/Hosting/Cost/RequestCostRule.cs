using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace KnowledgeGraph.Api.Hosting.Cost;

/// <summary>
/// graphql-dotnet's complexity rule (its limits, its <c>QUERY_TOO_COMPLEX</c> errors) measuring with
/// <see cref="RequestCost"/>, which costs each fragment once instead of once per spread.
/// </summary>
internal class RequestCostRule(ComplexityOptions options) : ComplexityValidationRule(options)
{
    protected override ValueTask<(double TotalComplexity, int MaximumDepth)> CalculateComplexityAsync(ValidationContext context) =>
        new(RequestCost.Of(context, Options));

    /// <summary>Measures and checks an operation that the other rules checked before (a cached document).</summary>
    public async ValueTask CheckAsync(ValidationContext context, PreparedOperation prepared)
    {
        var (total, depth) = prepared.Cost?.ToValueTuple() ?? await CalculateComplexityAsync(context).ConfigureAwait(false);
        // Without variables an operation's arguments, and so its cost, are the same on every request.
        if (prepared.Cost is null && context.Operation.Variables is not { Items.Count: > 0 })
            prepared.Cost = Tuple.Create(total, depth);
        await ValidateComplexityAsync(context, total, depth).ConfigureAwait(false);
    }
}
