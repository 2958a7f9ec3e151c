using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Reference;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// The indicator targets, as data: one row per jurisdiction (a GB/T 2260 region), its level, a year, an indicator, the
/// target and its direction, and the seed's words. A target applies to its own region only — a city is not held to its
/// province's count — so a city or county is given its own rows. The seeds' targets (Guangxi 000, 001, 003; 聊城 002)
/// ship in <c>targets.csv</c>; a deployment may load its own file of the same columns.
/// </summary>
public sealed class IndicatorTargets
{
    /// <summary>The columns of a targets file, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["region", "level", "year", "indicator", "target", "direction", "seed", "source"];

    readonly IReadOnlyList<IndicatorTarget> _targets;

    IndicatorTargets(IReadOnlyList<IndicatorTarget> targets) => _targets = targets;

    /// <summary>The targets the seeds set, shipped with the service.</summary>
    public static IndicatorTargets Shipped { get; } = Parse(Embedded(), "targets.csv");

    /// <summary>Every target, in file order.</summary>
    public IReadOnlyList<IndicatorTarget> All => _targets;

    /// <summary>
    /// The target of an indicator for a region that applies to a year: the earliest target year not before it, else the
    /// latest (a target already due still measures the year after); null when the region has none.
    /// </summary>
    public IndicatorTarget? For(Indicator indicator, string regionCode, int year)
    {
        var candidates = _targets.Where(t => t.Indicator == indicator && t.Region == regionCode).OrderBy(t => t.Year).ToList();
        return candidates.Find(t => t.Year >= year) ?? candidates.LastOrDefault();
    }

    /// <summary>Reads a targets file; INVALID_INPUT naming the line and column of the first thing wrong.</summary>
    public static IndicatorTargets Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new InvalidInputException($"the targets file '{path}' does not exist");
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Parses the CSV text of a targets file.</summary>
    public static IndicatorTargets Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = ReferenceCsv.Parse(text);
        var header = text.Split('\n', 2)[0].Trim().TrimStart('\uFEFF').Split(',');
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0) throw new InvalidInputException($"{fileName}: the column(s) {string.Join(", ", missing)} are missing; a targets file has {string.Join(",", Columns)}");
        var targets = new List<IndicatorTarget>();
        var seen = new HashSet<(Indicator, string, int)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var line = i + 2;
            void Fail(string column, string why) => throw new InvalidInputException($"{fileName} line {line}, {column}: {why}");
            var region = Regions.Find(row["region"]) ?? throw new InvalidInputException($"{fileName} line {line}, region: '{row["region"]}' is not a known GB/T 2260 division code");
            if (!Enum.TryParse<RegionLevel>(row["level"], out var level) || !Enum.IsDefined(level)) Fail("level", $"'{row["level"]}' is not one of {string.Join(", ", Enum.GetNames<RegionLevel>())}");
            if (level != region.Level) Fail("level", $"{region.Code} {region.Name} is a {region.Level}, not a {level}");
            if (!int.TryParse(row["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1949 or > 2100) Fail("year", $"'{row["year"]}' is not a year");
            if (!Enum.TryParse<Indicator>(row["indicator"], out var indicator) || !Enum.IsDefined(indicator) || int.TryParse(row["indicator"], out _))
                Fail("indicator", $"'{row["indicator"]}' is not one of {string.Join(", ", Enum.GetNames<Indicator>())}");
            if (!decimal.TryParse(row["target"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) Fail("target", $"'{row["target"]}' is not a non-negative number");
            if (!Enum.TryParse<TargetDirection>(row["direction"], out var direction) || !Enum.IsDefined(direction) || int.TryParse(row["direction"], out _))
                Fail("direction", $"'{row["direction"]}' is not AtLeast or AtMost");
            if (!seen.Add((indicator, region.Code, year))) Fail("year", $"{indicator} already has a target for {region.Code} in {year}");
            targets.Add(new IndicatorTarget(indicator, region.Code, region.Name, level, value, direction, year, row["seed"], row["source"]));
        }
        return new IndicatorTargets(targets);
    }

    static string Embedded()
    {
        using var stream = typeof(IndicatorTargets).Assembly.GetManifestResourceStream("KnowledgeGraph.Domain.Policy.targets.csv")
            ?? throw new InvalidOperationException("embedded resource 'targets.csv' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
