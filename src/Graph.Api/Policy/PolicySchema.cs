using System.Globalization;
using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;
using KnowledgeGraph.Domain.Store;

namespace KnowledgeGraph.Api.Policy;

/// <summary>
/// What the policy types share: references by name to the node types, the catalog's enums and the <c>Date</c> scalar
/// (generated from the catalog in the Nodes feature), and reading arguments into the domain's values.
/// </summary>
internal static class PolicySchema
{
    /// <summary>A nullable reference to a named type of the schema.</summary>
    public static IGraphType Ref(string name) => new GraphQLTypeReference(name);

    /// <summary>A non-null reference to a named type of the schema.</summary>
    public static IGraphType NonNull(string name) => new NonNullGraphType(new GraphQLTypeReference(name));

    /// <summary>A non-null list of non-null values of a named type.</summary>
    public static IGraphType ListOf(string name) => new NonNullGraphType(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(name))));

    static readonly Lazy<Graph.Nodes.CatalogEnums> CatalogEnums = new(() => new Graph.Nodes.CatalogEnums());

    /// <summary>A reference to the enum the Nodes feature generates for a catalog property, by the name it gives it.</summary>
    public static IGraphType Enum(NodeKind kind, string property, bool nonNull = true)
    {
        var definition = GraphCatalog.Of(kind).Property(property) ?? throw new ArgumentException($"{kind} has no property {property}", nameof(property));
        var reference = new GraphQLTypeReference(CatalogEnums.Value.Of(kind.ToString(), definition).Name);
        return nonNull ? new NonNullGraphType(reference) : reference;
    }

    /// <summary>A non-null list of a catalog property's enum.</summary>
    public static IGraphType EnumList(NodeKind kind, string property) => new NonNullGraphType(new ListGraphType(Enum(kind, property)));

    /// <summary>PascalCase to SCREAMING_CASE, as enum values are written.</summary>
    public static string ScreamingCase(string name) =>
        string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : char.ToUpperInvariant(ch).ToString()));

    /// <summary>The store of the request.</summary>
    public static IGraphStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IGraphStore>();

    /// <summary>The indicator targets the service was configured with (the shipped ones by default).</summary>
    public static IndicatorTargets Targets(this IResolveFieldContext context) =>
        context.RequestServices!.GetService<IndicatorTargets>() ?? IndicatorTargets.Shipped;

    /// <summary>Today, by the host's clock.</summary>
    public static DateOnly Today(this IResolveFieldContext context) =>
        DateOnly.FromDateTime((context.RequestServices!.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime);

    /// <summary>An input object argument as its fields.</summary>
    public static InputFields Input(this IResolveFieldContext context, string name) =>
        new(context.GetArgument<Dictionary<string, object?>>(name) ?? [], name);

    /// <summary>An enum value a catalog enum gives as its catalog name, as the domain's enum of the same names.</summary>
    public static T ParseEnum<T>(object? value, string field) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(value as string ?? value?.ToString(), out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidInputException($"{field}: '{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
}

/// <summary>The fields of an input object, read by name; <paramref name="Path"/> names the argument in errors.</summary>
internal sealed record InputFields(IReadOnlyDictionary<string, object?> Values, string Path)
{
    public object? this[string name] => Values.TryGetValue(name, out var value) ? value : null;

    public string? Text(string name) => this[name] as string;

    public string RequiredText(string name) => Text(name) is { Length: > 0 } text ? text : throw new InvalidInputException($"{Path}.{name} is required");

    public decimal? Decimal(string name) => this[name] is { } value ? Convert.ToDecimal(value, CultureInfo.InvariantCulture) : null;

    public int? Int(string name) => this[name] is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;

    public bool? Flag(string name) => this[name] as bool?;

    public DateOnly? Date(string name) => this[name] as DateOnly?;

    public IReadOnlyList<string>? Texts(string name) => (this[name] as IEnumerable<object?>)?.Select(v => v?.ToString() ?? "").ToList();

    public InputFields? Child(string name) => this[name] is IReadOnlyDictionary<string, object?> child ? new InputFields(child, $"{Path}.{name}")
        : this[name] is IDictionary<string, object?> dictionary ? new InputFields(dictionary.AsReadOnly(), $"{Path}.{name}") : null;

    public IReadOnlyList<InputFields>? Children(string name) => (this[name] as IEnumerable<object?>)?
        .Select((v, i) => new InputFields((v as IDictionary<string, object?>)?.AsReadOnly() ?? (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(), $"{Path}.{name}[{i}]"))
        .ToList();

    public T? Enum<T>(string name) where T : struct, System.Enum => this[name] is { } value ? PolicySchema.ParseEnum<T>(value, $"{Path}.{name}") : null;
}
