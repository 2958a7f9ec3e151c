using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Api.Graph.Nodes;

/// <summary>
/// Checks of argument values that graphql-dotnet runs while it validates a request (argument and input field
/// validators): a bad value is refused with <c>INVALID_INPUT</c> and status 400 before anything runs, cached
/// documents included.
/// </summary>
public static class ArgumentChecks
{
    /// <summary>Refuses an unknown region code.</summary>
    public static void Region(string path, string code)
    {
        if (Regions.Find(code) is null)
            throw new InvalidInputException($"Argument '{path}' is '{code}', which is not a known region code (GB/T 2260, six digits, e.g. 450200 for 柳州市).");
    }

    /// <summary>Refuses an unknown field code.</summary>
    public static void Field(string path, string code)
    {
        if (TechnologyFields.Find(code) is null)
            throw new InvalidInputException($"Argument '{path}' is '{code}', which is not a known field code.");
    }

    /// <summary>Refuses text with control characters, bidirectional controls or lone surrogates (<see cref="TextRules"/>).</summary>
    public static void Text(string path, string text)
    {
        if (TextRules.Check(text) is { } problem)
            throw new InvalidInputException($"Argument '{path}' holds {problem}: remove it.");
    }

    /// <summary>Refuses a number that is not finite or is negative (1e400 reads as infinity).</summary>
    public static void Finite(string path, double value)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new InvalidInputException($"Argument '{path}' is {value}: give a finite number, zero or more.");
    }

    /// <summary>A region code argument checked as the request is validated.</summary>
    public static QueryArgument CheckedRegion(this QueryArgument argument) =>
        argument.Validate(value => Region(argument.Name, (string)value));

    /// <summary>A year argument checked as the request is validated: one outside the years a series may hold (20230) is refused.</summary>
    public static QueryArgument CheckedYear(this QueryArgument argument) =>
        argument.Validate(value => EnterpriseFigures.CheckYear(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), $"Argument '{argument.Name}'"));

    /// <summary>A field code argument checked as the request is validated.</summary>
    public static QueryArgument CheckedField(this QueryArgument argument) =>
        argument.Validate(value => Field(argument.Name, (string)value));
}
