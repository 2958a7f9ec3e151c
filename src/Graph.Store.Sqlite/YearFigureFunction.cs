using System.Collections.Immutable;
using System.Text.Json;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store.Sqlite;

/// <summary>
/// <c>kg_year_figure(series, industrial, year, name)</c>: an enterprise's year-dependent property in a year, read from its
/// <c>yearlyFigures</c> series (the JSON array in its props) by the domain's own parser, so a filter or sort with a year
/// derives 规上 and the size class exactly as a write does. NULL when the year has no figures or not this one.
/// </summary>
internal static class YearFigureFunction
{
    /// <summary>The SQL name of the function.</summary>
    public const string Name = "kg_year_figure";

    /// <summary>Makes the function available on a connection.</summary>
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, long?, long, string, object?>(Name, Evaluate, isDeterministic: true);

    /// <summary>The call over the node row with this alias, for a year bound as <paramref name="year"/> and a catalog property name.</summary>
    public static string Call(string alias, string year, string property) =>
        $"{Name}(json_extract({alias}.props, '$.{EnterpriseFigures.SeriesProperty}'), json_extract({alias}.props, '$.industrial'), {year}, '{property}')";

    static object? Evaluate(string? series, long? industrial, long year, string name)
    {
        if (series is null) return null;
        var entries = JsonSerializer.Deserialize<string[]>(series);
        if (entries is null) return null;
        var figures = EnterpriseFigures.For(PropertyBag.Of((EnterpriseFigures.SeriesProperty, entries.ToImmutableArray())), (int)year);
        // As the columns hold values: booleans 0/1, whole numbers as integers, others as floating point.
        return EnterpriseFigures.ValueIn(figures, name, industrial is { } flag ? flag != 0 : null) switch
        {
            bool b => b ? 1L : 0L,
            decimal d when d == decimal.Truncate(d) => (long)d,
            decimal d => (double)d,
            var value => value,
        };
    }
}
