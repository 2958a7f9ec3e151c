using System.Text.Json;
using KnowledgeGraph.Domain.Collaboration;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Synthetic;

namespace KnowledgeGraph.Domain.Tests.Collaboration;

/// <summary>
/// Collaborators of the busiest organisation of a generated graph, read in pages (<c>after</c> the last of the previous
/// page) and in one answer: the same list in the same order, every tie with the evidence <c>Between</c> gives for it.
/// </summary>
public sealed class CollaboratorPagingTests : IClassFixture<CollaboratorPagingTests.GeneratedProjection>
{
    const int PageSize = 7;
    readonly CollaborationProjection _projection;
    readonly string _hub;

    public CollaboratorPagingTests(GeneratedProjection generated)
    {
        _projection = generated.Projection;
        _hub = _projection.Rank(new NetworkQuery(), RankingMetric.Degree, top: 1).Top[0].OrganizationId;
    }

    public static TheoryData<string> Questions => ["everything", "platforms, consortia and projects", "2020 to 2022", "universities and institutes"];

    static (CollaborationFilter? Filter, OrganizationSelection? Where) Question(string name) => name switch
    {
        "platforms, consortia and projects" => (new CollaborationFilter(CollaborationKinds.Platform | CollaborationKinds.Consortium | CollaborationKinds.Project), null),
        "2020 to 2022" => (new CollaborationFilter(Since: new DateOnly(2020, 1, 1), Until: new DateOnly(2022, 12, 31)), null),
        "universities and institutes" => (null, new OrganizationSelection(Kinds: [NodeKind.University, NodeKind.ResearchInstitute])),
        _ => (null, null),
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void PagesAfterTheLastCollaboratorAddUpToTheWholeAnswer(string question)
    {
        var (filter, where) = Question(question);
        var whole = _projection.Collaborators(_hub, 2, filter, where, limit: 1_000_000);
        Assert.True(whole.Count > 3 * PageSize, $"{whole.Count} collaborators: too few to page through");
        Assert.Contains(whole, c => c.Distance == 2);

        var paged = new List<Collaborator>();
        for (var page = _projection.Collaborators(_hub, 2, filter, where, PageSize); page.Count > 0;
             page = _projection.Collaborators(_hub, 2, filter, where, PageSize, after: paged[^1].OrganizationId))
        {
            Assert.True(page.Count <= PageSize);
            paged.AddRange(page);
        }

        Assert.Equal(whole.Select(Json), paged.Select(Json));
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void CollaboratorIdsAreTheWholeAnswerInItsOrder(string question)
    {
        var (filter, where) = Question(question);
        var whole = _projection.Collaborators(_hub, 2, filter, where, limit: 1_000_000);

        Assert.Equal(whole.Select(c => c.OrganizationId), _projection.CollaboratorIds(_hub, 2, filter, where));
        Assert.Equal(
            _projection.Collaborators(_hub, 1, filter, where, limit: 1_000_000).Select(c => c.OrganizationId),
            _projection.CollaboratorIds(_hub, 1, filter, where));
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void CollaboratorCountIsTheSizeOfTheWholeAnswerAtEveryDepth(string question)
    {
        var (filter, where) = Question(question);
        var organisations = new[] { _hub }.Concat(_projection.Collaborators(_hub, 1, filter, null, limit: 5).Select(c => c.OrganizationId));

        foreach (var organisation in organisations)
        {
            for (var depth = 1; depth <= CollaborationProjection.MaxDepth; depth++)
            {
                var whole = _projection.Collaborators(organisation, depth, filter, where, limit: 1_000_000);
                Assert.Equal(whole.Count, _projection.CollaboratorCount(organisation, depth, filter, where));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void EveryCollaboratorCarriesItsTieWithViaAsBetweenDescribesIt(string question)
    {
        var (filter, where) = Question(question);
        var whole = _projection.Collaborators(_hub, 2, filter, where, limit: 1_000_000);

        Assert.All(whole, c => Assert.Equal(Json(_projection.Between(c.Via, c.OrganizationId, filter)), Json(c.Tie)));
        // The hub reached most of them itself: their ties were described together from its side.
        Assert.True(whole.Count(c => c.Via == _hub) > 1);
    }

    [Fact]
    public void AnAfterOutsideTheAnswerIsRejected()
    {
        var partners = _projection.Collaborators(_hub, 1, limit: 1_000_000).Select(c => c.OrganizationId).ToHashSet();
        var stranger = _projection.AllTies().Select(t => t.SourceId).First(id => id != _hub && !partners.Contains(id));

        var error = Assert.Throws<Errors.InvalidInputException>(() => _projection.Collaborators(_hub, 1, after: stranger));
        Assert.Contains("after", error.Message, StringComparison.Ordinal);
        Assert.Contains(stranger, error.Message, StringComparison.Ordinal);
        Assert.Throws<Errors.NotFoundException>(() => _projection.Collaborators(_hub, 1, after: "Enterprise:nobody"));
    }

    static string Json(object? value) => JsonSerializer.Serialize(value);

    /// <summary>The tiny preset's projection, built once for the class.</summary>
    public sealed class GeneratedProjection : IDisposable
    {
        static readonly DateTimeOffset Stamp = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public GeneratedProjection()
        {
            var graph = SyntheticGraph.Create(SyntheticPreset.Tiny, 7);
            Projection = CollaborationProjection.Build(
                graph.Nodes().Select(n => new Node(n.Id, n.Kind, n.Key, n.Name, n.NameEn, n.Aliases, n.Properties, Stamp, Stamp)),
                graph.Links().Select(l => new Link(l.Id, l.Type, l.FromId, l.ToId, l.Key, l.StartDate, l.EndDate, l.Source, l.Properties, Stamp, Stamp)));
        }

        public CollaborationProjection Projection { get; }

        public void Dispose() => Projection.Dispose();
    }
}
