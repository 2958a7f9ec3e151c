using System.Text.Json.Nodes;
using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Tests.Mutations;

/// <summary>Inputs and helpers shared by the mutation tests.</summary>
internal static class MutationTestData
{
    /// <summary>Valid unified social credit codes (GB 32100-2015): Liuzhou, Yulin, Shenzhen.</summary>
    public const string Liuzhou = "91450204MA5K00013L";
    public const string Yulin = "91450902MA5K00021N";
    public const string Huawei = "914403001922038216";

    public const string Payload = "{ dataVersion changes { id change } }";

    public const string UpsertEnterprise = $$"""
        mutation($input: EnterpriseInput!, $expected: Long) { upsertEnterprise(input: $input, expectedDataVersion: $expected) {{Payload}} }
        """;

    public const string UpsertUniversity = $$"""
        mutation($input: UniversityInput!) { upsertUniversity(input: $input) {{Payload}} }
        """;

    public const string LinkPairedWith = $$"""
        mutation($input: PairedWithInput!) { linkPairedWith(input: $input) {{Payload}} }
        """;

    public const string ApplyBatch = $$"""
        mutation($operations: [BatchOperationInput!]!, $expected: Long) { applyBatch(operations: $operations, expectedDataVersion: $expected) {{Payload}} }
        """;

    public static Dictionary<string, object?> Enterprise(string creditCode, string name = "柳州示例精工机械有限公司", params (string Name, object? Value)[] properties)
    {
        var input = new Dictionary<string, object?> { ["creditCode"] = creditCode, ["name"] = name };
        foreach (var (property, value) in properties)
            input[property] = value;
        return input;
    }

    public static Dictionary<string, object?> University(string key, string name = "示例科技大学") =>
        new() { ["key"] = key, ["name"] = name, ["region"] = "450200", ["locality"] = "IN_REGION" };

    public static object Pairing(string from, string to, string? startDate = "2021-03-01") =>
        new { from, to, startDate, source = "结对子名单" };

    /// <summary>The changes of a payload as (id, change) pairs.</summary>
    public static List<(string Id, string Change)> Changes(JsonNode? payload) =>
        (payload?["changes"] as JsonArray ?? []).Select(c => (c!["id"]!.GetValue<string>(), c["change"]!.GetValue<string>())).ToList();

    /// <summary>Property bags compared by value, shown in their canonical text when they differ.</summary>
    public static void AssertProperties(PropertyBag expected, PropertyBag? actual)
    {
        Assert.True(expected.Equals(actual), $"expected {expected}, got {actual}");
    }

    public static long DataVersion(JsonNode? payload) => payload!["dataVersion"]!.GetValue<long>();
}
