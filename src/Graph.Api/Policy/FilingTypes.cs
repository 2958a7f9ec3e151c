using GraphQL.Types;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Api.Policy;

/// <summary>The facts of a proposed R&amp;D institution, as the filing check and the filing take them.</summary>
public sealed class FilingFactsInputType : InputObjectGraphType
{
    public FilingFactsInputType()
    {
        Name = "FilingFactsInput";
        Description = "The facts of a proposed enterprise R&D institution: who builds it, how, and its \"六有\". Money in 万元, area in m². 研发机构备案材料。";
        Field("enterpriseIds", new NonNullGraphType(new ListGraphType(new NonNullGraphType(new IdGraphType()))))
            .Description("The participating enterprises: one for 单建 and 产业共建, two or more for 多企联建. Their size classes come from their employees and revenue. 参建企业。");
        Field("mode", PolicySchema.Enum(NodeKind.Platform, "constructionMode")).Description("How it is built. 建设模式：单建、多企联建、产业共建。");
        Field<NonNullGraphType<IntGraphType>>("staff").Description("R&D staff (persons). 有人员。");
        Field<NonNullGraphType<DecimalGraphType>>("siteArea").Description("R&D site area (m²). 有场地。");
        Field<NonNullGraphType<DecimalGraphType>>("equipmentValue").Description("Value of the R&D equipment (万元). 有设备。");
        Field<NonNullGraphType<DecimalGraphType>>("annualRdFunding").Description("Annual R&D funding (万元). 有投入。");
        Field<NonNullGraphType<IntGraphType>>("projects").Description("R&D projects under way. 有项目。");
        Field<NonNullGraphType<BooleanGraphType>>("hasRules").Description("Complete rules and procedures. 有制度。");
        Field("standard", PolicySchema.Enum(NodeKind.Platform, "filingStandard", nonNull: false)).Description("六有 (the default) or 000's seven items. 备案标准。");
        Field<BooleanGraphType>("hasAchievements").Description("Seven items only: R&D achievements. 有成果。");
        Field<BooleanGraphType>("hasTransfer").Description("Seven items only: achievements put into use. 有转化。");
        Field<ExpertTeamInputType>("expertTeam").Description("产业共建 only: the certified expert service team. 专家服务团。");
    }

    /// <summary>The facts as the domain takes them.</summary>
    internal static FilingFacts Read(InputFields input)
    {
        var team = input.Child("expertTeam");
        return new FilingFacts(
            input.Texts("enterpriseIds") ?? [],
            input.Enum<FilingMode>("mode") ?? FilingMode.Single,
            input.Int("staff") ?? 0,
            input.Decimal("siteArea") ?? 0m,
            input.Decimal("equipmentValue") ?? 0m,
            input.Decimal("annualRdFunding") ?? 0m,
            input.Int("projects") ?? 0,
            input.Flag("hasRules") ?? false,
            input.Enum<FilingVariant>("standard") ?? FilingVariant.SixHave,
            input.Flag("hasAchievements") ?? false,
            input.Flag("hasTransfer") ?? false,
            team is null ? null : new ExpertServiceTeam(
                team.Enum<ExpertTeamProvider>("provider") ?? ExpertTeamProvider.IndustrialTechnologyInstitute,
                team.Enum<CertificationLevel>("certification") ?? CertificationLevel.None,
                team.Flag("serviceAgreement") ?? false));
    }
}

/// <summary>The expert service team of an 产业共建 institution.</summary>
public sealed class ExpertTeamInputType : InputObjectGraphType
{
    public ExpertTeamInputType()
    {
        Name = "ExpertTeamInput";
        Description = "The expert service team of an 产业共建 institution (002 四(三)). 专家服务团。";
        Field("provider", PolicySchema.Enum(NodeKind.Platform, "expertTeamProvider")).Description("Who provides it. 来源。");
        Field("certification", PolicySchema.Enum(NodeKind.Platform, "expertTeamCertification")).Description("The level its provider is certified at; communities and alliances need city level or above. 认证级别。");
        Field<NonNullGraphType<BooleanGraphType>>("serviceAgreement").Description("Whether it signed a service agreement with the enterprise. 服务协议。");
    }
}

/// <summary>A filing: the institution's key and name, its facts, the level and the date.</summary>
public sealed class FileRdInstitutionInputType : InputObjectGraphType
{
    public FileRdInstitutionInputType()
    {
        Name = "FileRdInstitutionInput";
        Description = "An R&D institution to file: it becomes a Platform of the enterprises with status 备案. 研发机构备案。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The institution's key, as a Platform. 平台主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The institution's name. 研发机构名称。");
        Field<NonNullGraphType<FilingFactsInputType>>("facts").Description("Its facts. 备案材料。");
        Field("level", PolicySchema.Enum(NodeKind.Platform, "level")).Description("CITY (市级) or PROVINCIAL (自治区级). 备案级别。");
        Field("filedOn", PolicySchema.NonNull("Date")).Description("The filing date. 备案日期。");
        Field("platformType", PolicySchema.Enum(NodeKind.Platform, "platformType", nonNull: false)).Description("The kind of institution; RD_INSTITUTION by default. 平台类型。");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("fields").Description("Field codes; the first enterprise's by default. 技术领域。");
        Field<StringGraphType>("source").Description("Where the filing comes from. 来源。");
    }

    internal static FilingApplication Read(InputFields input) => new(
        input.RequiredText("key"),
        input.RequiredText("name"),
        FilingFactsInputType.Read(input.Child("facts") ?? throw new Domain.Errors.InvalidInputException("input.facts is required")),
        input.RequiredText("level"),
        input.Date("filedOn") ?? throw new Domain.Errors.InvalidInputException("input.filedOn is required"),
        input.Text("platformType") ?? "RdInstitution",
        input.Texts("fields"),
        input.Text("source"));
}

