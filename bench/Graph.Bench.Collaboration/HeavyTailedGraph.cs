using System.Globalization;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Bench.Collaboration;

/// <summary>
/// A large random collaboration graph with heavy-tailed degrees, streamed (never held in memory): organisations are
/// drawn with probability falling as a power of their rank, so a few hubs take part in much and most in little, as
/// in real innovation networks. The same seed gives the same graph.
/// </summary>
internal sealed class HeavyTailedGraph(int organisations, int seed)
{
    static readonly DateTimeOffset Stamp = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly string[] GuangxiCities = ["450100", "450200", "450300", "450400", "450500", "450600", "450700", "450800", "450900", "451000", "451100", "451200", "451300", "451400"];
    static readonly string[] OtherProvinces = ["110000", "310000", "440100", "420100", "510100", "370000", "320100"];
    static readonly string[] FieldCodes = ["automotive", "new-energy-vehicles", "auto-parts", "machinery", "construction-machinery", "electronic-information", "big-data", "artificial-intelligence", "digital-economy", "integrated-circuits"];

    public int Platforms => organisations / 8;
    public int Consortia => organisations / 60;
    public int Projects => organisations * 4 / 5;
    public int Challenges => organisations / 16;
    public int Persons => organisations / 10;

    public static string OrganisationId(int index) => index switch
    {
        _ when index % 100 == 7 => NodeId.Of(NodeKind.University, "u" + Text(index)),
        _ when index % 100 == 13 => NodeId.Of(NodeKind.ResearchInstitute, "r" + Text(index)),
        _ when index % 200 == 21 => NodeId.Of(NodeKind.GovernmentBody, "g" + Text(index)),
        _ => NodeId.Of(NodeKind.Enterprise, "e" + Text(index)),
    };

    static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public IEnumerable<Node> Nodes()
    {
        var random = new Random(seed);
        for (var i = 0; i < organisations; i++)
        {
            var id = OrganisationId(i);
            if (!NodeId.TryParse(id, out var kind, out var key)) throw new InvalidOperationException(id);
            var region = random.Next(10) < 8 ? GuangxiCities[random.Next(GuangxiCities.Length)] : OtherProvinces[random.Next(OtherProvinces.Length)];
            yield return Make(kind, key, region, FieldCodes[random.Next(FieldCodes.Length)]);
        }
        for (var i = 0; i < Platforms; i++) yield return Make(NodeKind.Platform, "p" + Text(i), null, null);
        for (var i = 0; i < Consortia; i++) yield return Make(NodeKind.Consortium, "c" + Text(i), null, null);
        for (var i = 0; i < Projects; i++) yield return Make(NodeKind.Project, "j" + Text(i), null, null);
        for (var i = 0; i < Challenges; i++) yield return Make(NodeKind.Challenge, "x" + Text(i), null, null);
        for (var i = 0; i < Persons; i++) yield return Make(NodeKind.Person, "h" + Text(i), null, null);
    }

    static Node Make(NodeKind kind, string key, string? region, string? field) =>
        new(NodeId.Of(kind, key), kind, key, key, null, [], PropertyBag.Of(("region", region), ("fields", field is null ? null : new[] { field })), Stamp, Stamp);

    /// <summary>An organisation drawn as N·u², u uniform: rank r is drawn with probability ~ r^(−1/2), a heavy tail of hubs.</summary>
    public int Draw(Random random) => (int)(organisations * Math.Pow(random.NextDouble(), 2.0));

    public IEnumerable<Link> Links()
    {
        var random = new Random(seed + 1);
        for (var i = 0; i < Platforms; i++)
        {
            var platform = NodeId.Of(NodeKind.Platform, "p" + Text(i));
            yield return Make(LinkType.Hosts, OrganisationId(Draw(random)), platform, random);
            for (var k = random.Next(0, 4); k > 0; k--) yield return Make(LinkType.CoBuilds, OrganisationId(Draw(random)), platform, random);
        }
        for (var i = 0; i < Consortia; i++)
        {
            var consortium = NodeId.Of(NodeKind.Consortium, "c" + Text(i));
            yield return Make(LinkType.Leads, OrganisationId(Draw(random)), consortium, random);
            // Sizes from a Pareto tail: most alliances have a handful of members, a few have hundreds.
            var members = Math.Min(400, (int)(3 / Math.Pow(1 - random.NextDouble(), 1 / 1.5)));
            for (var k = 0; k < members; k++) yield return Make(LinkType.MemberOf, OrganisationId(random.Next(organisations)), consortium, random);
        }
        for (var i = 0; i < Projects; i++)
        {
            var project = NodeId.Of(NodeKind.Project, "j" + Text(i));
            for (var k = random.Next(2, 6); k > 0; k--) yield return Make(LinkType.ParticipatesIn, OrganisationId(Draw(random)), project, random);
        }
        for (var i = 0; i < Challenges; i++)
        {
            var challenge = NodeId.Of(NodeKind.Challenge, "x" + Text(i));
            yield return Make(LinkType.Posts, OrganisationId(random.Next(organisations)), challenge, random);
            yield return Make(LinkType.Awarded, OrganisationId(Draw(random)), challenge, random);
        }
        for (var i = 0; i < Persons; i++)
        {
            var person = NodeId.Of(NodeKind.Person, "h" + Text(i));
            yield return Make(LinkType.EmployedBy, person, OrganisationId(Draw(random)), random);
            yield return Make(LinkType.CommissionedTo, person, NodeId.Of(NodeKind.Enterprise, "e" + Text(random.Next(organisations / 100) * 100)), random);
        }
        foreach (var (type, count) in new[] { (LinkType.PairedWith, organisations / 2), (LinkType.CooperationAgreement, organisations * 4 / 5), (LinkType.Transfers, organisations * 3) })
        {
            for (var i = 0; i < count; i++)
            {
                var from = random.Next(organisations);
                var to = Draw(random);
                if (from == to) continue;
                if (type == LinkType.PairedWith)
                    yield return Make(type, NodeId.Of(NodeKind.Enterprise, "e" + Text(from / 100 * 100)), NodeId.Of(NodeKind.University, "u" + Text(to / 100 * 100 + 7)), random);
                else
                    yield return Make(type, OrganisationId(from), OrganisationId(to), random, type == LinkType.Transfers ? "t" + Text(i) : null);
            }
        }
    }

    static Link Make(LinkType type, string from, string to, Random random, string? key = null)
    {
        var start = new DateOnly(2010 + random.Next(15), 1 + random.Next(12), 1);
        return new Link(LinkId.Of(type, from, to, key), type, from, to, key, start, null, "bench", PropertyBag.Empty, Stamp, Stamp);
    }
}
