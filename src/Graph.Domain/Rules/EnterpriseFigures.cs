using System.Collections.Immutable;
using System.Globalization;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Validation;

namespace KnowledgeGraph.Domain.Rules;

/// <summary>An enterprise's figures and yearly statuses for one year; null where the year's data does not say. Money in 万元.</summary>
public sealed record YearFigures(
    int Year,
    long? Employees = null,
    decimal? Revenue = null,
    decimal? RdExpenditure = null,
    bool? HasRdActivity = null,
    bool? AboveDesignatedSize = null,
    bool? HighTech = null,
    bool? TechSme = null,
    bool? Gazelle = null,
    bool? Unicorn = null,
    long? InventionPatents = null)
{
    /// <summary>The size class (国统字〔2017〕213号) when both employees and revenue are known.</summary>
    public EnterpriseSizeClass? SizeClass =>
        Employees is { } employees && Revenue is { } revenue && employees >= 0 && revenue >= 0 ? EnterpriseSize.Classify(employees, revenue) : null;

    /// <summary>规上 as the figures decide it (industrial and revenue ≥ 2,000 万元); else the flag as the statistics office lists it.</summary>
    public bool? AboveDesignatedSizeFor(bool? industrial) =>
        Revenue is { } revenue && industrial is { } isIndustrial ? EnterpriseSize.IsAboveDesignatedSize(isIndustrial, revenue) : AboveDesignatedSize;
}

/// <summary>
/// An enterprise's figures as a dated series. The property <c>yearlyFigures</c> holds one entry a year
/// (<c>2024 employees=320 revenue=2500 hasRdActivity=true</c>); the single-year columns (<c>employees</c>, <c>revenue</c>,
/// … with <c>dataYear</c>) are the figures of their data year, merged into the series on every write and then set to the
/// latest year's, so a reader of the columns sees the latest figures. 规上 (<c>aboveDesignatedSize</c>) and the size class
/// (<c>sizeClass</c>) are derived from the figures, never typed: a typed value that contradicts them is refused.
/// </summary>
public static class EnterpriseFigures
{
    /// <summary>The series property.</summary>
    public const string SeriesProperty = "yearlyFigures";
    /// <summary>The year of the single-year columns.</summary>
    public const string DataYear = "dataYear";
    /// <summary>The derived size class property.</summary>
    public const string SizeClassProperty = "sizeClass";
    /// <summary>The derived 规上 flag.</summary>
    public const string AboveDesignatedSizeProperty = "aboveDesignatedSize";

    /// <summary>The properties that hold a year's value, in entry order.</summary>
    public static readonly IReadOnlyList<string> YearlyProperties =
        ["employees", "revenue", "rdExpenditure", "hasRdActivity", "aboveDesignatedSize", "highTech", "techSme", "gazelle", "unicorn", "inventionPatents"];

    /// <summary>The earliest and latest year a series may hold.</summary>
    public const int MinYear = 1949, MaxYear = 2100;

    static readonly Dictionary<string, PropertyDefinition> Definitions =
        YearlyProperties.ToDictionary(n => n, n => GraphCatalog.Of(NodeKind.Enterprise).Property(n)!, StringComparer.Ordinal);

    /// <summary>The years an enterprise has figures for, each with its figures, oldest first.</summary>
    public static IReadOnlyList<YearFigures> Series(PropertyBag properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var years = new SortedDictionary<int, YearFigures>();
        foreach (var entry in properties.List(SeriesProperty))
        {
            if (TryParse(entry, out var figures, out _)) years[figures.Year] = years.TryGetValue(figures.Year, out var other) ? Merge(other, figures) : figures;
        }
        if (FromColumns(properties) is { } columns)
            years[columns.Year] = years.TryGetValue(columns.Year, out var entry) ? Merge(entry, columns) : columns;
        return [.. years.Values];
    }

    /// <summary>
    /// The properties whose value depends on the year asked: the yearly figures and statuses, the derived size class and the
    /// data year. A list, filter or sort with a year reads these from that year's entry of the series.
    /// </summary>
    public static readonly IReadOnlySet<string> YearDependentProperties =
        new HashSet<string>(YearlyProperties.Append(SizeClassProperty).Append(DataYear), StringComparer.Ordinal);