/// <summary>The outcome of a filing check, item by item.</summary>
public sealed class FilingCheckType : ObjectGraphType<FilingAssessment>
{
    public FilingCheckType()
    {
        Name = "FilingCheck";
        Description = "A proposed R&D institution checked against the filing standard, item by item: what passes, what is missing and by how much. 研发机构备案核查。";
        Field<NonNullGraphType<BooleanGraphType>>("passed").Description("Whether every item passes. 是否符合备案条件。").Resolve(c => c.Source.Check.Passed);
        Field("standardSize", PolicySchema.Enum(NodeKind.Enterprise, EnterpriseFigures.SizeClassProperty))
            .Description("The size class whose standard applies: the largest participant's. 适用标准的企业规模。").Resolve(c => c.Source.Check.StandardSize.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FilingItemType>>>>("items").Description("Each item. 逐项核查。").Resolve(c => c.Source.Check.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FilingItemType>>>>("failures").Description("The items that fail. 未达标项。").Resolve(c => c.Source.Check.Failures.ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notes").Description("How the check was made where the seeds leave room. 说明。").Resolve(c => c.Source.Check.Notes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FilingParticipantType>>>>("participants")
            .Description("The participating enterprises and their size classes. 参建企业及规模。").Resolve(c => c.Source.Sizes.ToList());
        Field<NonNullGraphType<IntGraphType>>("agreements").Description("Cooperation agreements with universities or institutes in force. 与高校院所的科技合作协议数。").Resolve(c => c.Source.Agreements);
    }
}

/// <summary>One item of a filing check.</summary>
public sealed class FilingItemType : ObjectGraphType<FilingItem>
{
    public FilingItemType()
    {
        Name = "FilingItem";
        Description = "One item of the filing standard. 备案核查项。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("A stable key: site, staff, equipment, spend, projects, rules, agreement, …. 项目代码。").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The item as the seeds name it, e.g. 有人员. 名称。").Resolve(c => c.Source.ChineseName);
        Field<NonNullGraphType<StringGraphType>>("nameEn").Description("The item in English. 英文名称。").Resolve(c => c.Source.EnglishName);
        Field<NonNullGraphType<StringGraphType>>("required").Description("What the standard asks. 要求。").Resolve(c => c.Source.Required);
        Field<NonNullGraphType<StringGraphType>>("actual").Description("What the institution has. 实际。").Resolve(c => c.Source.Actual);
        Field<NonNullGraphType<BooleanGraphType>>("passed").Description("Whether it meets the standard. 是否达标。").Resolve(c => c.Source.Passed);
        Field<StringGraphType>("shortfall").Description("What is missing and by how much; null when it passes. 差距。").Resolve(c => c.Source.Shortfall);
        Field<NonNullGraphType<StringGraphType>>("seed").Description("The seed the item comes from. 政策依据。").Resolve(c => c.Source.Seed);
    }
}

/// <summary>A participating enterprise and its size class.</summary>
public sealed class FilingParticipantType : ObjectGraphType<KeyValuePair<string, EnterpriseSizeClass>>
{
    public FilingParticipantType()
    {
        Name = "FilingParticipant";
        Description = "A participating enterprise and its size class (国统字〔2017〕213号). 参建企业。";
        Field<NonNullGraphType<IdGraphType>>("enterpriseId").Description("The enterprise's id. 企业标识。").Resolve(c => c.Source.Key);
        Field("sizeClass", PolicySchema.Enum(NodeKind.Enterprise, EnterpriseFigures.SizeClassProperty)).Description("Its size class. 企业规模。").Resolve(c => c.Source.Value.ToString());
    }
}

/// <summary>What a filing recorded.</summary>
public sealed class FileRdInstitutionPayloadType : ObjectGraphType<FilingResult>
{
    public FileRdInstitutionPayloadType()
    {
        Name = "FileRdInstitutionPayload";
        Description = "The filed institution and the check it passed. 备案结果。";
        Field("institution", PolicySchema.NonNull("Platform")).Description("The institution, a Platform with status 备案. 研发机构。").Resolve(c => c.Source.Institution);
        Field<NonNullGraphType<FilingCheckType>>("check").Description("The check, item by item. 核查结果。").Resolve(c => c.Source.Assessment);
    }
}
