using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Rules;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>
/// Writes one year of an enterprise's figures through the one write path: the year's entry of the series is replaced,
/// the other years stay, and the single-year columns follow the latest year. Writing figures needs the analyst role, as
/// reading them does; a 规上 flag that contradicts the year's revenue is refused (RULE_VIOLATION).
/// </summary>
public sealed class EnterpriseFiguresWorkflow(GraphWriter writer, Actor actor)
{
    /// <summary>Sets the figures of <paramref name="figures"/>' year; returns the enterprise as written.</summary>
    public async Task<Node> SetAsync(string enterpriseId, YearFigures figures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Year is < EnterpriseFigures.MinYear or > EnterpriseFigures.MaxYear)
            throw new InvalidInputException($"year: {figures.Year} is not a year between {EnterpriseFigures.MinYear} and {EnterpriseFigures.MaxYear}");
        var version = await writer.Store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var enterprise = await PolicyGraph.RequireAsync(writer.Store, enterpriseId, "enterprise", cancellationToken, NodeKind.Enterprise).ConfigureAwait(false);
        // The columns are cleared so that the series, with this year set, decides them again (the latest year's figures).
        var patch = new NodePatch(null, null, null,
            PropertyBag.Of((EnterpriseFigures.SeriesProperty, EnterpriseFigures.WithYear(enterprise.Properties, figures))),
            [.. EnterpriseFigures.YearlyProperties.Where(enterprise.Properties.ContainsKey), .. ((string[])[EnterpriseFigures.DataYear]).Where(enterprise.Properties.ContainsKey)]);
        var result = await PolicyGraph.WriteAsync(writer, actor, "setEnterpriseFigures", version, [new WriteOperation.PatchNode(enterprise.Id, patch)], cancellationToken).ConfigureAwait(false);
        return result.Outcomes[0].Node ?? await writer.Store.GetNodeAsync(enterprise.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"enterprise '{enterpriseId}' was not found");
    }
}
