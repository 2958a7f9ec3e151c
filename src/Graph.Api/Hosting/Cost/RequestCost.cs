using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQLParser;
using GraphQLParser.AST;

namespace KnowledgeGraph.Api.Hosting.Cost;

/// <summary>
/// What an operation may cost, from its document and this request's arguments, in one pass over the operation:
/// every field selection counts 1 (a repeated field as often as it is written), times the size of every list above it;
/// a list's size is its <c>first</c>/<c>last</c>/<c>limit</c> argument, else the page size of the connection it is in,
/// else the field's declared maximum (<see cref="CostMetadataExtensions.WithListSize"/>), else the configured
/// default; a field's filter adds its own cost (<see cref="CostMetadataExtensions.WithArgumentCost"/>).
/// A fragment is measured once per definition and page size, however often it is spread, so a chain of fragments that
/// each spread the previous one twice costs what it asks for (2ⁿ) without taking 2ⁿ steps to find out.
/// Introspection (<c>__schema</c>, <c>__type</c>) reads the schema in memory: each costs what it can answer, the entries
/// of the schema's lists (<see cref="IntrospectionSize"/>: every type, field, argument, input field and enum value for
/// <c>__schema</c>; the largest type's for <c>__type</c>), without depth — GraphiQL's standard introspection query passes,
/// and a thousand aliases of it do not.
/// Depth is the longest chain of nested fields, leaves included.
/// </summary>
internal sealed class RequestCost
{
    private readonly ValidationContext _context;
    private readonly ISchema _schema;
    private readonly double _defaultListSize;
    private readonly Dictionary<(GraphQLFragmentDefinition, double?), Measure> _fragments = [];
    private readonly HashSet<GraphQLFragmentDefinition> _entered = [];
    private int _steps;

    private RequestCost(ValidationContext context, ComplexityOptions options)
    {
        _context = context;
        _schema = context.Schema;
        _defaultListSize = options.DefaultListImpactMultiplier;
    }

    /// <summary>The operation's total cost and depth.</summary>
    public static (double Total, int Depth) Of(ValidationContext context, ComplexityOptions options)
    {
        var root = context.Operation.Operation switch
        {
            OperationType.Query => context.Schema.Query,
            OperationType.Mutation => context.Schema.Mutation,
            OperationType.Subscription => context.Schema.Subscription,
            _ => null,
        };
        if (root is null)
            return (0, 0);
        var measure = new RequestCost(context, options).SelectionSet(context.Operation.SelectionSet, root, null);
        return (measure.Cost, measure.Depth);
    }

    private readonly record struct Measure(double Cost, int Depth);

    private Measure SelectionSet(GraphQLSelectionSet selections, IGraphType type, double? pageSize)
    {
        double cost = 0;
        var depth = 0;
        foreach (var selection in selections.Selections)
        {
            // A document as large as the request limit allows has a few hundred thousand nodes: a cancelled request
            // (the client left, the time budget ran out) stops here within microseconds.
            if ((++_steps & 1023) == 0)
                _context.CancellationToken.ThrowIfCancellationRequested();
            if (!_context.ShouldIncludeNode(selection))
                continue;
            var measure = selection switch
            {
                GraphQLField field => Field(field, type, pageSize),
                GraphQLInlineFragment inline => SelectionSet(inline.SelectionSet, TypeOf(inline.TypeCondition) ?? type, pageSize),
                GraphQLFragmentSpread spread => Fragment(spread, pageSize),
                _ => default,
            };
            cost += measure.Cost;
            depth = Math.Max(depth, measure.Depth);
        }
        return new(cost, depth);
    }

    private Measure Fragment(GraphQLFragmentSpread spread, double? pageSize)
    {
        if (_context.Document.FindFragmentDefinition(spread.FragmentName.Name.Value) is not { } fragment)
            return default;
        var key = (fragment, pageSize);
        if (_fragments.TryGetValue(key, out var known))
            return known;
        // A cycle is a validation error reported before the cost is measured; this only keeps the walk finite.
        if (!_entered.Add(fragment))
            return default;
        var measure = SelectionSet(fragment.SelectionSet, TypeOf(fragment.TypeCondition) ?? _schema.Query, pageSize);
        _entered.Remove(fragment);
        _fragments[key] = measure;
        return measure;
    }

    private Measure Field(GraphQLField field, IGraphType parent, double? pageSize)
    {
        var name = field.Name.Value;
        FieldType? definition;
        if (name == _schema.TypeNameMetaFieldType.Name)
            definition = _schema.TypeNameMetaFieldType;
        else if (name == _schema.SchemaMetaFieldType.Name)
            return new(IntrospectionSize.Of(_schema).Schema, 0);
        else if (name == _schema.TypeMetaFieldType.Name)
            return new(IntrospectionSize.Of(_schema).LargestType, 0);
        else
            definition = (parent as IComplexGraphType)?.GetField(name);
        if (definition is null)
            return new(1, 1);

        IDictionary<string, ArgumentValue>? arguments = null;
        _context.ArgumentValues?.TryGetValue(field, out arguments);
        var type = definition.ResolvedType;
        var named = type?.GetNamedType();
        double cost = 1;
        if (definition.GetArgumentCost() is { } argumentCost)
            cost += argumentCost(arguments, _defaultListSize);
        if (field.SelectionSet is null || named is null)
            return new(cost, 1);

        double size = 1;
        double? innerPage = null;
        var requested = Size(arguments, "first") ?? Size(arguments, "last") ?? Size(arguments, "limit");
        if (IsList(type))
            size = Math.Min(requested ?? pageSize ?? _defaultListSize, definition.GetListSize() ?? double.MaxValue);
        else
            innerPage = requested;
        var inner = SelectionSet(field.SelectionSet, named, innerPage);
        return new(cost + size * inner.Cost, 1 + inner.Depth);
    }

    private static double? Size(IDictionary<string, ArgumentValue>? arguments, string name) =>
        arguments is not null && arguments.TryGetValue(name, out var value) && value.Value is { } given
            ? Math.Max(0, Convert.ToDouble(given, System.Globalization.CultureInfo.InvariantCulture))
            : null;

    private static bool IsList(IGraphType? type) => type is ListGraphType or NonNullGraphType { ResolvedType: ListGraphType };

    private IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
        condition is null ? null : _schema.AllTypes[condition.Type.Name.Value];
}
