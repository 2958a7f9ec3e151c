namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// Small-cell suppression of the indicators computed from confidential figures (revenue, employees, size): a value
/// over one or two enterprises, or counting one or two, points at those enterprises — a 双清零 count of 1 in a
/// region × field with one industrial enterprise says that its revenue is ≥ 5 亿元. Such a value is shown only to
/// analysts, who may read the figures themselves. Counts of public facts (filings, pairings) are never suppressed.
/// </summary>
public static class SmallCells
{
    /// <summary>The fewest enterprises a published value may rest on.</summary>
    public const int MinimumCount = 3;

    /// <summary>Whether the value rests on, or counts, fewer than <see cref="MinimumCount"/> (but some) enterprises.</summary>
    public static bool IsDisclosive(IndicatorValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Indicator is Indicator.FiledInstitutions or Indicator.Pairings)
            return false;
        return IsDisclosive(value.Denominator) || IsDisclosive(value.Numerator);
    }

    /// <summary>Whether a value over, or counting, this many enterprises points at them: some, but fewer than <see cref="MinimumCount"/>.</summary>
    public static bool IsDisclosive(int enterprises) => enterprises is > 0 and < MinimumCount;
}
