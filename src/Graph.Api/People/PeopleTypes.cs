using GraphQL.Types;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.People;

/// <summary>A commission 科技特派员选派: a person serving an enterprise, who sent them, for which period and region.</summary>
public sealed class CommissionType : ObjectGraphType<Link>
{
    public CommissionType()
    {
        Name = "Commission";
        Description = "A tech commissioner's commission to an enterprise (003: 科技特派员): who commissioned them, the period and the region served. 科技特派员选派。";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The COMMISSIONED_TO link's id. 关系标识。").Resolve(c => c.Source.Id);
        Field("person", PolicySchema.NonNull("Person")).Description("The commissioner. 科技特派员。")
            .ResolveAsync(async c => await c.Store().GetNodeAsync(c.Source.FromId, c.CancellationToken).ConfigureAwait(false));
        Field("enterprise", PolicySchema.NonNull("Enterprise")).Description("The enterprise served. 服务企业。")
            .ResolveAsync(async c => await c.Store().GetNodeAsync(c.Source.ToId, c.CancellationToken).ConfigureAwait(false));
        Field("commissionedBy", PolicySchema.Ref("Organization")).Description("The organisation that commissioned the person. 选派单位。")
            .ResolveAsync(async c => c.Source.Properties.Text("commissionedBy") is { } id ? await c.Store().GetNodeAsync(id, c.CancellationToken).ConfigureAwait(false) : null);
        Field<StringGraphType>("region").Description("GB/T 2260 code of the region served. 服务地区。").Resolve(c => c.Source.Properties.Text("region"));
        Field<StringGraphType>("duty").Description("What the commissioner does for the enterprise. 服务内容。").Resolve(c => c.Source.Properties.Text("duty"));
        Field("startDate", PolicySchema.Ref("Date")).Description("Serving from. 开始日期。").Resolve(c => c.Source.StartDate);
        Field("endDate", PolicySchema.Ref("Date")).Description("Serving until; null while open-ended. 结束日期。").Resolve(c => c.Source.EndDate);
    }
}

/// <summary>The input of a commission.</summary>
public sealed class CommissionInputType : InputObjectGraphType
{
    public CommissionInputType()
    {
        Name = "CommissionInput";
        Description = "A commission of a person to an enterprise. 科技特派员选派。";
        Field<NonNullGraphType<IdGraphType>>("personId").Description("The person (a Person node). 人员。");
        Field<NonNullGraphType<IdGraphType>>("enterpriseId").Description("The enterprise served. 服务企业。");
        Field<NonNullGraphType<IdGraphType>>("commissionedById").Description("The government body, university or institute that commissions the person. 选派单位。");
        Field("startOn", PolicySchema.NonNull("Date")).Description("The first day of service. 开始日期。");
        Field("endOn", PolicySchema.Ref("Date")).Description("The last day of service, when known. 结束日期。");
        Field<StringGraphType>("region").Description("The region served (GB/T 2260); the enterprise's when left out. 服务地区。");
        Field<StringGraphType>("duty").Description("What the commissioner will do. 服务内容。");
    }

    internal static CommissionInput Read(InputFields input) => new(
        input.RequiredText("personId"), input.RequiredText("enterpriseId"), input.RequiredText("commissionedById"),
        input.Date("startOn") ?? throw new KnowledgeGraph.Domain.Errors.InvalidInputException($"{input.Path}.startOn is required"),
        input.Date("endOn"), input.Text("region"), input.Text("duty"));
}

/// <summary>The people serving one region.</summary>
public sealed class RegionPeopleCountType : ObjectGraphType<RegionPeopleCount>
{
    public RegionPeopleCountType()
    {
        Name = "RegionPeopleCount";
        Description = "Tech commissioners and technology managers of one region, its sub-regions included. 地区科技特派员与技术经理人数。";
        Field<NonNullGraphType<StringGraphType>>("region").Description("GB/T 2260 code. 地区代码。").Resolve(c => c.Source.RegionCode);
        Field<NonNullGraphType<StringGraphType>>("regionName").Description("The region's name. 地区名称。")
            .Resolve(c => KnowledgeGraph.Domain.Reference.Regions.Find(c.Source.RegionCode)?.Name ?? c.Source.RegionCode);
        Field<NonNullGraphType<IntGraphType>>("commissioners").Description("People with a commission in force serving the region. 在岗科技特派员数。").Resolve(c => c.Source.Commissioners);
        Field<NonNullGraphType<IntGraphType>>("commissions").Description("Commissions in force serving the region. 在岗选派数。").Resolve(c => c.Source.Commissions);
        Field<NonNullGraphType<IntGraphType>>("enterprisesServed").Description("Enterprises they serve. 服务企业数。").Resolve(c => c.Source.EnterprisesServed);
        Field<NonNullGraphType<IntGraphType>>("technologyManagers").Description("Technology managers located in the region. 技术经理人数。").Resolve(c => c.Source.TechnologyManagers);
    }
}

/// <summary>The people counts of a region and its sub-regions.</summary>
public sealed class PeopleCountsType : ObjectGraphType<PeopleCounts>
{
    public PeopleCountsType()
    {
        Name = "PeopleCounts";
        Description = "Tech commissioners and technology managers on a date, in a region and in each of its sub-regions. 科技特派员与技术经理人统计。";
        Field("asOf", PolicySchema.NonNull("Date")).Description("The date counted on. 统计日期。").Resolve(c => c.Source.AsOf);
        Field<NonNullGraphType<RegionPeopleCountType>>("total").Description("The region as a whole. 合计。").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RegionPeopleCountType>>>>("byRegion")
            .Description("Each sub-region (the cities of a province, the counties of a city), by code. 分地区。").Resolve(c => c.Source.ByRegion);
    }
}
