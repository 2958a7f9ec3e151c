using System.Globalization;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>How an R&amp;D institution is built (002 四、研发机构建设模式).</summary>
public enum FilingMode
{
    /// <summary>企业单建: one enterprise builds its own institution.</summary>
    Single,
    /// <summary>多企联建: two or more enterprises fund one independent R&amp;D entity.</summary>
    MultiEnterprise,
    /// <summary>产业共建: an expert service team of an institute, community or alliance serves the enterprise.</summary>
    IndustryCoBuilding,
}

/// <summary>Which list of "有" items the standard uses.</summary>
public enum FilingVariant
{
    /// <summary>"六有" (001, 002): 场地, 人员, 设备, 投入, 项目, 制度.</summary>
    SixHave,
    /// <summary>000's seven items: 人员, 场地, 设备, 制度, 投入, 成果, 转化 (000 lists no 有项目).</summary>
    SevenHave,
}

/// <summary>Who provides the expert service team in 产业共建 (002 四(三)).</summary>
public enum ExpertTeamProvider
{
    /// <summary>产业技术研究院.</summary>
    IndustrialTechnologyInstitute,
    /// <summary>创新创业共同体.</summary>
    InnovationCommunity,
    /// <summary>产业技术创新联盟.</summary>
    IndustryAlliance,
}

/// <summary>The level at which a body is certified; ordered so that a higher level compares greater.</summary>
public enum CertificationLevel
{
    /// <summary>Not certified.</summary>
    None,
    /// <summary>County level (below what 002 asks).</summary>
    County,
    /// <summary>市级.</summary>
    City,
    /// <summary>省级 / 自治区级.</summary>
    Provincial,
    /// <summary>国家级.</summary>
    National,
}

/// <summary>The expert service team of an 产业共建 filing.</summary>
public sealed record ExpertServiceTeam(ExpertTeamProvider Provider, CertificationLevel ProviderCertification, bool ServiceAgreementSigned);

/// <summary>
/// A proposed enterprise R&amp;D institution as a filing presents it. Money in 万元, area in m².
/// <paramref name="ParticipantSizes"/> holds the size class of each participating enterprise (one for 单建 and 产业共建).
/// </summary>
public sealed record RdInstitutionProposal(
    FilingMode Mode,
    IReadOnlyList<EnterpriseSizeClass> ParticipantSizes,
    int Staff,
    decimal EquipmentValue,
    decimal AnnualRdSpend,
    decimal SiteArea,
    int Projects,
    bool HasRules,
    int UniversityOrInstituteAgreements,
    FilingVariant Variant = FilingVariant.SixHave,
    bool HasAchievements = false,
    bool HasTransfer = false,
    ExpertServiceTeam? ExpertTeam = null);

/// <summary>One item of a filing check: what was required, what was found, and what is missing.</summary>
public sealed record FilingItem(
    string Key,
    string ChineseName,
    string EnglishName,
    string Required,
    string Actual,
    bool Passed,
    string? Shortfall,
    string Seed);

/// <summary>The outcome of a filing check, item by item.</summary>
public sealed record FilingCheck(bool Passed, EnterpriseSizeClass StandardSize, IReadOnlyList<FilingItem> Items, IReadOnlyList<string> Notes)
{
    /// <summary>The items that failed.</summary>
    public IEnumerable<FilingItem> Failures => Items.Where(i => !i.Passed);
}

/// <summary>The numeric construction standard for one enterprise size class (002 三(一)–(三)); money in 万元, area in m².</summary>
public sealed record SizeStandard(int Staff, decimal EquipmentValue, decimal AnnualRdSpend, decimal SiteArea, int Projects);

/// <summary>The R&amp;D institution filing standard "六有" and its modes (DOMAIN.md rule 3; seeds 001, 002, 000).</summary>
public static class FilingStandard
{
    /// <summary>
    /// 002's thresholds by size class. 002 states standards for 大/中/小型 only and is silent on 微型; a micro enterprise
    /// is held to the small-enterprise standard, the lowest the seed states (a documented project decision).
    /// </summary>
    public static readonly IReadOnlyDictionary<EnterpriseSizeClass, SizeStandard> Standards = new Dictionary<EnterpriseSizeClass, SizeStandard>
    {
        [EnterpriseSizeClass.Large] = new(10, 100m, 200m, 100m, 5),
        [EnterpriseSizeClass.Medium] = new(5, 50m, 50m, 50m, 3),
        [EnterpriseSizeClass.Small] = new(3, 20m, 20m, 20m, 1),
        [EnterpriseSizeClass.Micro] = new(3, 20m, 20m, 20m, 1),
    };

