using System.Collections.Immutable;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>How an incoming university was found to be a reference one.</summary>
public enum MatchBasis
{
    /// <summary>Its 学校标识码 (moeCode) is the reference institution's.</summary>
    MoeCode,

    /// <summary>Its name, normalised, is the reference institution's name.</summary>
    Name,

    /// <summary>Its name or one of its aliases is a name or an alias of exactly one reference institution.</summary>
    Alias,
}

/// <summary>An incoming node that is a reference institution: it is written to (and its links point at) that node.</summary>
public sealed record ReferenceMatch(string IncomingId, string IncomingName, string ReferenceId, string ReferenceName, MatchBasis By);

/// <summary>An incoming node that may be a reference institution but was not linked to one: several fit, or matching was off.</summary>
public sealed record LikelyDuplicate(string IncomingId, string IncomingName, IReadOnlyList<string> ReferenceIds, string Reason);

/// <summary>
/// Finds the reference university an incoming University node stands for — by its 学校标识码, then by its normalised name,
/// then by its aliases — and merges the incoming content into the reference node, so that loading one's own data does
/// not create a second 广西大学.
/// </summary>
public static class ReferenceMatching
{
    /// <summary>The reference institutions the node may be: one with its basis, several (ambiguous), or none.</summary>
    public static (ReferenceOrganization? Match, MatchBasis By, IReadOnlyList<ReferenceOrganization> Candidates) Find(NodeInput node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Kind != NodeKind.University || ReferenceOrganizations.FindById(node.Id) is not null) return (null, default, []);
        if (node.Properties.Text("moeCode") is { } code)
            return ReferenceOrganizations.FindByMoeCode(code) is { } coded ? (coded, MatchBasis.MoeCode, [coded]) : (null, default, []);
        var named = ReferenceOrganizations.FindByName(node.Name);
        if (named.Count == 1)
            return (named[0], ReferenceOrganizations.NormalizeName(named[0].Name) == ReferenceOrganizations.NormalizeName(node.Name) ? MatchBasis.Name : MatchBasis.Alias, named);
        if (named.Count > 1) return (null, default, named);
        var byAlias = node.Aliases.SelectMany(ReferenceOrganizations.FindByName).Distinct().ToList();
        return byAlias.Count == 1 ? (byAlias[0], MatchBasis.Alias, byAlias) : (null, default, byAlias);
    }

    /// <summary>
    /// The reference node with what the incoming node adds: its properties where it has them, its English name when the
    /// reference has none, its name and aliases as aliases. The reference's name and 学校标识码 stay.
    /// </summary>
    public static NodeInput Merge(Node reference, NodeInput incoming)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(incoming);
        var properties = reference.Properties;
        foreach (var (name, value) in incoming.Properties)
        {
            if (name != "moeCode") properties = properties.With(name, value);
        }
        var referenceName = ReferenceOrganizations.NormalizeName(reference.Name);
        var aliases = reference.Aliases
            .Concat(incoming.Aliases.Prepend(incoming.Name))
            .Where(a => ReferenceOrganizations.NormalizeName(a) != referenceName)
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        return new NodeInput(reference.Kind, reference.Key, reference.Name, reference.NameEn ?? incoming.NameEn, aliases, properties);
    }
}
