using KnowledgeGraph.Domain.Model;

namespace KnowledgeGraph.Api.Tests.Exchange;

/// <summary>
/// <c>import</c> and <c>import --check</c> judge the filing rounds (002 六(三)), a filed institution's host and 一企一员一案
/// (001 三(三)) as a mutation does: a broken rule is reported under "(policy rules)", the exit code is 1 and nothing is written.
/// </summary>
public sealed class ImportRuleTests : IDisposable
{
    const string BodyHeader = "key,name,region,level,filingRounds\n";
    const string Body = "lz-kjj,柳州市示例科技局,450200,City,2026-H1 2026-03-01 2026-04-30 City 2026年上半年研发机构申报\n";
    const string PlatformHeader = "key,name,region,platformType,level,status,filingRound,applicationStatus,appliedOn\n";
    const string CaseHeader = "creditCode,name,region,caseStage,caseOpenedOn,caseOfficer\n";

    readonly ExchangeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    static string Application(string round, string appliedOn) => $"rd-1,柳州示例精工研发中心,450204,RdInstitution,City,Filed,GovernmentBody:lz-kjj/{round},Submitted,{appliedOn}\n";

    async Task<(VerbRun Check, VerbRun Import)> BothAsync(string name, Dictionary<string, string> files)
    {
        var check = await ExchangeWorkspace.RunAsync(_workspace.PathOf("graph.db"), "import", "--check", _workspace.WriteFolder(name + "-check", files));
        var import = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder(name, files));
        return (check, import);
    }

    static void Refused((VerbRun Check, VerbRun Import) runs, string expected)
    {
        Assert.True(runs.Check.ExitCode == 1, runs.Check.ToString());
        Assert.True(runs.Import.ExitCode == 1, runs.Import.ToString());
        Assert.Contains("(policy rules):0: RULE_VIOLATION: " + expected, runs.Check.Error);
        Assert.Contains("(policy rules):0: RULE_VIOLATION: " + expected, runs.Import.Error);
    }

    [Fact]
    public async Task AnApplicationInARoundItsHolderDoesNotHoldOrOutsideTheRoundIsRefusedByTheCheckAndTheImport()
    {
        var files = new Dictionary<string, string> { ["nodes/GovernmentBody.csv"] = BodyHeader + Body, ["nodes/Platform.csv"] = PlatformHeader + Application("2026-H2", "2026-03-15") };
        var unheld = await BothAsync("unheld", files);
        files["nodes/Platform.csv"] = PlatformHeader + Application("2026-H1", "2026-05-15");
        var late = await BothAsync("late", files);
        var (refused, _) = await _workspace.StateAsync("graph.db");
        files["nodes/Platform.csv"] = PlatformHeader + Application("2026-H1", "2026-03-15");
        var applied = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("applied", files));
        // The holder's row again, without the round: it would replace the stored body and drop the round.
        var dropped = await BothAsync("dropped", new() { ["nodes/GovernmentBody.csv"] = "key,name,region,level\nlz-kjj,柳州市示例科技局,450200,City\n" });

        Refused(unheld, "Platform:rd-1 applied in the filing round '2026-H2' of GovernmentBody:lz-kjj, but GovernmentBody:lz-kjj does not hold the round");
        Refused(late, "Platform:rd-1 applied on 2026-05-15 in round '2026-H1' of GovernmentBody:lz-kjj (open 2026-03-01 to 2026-04-30): applications are taken only while a round is open (002 六(三))");
        Assert.Equal(0, refused.Nodes.GetValueOrDefault(NodeKind.Platform));
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Refused(dropped, "Platform:rd-1 applied in the filing round '2026-H1' of GovernmentBody:lz-kjj, but GovernmentBody:lz-kjj does not hold the round");
        await using var store = await _workspace.OpenStoreAsync("graph.db");
        Assert.Single((await store.GetNodeAsync("GovernmentBody:lz-kjj"))!.Properties.List("filingRounds"));
    }

    [Fact]
    public async Task AFiledInstitutionThatNoEnterpriseHostsIsRefusedByTheCheckAndTheImport()
    {
        var files = new Dictionary<string, string>
        {
            ["nodes/Platform.csv"] = "key,name,region,platformType,level,status,filedOn\nrd-2,柳州示例精工研发中心,450204,RdInstitution,City,Filed,2025-03-01\n",
            ["nodes/University.csv"] = "key,name,region\ndemo-host-univ,示例依托大学,450100\n",
            ["links/HOSTS.csv"] = "from,to\nUniversity:demo-host-univ,Platform:rd-2\n",
        };
        var unhosted = await BothAsync("unhosted", files);
        var (refused, _) = await _workspace.StateAsync("graph.db");
        files["nodes/Enterprise.csv"] = "creditCode,name,region\n91450204MA5K00013L,柳州示例精工机械有限公司,450204\n";
        files["links/HOSTS.csv"] = "from,to\nEnterprise:91450204MA5K00013L,Platform:rd-2\n";
        var hosted = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("hosted", files));

        Refused(unhosted, "the filed R&D institution Platform:rd-2 (柳州示例精工研发中心, filed on 2025-03-01) is hosted by no enterprise (HOSTS)");
        Assert.Equal(0, refused.Nodes.GetValueOrDefault(NodeKind.Platform));
        Assert.True(hosted.ExitCode == 0, hosted.ToString());
    }

    [Fact]
    public async Task AnOpenCaseWithoutAnOfficerTheGraphHoldsIsRefusedByTheCheckAndTheImport()
    {
        var files = new Dictionary<string, string> { ["nodes/Enterprise.csv"] = CaseHeader + "91450204MA5K00013L,柳州示例精工机械有限公司,450204,Monitoring,2025-03-01,\n" };
        var noOfficer = await BothAsync("no-officer", files);
        files["nodes/Enterprise.csv"] = CaseHeader + "91450204MA5K00013L,柳州示例精工机械有限公司,450204,Warning,2025-03-01,li\n";
        var absent = await BothAsync("absent", files);
        var (refused, _) = await _workspace.StateAsync("graph.db");
        files["nodes/Person.csv"] = "key,name,region\nli,李示例,450204\n";
        var served = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("served", files));

        Refused(noOfficer, "the open case of Enterprise:91450204MA5K00013L (一企一员一案) names no officer (caseOfficer)");
        Refused(absent, "the open case of Enterprise:91450204MA5K00013L (一企一员一案) names the officer Person:li, a person the graph does not hold");
        Assert.Equal(0, refused.Nodes.GetValueOrDefault(NodeKind.Enterprise));
        Assert.True(served.ExitCode == 0, served.ToString());
    }
}
