using System.Globalization;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;

namespace KnowledgeGraph.Store.Neo4j;

/// <summary>
/// An enterprise's year-dependent property in a year as a Cypher expression over its <c>yearlyFigures</c> series, whose
/// entries the domain writes canonically (<c>2024 employees=320 revenue=2500 hasRdActivity=true</c>): the year's entry,
/// then the <c>name=value</c> part, typed as the columns hold it. 规上 and the size class are derived as
/// <see cref="EnterpriseFigures.ValueIn"/> derives them; every one is null when the year has no entry or not the figure.
/// Plain list comprehensions and string functions, so the store needs no plug-in.
/// </summary>
internal static class Neo4jYearFigures
{
    /// <summary>The expression for a catalog property of <see cref="EnterpriseFigures.YearDependentProperties"/>; <paramref name="parameter"/> binds a value.</summary>
    public static string Expression(string node, int year, string name, Func<object, string> parameter)
    {
        var entry = $"head([e IN coalesce({node}.`{EnterpriseFigures.SeriesProperty}`, []) WHERE e = {parameter(Text(year))} OR e STARTS WITH {parameter(Text(year) + " ")}])";
        string Raw(string figure) =>
            $"head([p IN split(coalesce({entry}, ''), ' ') WHERE p STARTS WITH '{figure}=' | substring(p, {figure.Length + 1})])";
        string Flag(string figure) => $"(CASE {Raw(figure)} WHEN 'true' THEN true WHEN 'false' THEN false END)";
        var revenue = $"toFloat({Raw("revenue")})";
        var employees = $"toInteger({Raw("employees")})";
        return name switch
        {
            EnterpriseFigures.DataYear => $"(CASE WHEN {entry} IS NULL THEN null ELSE {parameter((long)year)} END)",
            EnterpriseFigures.AboveDesignatedSizeProperty =>
                $"(CASE WHEN {revenue} IS NOT NULL AND {node}.industrial IS NOT NULL THEN ({node}.industrial AND {revenue} >= {Text(EnterpriseSize.DesignatedSizeRevenue)}) ELSE {Flag(name)} END)",
            EnterpriseFigures.SizeClassProperty => "(CASE"
                + $" WHEN {employees} IS NULL OR {revenue} IS NULL THEN null"
                + SizeClass(EnterpriseSizeClass.Large, EnterpriseSize.LargeEmployees, EnterpriseSize.LargeRevenue)
                + SizeClass(EnterpriseSizeClass.Medium, EnterpriseSize.MediumEmployees, EnterpriseSize.MediumRevenue)
                + SizeClass(EnterpriseSizeClass.Small, EnterpriseSize.SmallEmployees, EnterpriseSize.SmallRevenue)
                + $" ELSE '{EnterpriseSizeClass.Micro}' END)",
            _ => GraphCatalog.Of(NodeKind.Enterprise).Property(name)!.Type switch
            {
                PropertyType.Boolean => Flag(name),
                PropertyType.Integer => $"toInteger({Raw(name)})",
                _ => $"toFloat({Raw(name)})",
            },
        };

        string SizeClass(EnterpriseSizeClass size, long atLeastEmployees, decimal atLeastRevenue) =>
            $" WHEN {employees} >= {Text(atLeastEmployees)} AND {revenue} >= {Text(atLeastRevenue)} THEN '{size}'";
    }

    static string Text(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
