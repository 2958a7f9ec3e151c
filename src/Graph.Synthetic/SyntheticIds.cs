using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Synthetic;

/// <summary>The natural keys and node ids of generated nodes.</summary>
internal sealed class SyntheticIds(SyntheticWorld world)
{
    // 31^9: the number of 9-character organisation codes (GB 32100-2015 positions 9–17).
    const ulong OrganisationCodes = 26_439_622_160_671UL;

    /// <summary>
    /// A valid unified social credit code: 91 (工商, enterprise), the enterprise's region, a 9-character organisation code
    /// that is a bijection of its index (so codes never collide), and the check character.
    /// </summary>
    public static string CreditCodeOf(SyntheticWorld world, int enterprise)
    {
        var offset = new SyntheticRandom(world.Seed, SyntheticRandom.Stream("credit-codes")).NextULong() % OrganisationCodes;
        // 2654435761 is not a multiple of 31, so multiplying by it permutes the codes.
        var n = ((ulong)enterprise * 2654435761UL + offset) % OrganisationCodes;
        Span<char> code = stackalloc char[CreditCode.Length];
        "91".CopyTo(code);
        world.OrgRegion[enterprise]!.AsSpan().CopyTo(code[2..]);
        for (var i = 16; i >= 8; i--)
        {
            code[i] = CreditCode.Alphabet[(int)(n % 31)];
            n /= 31;
        }
        code[17] = CreditCode.CheckCharacter(code[..17]);
        return new string(code);
    }

    public static string AcademicKey(SyntheticWorld world, int org) =>
        world.KindOf(org) == NodeKind.University ? $"U{org - world.AcademicStart:D5}" : $"R{org - world.AcademicStart:D5}";

    public static string PlatformKey(int p) => $"P{p:D6}";
    public static string ConsortiumKey(int c) => $"C{c:D5}";
    public static string ChallengeKey(int c) => $"J{c:D6}";
    public static string ProjectKey(int p) => $"X{p:D6}";
    public static string AchievementKey(int a) => $"A{a:D6}";
    public static string PersonKey(int p) => $"H{p:D6}";

    // Each organisation's id, built on first use: links name the same organisations again and again.
    readonly string?[] _organizationIds = new string?[world.Organizations];

    /// <summary>The node id of an organisation.</summary>
    public string Organization(int org) => _organizationIds[org] ??= OrganizationId(org);

    string OrganizationId(int org)
    {
        if (org < world.Enterprises) return NodeId.Of(NodeKind.Enterprise, CreditCodeOf(world, org));
        if (world.IsAcademic(org)) return NodeId.Of(world.KindOf(org), AcademicKey(world, org));
        return NodeId.Of(NodeKind.GovernmentBody, world.GovernmentKeys[org - world.GovernmentStart]);
    }

    public static string Platform(int p) => NodeId.Of(NodeKind.Platform, PlatformKey(p));
    public static string Consortium(int c) => NodeId.Of(NodeKind.Consortium, ConsortiumKey(c));
    public static string Challenge(int c) => NodeId.Of(NodeKind.Challenge, ChallengeKey(c));
    public static string Project(int p) => NodeId.Of(NodeKind.Project, ProjectKey(p));
    public static string Achievement(int a) => NodeId.Of(NodeKind.Achievement, AchievementKey(a));
    public static string Person(int p) => NodeId.Of(NodeKind.Person, PersonKey(p));
}
