using KnowledgeGraph.Domain.Errors;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>
/// The province the deployment serves, from which 区内 / 区外 / 国外 are seen. Guangxi (450000) is the default because
/// it is the first user; any provincial-level division may be configured.
/// </summary>
public sealed record HomeProvince
{
    /// <summary>The home province of a deployment; throws <see cref="InvalidInputException"/> unless the code is a provincial-level division.</summary>
    public HomeProvince(string code)
    {
        if (Regions.Find(code) is not { Level: RegionLevel.Province })
            throw new InvalidInputException($"home province '{code}' is not a provincial-level division code (e.g. 450000, 370000)");
        Code = code;
    }

    /// <summary>广西壮族自治区, the default.</summary>
    public static HomeProvince Default { get; } = new(Locality.DefaultHomeProvince);

    /// <summary>The GB/T 2260 code of the province.</summary>
    public string Code { get; }

    /// <summary>The province itself.</summary>
    public Region Region => Regions.Find(Code)!;

    /// <summary>Whether a region lies in the home province.</summary>
    public bool Contains(string? regionCode) => Regions.IsWithin(regionCode, Code);

    /// <summary>The locality of an organisation in that region, seen from here.</summary>
    public RegionLocality? LocalityOf(string? regionCode, bool isAbroad = false) => Locality.Of(regionCode, Code, isAbroad);
}
