using GraphQL;
using GraphQL.Types;
using KnowledgeGraph.Api.Hosting.Auth;
using KnowledgeGraph.Api.Policy;
using KnowledgeGraph.Api.Writes;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Model;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.Instruments;

/// <summary>Research instruments of platforms (000: 大型科研仪器共享): registering one and changing whether it is shared.</summary>
public static class InstrumentFields
{
    /// <summary>Adds the mutation fields.</summary>
    public static void AddMutationsTo(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation.Field<InstrumentStatusType>("registerInstrument")
            .Description("Registers a research instrument of a platform (or updates the one of that key), located where the platform is. A shared one of 50 万元 or more counts as capability of the platform's organisations in matchmaking (000). 登记科研仪器。")
            .Argument<NonNullGraphType<InstrumentInputType>>("input", "The instrument. 科研仪器。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new InstrumentRegistry(c.Writer(), c.Actor()).RegisterAsync(InstrumentInputType.Read(c.Input("input")), c.CancellationToken).ConfigureAwait(false));

        mutation.Field<InstrumentStatusType>("changeInstrumentSharing")
            .Description("Changes whether an instrument is shared on the instrument sharing platform. 变更仪器共享状态。")
            .Argument<NonNullGraphType<IdGraphType>>("instrumentId", "The instrument. 科研仪器。")
            .Argument(PolicySchema.Enum(NodeKind.Instrument, "sharingStatus"), "status", a => a.Description = "The new status. 共享状态。")
            .RequireRole(Roles.Editor)
            .ResolveAsync(async c => await new InstrumentRegistry(c.Writer(), c.Actor()).ChangeSharingAsync(
                c.GetArgument<string>("instrumentId"), PolicySchema.ParseEnum<SharingStatus>(c.GetArgument<object>("status"), "status"), c.CancellationToken).ConfigureAwait(false));
    }
}

/// <summary>The input of an instrument.</summary>
public sealed class InstrumentInputType : InputObjectGraphType
{
    public InstrumentInputType()
    {
        Name = "RegisterInstrumentInput";
        Description = "A research instrument of a platform. 科研仪器。";
        Field<NonNullGraphType<StringGraphType>>("key").Description("Its key, e.g. the asset number. 主键。");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Its name. 名称。");
        Field<NonNullGraphType<IdGraphType>>("platformId").Description("The platform that owns it. 所属平台。");
        Field<NonNullGraphType<DecimalGraphType>>("value").Description("Original value of the unit (单台套原值, 万元). 原值。");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("fields").Description("Codes of the fields it serves; the platform's when left out. 技术领域。");
        Field("sharingStatus", PolicySchema.Enum(NodeKind.Instrument, "sharingStatus", nonNull: false)).Description("Whether it is shared; not shared when left out. 共享状态。");
        Field<StringGraphType>("model").Description("Make and model. 型号。");
    }

    internal static InstrumentInput Read(InputFields input) => new(
        input.RequiredText("key"), input.RequiredText("name"), input.RequiredText("platformId"),
        input.Decimal("value") ?? throw new InvalidInputException($"{input.Path}.value is required"),
        input.Texts("fields"), input.Enum<SharingStatus>("sharingStatus") ?? SharingStatus.NotShared, input.Text("model"));
}

/// <summary>An instrument and whether it counts as a shared large instrument.</summary>
public sealed class InstrumentStatusType : ObjectGraphType<InstrumentStatus>
{
    public InstrumentStatusType()
    {
        Name = "InstrumentRegistration";
        Description = "An instrument as recorded, and whether it counts as a shared large instrument (≥ 50 万元 and shared, 000). 科研仪器登记结果。";
        Field("instrument", PolicySchema.NonNull("Instrument")).Description("The instrument. 科研仪器。").Resolve(c => c.Source.Instrument);
        Field<NonNullGraphType<BooleanGraphType>>("sharedLarge")
            .Description("Shared and worth 50 万元 or more: counted as capability in matchmaking. 计入共享大型科研仪器。").Resolve(c => c.Source.SharedLarge);
    }
}
