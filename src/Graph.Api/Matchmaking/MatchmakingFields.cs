using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Graph.Nodes;
using KnowledgeGraph.Api.Hosting.Cost;
using KnowledgeGraph.Api.Hosting.Loading;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Matchmaking;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Matchmaking;

/// <summary>Matchmaking on the query root: <c>recommendPartners</c> and <c>similarOrganizations</c>.</summary>
public static class MatchmakingFields
{
    /// <summary>Adds the matchmaking fields to the query root.</summary>
    public static void AddTo(ObjectGraphType query, NodeTypes nodes)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(nodes);
        var recommendation = RecommendationType(nodes);
        var similar = SimilarType(nodes);

        query.Field("recommendPartners", new NonNullGraphType(new ListGraphType(new NonNullGraphType(recommendation))))
            .Description("The best partners for an enterprise or a 揭榜挂帅 challenge, best first, each with its score, the score's parts, "
                + "why it fits (Chinese and English) and who could introduce it. Never the enterprise itself, a company of its group, "
                + "nor an applicant the challenge's eligibility rule refuses. 推荐合作伙伴：评分、理由与引荐单位。")
            .Argument<NonNullGraphType<IdGraphType>>("for", "The enterprise or challenge, e.g. `Enterprise:91450204MA5K00013L` or `Challenge:ch-2025-battery`.")
            .Argument<ListGraphType<NonNullGraphType<NodeKindType>>>("kinds", "UNIVERSITY, RESEARCH_INSTITUTE, ENTERPRISE (achievement transfer); default universities and institutes, or enterprises for a 成果转化类 challenge.")
            .Argument<PartnerScopeType>("scope", "区内 / 区外 / 国外 / any (default).")
            .Argument<BooleanGraphType>("excludeExisting", "Leave out current collaborators (for a challenge: its applicants and awardees). Default true.")
            .Argument<MatchmakingWeightsInputType>("weights", "The weights of the score's parts; any left out keep their default.")
            .Argument<IntGraphType>("limit", $"How many, 1–{MatchmakingIndex.MaxLimit}; default 10.")
            .WithListSize(MatchmakingIndex.MaxLimit)
            .ResolveAsync(async context =>
            {
                var limit = Limit(context);
                var index = await IndexAsync(context).ConfigureAwait(false);
                return index.RecommendPartners(new PartnerQuery(
                    context.GetArgument<string>("for"),
                    context.GetArgument<List<NodeKind>?>("kinds"),
                    context.GetArgument("scope", PartnerScope.Any),
                    context.GetArgument("excludeExisting", true),
                    context.GetArgument<MatchmakingWeights?>("weights"),
                    limit));
            });

