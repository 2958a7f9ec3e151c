using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Validation;

/// <summary>
/// Checks a <see cref="LinkInput"/> against <see cref="GraphCatalog"/>, returning every problem at once: both ends
/// are node ids of the kinds the link type allows (a rule violation otherwise), the key, the dates (end not before
/// start) and each property's name, type and range. Whether the ends exist is the store's to say.
/// </summary>
/// <param name="referenceExists">Checks references that properties make (e.g. the achievement of a TRANSFERS link).</param>
public sealed class LinkValidator(Func<NodeKind, string, bool>? referenceExists = null)
{
    readonly ReferenceLookup _references = new(referenceExists);

    /// <summary>A validator that knows the reference catalogs only.</summary>
    public static LinkValidator Default { get; } = new();

    /// <summary>Every problem of the input; empty when it is valid.</summary>
    public IReadOnlyList<ValidationProblem> Validate(LinkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var info = GraphCatalog.Of(input.Type);
        var problems = new List<ValidationProblem>();

        CheckEnd("from", input.FromId, info.FromKinds, info, problems);
        CheckEnd("to", input.ToId, info.ToKinds, info, problems);
        if (input.FromId == input.ToId)
            problems.Add(new("to", $"{info.Name} cannot link '{input.FromId}' to itself", ErrorCodes.RuleViolation));
        if (input.Key is not null && KeyRules.Check(input.Key) is { } keyProblem) problems.Add(new("key", keyProblem));
        if (input.StartDate is { } start && input.EndDate is { } end && end < start)
            problems.Add(new("endDate", $"{PropertyText.Format(end)} is before the start date {PropertyText.Format(start)}"));
        if (input.Source is not null && string.IsNullOrWhiteSpace(input.Source))
            problems.Add(new("source", "the source is blank; leave it out instead"));

        PropertyChecks.Check(input.Properties, info.Properties, info.Name, _references, problems);
        return problems;
    }

    /// <summary>
    /// Throws when the input has problems: <see cref="RuleViolationException"/> when the first is a rule (ends of the
    /// wrong kind), else <see cref="InvalidInputException"/>; the message names every field at fault.
    /// </summary>
    public void ThrowIfInvalid(LinkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ValidationProblems.ThrowIfAny(Validate(input), $"{GraphCatalog.Of(input.Type).Name} {input.FromId} → {input.ToId}");
    }

    static void CheckEnd(string field, string id, IReadOnlySet<NodeKind> allowed, LinkTypeInfo info, List<ValidationProblem> problems)
    {
        if (!NodeId.TryParse(id ?? "", out var kind, out var key))
        {
            problems.Add(new(field, $"'{id}' is not a node id (Kind:key, e.g. Enterprise:91450200MA5K00001X)"));
            return;
        }
        if (KeyRules.Check(key) is { } keyProblem) problems.Add(new(field, keyProblem));
        if (!allowed.Contains(kind))
        {
            var kinds = string.Join(", ", GraphCatalog.NodeKinds.Select(k => k.Kind).Where(allowed.Contains));
            problems.Add(new(field, $"{info.Name} cannot have a {kind} at its {field} end (allowed: {kinds})", ErrorCodes.RuleViolation));
        }
    }
}
