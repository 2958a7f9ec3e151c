using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>
/// The public identifiers of universities and institutes: the ministry's 10-digit 学校标识码 and the Research
/// Organization Registry id (ROR: "0", six characters of Crockford base32, two check digits of ISO/IEC 7064 MOD 97-10).
/// </summary>
public static class InstitutionIdentifiers
{
    const string Base32 = "0123456789abcdefghjkmnpqrstvwxyz";
    const string RorPrefix = "https://ror.org/";

    /// <summary>Why the text is not a 学校标识码, or null when it is one.</summary>
    public static string? MoeCodeProblem(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 10 || code.AsSpan().ContainsAnyExceptInRange('0', '9'))
            return $"'{code}' is not a 学校标识码: 10 digits, e.g. 4145010593";
        if (Regions.Find(code[2..4] + "0000") is null)
            return $"'{code}' is not a 学校标识码: digits 3–4 ('{code[2..4]}') are no province's GB/T 2260 code";
        return null;
    }

    /// <summary>Why the text is not a ROR id, or null when it is one.</summary>
    public static string? RorIdProblem(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.StartsWith(RorPrefix, StringComparison.OrdinalIgnoreCase))
            return $"write the ROR id without '{RorPrefix}': '{id[RorPrefix.Length..]}'";
        if (id.Length != 9 || id[0] != '0' || id[1..7].Any(c => !Base32.Contains(c, StringComparison.Ordinal)) || !char.IsAsciiDigit(id[7]) || !char.IsAsciiDigit(id[8]))
            return $"'{id}' is not a ROR id: '0', six characters of 0-9 a-z (no i, l, o, u) in lower case, two check digits, e.g. 03cve4549";
        long value = 0;
        foreach (var c in id[..7]) value = value * 32 + Base32.IndexOf(c, StringComparison.Ordinal);
        var check = 98 - value * 100 % 97;
        return check == int.Parse(id[7..], System.Globalization.CultureInfo.InvariantCulture)
            ? null
            : $"'{id}' is not a ROR id: its check digits should be {check:00}";
    }

    /// <summary>A text that is an identifier rather than a name: a 学校标识码 or a ROR id (also as its https://ror.org/ address).</summary>
    public static (string Property, string Value)? Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (MoeCodeProblem(trimmed) is null) return ("moeCode", trimmed);
        var ror = trimmed.StartsWith(RorPrefix, StringComparison.OrdinalIgnoreCase) ? trimmed[RorPrefix.Length..] : trimmed;
        return RorIdProblem(ror) is null ? ("rorId", ror) : null;
    }

    internal static void Check(NodeInput input, List<ValidationProblem> problems)
    {
        if (!GraphCatalog.AcademicKinds.Contains(input.Kind)) return;
        if (input.Properties.Text("moeCode") is { } code && MoeCodeProblem(code) is { } codeProblem) problems.Add(new("moeCode", codeProblem));
        if (input.Properties.Text("rorId") is { } ror && RorIdProblem(ror) is { } rorProblem) problems.Add(new("rorId", rorProblem));
    }
}
