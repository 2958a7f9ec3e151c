using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Reference;
using KnowledgeGraph.Domain.Store;
using KnowledgeGraph.Domain.Writing;

namespace KnowledgeGraph.Domain.Policy;

/// <summary>An instrument as registered: its owner platform, value, fields and sharing status.</summary>
/// <param name="Key">The instrument's key (e.g. its asset number).</param>
/// <param name="Name">Its name, e.g. 场发射扫描电子显微镜.</param>
/// <param name="PlatformId">The platform that owns it.</param>
/// <param name="Value">Original value of the unit (单台套原值, 万元).</param>
/// <param name="Fields">Codes of the fields it serves; the platform's when none are given.</param>
/// <param name="SharingStatus">Whether it is shared on the sharing platform.</param>
/// <param name="Model">Make and model.</param>
public sealed record InstrumentInput(
    string Key, string Name, string PlatformId, decimal Value, IReadOnlyList<string>? Fields = null, SharingStatus SharingStatus = SharingStatus.NotShared, string? Model = null);

/// <summary>An instrument and whether it counts as a shared large instrument (≥ 50 万元 and shared, 000).</summary>
public sealed record InstrumentStatus(Node Instrument, bool SharedLarge);

/// <summary>
/// Research instruments of platforms (000: 大型科研仪器共享): register one, change whether it is shared. A shared one of
/// 50 万元 or more counts as its platform's organisations' capability in matchmaking.
/// </summary>
public sealed class InstrumentRegistry(GraphWriter writer, Actor actor)
{
    readonly IGraphStore store = writer.Store;

    /// <summary>Registers an instrument, or updates one of the same key; located where its platform is.</summary>
    public async Task<InstrumentStatus> RegisterAsync(InstrumentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var platform = await PolicyGraph.RequireAsync(store, input.PlatformId, "platformId", cancellationToken, NodeKind.Platform).ConfigureAwait(false);
        if (input.Value <= 0)
            throw new InvalidInputException($"value: the original value must be more than 0 万元, not {input.Value}");
        IReadOnlyList<string> fields = input.Fields is { Count: > 0 } given ? given : platform.Properties.List("fields");
        if (fields.Count == 0)
            throw new InvalidInputException($"fields: name the fields the instrument serves; platform '{input.PlatformId}' has none to take");
        foreach (var code in fields)
        {
            if (TechnologyFields.Find(code) is null) throw new InvalidInputException($"fields: '{code}' is not a field of the taxonomy");
        }
        var properties = PropertyBag.Of(
            ("platform", platform.Key), ("region", platform.Properties.Text("region")), ("fields", fields.ToArray()),
            ("value", input.Value), ("sharingStatus", input.SharingStatus.ToString()), ("model", input.Model));
        var node = new NodeInput(NodeKind.Instrument, input.Key, input.Name, Properties: properties);
        var result = await PolicyGraph.WriteAsync(writer, actor, "registerInstrument", version, [new WriteOperation.UpsertNode(node)], cancellationToken).ConfigureAwait(false);
        return Status(result.Outcomes[0].Node!);
    }

    /// <summary>Changes whether an instrument is shared.</summary>
    public async Task<InstrumentStatus> ChangeSharingAsync(string instrumentId, SharingStatus status, CancellationToken cancellationToken = default)
    {
        var version = await store.GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var instrument = await PolicyGraph.RequireAsync(store, instrumentId, "instrumentId", cancellationToken, NodeKind.Instrument).ConfigureAwait(false);
        var changed = PolicyGraph.AsInput(instrument, instrument.Properties.With("sharingStatus", status.ToString()));
        var result = await PolicyGraph.WriteAsync(writer, actor, "changeInstrumentSharing", version, [new WriteOperation.UpsertNode(changed)], cancellationToken).ConfigureAwait(false);
        return Status(result.Outcomes[0].Node!);
    }

    static InstrumentStatus Status(Node node) => new(node, SharedInstruments.Counts(node.Properties));
}
