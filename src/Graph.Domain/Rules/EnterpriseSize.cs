namespace KnowledgeGraph.Domain.Rules;

/// <summary>The size class of an industrial enterprise (统计上大中小微型企业划分办法, 国统字〔2017〕213号).</summary>
public enum EnterpriseSizeClass
{
    /// <summary>微型.</summary>
    Micro,
    /// <summary>小型.</summary>
    Small,
    /// <summary>中型.</summary>
    Medium,
    /// <summary>大型.</summary>
    Large,
}

/// <summary>
/// Enterprise size for industry (国统字〔2017〕213号; DOMAIN.md rule 2); revenue in 万元.
/// The official table phrases each class as a range (中型: 300 ≤ X &lt; 1000 employees, 2000 ≤ Y &lt; 40000 万元), so
/// a reader of the upper bounds alone would misplace mixed cases. Its note decides them: "大型、中型和小型企业须同时满足
/// 所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可". So the class is the highest one whose two lower
/// bounds are both met: 1000 employees with 39999 万元 is medium, 5000 employees with 1000 万元 is small.
/// </summary>
public static class EnterpriseSize
{
    /// <summary>Large: from 1000 employees and 40000 万元 (4 亿元) revenue.</summary>
    public const long LargeEmployees = 1000;
    /// <summary>Large: revenue lower bound in 万元.</summary>
    public const decimal LargeRevenue = 40000m;
    /// <summary>Medium: from 300 employees.</summary>
    public const long MediumEmployees = 300;
    /// <summary>Medium: revenue lower bound in 万元.</summary>
    public const decimal MediumRevenue = 2000m;
    /// <summary>Small: from 20 employees.</summary>
    public const long SmallEmployees = 20;
    /// <summary>Small: revenue lower bound in 万元.</summary>
    public const decimal SmallRevenue = 300m;
    /// <summary>Above designated size (规模以上) industrial: revenue from 2000 万元 (the statistics office's threshold since 2011).</summary>
    public const decimal DesignatedSizeRevenue = 2000m;

    /// <summary>The size class from employees (persons) and annual revenue (万元).</summary>
    public static EnterpriseSizeClass Classify(long employees, decimal revenue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(employees);
        ArgumentOutOfRangeException.ThrowIfNegative(revenue);
        if (employees >= LargeEmployees && revenue >= LargeRevenue) return EnterpriseSizeClass.Large;
        if (employees >= MediumEmployees && revenue >= MediumRevenue) return EnterpriseSizeClass.Medium;
        if (employees >= SmallEmployees && revenue >= SmallRevenue) return EnterpriseSizeClass.Small;
        return EnterpriseSizeClass.Micro;
    }

    /// <summary>Whether an enterprise is an above-designated-size (规上) industrial enterprise: industrial and revenue ≥ 2000 万元.</summary>
    public static bool IsAboveDesignatedSize(bool industrial, decimal revenue) => industrial && revenue >= DesignatedSizeRevenue;
}
