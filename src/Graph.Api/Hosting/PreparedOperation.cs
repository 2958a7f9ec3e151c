using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using KnowledgeGraph.Api.Hosting.Auth;

namespace KnowledgeGraph.Api.Hosting;

/// <summary>
/// An operation of a cached document that validated once, with what its later requests need to be checked without a
/// walk over the document: its <see cref="AccessRequirements"/>; the fields and directives that take arguments, with
/// their definitions (found once, the way graphql-dotnet's argument parsing finds them); and validation contexts that
/// know the operation's variable usages (graphql-dotnet keeps those per context, and finds them with a walk).
/// </summary>
internal sealed class PreparedOperation(AccessRequirements requirements)
{
    /// <summary>Contexts kept for reuse at most; more are left to the garbage collector.</summary>
    private const int MaxIdleContexts = 64;

    private readonly ConcurrentQueue<ValidationContext> _idle = new();
    private ArgumentSites? _sites;

    public AccessRequirements Requirements { get; } = requirements;

    /// <summary>
    /// The operation's cost and depth, kept when it has no variables (then every request costs the same); a reference,
    /// so that concurrent requests see all of it or none.
    /// </summary>
    public Tuple<double, int>? Cost { get; set; }

    /// <summary>
    /// A validation context for a request of this operation, with its variable usages known after its first use; give
    /// it back with <see cref="Return"/>.
    /// </summary>
    public ValidationContext Rent(in ValidationOptions options)
    {
        if (!_idle.TryDequeue(out var context)
            || !ReferenceEquals(context.Schema, options.Schema)
            || !ReferenceEquals(context.Document, options.Document)
            || !ReferenceEquals(context.Operation, options.Operation))
        {
            context = new ValidationContext
            {
                Schema = options.Schema,
                Document = options.Document,
                Operation = options.Operation,
                TypeInfo = new TypeInfo(options.Schema),
            };
        }
        context.Variables = options.Variables;
        context.Extensions = options.Extensions;
        context.UserContext = options.UserContext;
        context.User = options.User;
        context.RequestServices = options.RequestServices;
        context.Metrics = options.Metrics;
        context.CancellationToken = options.CancellationToken;
        return context;
    }

    /// <summary>Takes back a context after its request's validation; one that recorded errors is dropped.</summary>
    public void Return(ValidationContext context)
    {
        if (context.HasErrors || _idle.Count >= MaxIdleContexts)
            return;
        context.Variables = null!;
        context.Extensions = null!;
        context.UserContext = null!;
        context.User = null;
        context.RequestServices = null;
        context.Metrics = null!;
        context.CancellationToken = default;
        context.ArgumentValues = null;
        context.DirectiveValues = null;
        _idle.Enqueue(context);
    }

    /// <summary>
    /// The request's variables, coerced by graphql-dotnet as in a full validation, then the arguments of every field
    /// and directive of the operation with those variables, left in the context; the errors as graphql-dotnet reports
    /// them, in document order.
    /// </summary>
    public async Task<IValidationResult> ParseAsync(ValidationContext context)
    {
        var (variables, variableErrors) = await context.GetVariablesValuesAsync().ConfigureAwait(false);
        if (variableErrors is { Count: > 0 })
            return new ValidationResult(variableErrors) { Variables = variables };

        var sites = _sites ??= ArgumentSites.Find(context.Schema, context.Document, context.Operation);
        List<ValidationError>? errors = null;
        Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments = null;
        Dictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives = null;
        foreach (var (node, isField, definitions) in sites.Nodes)
        {
            try
            {
                if (isField)
                {
                    var field = (GraphQLField)node;
                    if (ExecutionHelper.GetArguments(definitions, field.Arguments, variables, context.Document, field, null) is { } found)
                        (arguments ??= []).Add(field, found);
                }
                else if (ExecutionHelper.GetDirectives((IHasDirectivesNode)node, variables, context.Schema, context.Document) is { } found)
                {
                    (directives ??= []).Add(node, found);
                }
            }
            catch (ValidationError error)
            {
                (errors ??= []).Add(error);
            }
        }
        context.ArgumentValues = arguments;
        context.DirectiveValues = directives;
        return new ValidationResult(errors ?? []) { Variables = variables, ArgumentValues = arguments, DirectiveValues = directives };
    }

