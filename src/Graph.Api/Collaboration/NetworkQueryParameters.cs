using System.Globalization;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Collaboration;

/// <summary>
/// The network selection of an export URL: <c>region</c> (GB/T 2260 code, sub-regions included), <c>field</c> (field code,
/// sub-fields included), <c>organizationKinds</c> (comma-separated: Enterprise, University, ResearchInstitute,
/// GovernmentBody), <c>kinds</c> (collaboration kinds, comma-separated), <c>since</c> / <c>until</c> (yyyy-MM-dd) or
/// <c>year</c>, <c>minWeight</c>, and <c>boundary</c> (<c>include</c> adds the ties crossing the selection's boundary and
/// the partners outside it).
/// </summary>
public static class NetworkQueryParameters
{
    /// <summary>The names the parameters go by.</summary>
    public static readonly IReadOnlyList<string> Names = ["region", "field", "organizationKinds", "kinds", "since", "until", "year", "minWeight", "boundary"];

    /// <summary>The selection the query string describes; an unknown parameter or a malformed value is INVALID_INPUT naming it.</summary>
    public static NetworkQuery Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var name in query.Keys)
        {
            if (!Names.Contains(name, StringComparer.Ordinal))
                throw new InvalidInputException($"query parameter '{name}' is not known; use {string.Join(", ", Names)}");
        }
        var organizationKinds = List(query, "organizationKinds")
            .Select(k => GraphCatalog.FindNodeKind(k) is { } kind && GraphCatalog.OrganizationKinds.Contains(kind)
                ? kind
                : throw new InvalidInputException($"organizationKinds: '{k}' is not an organisation kind (Enterprise, University, ResearchInstitute, GovernmentBody)"))
            .ToList();
        var kinds = CollaborationKinds.None;
        foreach (var name in List(query, "kinds"))
        {
            kinds |= Enum.TryParse<CollaborationKinds>(name, ignoreCase: true, out var kind) && CollaborationRules.All.Any(r => r.Kind == kind)
                ? kind
                : throw new InvalidInputException($"kinds: '{name}' is not a collaboration kind ({string.Join(", ", CollaborationRules.All.Select(r => r.Kind))})");
        }
        int? year = Single(query, "year") is { } yearText
            ? int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new InvalidInputException($"year: '{yearText}' is not a year")
            : null;
        double? minWeight = Single(query, "minWeight") is { } weightText
            ? double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) ? weight : throw new InvalidInputException($"minWeight: '{weightText}' is not a number")
            : null;
        var boundary = Single(query, "boundary") is { } boundaryText
            ? Enum.TryParse<NetworkBoundary>(boundaryText, ignoreCase: true, out var parsedBoundary) && Enum.IsDefined(parsedBoundary)
                ? parsedBoundary
                : throw new InvalidInputException($"boundary: '{boundaryText}' is not include or exclude")
            : NetworkBoundary.Exclude;
        var selection = NetworkQuery.Create(Single(query, "region"), Single(query, "field"), organizationKinds, kinds, Date(query, "since"), Date(query, "until"), year, minWeight, boundary);
        selection.Validate();
        return selection;
    }

    static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        if (values.Count > 1) throw new InvalidInputException($"{name}: given {values.Count} times; give it once");
        return values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
    }

    static string[] List(IQueryCollection query, string name) =>
        Single(query, name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    static DateOnly? Date(IQueryCollection query, string name) => Single(query, name) is { } text
        ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidInputException($"{name}: '{text}' is not a date (yyyy-MM-dd)")
        : null;
}