        query.Field("similarOrganizations", new NonNullGraphType(new ListGraphType(new NonNullGraphType(similar))))
            .Description("Organisations of the same kind with the most similar collaboration profile (shared partners, fields): "
                + "\"who else is like this partner\". 相似单位。")
            .Argument<NonNullGraphType<IdGraphType>>("of", "The organisation.")
            .Argument<IntGraphType>("limit", $"How many, 1–{MatchmakingIndex.MaxLimit}; default 10.")
            .WithListSize(MatchmakingIndex.MaxLimit)
            .ResolveAsync(async context =>
            {
                var limit = Limit(context);
                var index = await IndexAsync(context).ConfigureAwait(false);
                return index.SimilarOrganizations(context.GetArgument<string>("of"), limit);
            });
    }

    // Checked before the index is built or awaited: a refused limit costs nothing.
    static int Limit(IResolveFieldContext context)
    {
        var limit = context.GetArgument("limit", 10);
        return limit is < 1 or > MatchmakingIndex.MaxLimit
            ? throw new InvalidInputException($"limit must be 1 to {MatchmakingIndex.MaxLimit}, not {limit}")
            : limit;
    }

    static Task<MatchmakingIndex> IndexAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        return services.GetRequiredService<MatchmakingIndexHolder>().IndexAsync(context.Store(), context.CancellationToken);
    }

    static ObjectGraphType<PartnerRecommendation> RecommendationType(NodeTypes nodes)
    {
        var parts = new ObjectGraphType<ScoreParts> { Name = "ScoreParts", Description = "A score's parts, each times its weight; they add up to the score. 评分构成。" };
        parts.Field("fieldFit", s => s.FieldFit).Description("Field fit (1 same field, 0.6 broader/narrower, 0.4 sibling, 0.2 same root) × weight. 领域匹配。");
        parts.Field("capability", s => s.Capability).Description("(ln(1 + key labs, engineering and innovation centres, postdoctoral and academician stations in the field) + 0.5·ln(1 + shared large instruments ≥ 50 万元 in the field)) × weight. 平台与仪器能力。");
        parts.Field("trackRecord", s => s.TrackRecord).Description("ln(1 + challenges won, projects, contracts, pairings in the field, halved every 4 years) × weight. 业绩。");
        parts.Field("proximity", s => s.Proximity).Description("Collaboration distance (1 for one or two steps, 0.3 for three) + 0.2·ln(1 + shared partners), × weight. 网络邻近。");
        parts.Field("practical", s => s.Practical).Description("Region (1 same city, 0.5 same province) × weight − load weight × ln(1 + current pairings). 地域与负荷。");
        parts.Field("publicFacts", s => s.PublicFacts).Description("Weak evidence only: 0.5 for a 双一流/985/211 designation + 0.25 for 本科 level, × region weight; 0 otherwise. 公开信息。");

        var platform = new ObjectGraphType<CapabilityPlatform> { Name = "CapabilityPlatform", Description = "A platform counted as capability. 能力平台。" };
        platform.Field("platform", nodes.Of(NodeKind.Platform)).Resolve(c => c.Nodes().Load(c.Source.PlatformId));
        platform.Field("platformType", c => c.PlatformType).Description("The platform type (catalog value, e.g. KeyLaboratory).");
        platform.Field("field", nodes.Of(NodeKind.Field)).Resolve(c => c.Nodes().Load(NodeId.Of(NodeKind.Field, c.Source.FieldCode)));

        var instrument = new ObjectGraphType<CapabilityInstrument> { Name = "CapabilityInstrument", Description = "A shared large instrument (≥ 50 万元, 000) of one of the partner's platforms, counted as capability. 共享大型科研仪器。" };
        instrument.Field("instrument", nodes.Of(NodeKind.Instrument)).Resolve(c => c.Nodes().Load(c.Source.InstrumentId));
        instrument.Field("value", c => c.Value).Description("Original value (万元). 原值。");
        instrument.Field("field", nodes.Of(NodeKind.Field)).Resolve(c => c.Nodes().Load(NodeId.Of(NodeKind.Field, c.Source.FieldCode)));

        var record = new ObjectGraphType<TrackRecordSummary> { Name = "TrackRecord", Description = "What the partner has done in the field. 领域业绩。" };
        record.Field("field", nodes.Of(NodeKind.Field)).Resolve(c => c.Source.FieldCode is null ? null : c.Nodes().Load(NodeId.Of(NodeKind.Field, c.Source.FieldCode)));
        record.Field("challengeYears", c => c.ChallengeYears).Description("The year of each challenge won, latest first. 揭榜年份。");
        record.Field("projects", c => c.Projects).Description("Projects taken part in. 参与项目数。");
        record.Field("contracts", c => c.Contracts).Description("Technology contracts. 技术合同数。");
        record.Field("pairings", c => c.Pairings).Description("Enterprises paired with. 结对企业数。");

        var evidence = new ObjectGraphType<PartnerEvidence> { Name = "PartnerEvidence", Description = "The evidence a recommendation is built from. 推荐依据。" };
        evidence.Field("field", nodes.Of(NodeKind.Field)).Description("The wanted field it fits best.")
            .Resolve(c => c.Source.FieldCode is null ? null : c.Nodes().Load(NodeId.Of(NodeKind.Field, c.Source.FieldCode)));
        evidence.Field("fieldFit", c => c.FieldFit).Description("The field fit, 0–1.");
        evidence.Field("capability", new NonNullGraphType(new ListGraphType(new NonNullGraphType(platform)))).Resolve(c => c.Source.Capability);
        evidence.Field("instruments", new NonNullGraphType(new ListGraphType(new NonNullGraphType(instrument))))
            .Description("Shared large instruments (≥ 50 万元) of its platforms in a related field. 共享大型科研仪器。").Resolve(c => c.Source.Instruments);
        evidence.Field("trackRecord", new NonNullGraphType(record)).Resolve(c => c.Source.TrackRecord);
        evidence.Field("distance", c => c.Proximity.Distance, nullable: true).Description("Collaboration steps from the enterprise (or poster); null beyond three. 合作距离。");
        evidence.Field("through", nodes.Organization).Description("The organisation one step from the enterprise on a shortest chain, or the group company.")
            .Resolve(c => c.Source.Proximity.ThroughId is { } id ? c.Nodes().Load(id) : null);
        evidence.Field("throughGroup", c => c.Proximity.ThroughGroup).Description("It collaborates with a company of the enterprise's group.");
        evidence.Field("sharedPartners", c => c.Proximity.SharedPartners).Description("Organisations collaborating with both. 共同合作单位数。");
        evidence.Field("place", c => c.Place).Description("SameCity, SameProvince or Elsewhere.");
        evidence.Field("currentPairings", c => c.CurrentPairings).Description("Enterprises it is paired with now. 当前结对数。");

        var type = new ObjectGraphType<PartnerRecommendation> { Name = "PartnerRecommendation", Description = "A recommended partner. 推荐合作伙伴。" };
        type.Field("rank", c => c.Rank);
        type.Field("organization", new NonNullGraphType(nodes.Organization)).Resolve(c => c.Nodes().Load(c.Source.OrganizationId));
        type.Field("score", c => c.Score).Description("The sum of the parts.");
        type.Field("parts", new NonNullGraphType(parts)).Resolve(c => c.Source.Parts);
        type.Field("evidence", new NonNullGraphType(evidence)).Resolve(c => c.Source.Evidence);
        type.Field("explanation", c => c.ExplanationZh).Description("Why it fits, in Chinese. 推荐理由。");
        type.Field("explanationEn", c => c.ExplanationEn).Description("Why it fits, in English.");
        type.Field("weakEvidence", c => c.WeakEvidence)
            .Description("Known by public facts alone (designations, level, place), with no field, platform, record or collaboration in the graph; ranked after every evidenced partner. 证据较弱。");
        type.Field("introducers", new NonNullGraphType(new ListGraphType(new NonNullGraphType(nodes.Organization))))
            .Description($"Up to {MatchmakingIndex.MaxIntroducers} organisations that already collaborate with both sides, strongest first. 引荐单位。")
            .Resolve(c => c.Nodes().LoadMany(c.Source.IntroducerIds).Then(found => (object)found.OfType<Node>().ToList()));
        type.Field("commissioners", new NonNullGraphType(new ListGraphType(new NonNullGraphType(nodes.Of(NodeKind.Person)))))
            .Description($"Up to {MatchmakingIndex.MaxIntroducers} tech commissioners (科技特派员) in service who could introduce the two: serving the enterprise (or the challenge's poster), or employed by the partner; those doing both first. 可引荐的科技特派员。")
            .Resolve(c => c.Nodes().LoadMany(c.Source.CommissionerIds).Then(found => (object)found.OfType<Node>().ToList()));
        return type;
    }

    static ObjectGraphType<SimilarOrganization> SimilarType(NodeTypes nodes)
    {
        var type = new ObjectGraphType<SimilarOrganization> { Name = "SimilarOrganization", Description = "An organisation with a similar collaboration profile. 相似单位。" };
        type.Field("rank", c => c.Rank);
        type.Field("organization", new NonNullGraphType(nodes.Organization)).Resolve(c => c.Nodes().Load(c.Source.OrganizationId));
        type.Field("similarity", c => c.Similarity).Description("0.7 × partnerCosine + 0.3 × fieldJaccard.");
        type.Field("partnerCosine", c => c.PartnerCosine).Description("Cosine similarity of the sets of partners.");
        type.Field("fieldJaccard", c => c.FieldJaccard).Description("Jaccard similarity of the fields, broader fields included.");
        type.Field("sharedPartners", c => c.SharedPartners).Description("Organisations collaborating with both.");
        return type;
    }
}

