using System.Collections.Frozen;
using static KnowledgeGraph.Domain.Model.CatalogProperties;
using static KnowledgeGraph.Domain.Model.GraphCatalog;

namespace KnowledgeGraph.Domain.Model;

/// <summary>The node kinds of <see cref="GraphCatalog"/> and their properties (DOMAIN.md), in declaration order.</summary>
internal static class NodeKindCatalog
{
    static readonly EnumValue[] Localities =
    [
        new("InRegion", "区内"), new("OutOfRegion", "区外"), new("Abroad", "国外"),
    ];

    static readonly PropertyDefinition RegionRef =
        new("region", PropertyType.Reference, "所在地区", "GB/T 2260 code of the region it is located in (LOCATED_IN)", References: NodeKind.Region);
    static readonly PropertyDefinition FieldsRef =
        new("fields", PropertyType.ReferenceList, "技术领域/产业", "codes of the fields or industries it works in (WORKS_IN); the first is the main one", References: NodeKind.Field);
    static readonly PropertyDefinition Example =
        Flag("example", "示例", "true for fictional illustrative data (示例)");
    static readonly PropertyDefinition Website = Text("website", "网址", "web site");
    static readonly PropertyDefinition MoeCode =
        Text("moeCode", "学校标识码", "the 10-digit institution code of the Ministry of Education's list, e.g. 4145010593");
    static readonly PropertyDefinition RorId =
        Text("rorId", "ROR 标识", "the Research Organization Registry id, 9 characters, e.g. 03cve4549 (without https://ror.org/)");
    static readonly PropertyDefinition Description = Text("description", "简介", "a short description");

