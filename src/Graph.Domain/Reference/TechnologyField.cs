namespace KnowledgeGraph.Domain.Reference;

/// <summary>An industry or technology field: stable code, Chinese and English names, broader field, aliases.</summary>
public sealed record TechnologyField(string Code, string Name, string? NameEn, string? ParentCode, IReadOnlyList<string> Aliases);