    /// <summary>
    /// The nodes of an operation whose arguments graphql-dotnet parses for each request, in the order it parses them:
    /// a node with directives, a field with arguments with its definition's arguments (a field with both comes twice,
    /// its directives first). Found as graphql-dotnet's argument parsing finds them: the selected
    /// operation, each fragment it spreads once, a field's definition on the type in scope.
    /// </summary>
    private sealed class ArgumentSites
    {
        private readonly ISchema _schema;
        private readonly GraphQLDocument _document;
        private readonly HashSet<string> _visitedFragments = new(StringComparer.Ordinal);

        private ArgumentSites(ISchema schema, GraphQLDocument document)
        {
            _schema = schema;
            _document = document;
        }

        public List<(ASTNode Node, bool IsField, QueryArguments? Definitions)> Nodes { get; } = [];

        public static ArgumentSites Find(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
        {
            var sites = new ArgumentSites(schema, document);
            sites.Direct(operation);
            IComplexGraphType? root = operation.Operation switch
            {
                OperationType.Query => schema.Query,
                OperationType.Mutation => schema.Mutation,
                OperationType.Subscription => schema.Subscription,
                _ => null,
            };
            if (root is null)
                return sites;
            foreach (var variable in operation.Variables?.Items ?? [])
                sites.Direct(variable);
            sites.Visit(operation.SelectionSet, root);
            return sites;
        }

        private void Direct(ASTNode node)
        {
            if (node is IHasDirectivesNode { Directives.Count: > 0 })
                Nodes.Add((node, false, null));
        }

        private void Visit(GraphQLSelectionSet selections, IComplexGraphType? type)
        {
            foreach (var selection in selections.Selections)
            {
                Direct(selection);
                switch (selection)
                {
                    case GraphQLField field:
                        VisitField(field, type);
                        break;
                    case GraphQLInlineFragment inline:
                        VisitFragment(inline.TypeCondition, inline.SelectionSet, type);
                        break;
                    case GraphQLFragmentSpread spread:
                        if (_visitedFragments.Add(spread.FragmentName.Name.StringValue)
                            && _document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment)
                        {
                            Direct(fragment);
                            VisitFragment(fragment.TypeCondition, fragment.SelectionSet, type);
                        }
                        break;
                }
            }
        }

        private void VisitField(GraphQLField field, IComplexGraphType? type)
        {
            var name = field.Name.Value;
            var definition =
                name == _schema.TypeMetaFieldType.Name ? _schema.TypeMetaFieldType :
                name == _schema.TypeNameMetaFieldType.Name ? _schema.TypeNameMetaFieldType :
                name == _schema.SchemaMetaFieldType.Name ? _schema.SchemaMetaFieldType :
                type?.Fields.Find(name);
            if (definition is null)
                return;
            if (field.Arguments?.Count > 0)
                Nodes.Add((field, true, definition.Arguments));
            if (field.SelectionSet is null)
                return;
            // Like graphql-dotnet: the fields under a union are looked up on the type in scope (only __typename can be).
            var named = definition.ResolvedType?.GetNamedType();
            if (named is IComplexGraphType complex)
                Visit(field.SelectionSet, complex);
            else if (named is UnionGraphType)
                Visit(field.SelectionSet, type);
        }

        private void VisitFragment(GraphQLTypeCondition? condition, GraphQLSelectionSet selections, IComplexGraphType? type)
        {
            if (condition is null)
            {
                Visit(selections, type);
                return;
            }
            var named = _schema.AllTypes[condition.Type.Name.Value]?.GetNamedType();
            if (named is IComplexGraphType complex)
                Visit(selections, complex);
            else if (named is IAbstractGraphType)
                Visit(selections, type);
        }
    }
}