    /// <summary>Every node kind, in declaration order.</summary>
    public static readonly NodeKindInfo[] All =
    [
        new(NodeKind.Enterprise, "企业", "An enterprise, keyed by its unified social credit code 统一社会信用代码.", "creditCode",
        [
            RegionRef, FieldsRef,
            Int("employees", "从业人员", "employees (persons)", confidential: true),
            Money("revenue", "营业收入", "annual revenue (万元)", confidential: true),
            Money("rdExpenditure", "研发投入", "annual R&D expenditure (万元)", confidential: true),
            Int("dataYear", "数据年度", "the year the figures in these columns are for: the latest year of yearlyFigures"),
            // One entry a year (Rules.EnterpriseFigures); confidential because the entries hold revenue and employees.
            new("yearlyFigures", PropertyType.TextList, "年度数据",
                "the figures and statuses per year, one entry a year: '2024 employees=320 revenue=2500 rdExpenditure=80 hasRdActivity=true highTech=true'",
                Confidential: true),
            Flag("hasRdActivity", "有研发活动", "had R&D activity in the data year"),
            // Confidential like revenue, which it reveals (规上 industrial: ≥ 2,000 万元); with it public, the 规上 policy
            // lists were a public filter away.
            Flag("aboveDesignatedSize", "规模以上", "above designated size (规上) in the data year: derived from the figures (industrial and revenue ≥ 2,000 万元); typed only where revenue is unknown", confidential: true),
            // Derived from employees and revenue like 规上, and as revealing of them.
            new("sizeClass", PropertyType.Enum, "企业规模", "size class in the data year (国统字〔2017〕213号, industrial): derived from employees and revenue",
                [new("Large", "大型"), new("Medium", "中型"), new("Small", "小型"), new("Micro", "微型")], Confidential: true),
            Flag("industrial", "工业企业", "an industrial enterprise"),
            Flag("stateOwned", "国有企业", "state-owned"),
            Flag("highTech", "高新技术企业", "a certified high-tech enterprise (高企)"),
            Flag("techSme", "科技型中小企业", "a registered technology-based SME"),
            Flag("gazelle", "瞪羚企业", "a gazelle enterprise"),
            Flag("unicorn", "独角兽企业", "a unicorn enterprise"),
            Int("inventionPatents", "有效发明专利", "valid invention patents held"),
            Day("foundedOn", "成立日期", "date of establishment"),
            Website, Description, Example,
            // 一企一员一案 (001): the enterprise's case, written only by the case workflow (Policy.Cases); confidential,
            // as being on a list reveals the figures.
            // Text rather than an enum: only the workflow writes it, and the catalog's enums are what data of every kind takes.
            new("caseStage", PropertyType.Text, "帮扶阶段", "the case's stage (Policy.CaseStage): Monitoring 监测, Warning 预警, Coaching 辅导, Improving 提升, Closed 销号", Confidential: true),
            new("caseStageOn", PropertyType.Date, "阶段日期", "the day the case reached its stage", Confidential: true),
            new("caseOpenedOn", PropertyType.Date, "建案日期", "the day the case was opened", Confidential: true),
            new("caseClosedOn", PropertyType.Date, "销号日期", "the day the case was closed (销号)", Confidential: true),
            // The officer's Person key, not a checked reference: openCase writes the Person in the same batch, and a checked
            // reference would be looked up again on every later patch of the enterprise.
            new("caseOfficer", PropertyType.Text, "联络专员", "the key of the Person who is the case's liaison officer", Confidential: true),
            new("caseLists", PropertyType.TextList, "所在清单", "the policy lists the case was opened for (PolicyList names)", Confidential: true),
            new("caseTargets", PropertyType.TextList, "帮扶目标", "what the case must reach: RdActivity, RdInstitution, HighTech, AboveScale", Confidential: true),
            new("caseVisits", PropertyType.TextList, "走访记录", "the officer's dated visits, one JSON object each: on, notes, actions, nextVisitOn", Confidential: true),
            new("caseWarnings", PropertyType.TextList, "预警记录", "warnings raised by the figures, one JSON object each: raisedOn, year, target, reason, resolvedOn", Confidential: true),
        ]),
        new(NodeKind.University, "高校", "A university or college; those of the Ministry of Education's list ship with the product, keyed by their 学校标识码.", "key",
        [
            RegionRef, FieldsRef,
            Choice("locality", "区内/区外/国外", "in-region, out-of-region or abroad, seen from the home province", Localities),
            Text("country", "国家", "country, for universities abroad"),
            MoeCode, RorId,
            Text("city", "所在地", "the city as the ministry's list names it, e.g. 南宁市"),
            Text("schoolLevel", "办学层次", "本科 (undergraduate) or 专科 (vocational), as the ministry's list gives it"),
            Text("supervisor", "主管部门", "the supervising department, e.g. 教育部, 广西壮族自治区"),
            Texts("designations", "建设项目", "public designations: 985, 211, 双一流"),
            Text("remark", "备注", "the ministry's remark, e.g. 民办, 中外合作办学"),
            Website, Description, Example,
        ]),
        new(NodeKind.ResearchInstitute, "科研院所", "A research institute, e.g. 中国科学院, 中国农科院 and their institutes.", "key",
        [
            RegionRef, FieldsRef,
            Choice("locality", "区内/区外/国外", "in-region, out-of-region or abroad, seen from the home province", Localities),
            Text("country", "国家", "country, for institutes abroad"),
            RorId,
            Website, Description, Example,
        ]),
        new(NodeKind.GovernmentBody, "政府部门", "A government body: 自治区科技厅, 工业和信息化厅, 国资委, a 设区市人民政府, ….", "key",
        [
            RegionRef,
            Choice("level", "层级", "administrative level",
                [new("National", "国家"), new("Provincial", "省级"), new("City", "市级"), new("County", "县级")]),
            // 002 六(三): the R&D institution filing rounds (申报批次) the body holds, twice a year.
            Texts("filingRounds", "研发机构申报批次", "the R&D institution filing rounds it holds, one a line: 'key opensOn closesOn level name', e.g. '2026-H1 2026-03-01 2026-04-30 City 2026年上半年研发机构申报'"),
            Website, Description, Example,
        ]),
        new(NodeKind.Platform, "创新平台", "An innovation platform or R&D institution (研发机构).", "key",
        [
            RegionRef, FieldsRef,
            Choice("platformType", "平台类型", "type of platform", PlatformTypes),
            Choice("level", "级别", "level of accreditation", PlatformLevels),
            Choice("status", "状态", "status: filed, approved for construction, accredited or delisted", PlatformStatuses),
            Day("statusDate", "状态日期", "date the current status was reached"),
            Day("establishedOn", "成立日期", "date of establishment"),
            // The filing facts of an enterprise R&D institution (研发机构备案, 000, 001, 002): "六有" and how it is built.
            Quantity("siteArea", "研发场地面积", "R&D site area (m²)", "m²"),
            Int("rdStaff", "研发人员", "R&D staff (persons)"),
            Money("equipmentValue", "研发仪器设备原值", "value of the R&D equipment (万元)"),
            Money("annualRdFunding", "年度研发经费", "annual R&D funding (万元)"),
            Int("rdProjects", "研发项目", "R&D projects under way"),
            Flag("hasRules", "有制度", "has complete rules and procedures (规章制度)"),
            Flag("hasAchievements", "有成果", "has R&D achievements (000's seven items)"),
            Flag("hasTransfer", "有转化", "has put achievements into use (000's seven items)"),
            Choice("constructionMode", "建设模式", "how it is built: by one enterprise, by several, or with an industry expert team", ConstructionModes),
            Choice("filingStandard", "备案标准", "the standard it was filed under: 六有 (001, 002) or 000's seven items", FilingStandards),
            Choice("expertTeamProvider", "专家服务团来源", "产业共建: who provides the certified expert service team", ExpertTeamProviders),
            Choice("expertTeamCertification", "专家服务团认证级别", "产业共建: the level the team's provider is certified at", CertificationLevels),
            Flag("serviceAgreement", "服务协议", "产业共建: the expert team signed a service agreement with the enterprise"),
            Day("filedOn", "备案日期", "date the R&D institution was filed"),
            Flag("filingPassed", "备案核查通过", "whether the filing check passed"),
            Text("filingCheck", "备案核查结果", "the filing check as recorded on filing, item by item"),
            // A filing round's application (002 六(三)): submitted, reviewed with a site visit, decided (认定), rewarded.
            Text("filingRound", "申报批次", "the round it applied in: the holding body's id and the round's key, e.g. GovernmentBody:lz-kjj/2026-H1"),
            Choice("applicationStatus", "申报状态", "where its round application stands", RoundApplicationStatuses),
            Day("appliedOn", "申报日期", "date it applied in the round"),
            Day("siteVisitOn", "现场考察日期", "date of the review's site visit"),
            Day("reviewedOn", "评审日期", "date the review concluded"),
            Flag("reviewPassed", "评审通过", "whether the review (材料审查和现场考察) found it meets the standard"),
            Text("reviewOpinion", "评审意见", "the review's opinion"),
            Day("decidedOn", "认定决定日期", "date of the decision on the application (认定 or not)"),
            Money("reward", "一次性奖励", "the one-off reward decided on recognition (万元), 0 when the enterprise was rewarded before"),
            Text("rewardBasis", "奖励依据", "why the reward is what it is"),
            Day("rewardPaidOn", "奖励拨付日期", "date the reward was paid"),
            Day("reverifyBy", "复核日期", "date by which the institution is next re-verified (台账动态管理)"),
            // 002 五(四): an institution built in offshore mode (离岸模式) inside an incubating platform.
            new("offshoreHost", PropertyType.Text, "离岸依托平台", "offshore mode (离岸): the key of the incubating platform the institution sits in", References: NodeKind.Platform),
            // The governance and lifecycle of a technology innovation centre (技术创新中心, 004).
            Flag("independentLegalEntity", "独立法人", "the centre is an independent legal entity"),
            Flag("hasBoard", "理事会", "the centre has a board (理事会/董事会)"),
            Flag("hasCharter", "管理章程", "the centre has a charter"),
            Texts("expertCommittee", "专家委员会", "expert committee members as 姓名@organisation id (e.g. 王示例@University:gxu); a name alone for an expert from no organisation"),
            Text("committeeChair", "专家委员会主任", "the expert committee's chair, written as a member is"),
            Quantity("directorMonths", "主任在岗月数", "months a year the director works at the centre", "月"),
            // 004 四: a change of governance once approved for construction is filed (报备) and takes effect on approval (批复).
            Text("pendingGovernance", "待批复治理变更", "a governance change filed (报备) and awaiting approval (批复), as changeCentreGovernance recorded it"),
            Day("pendingGovernanceFiledOn", "报备日期", "the day the pending governance change was filed"),
            Texts("centreEvents", "建设运行记录", "the centre's dated lifecycle events, e.g. '2023-09-01 Approved', '2024-12-20 AnnualReportSubmitted 2024', '2024-11-30 BuildEvaluation Failed', '2026-03-01 LongTermEvaluation Good', '2027-05-01 Delisted AnnualReportNotSubmitted'"),
            Website, Description, Example,
        ]),
        new(NodeKind.Consortium, "创新联合体", "An innovation consortium 创新联合体 or industrial technology innovation alliance 产业技术创新联盟.", "key",
        [
            RegionRef, FieldsRef,
            Choice("consortiumType", "联合体类型", "consortium or alliance",
                [new("InnovationConsortium", "创新联合体"), new("IndustryAlliance", "产业技术创新联盟")]),
            Day("establishedOn", "成立日期", "date of establishment"),
            Description, Example,
        ]),
        new(NodeKind.Challenge, "揭榜挂帅项目", "A 揭榜挂帅 open challenge (揭榜制项目).", "key",
        [
            RegionRef, FieldsRef,
            Choice("challengeKind", "榜单类型", "technology breakthrough or achievement transformation",
                [new("TechnologyBreakthrough", "技术攻关类"), new("AchievementTransformation", "成果转化类")]),
            Choice("status", "状态", "lifecycle state", ChallengeStatuses),
            Money("budget", "榜单金额", "the amount offered (万元)"),
            Money("publicFunding", "财政资助", "public S&T funding for the challenge (万元)"),
            Day("postedOn", "发榜日期", "date published"),
            Day("deadline", "截止日期", "application deadline"),
            // The dated lifecycle (003): each state is entered at most once, so one date per state is the whole history.
            Day("collectingOn", "征集日期", "date the demand collection started"),
            Day("applyingOn", "揭榜申报日期", "date applications opened"),
            Day("reviewingOn", "评审日期", "date the review started"),
            Day("negotiatingOn", "对接洽谈日期", "date negotiation started"),
            Day("awardedOn", "立项日期", "date awarded"),
            Day("completedOn", "完成日期", "date completed"),
            Day("terminatedOn", "终止日期", "date terminated"),
            // 003 三: "赛马制" — several teams work on one challenge in parallel, and several may be awarded.
            Flag("racing", "赛马制", "run as 赛马制: several teams work in parallel and several may be awarded, each with its share"),
            // The call (榜单批次) it was published in: challenges published together, with the call's dates.
            Text("call", "榜单批次", "the key of the call (batch of challenges) it was published in"),
            Text("callName", "批次名称", "the call's name"),
            Day("callOpensOn", "批次开始日期", "the day the call opens for applications"),
            Day("callClosesOn", "批次截止日期", "the day the call closes for applications"),
            Description, Example,
        ]),
        new(NodeKind.Project, "科技项目", "A science and technology project.", "key",
        [
            RegionRef, FieldsRef,
            Text("programme", "项目类别", "programme, e.g. 科技重大专项, 重点研发计划"),
            Money("totalFunding", "总经费", "total funding (万元)"),
            Money("publicFunding", "财政科技经费", "public S&T funding (万元)"),
            Day("startOn", "开始日期", "start date"),
            Day("endOn", "结束日期", "end date"),
            Description, Example,
        ]),
        new(NodeKind.Achievement, "科技成果", "A scientific or technological achievement offered for transfer.", "key",
        [
            RegionRef, FieldsRef,
            Text("achievementType", "成果类型", "type, e.g. 专利, 技术, 新品种, 软件"),
            Day("publishedOn", "发布日期", "date offered"),
            Description, Example,
        ]),
        new(NodeKind.Region, "行政区划", "An administrative division, keyed by its GB/T 2260 code.", "code",
        [
            Choice("level", "层级", "province, city or county",
                [new("Province", "省级"), new("City", "地级"), new("County", "县级")]),
            new("parent", PropertyType.Reference, "上级区划", "code of the region it belongs to", References: NodeKind.Region),
        ]),
        new(NodeKind.Field, "技术领域/产业", "An industry or technology field, in a hierarchy.", "code",
        [
            new("parent", PropertyType.Reference, "上级领域", "code of the broader field", References: NodeKind.Field),
        ]),
        new(NodeKind.Person, "人员", "A person, e.g. a 科技特派员 tech commissioner.", "key",
        [
            RegionRef, FieldsRef,
            Text("title", "职称", "title, e.g. 教授"),
            Text("contact", "联系方式", "how to reach the person at work, e.g. an office telephone"),
            // 003 二: 科技特派员 are commissioned to enterprises; 技术经理人 are trained and counted (1,200 by 2023).
            Choice("serviceRole", "服务角色", "what the person serves as: tech commissioner (科技特派员) or technology manager (技术经理人)", ServiceRoles),
            Example,
        ]),
        // 001 三(二): "组建行业技术专家团队，按照“一业一团”方式开展创新诊断 … 形成诊断报告 … 形成技术攻关项目清单".
        new(NodeKind.DiagnosisTeam, "诊断团队", "A 一业一团 diagnosis team: technology experts of one industry (its first field) in one region.", "key",
        [
            RegionRef, FieldsRef,
            Day("formedOn", "组建日期", "date the team was formed"),
            Description, Example,
        ]),
        new(NodeKind.DiagnosisReport, "诊断报告", "A diagnosis report of a 一业一团 team: the industry's technology bottlenecks and the problems to tackle.", "key",
        [
            RegionRef, FieldsRef,
            Day("reportedOn", "报告日期", "date of the report"),
            Texts("bottlenecks", "技术瓶颈", "the technology bottlenecks the report finds (研判技术瓶颈)"),
            Description, Example,
        ]),
        new(NodeKind.TechnologyProblem, "技术难题", "A technology problem a diagnosis report names (凝练攻关需求); it may be posted as a 揭榜挂帅 challenge.", "key",
        [
            RegionRef, FieldsRef,
            Description, Example,
        ]),
        new(NodeKind.Instrument, "科研仪器", "A research instrument owned by a platform; one of 50 万元 or more shared on the sharing platform counts as capability (000: 大型科研仪器共享).", "key",
        [
            RegionRef, FieldsRef,
            new("platform", PropertyType.Text, "所属平台", "key of the platform that owns it", References: NodeKind.Platform),
            Money("value", "原值", "original value of the instrument (单台套原值, 万元)"),
            Choice("sharingStatus", "共享状态", "whether it is open to others through the instrument sharing platform", SharingStatuses),
            Text("model", "型号", "make and model"),
            Description, Example,
        ]),
    ];

    /// <summary>The node kinds by kind.</summary>
    public static readonly FrozenDictionary<NodeKind, NodeKindInfo> ByKind = All.ToFrozenDictionary(k => k.Kind);
}
