namespace KnowledgeGraph.Domain.Model;

/// <summary>The kinds of node in the innovation knowledge graph (DOMAIN.md, "Things").</summary>
public enum NodeKind
{
    /// <summary>企业 — keyed by its unified social credit code.</summary>
    Enterprise,
    /// <summary>高校.</summary>
    University,
    /// <summary>科研院所.</summary>
    ResearchInstitute,
    /// <summary>政府部门.</summary>
    GovernmentBody,
    /// <summary>创新平台 / 研发机构.</summary>
    Platform,
    /// <summary>创新联合体 / 产业技术创新联盟.</summary>
    Consortium,
    /// <summary>揭榜挂帅 open challenge.</summary>
    Challenge,
    /// <summary>科技项目.</summary>
    Project,
    /// <summary>科技成果.</summary>
    Achievement,
    /// <summary>行政区划 — keyed by its GB/T 2260 division code.</summary>
    Region,
    /// <summary>技术领域 / 产业.</summary>
    Field,
    /// <summary>人员, e.g. a 科技特派员 tech commissioner.</summary>
    Person,
    /// <summary>一业一团 diagnosis team: experts of one industry in one region.</summary>
    DiagnosisTeam,
    /// <summary>诊断报告 of a diagnosis team.</summary>
    DiagnosisReport,
    /// <summary>技术难题 a diagnosis report names; it may be posted as a 揭榜挂帅 challenge.</summary>
    TechnologyProblem,
    /// <summary>科研仪器 — a research instrument owned by a platform, possibly shared (大型科研仪器共享, 000).</summary>
    Instrument,
}
