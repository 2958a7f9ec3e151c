using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>The states of a challenge; names match <c>GraphCatalog.ChallengeStatuses</c> (003 二).</summary>
public enum ChallengeStatus
{
    /// <summary>征集: demands are being collected.</summary>
    Collecting,
    /// <summary>发榜: published.</summary>
    Published,
    /// <summary>揭榜申报: applications open.</summary>
    Applying,
    /// <summary>评审: applications under review.</summary>
    Reviewing,
    /// <summary>对接洽谈: the poster negotiates with applicants.</summary>
    Negotiating,
    /// <summary>立项: awarded to one applicant.</summary>
    Awarded,
    /// <summary>完成: completed.</summary>
    Completed,
    /// <summary>终止: terminated.</summary>
    Terminated,
}

/// <summary>One dated state of a challenge.</summary>
public sealed record ChallengeStep(ChallengeStatus Status, DateOnly On);

/// <summary>A challenge's dated history, its applicants and, once awarded, the winner.</summary>
public sealed record ChallengeRecord(string ChallengeId, IReadOnlyList<ChallengeStep> History, IReadOnlySet<string> ApplicantIds, string? AwardedTo = null)
{
    /// <summary>The current state.</summary>
    public ChallengeStatus Status => History[^1].Status;
}

/// <summary>
/// The lifecycle of a challenge (DOMAIN.md rule 4; seed 003 二: 征集 → 发榜 → 揭榜申报 → 评审 → 对接洽谈 → 立项, chosen "按揭榜竞争的价格和质量择优").
/// 003 names no termination; the project decides that every state before 完成 may be terminated (a demand dropped in
/// 论证, no applicant, negotiation failed, an awarded project failed) and that 完成 and 终止 are final.
/// </summary>
public static class ChallengeLifecycle
{
    static readonly Dictionary<ChallengeStatus, ChallengeStatus> Next = new()
    {
        [ChallengeStatus.Collecting] = ChallengeStatus.Published,
        [ChallengeStatus.Published] = ChallengeStatus.Applying,
        [ChallengeStatus.Applying] = ChallengeStatus.Reviewing,
        [ChallengeStatus.Reviewing] = ChallengeStatus.Negotiating,
        [ChallengeStatus.Negotiating] = ChallengeStatus.Awarded,
        [ChallengeStatus.Awarded] = ChallengeStatus.Completed,
    };

    /// <summary>Whether a challenge may move from one state to another.</summary>
    public static bool CanMove(ChallengeStatus from, ChallengeStatus to) =>
        (Next.TryGetValue(from, out var next) && next == to)
        || (to == ChallengeStatus.Terminated && from is not (ChallengeStatus.Completed or ChallengeStatus.Terminated));

    /// <summary>A new challenge whose demand is being collected from the given date.</summary>
    public static ChallengeRecord Start(string challengeId, DateOnly on) =>
        new(challengeId, [new ChallengeStep(ChallengeStatus.Collecting, on)], new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Records an application; applications are taken only while the challenge is 揭榜申报.</summary>
    public static ChallengeRecord Apply(ChallengeRecord challenge, string applicantId)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (challenge.Status != ChallengeStatus.Applying)
            throw new RuleViolationException($"challenge {challenge.ChallengeId} takes applications only in Applying (揭榜申报), not in {challenge.Status}");
        return challenge with { ApplicantIds = new HashSet<string>(challenge.ApplicantIds.Append(applicantId), StringComparer.Ordinal) };
    }

    /// <summary>Moves a challenge to a state other than Awarded on a date; an illegal move is refused naming both states.</summary>
    public static ChallengeRecord Move(ChallengeRecord challenge, ChallengeStatus to, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (to == ChallengeStatus.Awarded)
            throw new RuleViolationException($"challenge {challenge.ChallengeId}: moving to Awarded (立项) names the winner; use Award");
        return Append(challenge, to, on);
    }

    /// <summary>Awards a challenge in negotiation to one of its applicants.</summary>
    public static ChallengeRecord Award(ChallengeRecord challenge, string applicantId, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!challenge.ApplicantIds.Contains(applicantId))
            throw new RuleViolationException($"challenge {challenge.ChallengeId} cannot be awarded to {applicantId}: it did not apply");
        return Append(challenge, ChallengeStatus.Awarded, on) with { AwardedTo = applicantId };
    }

    static ChallengeRecord Append(ChallengeRecord challenge, ChallengeStatus to, DateOnly on)
    {
        var from = challenge.Status;
        if (!CanMove(from, to))
            throw new RuleViolationException($"challenge {challenge.ChallengeId} cannot move from {from} ({Chinese(from)}) to {to} ({Chinese(to)})");
        var last = challenge.History[^1].On;
        if (on < last)
            throw new RuleViolationException($"challenge {challenge.ChallengeId} cannot move to {to} on {on:yyyy-MM-dd}, before it entered {from} on {last:yyyy-MM-dd}");
        return challenge with { History = [.. challenge.History, new ChallengeStep(to, on)] };
    }

    /// <summary>The Chinese name of a state.</summary>
    public static string Chinese(ChallengeStatus status) => status switch
    {
        ChallengeStatus.Collecting => "征集",
        ChallengeStatus.Published => "发榜",
        ChallengeStatus.Applying => "揭榜申报",
        ChallengeStatus.Reviewing => "评审",
        ChallengeStatus.Negotiating => "对接洽谈",
        ChallengeStatus.Awarded => "立项",
        ChallengeStatus.Completed => "完成",
        ChallengeStatus.Terminated => "终止",
        _ => status.ToString(),
    };
}
