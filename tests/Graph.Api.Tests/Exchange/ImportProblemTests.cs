namespace KnowledgeGraph.Api.Tests.Exchange;

/// <summary>
/// Every kind of bad row is reported as <c>file:line: column: reason</c>, the exit code is 1, and the store is left as
/// it was: same counts, same data version.
/// </summary>
public sealed class ImportProblemTests : IDisposable
{
    private const string EnterpriseHeader = "creditCode,name,region,fields,revenue,foundedOn\n";
    private const string GoodEnterprise = "91450204MA5K00013L,柳州示例精工机械有限公司,450204,machinery,40000,2006-03-15\n";

    private readonly ExchangeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static Dictionary<string, string> GoodFiles() => new()
    {
        ["nodes/Enterprise.csv"] = EnterpriseHeader + GoodEnterprise,
        ["nodes/University.csv"] = "key,name,locality\ngxu,广西大学,InRegion\n",
        ["nodes/Platform.csv"] = "key,name,level\npf-1,示例平台,Provincial\n",
        ["links/PAIRED_WITH.csv"] = "from,to,startDate\nEnterprise:91450204MA5K00013L,University:gxu,2020-01-01\n",
    };

    public static TheoryData<string, string, string> BadRows() => new()
    {
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450204MA5K00013X,坏代码公司,450204,,10,\n",
            "nodes/Enterprise.csv:3: creditCode: check character is 'X', expected 'L'" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450902MA5K00021N,未知地区公司,459999,,10,\n",
            "nodes/Enterprise.csv:3: region: '459999' is not a known region (the nearest known one is 450000 广西壮族自治区)" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450206MA5K00030A,未知领域公司,450206,flying-cars,10,\n",
            "nodes/Enterprise.csv:3: fields: 'flying-cars' is not a known field code" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450108MA5K00048U,数字错误公司,450108,,12x,\n",
            "nodes/Enterprise.csv:3: revenue: '12x' is not a decimal number (write digits with '.', e.g. 52000.5)" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450403MA5K00056X,日期错误公司,450403,,1,2023-13-01\n",
            "nodes/Enterprise.csv:3: foundedOn: '2023-13-01' is not a date (yyyy-MM-dd)" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450204MA5K00013L,重复公司,450204,,1,\n",
            "nodes/Enterprise.csv:3: creditCode: duplicate key: '91450204MA5K00013L' is also on line 2" },
        { "nodes/Enterprise.csv", "creditCode,name,Revenue\n91450204MA5K00013L,柳州示例精工机械有限公司,1\n",
            "nodes/Enterprise.csv:1: Revenue: unknown column (did you mean 'revenue'?)" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450312MA5K00072F,少列公司\n",
            "nodes/Enterprise.csv:3: row: the row has 2 values, the header has 6 columns" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450802MA5K00064Y,\"引号\"错误公司,450802,,1,\n",
            "nodes/Enterprise.csv:3: row: text after a closing quote: double the quotes inside a quoted value" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450802MA5K00064Y,,450802,,1,\n",
            "nodes/Enterprise.csv:3: name: a name is required" },
        { "nodes/Platform.csv", "key,name,level\npf-1,示例平台,Galactic\n",
            "nodes/Platform.csv:2: level: 'Galactic' is not one of National (国家级), Provincial (自治区级), City (市级), Departmental (厅局级)" },
        { "links/PAIRED_WITH.csv", "from,to\nEnterprise:91450204MA5K00013L,University:nowhere\n",
            "links/PAIRED_WITH.csv:2: to: no node 'University:nowhere' in the files or the store" },
        { "links/PAIRED_WITH.csv", "from,to\nEnterprise:91450204MA5K00013L,Platform:pf-1\n",
            "links/PAIRED_WITH.csv:2: to: PAIRED_WITH cannot have a Platform at its to end (allowed: University, ResearchInstitute)" },
        { "links/PAIRED_WITH.csv", "from,to,startDate\nEnterprise:91450204MA5K00013L,University:gxu,2020-01-01\nEnterprise:91450204MA5K00013L,University:gxu,2021-01-01\n",
            "links/PAIRED_WITH.csv:3: to: the same link (from, to) is on line 2; give each a different key" },
        { "links/PAIRED_WITH.csv", "from,to,startDate,endDate\nEnterprise:91450204MA5K00013L,University:gxu,2021-01-01,2020-01-01\n",
            "links/PAIRED_WITH.csv:2: endDate: 2020-01-01 is before the start date 2021-01-01" },
        { "nodes/Enterprise.csv", "creditCode,name,region,industrial,revenue,dataYear,aboveDesignatedSize\n91450204MA5K00013L,柳州示例精工机械有限公司,450204,true,1999.99,2024,true\n",
            "nodes/Enterprise.csv:2: aboveDesignatedSize: aboveDesignatedSize true contradicts the figures of 2024: an industrial enterprise with revenue 1999.99 万元 is not 规上 (industrial and revenue ≥ 2000 万元); leave the flag out, it is derived" },
        { "nodes/Enterprise.csv", "creditCode,name,region,industrial,revenue,aboveDesignatedSize\n91450204MA5K00013L,柳州示例精工机械有限公司,450204,true,2000,false\n",
            "nodes/Enterprise.csv:2: aboveDesignatedSize: aboveDesignatedSize false contradicts the figures: an industrial enterprise with revenue 2000 万元 is 规上 (industrial and revenue ≥ 2000 万元); leave the flag out, it is derived" },
        { "nodes/Enterprise.csv", "creditCode,name,region,yearlyFigures\n91450204MA5K00013L,柳州示例精工机械有限公司,450204,2023 revenue=3000;2023 revenue=3100\n",
            "nodes/Enterprise.csv:2: yearlyFigures: 2023 is given twice; give each year once" },
        { "nodes/Enterprise.csv", EnterpriseHeader + GoodEnterprise + "91450206MA5K00030A,柳州\u0007铃声公司,450206,,10,\n",
            "nodes/Enterprise.csv:3: name: the name holds U+0007 (a control character) at position 3" },
        { "nodes/University.csv", "key,name,locality\ngxu,广西大学,InRegion\nu-\u202Ex,示例反向大学,InRegion\n",
            "nodes/University.csv:3: key: the key holds U+202E (a bidirectional control) at position 3" },
        { "links/MADE_UP.csv", "from,to\n",
            "links/MADE_UP.csv:1: file: no link type is named so (the types are: SUBSIDIARY_OF, HOSTS, LEADS, CO_BUILDS, MEMBER_OF, POSTS, APPLIES_TO, AWARDED, PAIRED_WITH, PARTICIPATES_IN, COOPERATION_AGREEMENT, TRANSFERS, HOLDS, ABOUT, EMPLOYED_BY, COMMISSIONED_TO, SERVES_ON, DIAGNOSED, IDENTIFIES, POSTED_AS)" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task ABadRowIsReportedWithFileLineAndColumnAndNothingIsWritten(string file, string content, string expected)
    {
        var good = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("good", GoodFiles()));
        var before = await _workspace.StateAsync("graph.db");
        var files = GoodFiles();
        files[file] = content;
        // A new node beside the bad row: it must not be written either.
        files["nodes/University.csv"] += "new-univ,示例新大学,InRegion\n";

        var run = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("bad", files));