/// <summary>区内 / 区外 / 国外 / any.</summary>
public sealed class PartnerScopeType : EnumerationGraphType<PartnerScope>
{
    public PartnerScopeType()
    {
        Name = "PartnerScope";
        Description = "Where partners may be, seen from the home province. 区内/区外/国外。";
    }
}

/// <summary>The weights of a recommendation's parts; omitted ones keep their defaults.</summary>
public sealed class MatchmakingWeightsInputType : InputObjectGraphType<MatchmakingWeights>
{
    public MatchmakingWeightsInputType()
    {
        Name = "MatchmakingWeightsInput";
        Description = "The weights of the score's parts (defaults: field 2, capability 0.8, trackRecord 0.6, proximity 1.5, region 0.8, load 0.1). 权重。";
        Field<FloatGraphType>("field");
        Field<FloatGraphType>("capability");
        Field<FloatGraphType>("trackRecord");
        Field<FloatGraphType>("proximity");
        Field<FloatGraphType>("region");
        Field<FloatGraphType>("load");
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var defaults = MatchmakingWeights.Default;
        double Get(string name, double fallback) => value.TryGetValue(name, out var v) && v is not null ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return new MatchmakingWeights(
            Get("field", defaults.Field), Get("capability", defaults.Capability), Get("trackRecord", defaults.TrackRecord),
            Get("proximity", defaults.Proximity), Get("region", defaults.Region), Get("load", defaults.Load));
    }
}
