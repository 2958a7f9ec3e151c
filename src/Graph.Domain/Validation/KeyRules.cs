namespace KnowledgeGraph.Domain.Validation;

/// <summary>What any natural key or link key must be: ids are built as "Kind:key" and "TYPE|from|to|key".</summary>
internal static class KeyRules
{
    /// <summary>Null when the key is fine, else what is wrong.</summary>
    public static string? Check(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return "the key is empty";
        if (TextRules.Check(key) is { } problem) return $"the key holds {problem}";
        if (key.Contains('|', StringComparison.Ordinal)) return $"'{key}' contains '|', which link ids use as separator";
        if (key != key.Trim()) return $"'{key}' has leading or trailing spaces";
        return null;
    }
}
