using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>Whether an instrument is open to others through the sharing platform (000); names match the catalog's <c>sharingStatus</c>.</summary>
public enum SharingStatus
{
    /// <summary>已共享.</summary>
    Shared,
    /// <summary>未共享.</summary>
    NotShared,
    /// <summary>暂停共享.</summary>
    Suspended,
}

/// <summary>
/// Which instruments count as shared large instruments. 000: "鼓励企业将研发机构中单台套原值50万元及以上大型、精密、贵重的科研仪器
/// 纳入广西大型科研仪器共享网络管理及服务平台" — one of 50 万元 or more (及以上 includes 50), shared on the platform.
/// </summary>
public static class SharedInstruments
{
    /// <summary>The least original value of a large instrument (万元).</summary>
    public const decimal LargeValue = 50m;

    /// <summary>Whether an instrument of this value and sharing status is a shared large instrument.</summary>
    public static bool Counts(decimal? value, string? sharingStatus) =>
        value >= LargeValue && sharingStatus == nameof(SharingStatus.Shared);

    /// <summary>Whether an Instrument node is a shared large instrument.</summary>
    public static bool Counts(PropertyBag properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return Counts(properties.Decimal("value"), properties.Text("sharingStatus"));
    }
}
