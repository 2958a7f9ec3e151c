namespace KnowledgeGraph.Synthetic;

/// <summary>A platform: its host (HOSTS) or leader (LEADS) organisation, type, level, status, main field and dates.</summary>
internal readonly record struct PlatformSeed(int Host, int Leader, string Type, string Level, string Status, byte Field, DateOnly Established, DateOnly StatusDate);

/// <summary>A consortium or alliance: its lead enterprise, field and founding date.</summary>
internal readonly record struct ConsortiumSeed(int Lead, byte Field, bool Alliance, DateOnly Established);

/// <summary>A challenge: poster, kind, the achievement of a 成果转化类 one (-1 for 技术攻关类), field, state, dates and money.</summary>
internal readonly record struct ChallengeSeed(
    int Poster, bool Breakthrough, int Achievement, byte Field, string Status, DateOnly PostedOn, DateOnly Deadline, decimal Budget, decimal? PublicFunding)
{
    /// <summary>Whether it took applications (from 揭榜申报 on).</summary>
    public bool HasApplicants => Status is not ("Collecting" or "Published");

    /// <summary>Whether someone won it (立项, then completed).</summary>
    public bool HasWinner => Status is "Awarded" or "Completed";
}

/// <summary>A project: its lead organisation, field, programme, funding and dates.</summary>
internal readonly record struct ProjectSeed(int Lead, byte Field, string Programme, decimal Total, decimal Public, DateOnly Start, DateOnly End);

/// <summary>An achievement: its holder, field, type and the date it was offered.</summary>
internal readonly record struct AchievementSeed(int Holder, byte Field, string Type, DateOnly Published);

/// <summary>A person: employer, whether a tech commissioner (科技特派员), title.</summary>
internal readonly record struct PersonSeed(int Employer, bool Commissioner, string Title);
