// The first operations GraphiQL opens with, one tab per kind of user; all run on the sample data.
export interface Example {
  query: string;
  headers?: string;
}

export function examples(authorization: string | null): Example[] {
  const headers = authorization ? JSON.stringify({ Authorization: authorization }, null, 2) : undefined;
  return [
    {
      query: `# Matchmaking staff (对接服务人员): find an enterprise by part of its name, then its best partners.
query MatchmakingFirstSteps {
  search(text: "精工", kinds: [ENTERPRISE], first: 5) { id kind name }
  recommendPartners(for: "Enterprise:91450205MA5K003121", scope: ANY, limit: 5) {
    rank score organization { name }
    parts { fieldFit capability trackRecord proximity practical }
    explanation introducers { name }
  }
}
`,
    },
    {
      query: `# Policy researchers (政策研究人员): the indicators of a region and year, and who works with whom.
query ResearchFirstSteps {
  indicators(region: "450000", year: 2024) { name value unit target { value year seed } gap met }
  collaborationNetwork(where: { region: "450200" }) { statistics { nodes edges components inRegionShare } }
  rankings(metric: PAGE_RANK, where: { region: "450000" }, top: 5) { top { rank score organization { name } } }
}
`,
    },
    {
      query: `# The tech-transfer platform (科技成果转移转化综合服务平台): open challenges, soonest deadline first.
# Writes need a token with the editor role, set under Headers below:
#   {"Authorization": "Bearer <token>"}   (dotnet run --project src/Graph.Api -- token --role editor --subject me)
query PlatformFirstSteps {
  challenges(where: { status: { in: [PUBLISHED, APPLYING, REVIEWING] } }, order: [{ deadline: ASC }], first: 10) {
    nodes { id name status budget deadline posters { nodes { name } } }
  }
}
`,
      headers,
    },
    {
      query: `# Analysts: confidential figures and the policy lists need a token with the analyst role, set under Headers:
#   {"Authorization": "Bearer <token>"}   (dotnet run --project src/Graph.Api -- token --role analyst --subject me)
query AnalystFirstSteps {
  policyList(list: DOUBLE_ZERO, region: "450000", first: 20) { name totalCount nodes { name creditCode revenue } }
}
`,
      headers,
    },
  ];
}