        var after = await _workspace.StateAsync("graph.db");
        Assert.Equal(0, good.ExitCode);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected + "\n", run.Error);
        Assert.Contains("nothing was imported", run.Error);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Counts.Nodes, after.Counts.Nodes);
        Assert.Equal(before.Counts.Links, after.Counts.Links);
    }

    [Fact]
    public async Task AnImportThatBreaksAPolicyRuleIsRefusedLikeAMutationAndWritesNothing()
    {
        var files = GoodFiles();
        files["nodes/Challenge.csv"] = "key,name,region,challengeKind,status,budget,postedOn,applyingOn,deadline\n"
            + "ch-1,示例攻关,450204,TechnologyBreakthrough,Awarded,100,2024-01-10,2024-02-01,2024-03-31\n";
        files["links/POSTS.csv"] = "from,to\nEnterprise:91450204MA5K00013L,Challenge:ch-1\n";
        files["links/APPLIES_TO.csv"] = "from,to,startDate\nUniversity:gxu,Challenge:ch-1,2024-04-15\n";
        files["links/AWARDED.csv"] = "from,to,startDate,amount\nEnterprise:91450204MA5K00013L,Challenge:ch-1,2024-05-01,120\n";

        var run = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("rules", files));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(policy rules):0: RULE_VIOLATION: challenge 'ch-1': University:gxu applied on 2024-04-15, after the deadline 2024-03-31", run.Error);
        Assert.Contains("challenge 'ch-1' cannot be awarded to Enterprise:91450204MA5K00013L: it did not apply", run.Error);
        Assert.Contains("the award to Enterprise:91450204MA5K00013L of 120 万元 is more than the budget of 100 万元", run.Error);
        var (counts, _) = await _workspace.StateAsync("graph.db");
        Assert.Equal(0, counts.Nodes.GetValueOrDefault(KnowledgeGraph.Domain.Model.NodeKind.Challenge));
    }

    [Fact]
    public async Task APairingsCommissionerMustServeTheEnterpriseOnItsFirstDayInTheCheckAndTheImport()
    {
        var files = GoodFiles();
        files["nodes/Person.csv"] = "key,name,region\nzhang,张示例,450103\n";
        files["links/PAIRED_WITH.csv"] = "from,to,startDate,commissioner\nEnterprise:91450204MA5K00013L,University:gxu,2020-01-01,zhang\n";
        const string Expected = "(policy rules):0: RULE_VIOLATION: pairing PAIRED_WITH|Enterprise:91450204MA5K00013L|University:gxu: "
            + "commissioner: 'Person:zhang' is not commissioned to 'Enterprise:91450204MA5K00013L' on 2020-01-01";

        var check = await ExchangeWorkspace.RunAsync(_workspace.PathOf("graph.db"), "import", "--check", _workspace.WriteFolder("unserved-check", files));
        var import = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("unserved", files));
        var (refused, _) = await _workspace.StateAsync("graph.db");
        // Commissioned from 2020-03-01: still not on the pairing's first day.
        files["links/COMMISSIONED_TO.csv"] = "from,to,startDate\nPerson:zhang,Enterprise:91450204MA5K00013L,2020-03-01\n";
        var late = await ExchangeWorkspace.RunAsync(_workspace.PathOf("graph.db"), "import", "--check", _workspace.WriteFolder("late", files));
        files["links/COMMISSIONED_TO.csv"] = "from,to,startDate\nPerson:zhang,Enterprise:91450204MA5K00013L,2019-09-01\n";
        var served = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("served", files));

        Assert.Equal(1, check.ExitCode);
        Assert.Contains(Expected, check.Error);
        Assert.Equal(1, import.ExitCode);
        Assert.Contains(Expected, import.Error);
        Assert.Equal(0, refused.Links.GetValueOrDefault(KnowledgeGraph.Domain.Model.LinkType.PairedWith));
        Assert.Equal(1, late.ExitCode);
        Assert.Contains(Expected, late.Error);
        Assert.True(served.ExitCode == 0, served.ToString());
        var (counts, _) = await _workspace.StateAsync("graph.db");
        Assert.Equal(1, counts.Links.GetValueOrDefault(KnowledgeGraph.Domain.Model.LinkType.PairedWith));
    }

    [Fact]
    public async Task ASecondDiagnosisTeamForAnIndustryAndRegionIsRefusedByTheCheckAndTheImport()
    {
        const string Header = "key,name,region,fields\n";
        var files = GoodFiles();
        files["nodes/DiagnosisTeam.csv"] = Header + "lz-nev,柳州市新能源汽车产业诊断团队,450200,new-energy-vehicles\n";
        var first = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("first-team", files));
        // One more for the same industry and region: against the store, and two in one file.
        files["nodes/DiagnosisTeam.csv"] = Header + "lz-nev-2,柳州市第二新能源汽车诊断团队,450200,new-energy-vehicles;automotive\n";
        var check = await ExchangeWorkspace.RunAsync(_workspace.PathOf("graph.db"), "import", "--check", _workspace.WriteFolder("second-check", files));
        var import = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("second", files));
        files["nodes/DiagnosisTeam.csv"] = Header + "nn-nev,南宁市新能源汽车产业诊断团队,450100,new-energy-vehicles\nnn-nev-2,南宁市第二新能源汽车诊断团队,450100,new-energy-vehicles\n";
        var twoInOneFile = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("two", files));

        Assert.True(first.ExitCode == 0, first.ToString());
        const string Expected = "(policy rules):0: RULE_VIOLATION: 一业一团: 450200 柳州市 already has the team 'lz-nev' (柳州市新能源汽车产业诊断团队) for the industry new-energy-vehicles 新能源汽车";
        Assert.Equal((1, 1, 1), (check.ExitCode, import.ExitCode, twoInOneFile.ExitCode));
        Assert.Contains(Expected, check.Error);
        Assert.Contains(Expected, import.Error);
        Assert.Contains("一业一团: 450100 南宁市 already has the team 'nn-nev'", twoInOneFile.Error);
        var (counts, _) = await _workspace.StateAsync("graph.db");
        Assert.Equal(1, counts.Nodes.GetValueOrDefault(KnowledgeGraph.Domain.Model.NodeKind.DiagnosisTeam));
    }

    [Fact]
    public async Task AnImportSaysHowManyStoredValuesItsRowsClear()
    {
        await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("first", GoodFiles()));
        var files = GoodFiles();
        // The enterprise's row leaves its fields and revenue empty: the import replaces the node, clearing both.
        files["nodes/Enterprise.csv"] = EnterpriseHeader + "91450204MA5K00013L,柳州示例精工机械有限公司,450204,,,2006-03-15\n";

        var run = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("second", files));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 stored property values cleared: the rows left them empty", run.Output);
    }

    [Fact]
    public async Task EveryProblemOfEveryFileIsListedInFileAndLineOrder()
    {
        var files = GoodFiles();
        files["nodes/Enterprise.csv"] = EnterpriseHeader + GoodEnterprise
            + "91450204MA5K00013X,坏代码公司,450204,,10,\n"
            + "91450902MA5K00021N,两处错误公司,459999,,lots,\n";
        files["links/PAIRED_WITH.csv"] = "from,to\nEnterprise:91450204MA5K00013L,University:nowhere\n";

        var run = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("bad", files));

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "nodes/Enterprise.csv:3: creditCode: check character is 'X', expected 'L'",
            "nodes/Enterprise.csv:4: revenue: 'lots' is not a decimal number (write digits with '.', e.g. 52000.5)",
            "nodes/Enterprise.csv:4: region: '459999' is not a known region (the nearest known one is 450000 广西壮族自治区)",
            "links/PAIRED_WITH.csv:2: to: no node 'University:nowhere' in the files or the store",
            "4 problems in 2 files: nothing was imported.",
        ], lines);
        var (counts, _) = await _workspace.StateAsync("graph.db");
        Assert.Equal(0, counts.LinkTotal);
        Assert.Equal(0, counts.Nodes.GetValueOrDefault(KnowledgeGraph.Domain.Model.NodeKind.Enterprise));
    }

    [Fact]
    public async Task LinksMayReferToNodesAlreadyInTheStoreAndEndsMayBeBareKeys()
    {
        await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("first", GoodFiles()));
        var links = _workspace.WriteFolder("links-only", new Dictionary<string, string>
        {
            ["links/HOSTS.csv"] = "from,to\nEnterprise:91450204ma5k00013l,pf-1\n",
        });

        var run = await _workspace.ImportAsync("graph.db", links);

        Assert.True(run.ExitCode == 0, run.ToString());
        await using var store = await _workspace.OpenStoreAsync("graph.db");
        Assert.NotNull(await store.GetLinkAsync("HOSTS|Enterprise:91450204MA5K00013L|Platform:pf-1"));
    }

    [Fact]
    public async Task AMissingFolderIsAClearError()
    {
        var run = await _workspace.ImportAsync("graph.db", _workspace.PathOf("nowhere"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("INVALID_INPUT", run.Error);
        Assert.Contains("is not a folder", run.Error);
    }
}

/// <summary>Importing a later year's figures keeps the earlier years: the series grows, the single-year columns follow the latest.</summary>
public sealed class ImportFiguresByYearTests : IDisposable
{
    private const string Header = "creditCode,name,region,industrial,employees,revenue,hasRdActivity,dataYear\n";

    private readonly ExchangeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task LoadingTheNextYearKeepsTheYearBeforeAndDerives规上FromEach()
    {
        var in2024 = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("2024", new Dictionary<string, string>
        {
            ["nodes/Enterprise.csv"] = Header + "91450204MA5K00013L,柳州示例精工机械有限公司,450204,true,320,1999.99,false,2024\n",
        }));
        var in2025 = await _workspace.ImportAsync("graph.db", _workspace.WriteFolder("2025", new Dictionary<string, string>
        {
            ["nodes/Enterprise.csv"] = Header + "91450204MA5K00013L,柳州示例精工机械有限公司,450204,true,330,2600,true,2025\n",
        }));

        await using var store = await _workspace.OpenStoreAsync("graph.db");
        var node = await store.GetNodeAsync("Enterprise:91450204MA5K00013L");
        Assert.Equal((0, 0), (in2024.ExitCode, in2025.ExitCode));
        Assert.Equal(["2024 employees=320 revenue=1999.99 hasRdActivity=false", "2025 employees=330 revenue=2600 hasRdActivity=true"],
            node!.Properties.List("yearlyFigures").ToArray());
        Assert.Equal((2025L, 2600m, true, "Medium"),
            (node.Properties.Integer("dataYear"), node.Properties.Decimal("revenue"), node.Properties.Flag("aboveDesignatedSize"), node.Properties.Text("sizeClass")));
        Assert.False(Domain.Rules.EnterpriseFigures.For(node.Properties, 2024)!.AboveDesignatedSizeFor(true));
    }
}
