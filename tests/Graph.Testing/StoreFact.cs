using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace KnowledgeGraph.Testing;

/// <summary>
/// A store requirement on a conformance test class: when the store cannot be had, every test the class
/// inherits is reported as skipped with <see cref="SkipReason"/>, instead of failing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class StoreRequirementAttribute : Attribute
{
    /// <summary>Why the store cannot be had, or null when it can.</summary>
    public abstract string? SkipReason { get; }

    /// <summary>The skip reason of the requirement on the test method's class, if any.</summary>
    public static string? SkipReasonOf(ITestMethod testMethod) =>
        testMethod.TestClass.Class.ToRuntimeType()?.GetCustomAttribute<StoreRequirementAttribute>()?.SkipReason;
}

/// <summary>The class's tests need Neo4j (see <see cref="Neo4jFixture"/>).</summary>
public sealed class RequiresNeo4jAttribute : StoreRequirementAttribute
{
    /// <inheritdoc />
    public override string? SkipReason => Neo4jFixture.SkipReason is { } reason ? "No Neo4j: " + reason : null;
}

/// <summary>A conformance fact: skipped when the test class's <see cref="StoreRequirementAttribute"/> is not met.</summary>
[XunitTestCaseDiscoverer("KnowledgeGraph.Testing.StoreFactDiscoverer", "Graph.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>A conformance theory: skipped when the test class's <see cref="StoreRequirementAttribute"/> is not met.</summary>
[XunitTestCaseDiscoverer("KnowledgeGraph.Testing.StoreTheoryDiscoverer", "Graph.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreTheoryAttribute : TheoryAttribute;

/// <summary>Discovers a <see cref="StoreFactAttribute"/> test, or a skipped one when the store is missing.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        StoreRequirementAttribute.SkipReasonOf(testMethod) is { } reason
            ? [Skipped(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);

    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}

/// <summary>Discovers a <see cref="StoreTheoryAttribute"/> test, or one skipped test when the store is missing.</summary>
public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        StoreRequirementAttribute.SkipReasonOf(testMethod) is { } reason
            ? [StoreFactDiscoverer.Skipped(DiagnosticMessageSink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}