    /// <summary>Checks a proposed institution against the standard, item by item.</summary>
    public static FilingCheck Check(RdInstitutionProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var notes = new List<string>();
        var items = new List<FilingItem>();
        var sizes = proposal.ParticipantSizes;
        if (sizes.Count == 0)
        {
            items.Add(Flag("participants", "参建企业", "participating enterprises", false, "at least one participating enterprise", "002"));
            return new FilingCheck(false, EnterpriseSizeClass.Micro, items, notes);
        }

        // 多企联建 averages must satisfy every participant's own standard, so the largest participant's standard governs.
        var standardSize = sizes.Max();
        var standard = Standards[standardSize];
        if (sizes.Contains(EnterpriseSizeClass.Micro))
            notes.Add("002 sets standards for large, medium and small enterprises only; a micro enterprise is held to the small-enterprise standard.");

        switch (proposal.Mode)
        {
            case FilingMode.Single:
                if (sizes.Count != 1)
                    items.Add(Flag("participants", "参建企业", "participating enterprises", false, "单建 is built by exactly one enterprise", "002"));
                AddHaveItems(items, proposal, standard, divisor: 1);
                break;
            case FilingMode.MultiEnterprise:
                // 002 四(二): "两家以上企业共同出资组建", site, equipment and spend averaged per participating enterprise.
                items.Add(Numeric("participants", "参建企业数", "participating enterprises", 2, sizes.Count, "enterprises", "002"));
                notes.Add($"多企联建: site area, equipment value and R&D spend are averaged over {sizes.Count} participating enterprises and judged against the {standardSize} enterprise standard.");
                AddHaveItems(items, proposal, standard, divisor: sizes.Count);
                break;
            case FilingMode.IndustryCoBuilding:
                AddCoBuildingItems(items, proposal.ExpertTeam);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(proposal), proposal.Mode, "unknown filing mode");
        }

        return new FilingCheck(items.TrueForAll(i => i.Passed), standardSize, items, notes);
    }

    static void AddHaveItems(List<FilingItem> items, RdInstitutionProposal p, SizeStandard s, int divisor)
    {
        var averaged = divisor > 1 ? " per enterprise" : "";
        // 六有 (001 二(三), 002 五(一)) and 000's seven items share 人员, 场地, 设备, 投入, 制度.
        items.Add(Numeric("site", "有场地", "site area" + averaged, s.SiteArea, p.SiteArea / divisor, "m²", "002"));
        items.Add(Numeric("staff", "有人员", "staff", s.Staff, p.Staff, "persons", "002"));
        items.Add(Numeric("equipment", "有设备", "equipment value" + averaged, s.EquipmentValue, p.EquipmentValue / divisor, "万元", "002"));
        items.Add(Numeric("spend", "有投入", "annual R&D spend" + averaged, s.AnnualRdSpend, p.AnnualRdSpend / divisor, "万元", "002"));
        if (p.Variant == FilingVariant.SixHave)
            items.Add(Numeric("projects", "有项目", "projects", s.Projects, p.Projects, "projects", "002"));
        items.Add(Flag("rules", "有制度", "rules and procedures", p.HasRules, "complete rules and procedures (完备的规章制度)", "002"));
        if (p.Variant == FilingVariant.SevenHave)
        {
            // 000 一(一) names 有成果 and 有转化 without thresholds: each is a yes/no item.
            items.Add(Flag("achievements", "有成果", "achievements", p.HasAchievements, "R&D achievements", "000"));
            items.Add(Flag("transfer", "有转化", "transfer of achievements", p.HasTransfer, "achievements put into use", "000"));
        }

        // 002 三(四): at least one S&T cooperation agreement with a university or research institute.
        items.Add(Numeric("agreement", "科技合作协议", "cooperation agreements with universities or institutes", 1, p.UniversityOrInstituteAgreements, "agreements", "002"));
    }

    static void AddCoBuildingItems(List<FilingItem> items, ExpertServiceTeam? team)
    {
        // 002 四(三): an expert service team of 产业技术研究院 / 创新创业共同体 / 产业技术创新联盟 signs a service agreement.
        items.Add(Flag("expertTeam", "专家服务团", "expert service team", team is not null, "an expert service team", "002"));
        if (team is null) return;
        items.Add(Flag("serviceAgreement", "服务协议", "service agreement", team.ServiceAgreementSigned, "a service agreement signed with the enterprise", "002"));
        // 002 names the certification duty for communities and alliances ("应具有市级以上认证"); the institute is named as such.
        if (team.Provider is ExpertTeamProvider.InnovationCommunity or ExpertTeamProvider.IndustryAlliance)
        {
            var certified = team.ProviderCertification >= CertificationLevel.City;
            items.Add(new FilingItem("certification", "市级以上认证", "certified at city level or above", "City or above",
                team.ProviderCertification.ToString(), certified,
                certified ? null : $"certification: {team.ProviderCertification} — needs city level or above", "002"));
        }
    }

    static FilingItem Numeric(string key, string chinese, string english, decimal required, decimal actual, string unit, string seed)
    {
        var passed = actual >= required;
        var shortfall = passed ? null : $"{english}: {Show(actual)} of {Show(required)} {unit} — needs {Show(required - actual)} more";
        return new FilingItem(key, chinese, english, $"≥ {Show(required)} {unit}", $"{Show(actual)} {unit}", passed, shortfall, seed);
    }

    static FilingItem Flag(string key, string chinese, string english, bool present, string requirement, string seed) =>
        new(key, chinese, english, requirement, present ? "yes" : "no", present, present ? null : $"{english}: missing — needs {requirement}", seed);

    static string Show(decimal value) => decimal.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
