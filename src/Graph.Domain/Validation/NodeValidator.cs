using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Domain.Validation;

/// <summary>
/// Checks a <see cref="NodeInput"/> against <see cref="GraphCatalog"/> and the domain's rules, returning every
/// problem at once: key, name, aliases, each property's name, type and range, references to regions and fields,
/// and for an enterprise a valid credit code (GB 32100-2015).
/// </summary>
/// <param name="referenceExists">
/// Also accepts references the catalogs do not list (e.g. user-defined Region/Field nodes in the store), and checks
/// references to other kinds; null checks against <see cref="Regions"/> and <see cref="TechnologyFields"/> only.
/// </param>
public sealed class NodeValidator(Func<NodeKind, string, bool>? referenceExists = null)
{
    readonly ReferenceLookup _references = new(referenceExists);

    /// <summary>A validator that knows the reference catalogs only.</summary>
    public static NodeValidator Default { get; } = new();

    /// <summary>Every problem of the input; empty when it is valid.</summary>
    public IReadOnlyList<ValidationProblem> Validate(NodeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var info = GraphCatalog.Of(input.Kind);
        var problems = new List<ValidationProblem>();

        CheckKey(input, info, problems);
        if (string.IsNullOrWhiteSpace(input.Name)) problems.Add(new("name", "a name is required"));
        else if (TextRules.Check(input.Name) is { } nameProblem) problems.Add(new("name", $"the name holds {nameProblem}"));
        else if (input.Name != input.Name.Trim()) problems.Add(new("name", $"'{input.Name}' has leading or trailing spaces"));
        if (input.NameEn is not null && string.IsNullOrWhiteSpace(input.NameEn)) problems.Add(new("nameEn", "the English name is blank; leave it out instead"));
        else if (TextRules.Check(input.NameEn) is { } nameEnProblem) problems.Add(new("nameEn", $"the English name holds {nameEnProblem}"));
        foreach (var alias in input.Aliases)
        {
            if (string.IsNullOrWhiteSpace(alias)) problems.Add(new("aliases", "an alias is empty"));
            else if (TextRules.Check(alias) is { } aliasProblem) problems.Add(new("aliases", $"an alias holds {aliasProblem}"));
            else if (alias.Contains(PropertyText.ListSeparator, StringComparison.Ordinal)) problems.Add(new("aliases", $"alias '{alias}' contains ';', the list separator"));
        }

        PropertyChecks.Check(input.Properties, info.Properties, input.Kind.ToString(), _references, problems);
        CheckParent(input, problems);
        InstitutionIdentifiers.Check(input, problems);
        if (input.Kind == NodeKind.Enterprise) problems.AddRange(EnterpriseFigures.Check(input.Properties));
        foreach (var (kind, start, end) in DateOrder)
        {
            if (input.Kind == kind && input.Properties.Date(start) is { } from && input.Properties.Date(end) is { } to && to < from)
                problems.Add(new(end, $"{PropertyText.Format(to)} is before {start} {PropertyText.Format(from)}"));
        }
        return problems;
    }

    /// <summary>
    /// Throws when the input has problems: <see cref="InvalidCreditCodeException"/> when the first is the credit
    /// code, else <see cref="InvalidInputException"/>; the message names every field at fault.
    /// </summary>
    public void ThrowIfInvalid(NodeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ValidationProblems.ThrowIfAny(Validate(input), $"{input.Kind} '{input.Key}'");
    }

    // Date properties of one node that must come in order: a project ends after it starts, a challenge closes after it is posted.
    static readonly (NodeKind Kind, string Start, string End)[] DateOrder =
    [
        (NodeKind.Project, "startOn", "endOn"),
        (NodeKind.Challenge, "postedOn", "deadline"),
    ];

    static void CheckParent(NodeInput input, List<ValidationProblem> problems)
    {
        if (input.Kind is not (NodeKind.Region or NodeKind.Field) || input.Properties.Text("parent") is not { } parent) return;
        if (parent == input.Key)
            problems.Add(new("parent", $"'{input.Key}' cannot be its own parent"));
        else if (input.Kind == NodeKind.Region && Regions.IsDivisionCode(input.Key) && Regions.IsDivisionCode(parent) && !Regions.IsWithin(input.Key, parent))
            problems.Add(new("parent", $"'{parent}' does not contain '{input.Key}' (GB/T 2260 codes nest: PPCCXX lies in PPCC00 and PP0000)"));
    }

    static void CheckKey(NodeInput input, NodeKindInfo info, List<ValidationProblem> problems)
    {
        var keyProblem = KeyRules.Check(input.Key);
        if (keyProblem is not null)
        {
            problems.Add(new(info.KeyName, keyProblem, input.Kind == NodeKind.Enterprise ? ErrorCodes.InvalidCreditCode : ErrorCodes.InvalidInput));
            return;
        }
        switch (input.Kind)
        {
            case NodeKind.Enterprise:
                var check = CreditCode.Validate(input.Key);
                if (!check.IsValid)
                    problems.Add(new(info.KeyName, check.Message, ErrorCodes.InvalidCreditCode));
                else if (check.Code != input.Key)
                    problems.Add(new(info.KeyName, $"must be written in upper case: '{check.Code}'", ErrorCodes.InvalidCreditCode));
                break;
            case NodeKind.Region when !Regions.IsDivisionCode(input.Key):
                problems.Add(new(info.KeyName, $"'{input.Key}' is not a 6-digit GB/T 2260 division code"));
                break;
        }
    }
}
