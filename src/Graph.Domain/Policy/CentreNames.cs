namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// The names 004 gives a technology innovation centre by its stage: approved for construction, "技术创新中心统一命名为
/// '广西壮族自治区×××技术创新中心（筹）'"; accredited, "正式命名为'广西壮族自治区×××技术创新中心'".
/// </summary>
public static class CentreNames
{
    const string Province = "广西壮族自治区";
    const string Centre = "技术创新中心";
    const string Preparing = "（筹）";

    /// <summary>The ××× of a centre's name: what is left without the province, "技术创新中心" and "（筹）".</summary>
    public static string Core(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var core = name.Trim();
        foreach (var mark in new[] { Preparing, "(筹)" })
        {
            if (core.EndsWith(mark, StringComparison.Ordinal)) core = core[..^mark.Length];
        }
        if (core.EndsWith(Centre, StringComparison.Ordinal)) core = core[..^Centre.Length];
        foreach (var province in new[] { Province, "广西" })
        {
            if (core.StartsWith(province, StringComparison.Ordinal)) core = core[province.Length..];
        }
        return core.Length > 0 ? core : name;
    }

    /// <summary>The name for the stage: provisional (筹) under construction, the accredited name once accredited; else as it is.</summary>
    public static string For(CentreStage stage, string name) => stage switch
    {
        CentreStage.UnderConstruction => InnovationCentreLifecycle.ProvisionalName(Core(name)),
        CentreStage.Accredited => InnovationCentreLifecycle.AccreditedName(Core(name)),
        _ => name,
    };
}
