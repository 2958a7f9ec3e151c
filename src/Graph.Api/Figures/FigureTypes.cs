using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Api.Figures;

/// <summary>One year of an enterprise's figures, with the enterprise they belong to (规上 needs its industrial flag).</summary>
public sealed record EnterpriseYear(Node Enterprise, YearFigures Figures)
{
    /// <summary>规上 in this year, as the figures decide it.</summary>
    public bool? AboveDesignatedSize => Figures.AboveDesignatedSizeFor(Enterprise.Properties.Flag("industrial"));
}

/// <summary>An enterprise's figures and statuses in one year; the confidential ones for analysts only.</summary>
public sealed class EnterpriseYearFiguresType : ObjectGraphType<EnterpriseYear>
{
    public EnterpriseYearFiguresType()
    {
        Name = "EnterpriseYearFigures";
        Description = "An enterprise's figures and statuses in one year. Employees, revenue, R&D expenditure, R&D intensity, 规上 and the size class are "
            + "null with a FORBIDDEN error unless the token has the 'analyst' role. 企业年度数据。";
        Field<NonNullGraphType<IntGraphType>>("year").Description("The year. 年度。").Resolve(c => c.Source.Figures.Year);
        Field<LongGraphType>("employees").Description("Employees (persons). 从业人员。").Confidential().Resolve(c => c.Source.Figures.Employees);
        Field<DecimalGraphType>("revenue").Description("Annual revenue (万元). 营业收入。").Confidential().Resolve(c => c.Source.Figures.Revenue);
        Field<DecimalGraphType>("rdExpenditure").Description("R&D expenditure (万元). 研发投入。").Confidential().Resolve(c => c.Source.Figures.RdExpenditure);
        Field<DecimalGraphType>("rdIntensity").Description("R&D expenditure over revenue (%), when both are known. 研发投入强度。").Confidential()
            .Resolve(c => c.Source.Figures is { Revenue: > 0m, RdExpenditure: { } rd } f ? decimal.Round(rd * 100m / f.Revenue!.Value, 4) : null);
        Field<BooleanGraphType>("aboveDesignatedSize")
            .Description("规上 in this year: industrial and revenue ≥ 2,000 万元, computed from the figures (the listed flag only where revenue is unknown). 规模以上。")
            .Confidential().Resolve(c => c.Source.AboveDesignatedSize);
        Field("sizeClass", PolicySchema.Enum(NodeKind.Enterprise, EnterpriseFigures.SizeClassProperty, nonNull: false))
            .Description("The size class computed from employees and revenue (国统字〔2017〕213号); null unless both are known. 企业规模。")
            .Confidential().Resolve(c => c.Source.Figures.SizeClass?.ToString());
        Field<BooleanGraphType>("hasRdActivity").Description("Had R&D activity. 有研发活动。").Resolve(c => c.Source.Figures.HasRdActivity);
        Field<BooleanGraphType>("highTech").Description("A certified high-tech enterprise. 高新技术企业。").Resolve(c => c.Source.Figures.HighTech);
        Field<BooleanGraphType>("techSme").Description("A registered technology-based SME. 科技型中小企业。").Resolve(c => c.Source.Figures.TechSme);
        Field<BooleanGraphType>("gazelle").Description("A gazelle enterprise. 瞪羚企业。").Resolve(c => c.Source.Figures.Gazelle);
        Field<BooleanGraphType>("unicorn").Description("A unicorn enterprise. 独角兽企业。").Resolve(c => c.Source.Figures.Unicorn);
        Field<LongGraphType>("inventionPatents").Description("Valid invention patents held. 有效发明专利。").Resolve(c => c.Source.Figures.InventionPatents);
    }
}

/// <summary>A year's figures to write.</summary>
public sealed class EnterpriseFiguresInputType : InputObjectGraphType
{
    public EnterpriseFiguresInputType()
    {
        Name = "EnterpriseFiguresInput";
        Description = "An enterprise's figures and statuses in one year; what is left out is not known for that year. 企业年度数据。";
        Field<NonNullGraphType<IntGraphType>>("year").Description("The year. 年度。");
        Field<LongGraphType>("employees").Description("Employees (persons). 从业人员。");
        Field<DecimalGraphType>("revenue").Description("Annual revenue (万元). 营业收入。");
        Field<DecimalGraphType>("rdExpenditure").Description("R&D expenditure (万元). 研发投入。");
        Field<BooleanGraphType>("hasRdActivity").Description("Had R&D activity. 有研发活动。");
        Field<BooleanGraphType>("aboveDesignatedSize").Description("规上 as the statistics office lists it: only where revenue is not given; with revenue it is computed, and a contradicting value is refused (RULE_VIOLATION). 规模以上。");
        Field<BooleanGraphType>("highTech").Description("A certified high-tech enterprise. 高新技术企业。");
        Field<BooleanGraphType>("techSme").Description("A registered technology-based SME. 科技型中小企业。");
        Field<BooleanGraphType>("gazelle").Description("A gazelle enterprise. 瞪羚企业。");
        Field<BooleanGraphType>("unicorn").Description("A unicorn enterprise. 独角兽企业。");
        Field<LongGraphType>("inventionPatents").Description("Valid invention patents held. 有效发明专利。");
    }

    /// <summary>The input as the domain's figures.</summary>
    internal static YearFigures Read(InputFields input) => new(
        input.Int("year") ?? throw new Domain.Errors.InvalidInputException($"{input.Path}.year is required"),
        input["employees"] is { } employees ? Convert.ToInt64(employees, System.Globalization.CultureInfo.InvariantCulture) : null,
        input.Decimal("revenue"), input.Decimal("rdExpenditure"), input.Flag("hasRdActivity"), input.Flag("aboveDesignatedSize"),
        input.Flag("highTech"), input.Flag("techSme"), input.Flag("gazelle"), input.Flag("unicorn"),
        input["inventionPatents"] is { } patents ? Convert.ToInt64(patents, System.Globalization.CultureInfo.InvariantCulture) : null);
}
