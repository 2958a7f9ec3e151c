using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Domain.Validation;

/// <summary>What an enterprise's credit code and figures already say, filled in before validation (docs/import-format.md).</summary>
public static class EnterpriseDefaults
{
    /// <summary>
    /// For an enterprise with a valid credit code: the code upper-cased, and when it has no <c>region</c>, the nearest
    /// known region of the code's division code (characters 3–8, GB 32100-2015); the figures as a series by year, with the
    /// facts derived from them (<see cref="EnterpriseFigures.Derive"/>). Anything else is returned unchanged.
    /// </summary>
    public static NodeInput Apply(NodeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Kind != NodeKind.Enterprise) return input;
        var derived = EnterpriseFigures.Derive(input.Properties);
        if (!ReferenceEquals(derived, input.Properties)) input = input with { Properties = derived };
        var check = CreditCode.Validate(input.Key);
        if (!check.IsValid) return input;

        var result = check.Code == input.Key ? input : input with { Key = check.Code };
        if (!string.IsNullOrWhiteSpace(input.Properties.Text("region"))) return result;
        var region = Regions.Resolve(check.Code.Substring(2, 6));
        return region is null ? result : result with { Properties = result.Properties.With("region", region.Code) };
    }
}
