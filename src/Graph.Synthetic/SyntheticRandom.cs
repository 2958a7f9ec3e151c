namespace KnowledgeGraph.Synthetic;

/// <summary>
/// The generator's pseudo-random numbers: xoshiro256** seeded through SplitMix64 (Blackman and Vigna). Written out
/// here rather than taken from <see cref="Random"/>, whose algorithm may change between .NET releases: the same seed
/// must give the same graph on every machine and runtime. Only integer arithmetic and correctly rounded IEEE
/// operations are used (see <see cref="ExactMath"/>), so results do not depend on the platform's math library.
/// </summary>
public struct SyntheticRandom
{
    ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator for a seed and a stream: streams of one seed are independent (one per purpose or node).</summary>
    public SyntheticRandom(ulong seed, ulong stream = 0)
    {
        var x = seed ^ (stream * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A stream id for a purpose and an index, e.g. the enterprise number 17.</summary>
    public static ulong Stream(string purpose, long index = 0)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        // FNV-1a over the purpose's characters, then the index mixed in: stable across runtimes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in purpose)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        var x = hash ^ (ulong)index;
        return SplitMix(ref x);
    }

    static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform number in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, n).</summary>
    public int Next(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        return (int)((NextULong() >> 32) * (ulong)n >> 32);
    }

    /// <summary>A uniform integer in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>True with probability p.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>One element of a list, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(items.Count)];
    }

    /// <summary>A Pareto number (≥ 1) with tail index alpha: few large values, many near 1.</summary>
    public double Pareto(double alpha) => ExactMath.Exp(-ExactMath.Log(1.0 - NextDouble()) / alpha);

    /// <summary>A standard Gumbel number: the argmax of (score + Gumbel) draws an option with probability ∝ exp(score).</summary>
    public double Gumbel() => -ExactMath.Log(-ExactMath.Log(NextDouble() + 1e-300));

    /// <summary>A geometric count ≥ 0 with mean m (the number of failures before a success of probability 1/(1+m)).</summary>
    public int Geometric(double mean)
    {
        var p = 1.0 / (1.0 + mean);
        var count = 0;
        while (NextDouble() >= p && count < 10_000) count++;
        return count;
    }

    /// <summary>A uniform number in [min, max).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>A log-uniform number in [min, max): as many values in each decade.</summary>
    public double LogUniform(double min, double max) => min * ExactMath.Exp(ExactMath.Log(max / min) * NextDouble());

    /// <summary>A uniform day of a year.</summary>
    public DateOnly DayOf(int year) => new DateOnly(year, 1, 1).AddDays(Next(DateTime.IsLeapYear(year) ? 366 : 365));

    /// <summary>A name from a table, drawn with probability proportional to its weight.</summary>
    internal string Draw((string Name, double Weight)[] table)
    {
        var target = NextDouble() * table.Sum(t => t.Weight);
        foreach (var (name, weight) in table)
        {
            target -= weight;
            if (target < 0) return name;
        }
        return table[^1].Name;
    }
}

/// <summary>
/// Natural logarithm and exponential from additions, multiplications and divisions only, which IEEE 754 rounds
/// correctly everywhere; <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> come from the platform's library and
/// may differ in the last bit between machines, which could flip a choice and change a generated graph.
/// </summary>
public static class ExactMath
{
    // ln 2 split in two (as fdlibm does): the high part times an exponent below 2048 is exact.
    const double Ln2Hi = 6.93147180369123816490e-01;
    const double Ln2Lo = 1.90821492927058770002e-10;

    // 1/1, 1/3, 1/5, …: the coefficients of atanh's series, rounded once by the compiler.
    static readonly double[] InverseOdd = [.. Enumerable.Range(0, 12).Select(k => 1.0 / (2 * k + 1))];

    // 1/0!, 1/1!, …, 1/17!: the coefficients of e^r's series; every factorial up to 17! is exact in a double, and
    // |r|^18/18! is far below the last bit for |r| ≤ ln2/2.
    static readonly double[] InverseFactorial = [.. Enumerable.Range(0, 18).Select(n => 1.0 / Enumerable.Range(1, n).Aggregate(1.0, (f, i) => f * i))];

    /// <summary>ln x for x &gt; 0 (about 15 significant digits).</summary>
    public static double Log(double x)
    {
        if (x <= 0 || double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "must be positive");
        // x = m · 2^e with m in [1, 2), read exactly from the bits; for subnormals scale first.
        var adjust = 0;
        if (x < 2.2250738585072014E-308) { x *= 4503599627370496.0; adjust = -52; }
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023 + adjust;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951) { m /= 2; exponent++; }
        // ln m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172: s² < 0.03, so 12 terms reach the last bit.
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var sum = 0.0;
        for (var k = InverseOdd.Length - 1; k >= 0; k--) sum = sum * s2 + InverseOdd[k];
        sum *= s;
        return exponent * Ln2Hi + (exponent * Ln2Lo + 2 * sum);
    }

    /// <summary>e^x (about 15 significant digits; 0 below -700, infinity above 700).</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "must be a number");
        if (x < -700) return 0;
        if (x > 700) return double.PositiveInfinity;
        // x = k ln2 + r, |r| ≤ ln2/2; e^r by its Taylor series (Horner's rule), then scaled by 2^k exactly.
        var k = (int)Math.Round(x / (Ln2Hi + Ln2Lo));
        var r = x - k * Ln2Hi - k * Ln2Lo;
        var sum = InverseFactorial[^1];
        for (var n = InverseFactorial.Length - 2; n >= 0; n--) sum = sum * r + InverseFactorial[n];
        return Math.ScaleB(sum, k);
    }
}
