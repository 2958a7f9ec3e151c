using System.Text;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Graph.Nodes;

/// <summary>How catalog names become GraphQL names.</summary>
public static class CatalogNames
{
    /// <summary>PascalCase to SCREAMING_CASE: <c>EnterpriseTechnologyCenter</c> → <c>ENTERPRISE_TECHNOLOGY_CENTER</c>.</summary>
    public static string ScreamingCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
                text.Append('_');
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>camelCase to PascalCase.</summary>
    public static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>The GraphQL type name of a link type: <c>PairedWithLink</c>.</summary>
    public static string LinkTypeName(LinkType type) => type + "Link";

    /// <summary>A bilingual description: the English text, then the Chinese label.</summary>
    public static string Bilingual(string english, string chinese) =>
        english.EndsWith('.') ? $"{english} {chinese}。" : $"{english}. {chinese}。";

    /// <summary>The description of a property: its text, unit, Chinese label.</summary>
    public static string Describe(PropertyDefinition property)
    {
        var english = char.ToUpperInvariant(property.Description[0]) + property.Description[1..];
        if (property.Unit is { } unit && !english.Contains(unit, StringComparison.Ordinal))
            english += $" ({unit})";
        if (property.Confidential)
            english += "; confidential: only the analyst role reads it, others get null and a FORBIDDEN error";
        return Bilingual(english, property.Chinese);
    }
}
