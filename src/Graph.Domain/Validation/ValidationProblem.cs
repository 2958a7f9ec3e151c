using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Validation;

/// <summary>
/// One thing wrong with an input: the field it concerns (a property name, <c>key</c>, <c>name</c>, <c>from</c>, …),
/// what is wrong, and the error code it maps to (<see cref="ErrorCodes"/>).
/// </summary>
public sealed record ValidationProblem(string Field, string Message, string Code = ErrorCodes.InvalidInput)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Turns validation problems into the domain exception a caller sees.</summary>
public static class ValidationProblems
{
    /// <summary>
    /// Throws when there are problems: the exception matches the first problem's code (an invalid credit code,
    /// a rule violation, a missing reference, else invalid input); its message lists every problem, each naming its field.
    /// </summary>
    public static void ThrowIfAny(IReadOnlyList<ValidationProblem> problems, string subject)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0) throw ToException(problems, subject);
    }

    /// <summary>The exception for one or more problems, as <see cref="ThrowIfAny"/> throws it.</summary>
    public static DomainException ToException(IReadOnlyList<ValidationProblem> problems, string subject)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0) throw new ArgumentException("there are no problems", nameof(problems));
        var message = $"{subject}: {string.Join("; ", problems)}";
        return problems[0].Code switch
        {
            ErrorCodes.InvalidCreditCode => new InvalidCreditCodeException(message),
            ErrorCodes.RuleViolation => new RuleViolationException(message),
            ErrorCodes.NotFound => new NotFoundException(message),
            _ => new InvalidInputException(message),
        };
    }
}