    /// <summary>Refuses (INVALID_INPUT, naming <paramref name="argument"/>) a year outside <see cref="MinYear"/>–<see cref="MaxYear"/>.</summary>
    public static void CheckYear(int year, string argument)
    {
        if (year is < MinYear or > MaxYear)
            throw new InvalidInputException($"{argument}: {year} is not a year between {MinYear} and {MaxYear}");
    }

    /// <summary>
    /// A year-dependent property (<see cref="YearDependentProperties"/>) as the year's figures give it: 规上 and the size
    /// class derived as on a write, the data year the figures' year; null when the year has no figures or not this one.
    /// </summary>
    public static object? ValueIn(YearFigures? figures, string name, bool? industrial) => figures is null ? null : name switch
    {
        AboveDesignatedSizeProperty => figures.AboveDesignatedSizeFor(industrial),
        SizeClassProperty => figures.SizeClass?.ToString(),
        DataYear => (long)figures.Year,
        _ => ValueOf(figures, name),
    };

    /// <summary>
    /// The enterprise's properties as of a year: the single-year columns, 规上 and the size class hold that year's figures
    /// (absent when it has none) and the data year is that year; the series stays whole.
    /// </summary>
    public static PropertyBag AsOf(PropertyBag properties, int year)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var figures = For(properties, year);
        var industrial = properties.Flag("industrial");
        var result = properties;
        foreach (var name in YearDependentProperties) result = result.With(name, ValueIn(figures, name, industrial));
        return result.With(DataYear, (long)year);
    }

    /// <summary>The figures of a year (the latest available when no year is named), or null when there are none.</summary>
    public static YearFigures? For(PropertyBag properties, int? year)
    {
        var series = Series(properties);
        return year is { } y ? series.FirstOrDefault(f => f.Year == y) : series.Count > 0 ? series[^1] : null;
    }

    /// <summary>
    /// The enterprise's properties with the single-year columns merged into the series, the columns set to the latest
    /// year's figures, and 规上 and the size class derived where not given (a given one is left for <see cref="Check"/>).
    /// </summary>
    public static PropertyBag Derive(PropertyBag properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        // Malformed entries or columns are left as given, for the validation to name.
        if (!IsWellFormed(properties)) return properties;
        var series = Series(properties);
        var industrial = properties.Flag("industrial");
        var result = properties;
        if (series.Count > 0)
        {
            var latest = series[^1];
            result = result.With(SeriesProperty, series.Select(f => Format(f, industrial)).ToImmutableArray()).With(DataYear, (long)latest.Year);
            foreach (var name in YearlyProperties.Where(n => n != AboveDesignatedSizeProperty))
                result = result.With(name, ValueOf(latest, name));
            // A typed flag that contradicts its year's figures stays in the series entry, where Check finds it.
            result = result.With(AboveDesignatedSizeProperty, latest.AboveDesignatedSizeFor(industrial));
        }
        else if (Undated(properties) is { } undated && properties.Flag(AboveDesignatedSizeProperty) is null && undated.AboveDesignatedSizeFor(industrial) is { } flag)
        {
            // Figures without a data year still decide 规上; a typed flag is left for Check.
            result = result.With(AboveDesignatedSizeProperty, flag);
        }
        if (!result.ContainsKey(SizeClassProperty) && Current(result)?.SizeClass is { } size)
            result = result.With(SizeClassProperty, size.ToString());
        return result;
    }

    /// <summary>Every problem of an enterprise's series and derived facts: malformed entries, and a 规上 flag or size class that contradicts the figures (RULE_VIOLATION).</summary>
    public static IReadOnlyList<ValidationProblem> Check(PropertyBag properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var problems = new List<ValidationProblem>();
        var industrial = properties.Flag("industrial");
        var seen = new HashSet<int>();
        foreach (var entry in properties.List(SeriesProperty))
        {
            if (!TryParse(entry, out var figures, out var error))
                problems.Add(new(SeriesProperty, error));
            else if (!seen.Add(figures.Year))
                problems.Add(new(SeriesProperty, $"{figures.Year} is given twice; give each year once"));
            else if (Contradiction(figures, industrial) is { } message)
                // The data year's entry is what the single-year columns gave: name the column typed.
                problems.Add(new(figures.Year == properties.Integer(DataYear) ? AboveDesignatedSizeProperty : SeriesProperty, message, ErrorCodes.RuleViolation));
        }
        var latest = Current(properties);
        if (latest is not null && properties.Flag(AboveDesignatedSizeProperty) is { } flag && latest.AboveDesignatedSizeFor(industrial) is { } derived && derived != flag)
            problems.Add(new(AboveDesignatedSizeProperty, AboveDesignatedSizeMessage(latest, flag, industrial), ErrorCodes.RuleViolation));
        if (properties.Text(SizeClassProperty) is { } typed && latest?.SizeClass is { } size && typed != size.ToString())
            problems.Add(new(SizeClassProperty,
                $"{typed} contradicts the figures{Of(latest)}: {latest.Employees} employees and {latest.Revenue} 万元 make it {size} (国统字〔2017〕213号); leave it out, it is derived",
                ErrorCodes.RuleViolation));
        return problems;
    }

    /// <summary>The series with one year's figures set (replacing what the year held), as the <c>yearlyFigures</c> entries.</summary>
    public static ImmutableArray<string> WithYear(PropertyBag properties, YearFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var industrial = properties.Flag("industrial");
        return [.. Series(properties).Where(f => f.Year != figures.Year).Append(figures).OrderBy(f => f.Year).Select(f => Format(f, industrial))];
    }

    /// <summary>
    /// The incoming properties with the stored series' other years kept: a year the incoming figures give replaces that
    /// year; the single-year columns are left to <see cref="Derive"/> to set to the latest year again.
    /// </summary>
    public static PropertyBag KeepYears(PropertyBag stored, PropertyBag incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        var given = Series(incoming);
        var kept = Series(stored).Where(f => given.All(g => g.Year != f.Year)).ToList();
        if (kept.Count == 0) return incoming;
        var industrial = incoming.Flag("industrial");
        var result = incoming.With(SeriesProperty, kept.Concat(given).OrderBy(f => f.Year).Select(f => Format(f, industrial)).ToImmutableArray());
        // The columns are the incoming latest year's; with an older year kept or a later one stored, the series decides them.
        foreach (var name in YearlyProperties.Append(DataYear).Append(SizeClassProperty)) result = result.With(name, null);
        return result;
    }

    /// <summary>One entry of the series: the year, then <c>name=value</c> for each figure it has.</summary>
    public static string Format(YearFigures figures, bool? industrial = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var parts = new List<string> { figures.Year.ToString(CultureInfo.InvariantCulture) };
        foreach (var name in YearlyProperties)
        {
            // A flag the figures decide is not stored unless it contradicts them (then the check refuses it): it is derived on every read.
            if (name == AboveDesignatedSizeProperty && figures.AboveDesignatedSizeFor(industrial) is { } derived
                && (figures.AboveDesignatedSize is null || (figures.AboveDesignatedSize == derived && figures.Revenue is not null && industrial is not null))) continue;
            if (ValueOf(figures, name) is { } value) parts.Add($"{name}={PropertyText.Format(value)}");
        }
        return string.Join(' ', parts);
    }

    /// <summary>Reads one entry; false with the reason when it is not one.</summary>
    public static bool TryParse(string entry, out YearFigures figures, out string error)
    {
        figures = new YearFigures(0);
        var parts = (entry ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < MinYear or > MaxYear)
        {
            error = $"'{entry}' must start with a year ({MinYear}–{MaxYear}), then name=value pairs, e.g. '2024 employees=320 revenue=2500'";
            return false;
        }
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            var name = at > 0 ? part[..at] : part;
            if (at <= 0 || !Definitions.TryGetValue(name, out var definition))
            {
                error = $"'{part}' in '{entry}' is not name=value with one of {string.Join(", ", YearlyProperties)}";
                return false;
            }
            var parsed = PropertyText.Parse(definition, part[(at + 1)..]);
            if (!parsed.IsValid || parsed.Value is null)
            {
                error = $"{year} {name}: {parsed.Error ?? "a value is required"}";
                return false;
            }
            if (parsed.Value is long l && l < 0 || parsed.Value is decimal d && d < 0)
            {
                error = $"{year} {name}: cannot be negative";
                return false;
            }
            values[name] = parsed.Value;
        }
        figures = new YearFigures(year,
            values.GetValueOrDefault("employees") as long?, values.GetValueOrDefault("revenue") as decimal?, values.GetValueOrDefault("rdExpenditure") as decimal?,
            values.GetValueOrDefault("hasRdActivity") as bool?, values.GetValueOrDefault("aboveDesignatedSize") as bool?, values.GetValueOrDefault("highTech") as bool?,
            values.GetValueOrDefault("techSme") as bool?, values.GetValueOrDefault("gazelle") as bool?, values.GetValueOrDefault("unicorn") as bool?,
            values.GetValueOrDefault("inventionPatents") as long?);
        error = "";
        return true;
    }

    /// <summary>Why a year's typed 规上 flag contradicts its figures, or null when it does not.</summary>
    public static string? Contradiction(YearFigures figures, bool? industrial)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.AboveDesignatedSize is { } flag && figures.AboveDesignatedSizeFor(industrial) is { } derived && derived != flag
            ? AboveDesignatedSizeMessage(figures, flag, industrial)
            : null;
    }

    static string AboveDesignatedSizeMessage(YearFigures figures, bool flag, bool? industrial) =>
        $"aboveDesignatedSize {(flag ? "true" : "false")} contradicts the figures{Of(figures)}: "
        + $"{(industrial == true ? "an industrial enterprise" : "not an industrial enterprise")} with revenue {figures.Revenue} 万元 is {(flag ? "not " : "")}规上 "
        + $"(industrial and revenue ≥ {EnterpriseSize.DesignatedSizeRevenue} 万元); leave the flag out, it is derived";

    static string Of(YearFigures figures) => figures.Year == 0 ? "" : $" of {figures.Year}";

    // The latest year's figures, else the columns' figures when they have no data year (year 0).
    static YearFigures? Current(PropertyBag p) => For(p, null) ?? Undated(p);

    static YearFigures? Undated(PropertyBag p) => p.ContainsKey(DataYear) ? null : Columns(p, 0);

    static bool IsWellFormed(PropertyBag p)
    {
        var years = new HashSet<int>();
        foreach (var entry in p.List(SeriesProperty))
        {
            if (!TryParse(entry, out var figures, out _) || !years.Add(figures.Year)) return false;
        }
        return YearlyProperties.Append(DataYear).All(name => !p.TryGetValue(name, out var value)
            || value is long or decimal or bool && (name is not ("employees" or "revenue" or "rdExpenditure" or "inventionPatents") || value is long and >= 0 || value is decimal and >= 0m));
    }

    static YearFigures? FromColumns(PropertyBag p)
    {
        return p.Integer(DataYear) is { } year && year is >= MinYear and <= MaxYear ? Columns(p, (int)year) : null;
    }

    // The single-year columns as one year's figures; null when they hold none.
    static YearFigures? Columns(PropertyBag p, int year)
    {
        var figures = new YearFigures(year, p.Integer("employees"), p.Decimal("revenue"), p.Decimal("rdExpenditure"), p.Flag("hasRdActivity"),
            p.Flag(AboveDesignatedSizeProperty), p.Flag("highTech"), p.Flag("techSme"), p.Flag("gazelle"), p.Flag("unicorn"), p.Integer("inventionPatents"));
        return figures == new YearFigures(year) ? null : figures;
    }

    // What the later source says wins, figure by figure.
    static YearFigures Merge(YearFigures earlier, YearFigures later) => new(later.Year,
        later.Employees ?? earlier.Employees, later.Revenue ?? earlier.Revenue, later.RdExpenditure ?? earlier.RdExpenditure,
        later.HasRdActivity ?? earlier.HasRdActivity, later.AboveDesignatedSize ?? earlier.AboveDesignatedSize, later.HighTech ?? earlier.HighTech,
        later.TechSme ?? earlier.TechSme, later.Gazelle ?? earlier.Gazelle, later.Unicorn ?? earlier.Unicorn, later.InventionPatents ?? earlier.InventionPatents);

    static object? ValueOf(YearFigures f, string name) => name switch
    {
        "employees" => f.Employees,
        "revenue" => f.Revenue,
        "rdExpenditure" => f.RdExpenditure,
        "hasRdActivity" => f.HasRdActivity,
        "aboveDesignatedSize" => f.AboveDesignatedSize,
        "highTech" => f.HighTech,
        "techSme" => f.TechSme,
        "gazelle" => f.Gazelle,
        "unicorn" => f.Unicorn,
        "inventionPatents" => f.InventionPatents,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a yearly figure"),
    };
}
