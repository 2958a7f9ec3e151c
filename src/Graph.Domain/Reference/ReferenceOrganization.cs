using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Reference;

/// <summary>
/// A university or college on the Ministry of Education's list of institutions of higher education (教育部《全国高等学校名单》),
/// as shipped in <c>Reference/universities.csv</c>.
/// </summary>
/// <param name="MoeCode">The 10-digit institution code 学校标识码, e.g. 4145010593 (广西大学).</param>
/// <param name="Name">The name as the list gives it.</param>
/// <param name="Supervisor">The supervising department 主管部门.</param>
/// <param name="City">The place 所在地 as the list names it.</param>
/// <param name="DivisionCode">The GB/T 2260 code of that place: a municipality, a prefecture-level or a county-level city.</param>
/// <param name="Level">本科 or 专科 (办学层次).</param>
/// <param name="Designations">985, 211, 双一流 where the public lists give them.</param>
/// <param name="Remark">The list's remark: 民办, 中外合作办学, …; empty for most.</param>
/// <param name="Aliases">Short names in common use (西大, 桂电), from <c>Reference/organization-aliases.csv</c>.</param>
public sealed record ReferenceOrganization(
    string MoeCode,
    string Name,
    string Supervisor,
    string City,
    string DivisionCode,
    string Level,
    IReadOnlyList<string> Designations,
    string Remark,
    IReadOnlyList<string> Aliases)
{
    /// <summary>The node id every store gives it: <c>University:&lt;学校标识码&gt;</c>.</summary>
    public string Id => NodeId.Of(NodeKind.University, MoeCode);

    /// <summary>
    /// The region node it lies in: its own division where the store has one, else the nearest enclosing one (its
    /// province for most cities outside the home regions).
    /// </summary>
    public string? RegionCode => Regions.Resolve(DivisionCode)?.Code;
}
