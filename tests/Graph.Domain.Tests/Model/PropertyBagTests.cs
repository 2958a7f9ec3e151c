using System.Collections.Immutable;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Domain.Tests.Model;

/// <summary>The property bag: values by name in name order, compared by value, changed by copy.</summary>
public sealed class PropertyBagTests
{
    [Fact]
    public void ValuesAreKeptInNameOrderWithTheLastOfANameWinningAndNullsDropped()
    {
        var bag = PropertyBag.From([new("region", "450200"), new("employees", 12), new("highTech", null), new("region", "450100")]);

        Assert.Equal(["employees", "region"], bag.Keys);
        Assert.Equal("450100", bag.Text("region"));
        Assert.Equal(12L, bag.Integer("employees"));
        Assert.False(bag.ContainsKey("highTech"));
        Assert.Equal(2, bag.Count);
    }

    [Fact]
    public void WithSetsReplacesAndRemovesWithoutChangingTheOriginal()
    {
        var original = PropertyBag.Of(("b", "2"), ("d", "4"));

        var added = original.With("c", "3").With("a", "1").With("e", "5");
        var replaced = added.With("c", "three");
        var removed = replaced.With("a", null).With("e", null).With("missing", null);

        Assert.Equal(["a", "b", "c", "d", "e"], added.Keys);
        Assert.Equal("three", replaced.Text("c"));
        Assert.Equal(["b", "c", "d"], removed.Keys);
        Assert.Equal(["b", "d"], original.Keys);
        Assert.Same(PropertyBag.Empty, PropertyBag.Of(("only", "1")).With("only", null));
    }

    [Fact]
    public void BagsAreEqualByValueWhateverTheOrderTheyWereBuiltIn()
    {
        var one = PropertyBag.Of(("revenue", 5000.50m), ("fields", new[] { "汽车", "机械" }), ("founded", new DateOnly(2001, 5, 1)));
        var other = PropertyBag.Of(("founded", new DateOnly(2001, 5, 1)), ("revenue", 5000.5m), ("fields", ImmutableArray.Create("汽车", "机械")));

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(one, other.With("revenue", 5000.51m));
        Assert.NotEqual(one, other.With("fields", new[] { "机械", "汽车" }));
    }

    [Fact]
    public void ValuesGivenInOrderAreTakenAsTheyAreAndRepeatsStillKeepTheLast()
    {
        var inOrder = PropertyBag.From([new("a", 1), new("b", "x")]);
        var reversed = PropertyBag.From([new("b", "x"), new("a", 1)]);
        var repeated = PropertyBag.From([new("a", 1), new("a", 2), new("b", null)]);

        Assert.Equal(["a", "b"], inOrder.Keys);
        Assert.Equal(1L, inOrder.Integer("a"));
        Assert.Equal(inOrder, reversed);
        Assert.Equal(2L, repeated.Integer("a"));
        Assert.Single(repeated);
    }

    [Fact]
    public void ADeferredBagDecodesWhenFirstReadAndOnlyOnce()
    {
        var decoded = 0;
        var deferred = PropertyBag.Deferred(() =>
        {
            Interlocked.Increment(ref decoded);
            return PropertyBag.Of(("region", "450200"), ("employees", 12));
        });

        Assert.Equal(0, decoded);
        Assert.Equal("450200", deferred.Text("region"));
        Assert.Equal(12L, deferred.Integer("employees"));
        Assert.Equal(["employees", "region"], deferred.Keys);
        Assert.Equal(PropertyBag.Of(("employees", 12), ("region", "450200")), deferred);
        Assert.Equal(["employees", "region", "x"], deferred.With("x", "1").Keys);
        Assert.Equal(1, decoded);
    }

    [Fact]
    public void ADeferredBagReadByManyThreadsAtOnceGivesEachTheSameValues()
    {
        for (var round = 0; round < 50; round++)
        {
            var deferred = PropertyBag.Deferred(() => PropertyBag.Of(("a", "1"), ("b", 2), ("c", new[] { "x", "y" })));
            var seen = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
                .Select(_ => (deferred.Text("a"), deferred.Integer("b"), deferred.List("c").Length, deferred.Count)).ToList();

            Assert.All(seen, values => Assert.Equal(("1", (long?)2, 2, 3), values));
        }
    }
}
