namespace KnowledgeGraph.Domain.Errors;

/// <summary>Stable machine-readable error codes (GraphQL <c>extensions.code</c>).</summary>
public static class ErrorCodes
{
    public const string NotFound = "NOT_FOUND";
    public const string InvalidInput = "INVALID_INPUT";
    public const string InvalidCreditCode = "INVALID_CREDIT_CODE";
    public const string RuleViolation = "RULE_VIOLATION";
    public const string Conflict = "CONFLICT";
    public const string StoreUnavailable = "STORE_UNAVAILABLE";
    public const string Forbidden = "FORBIDDEN";
    public const string DuplicateOfReference = "DUPLICATE_OF_REFERENCE";
}

/// <summary>A failure the user can act on: it has a stable code and a message that says what and where.</summary>
public abstract class DomainException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The stable machine-readable code.</summary>
    public string Code { get; } = code;
}

/// <summary>A node or link that the operation needs does not exist.</summary>
public sealed class NotFoundException(string message) : DomainException(ErrorCodes.NotFound, message);

/// <summary>An input value is malformed: a wrong type, an unknown enum value, a missing name.</summary>
public sealed class InvalidInputException(string message) : DomainException(ErrorCodes.InvalidInput, message);

/// <summary>A unified social credit code fails GB 32100-2015.</summary>
public sealed class InvalidCreditCodeException(string message) : DomainException(ErrorCodes.InvalidCreditCode, message);

/// <summary>A write would break a rule of the domain (a link between the wrong kinds, an ineligible applicant, …).</summary>
public sealed class RuleViolationException(string message) : DomainException(ErrorCodes.RuleViolation, message);

/// <summary>A new node would be a second copy of a reference node (a university of the ministry's list): write to that one.</summary>
public sealed class DuplicateOfReferenceException(string message) : DomainException(ErrorCodes.DuplicateOfReference, message);

/// <summary>The data changed since it was read (optimistic concurrency).</summary>
public sealed class ConflictException(string message) : DomainException(ErrorCodes.Conflict, message);

/// <summary>The store could not be reached or failed; nothing was written.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : DomainException(ErrorCodes.StoreUnavailable, message, inner);

/// <summary>The caller may not write what it asked to (a confidential figure it may not read, reference data).</summary>
public sealed class ForbiddenException(string message) : DomainException(ErrorCodes.Forbidden, message);
