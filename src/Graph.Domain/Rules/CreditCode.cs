using System.Collections.Frozen;
using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Rules;

/// <summary>
/// The outcome of checking a unified social credit code: the normalized code when it is valid,
/// otherwise every problem found, each saying what is wrong and where.
/// </summary>
public sealed record CreditCodeCheck(string Code, IReadOnlyList<string> Problems)
{
    /// <summary>Whether the code satisfies GB 32100-2015.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>All problems in one sentence, or empty when valid.</summary>
    public string Message => string.Join("; ", Problems);

    /// <summary>The normalized code; throws <see cref="InvalidCreditCodeException"/> when invalid.</summary>
    public string ThrowIfInvalid() =>
        IsValid ? Code : throw new InvalidCreditCodeException($"credit code '{Code}': {Message}");
}

/// <summary>
/// The unified social credit code 统一社会信用代码 (GB 32100-2015; DOMAIN.md rule 1): 18 characters of
/// <c>0-9 A-H J-N P-R T U W-Y</c>: registration authority, organisation type, the 6-digit division
/// code of the registering region, the 9-character organisation code, and a check character.
/// Lower-case input is accepted and upper-cased: the standard's alphabet is upper case only, so no two
/// codes differ by case, and people often type codes in lower case.
/// </summary>
public static class CreditCode
{
    /// <summary>The 31 characters of the code, in the order of their values 0..30.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>The length of a code.</summary>
    public const int Length = 18;

    // Weights 3^(i-1) mod 31 for positions 1..17, as the standard's table lists them.
    static readonly int[] Weights = Enumerable.Range(0, 17).Select(i => (int)System.Numerics.BigInteger.ModPow(3, i, 31)).ToArray();

    // Character → value (0..30), -1 outside the alphabet; imports check hundreds of thousands of codes.
    static readonly sbyte[] Values = BuildValues();

    // Registration authority (position 1) → allowed organisation types (position 2): GB 32100-2015 table 1 with its amendments.
    static readonly FrozenDictionary<char, string> OrganisationTypes = new Dictionary<char, string>
    {
        ['1'] = "1239",    // 机构编制: 机关, 事业单位, 编办直管群众团体, 其他
        ['2'] = "19",      // 外交: 外国常驻新闻机构, 其他
        ['3'] = "1234569", // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 商事调解组织, 其他
        ['4'] = "19",      // 文化: 外国在华文化中心, 其他
        ['5'] = "123459",  // 民政: 社会团体, 民办非企业单位, 基金会, 村民委员会, 居民委员会, 其他
        ['6'] = "129",     // 旅游: 外国/港澳台旅游部门常驻代表机构, 其他
        ['7'] = "129",     // 宗教: 宗教活动场所, 宗教院校, 其他
        ['8'] = "129",     // 工会: 基层工会, 非法人工会组织, 其他
        ['9'] = "123",     // 工商 (市场监管): 企业, 个体工商户, 农民专业合作社
        ['A'] = "19",      // 中央军委改革和编制办公室: 军队单位, 其他
        ['G'] = "19",      // 公安: 境外非政府组织代表机构, 其他
        ['J'] = "19",      // 住房和城乡建设: 业主大会, 其他
        ['N'] = "1239",    // 农业农村: 组级, 村级, 乡镇级集体经济组织, 其他
        ['Q'] = "1239",    // 侨联: 区县级, 乡镇级, 村级侨联组织, 其他
        ['Y'] = "1",       // 其他
    }.ToFrozenDictionary();

    /// <summary>Checks a code and says exactly what is wrong with it.</summary>
    public static CreditCodeCheck Validate(string? text)
    {
        var code = (text ?? "").ToUpperInvariant();
        var problems = new List<string>();
        if (code.Length != Length)
        {
            problems.Add($"must be {Length} characters, not {code.Length}");
            return new CreditCodeCheck(code, problems);
        }

        for (var i = 0; i < Length; i++)
        {
            if (ValueOf(code[i]) < 0)
                problems.Add($"character {i + 1} '{code[i]}' is not allowed (only 0-9 and A-H J-N P-R T U W-Y; I, O, Z, S, V never occur)");
        }
        if (problems.Count > 0) return new CreditCodeCheck(code, problems);

        if (!OrganisationTypes.TryGetValue(code[0], out var types))
            problems.Add($"character 1 '{code[0]}' is not a registration authority code");
        else if (!types.Contains(code[1], StringComparison.Ordinal))
            problems.Add($"character 2 '{code[1]}' is not an organisation type of registration authority '{code[0]}' (allowed: {string.Join(", ", types.ToCharArray())})");

        var division = code.AsSpan(2, 6);
        if (division.ContainsAnyExceptInRange('0', '9'))
            problems.Add($"characters 3-8 '{division}' must be the 6-digit administrative division code");

        var expected = CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != expected)
            problems.Add($"check character is '{code[17]}', expected '{expected}'");

        return new CreditCodeCheck(code, problems);
    }

    /// <summary>Whether the code satisfies GB 32100-2015.</summary>
    public static bool IsValid(string? text) => Validate(text).IsValid;

    /// <summary>The normalized (upper-case) code; throws <see cref="InvalidCreditCodeException"/> when invalid.</summary>
    public static string Parse(string? text) => Validate(text).ThrowIfInvalid();

    /// <summary>The 6-digit division code of the registering region (characters 3–8); throws when the code is invalid.</summary>
    public static string RegionCode(string code) => Parse(code).Substring(2, 6);

    /// <summary>
    /// Completes the first 17 characters with their check character; throws <see cref="InvalidCreditCodeException"/>
    /// when they are not a valid start of a code.
    /// </summary>
    public static string Create(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var start = first17.ToUpperInvariant();
        if (start.Length != Length - 1)
            throw new InvalidCreditCodeException($"credit code start '{first17}': must be 17 characters, not {first17.Length}");
        var bad = start.Select((c, i) => (c, i)).FirstOrDefault(p => ValueOf(p.c) < 0);
        if (bad != default)
            throw new InvalidCreditCodeException($"credit code start '{first17}': character {bad.i + 1} '{bad.c}' is not allowed");
        return Validate(start + CheckCharacter(start)).ThrowIfInvalid();
    }

    /// <summary>The check character for the first 17 characters (which must be of the alphabet).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1) throw new ArgumentException("needs the first 17 characters", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = ValueOf(char.ToUpperInvariant(first17[i]));
            if (value < 0) throw new ArgumentException($"character {i + 1} '{first17[i]}' is not allowed", nameof(first17));
            sum += value * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    static int ValueOf(char c) => c < Values.Length ? Values[c] : -1;

    static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) values[Alphabet[i]] = (sbyte)i;
        return values;
    }
}
