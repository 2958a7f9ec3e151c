namespace KnowledgeGraph.Domain.Model;

/// <summary>
/// The kinds of stored link (DOMAIN.md, "Links"). LOCATED_IN and WORKS_IN are not stored links:
/// they are the <c>region</c> and <c>fields</c> reference properties of a node.
/// </summary>
public enum LinkType
{
    /// <summary>An enterprise is a subsidiary of another (集团结构).</summary>
    SubsidiaryOf,
    /// <summary>An organisation hosts a platform (its own R&amp;D institution, 依托单位).</summary>
    Hosts,
    /// <summary>An organisation leads a platform or consortium (牵头单位).</summary>
    Leads,
    /// <summary>An organisation co-builds a platform (共建单位).</summary>
    CoBuilds,
    /// <summary>An organisation is a member of a consortium.</summary>
    MemberOf,
    /// <summary>An enterprise posts a challenge (发榜).</summary>
    Posts,
    /// <summary>An organisation or consortium applies to a challenge (揭榜申报).</summary>
    AppliesTo,
    /// <summary>An organisation or consortium is awarded a challenge (立项).</summary>
    Awarded,
    /// <summary>An enterprise is paired with a university or institute (结对子).</summary>
    PairedWith,
    /// <summary>An organisation participates in a project (role, funding share).</summary>
    ParticipatesIn,
    /// <summary>Two organisations signed a cooperation agreement (科技合作协议).</summary>
    CooperationAgreement,
    /// <summary>An organisation transfers an achievement to another by a technology contract (技术合同).</summary>
    Transfers,
    /// <summary>An organisation holds an achievement.</summary>
    Holds,
    /// <summary>An achievement-transformation challenge is about an achievement.</summary>
    About,
    /// <summary>A person is employed by an organisation.</summary>
    EmployedBy,
    /// <summary>A person serves an enterprise as tech commissioner (科技特派员).</summary>
    CommissionedTo,
    /// <summary>A person serves on a 一业一团 diagnosis team (for an organisation, as leader or member).</summary>
    ServesOn,
    /// <summary>A diagnosis team wrote a diagnosis report.</summary>
    Diagnosed,
    /// <summary>A diagnosis report names a technology problem.</summary>
    Identifies,
    /// <summary>A technology problem was posted as a 揭榜挂帅 challenge.</summary>
    PostedAs,
}
