import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

// Chinese first; every string the app shows, in both languages.
const strings = {
  appName: ['区域创新知识图谱', 'Regional Innovation Knowledge Graph'],
  navSearch: ['检索', 'Search'],
  navNetwork: ['合作网络', 'Network'],
  navIndicators: ['政策指标', 'Indicators'],
  navLists: ['政策清单', 'Policy lists'],
  navShortlist: ['候选名单', 'Shortlist'],
  navSignIn: ['登录', 'Sign in'],
  navSignOut: ['退出', 'Sign out'],
  anonymous: ['未登录', 'Not signed in'],
  searchPlaceholder: ['输入单位名称、简称或其中几个字，如“精工”“广西”', 'Type part of a name or alias, e.g. 精工, 广西'],
  searchHint: ['企业、高校、科研院所、平台、揭榜挂帅项目……边输入边检索。', 'Enterprises, universities, institutes, platforms, challenges… found as you type.'],
  noResults: ['没有找到', 'Nothing found'],
  allKinds: ['全部类型', 'All kinds'],
  loading: ['加载中…', 'Loading…'],
  facts: ['基本信息', 'Facts'],
  region: ['所在地区', 'Region'],
  fieldsLabel: ['领域', 'Fields'],
  aliases: ['简称', 'Aliases'],
  creditCode: ['统一社会信用代码', 'Credit code'],
  website: ['网站', 'Website'],
  revenue: ['营业收入（万元）', 'Revenue (10k yuan)'],
  rdExpenditure: ['研发费用（万元）', 'R&D expenditure (10k yuan)'],
  employees: ['从业人员', 'Employees'],
  confidentialHidden: ['营业收入、研发费用、从业人员为保密数据：以“分析人员”身份登录后可见。', 'Revenue, R&D expenditure and employees are confidential: sign in with the analyst role to see them.'],
  links: ['关联', 'Links'],
  collaborators: ['合作单位', 'Collaborators'],
  evidence: ['合作依据', 'Evidence'],
  start: ['开始', 'Start'],
  end: ['结束', 'End'],
  source: ['来源', 'Source'],
  weight: ['权重', 'Weight'],
  findPartners: ['推荐合作伙伴', 'Recommend partners'],
  showNetwork: ['查看合作网络', 'Show network'],
  partnersFor: ['合作伙伴推荐：', 'Partners for '],
  rank: ['排名', 'Rank'],
  score: ['得分', 'Score'],
  scoreParts: ['得分构成', 'Score parts'],
  explanation: ['推荐理由', 'Why'],
  introducers: ['可引荐单位', 'Introducers'],
  kindsFilter: ['推荐类型', 'Kinds'],
  scope: ['范围', 'Scope'],
  scopeANY: ['不限', 'Any'],
  scopeIN_REGION: ['区内', 'In region'],
  scopeOUT_OF_REGION: ['区外', 'Out of region'],
  scopeABROAD: ['国外', 'Abroad'],
  excludeExisting: ['排除已合作单位', 'Exclude current collaborators'],
  weights: ['权重', 'Weights'],
  wfield: ['领域匹配', 'Field fit'],
  wcapability: ['平台能力', 'Capability'],
  wtrackRecord: ['合作业绩', 'Track record'],
  wproximity: ['网络邻近', 'Proximity'],
  wregion: ['地理邻近', 'Region'],
  wload: ['对接负荷', 'Load'],
  partfieldFit: ['领域匹配', 'Field fit'],
  partcapability: ['平台能力', 'Capability'],
  parttrackRecord: ['合作业绩', 'Track record'],
  partproximity: ['网络邻近', 'Proximity'],
  partpractical: ['地理与负荷', 'Practical'],
  addToShortlist: ['加入候选', 'Add to shortlist'],
  inShortlist: ['已加入', 'On shortlist'],
  remove: ['移除', 'Remove'],
  shortlistEmpty: ['候选名单为空：在“推荐合作伙伴”中加入。', 'The shortlist is empty: add partners from a recommendation.'],
  downloadCsv: ['下载 CSV', 'Download CSV'],
  downloadXlsx: ['下载 Excel', 'Download Excel'],
  recommendedFor: ['推荐给', 'Recommended for'],
  networkOf: ['合作网络：', 'Network of '],
  networkHint: ['点击节点展开其合作单位；拖动、滚轮缩放。', 'Click a node to expand its collaborators; drag and scroll to move and zoom.'],
  regionNetwork: ['地区网络', 'Region network'],
  year: ['年份', 'Year'],
  tieKinds: ['合作类型', 'Tie kinds'],
  since: ['起始日期', 'Since'],
  until: ['截止日期', 'Until'],
  show: ['显示', 'Show'],
  pathFinder: ['合作路径', 'Path finder'],
  pathFrom: ['从', 'From'],
  pathTo: ['到', 'To'],
  findPath: ['查找路径', 'Find paths'],
  noPath: ['四步之内没有合作路径', 'No path within four steps'],
  hops: ['步', 'hops'],
  nodes: ['节点', 'nodes'],
  edges: ['连线', 'ties'],
  downloadShown: ['下载所示网络', 'Download what is shown'],
  legend: ['图例', 'Legend'],
  colourBy: ['颜色', 'Colour by'],
  byKind: ['按类型', 'kind'],
  byCommunity: ['按社区（Louvain）', 'community (Louvain)'],
  sizeBy: ['大小', 'Size by'],
  byDegree: ['按连线数', 'ties shown'],
  indicatorsTitle: ['政策指标', 'Policy indicators'],
  value: ['现值', 'Value'],
  target: ['目标', 'Target'],
  gap: ['差距', 'Gap'],
  met: ['达标', 'Met'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
  listsTitle: ['政策清单', 'Policy lists'],
  listsNeedAnalyst: ['政策清单会透露企业营业收入，需以“分析人员”身份登录。', 'Policy lists reveal revenue: sign in with the analyst role.'],
  name: ['名称', 'Name'],
  total: ['共', 'Total'],
  signInTitle: ['登录', 'Sign in'],
  signInHelp: ['粘贴服务签发的令牌（管理员运行：dotnet run --project src/Graph.Api -- token --role analyst --subject 姓名）。', 'Paste a token the service issued (an administrator runs: dotnet run --project src/Graph.Api -- token --role analyst --subject NAME).'],
  token: ['令牌', 'Token'],
  signedInAs: ['已登录：', 'Signed in as '],
  roles: ['角色', 'Roles'],
  expires: ['有效期至', 'Expires'],
  invalidToken: ['令牌无效或已过期', 'The token is not valid or has expired'],
  error: ['出错了', 'Something went wrong'],
  kind_ENTERPRISE: ['企业', 'Enterprise'],
  kind_UNIVERSITY: ['高校', 'University'],
  kind_RESEARCH_INSTITUTE: ['科研院所', 'Research institute'],
  kind_GOVERNMENT_BODY: ['政府部门', 'Government body'],
  kind_PLATFORM: ['创新平台', 'Platform'],
  kind_CONSORTIUM: ['创新联合体', 'Consortium'],
  kind_CHALLENGE: ['揭榜挂帅', 'Challenge'],
  kind_PROJECT: ['科技项目', 'Project'],
  kind_ACHIEVEMENT: ['科技成果', 'Achievement'],
  kind_REGION: ['行政区划', 'Region'],
  kind_FIELD: ['技术领域', 'Field'],
  kind_PERSON: ['人员', 'Person'],
  tie_PLATFORM: ['共建平台', 'Platform'],
  tie_CONSORTIUM: ['创新联合体', 'Consortium'],
  tie_PAIRING: ['结对子', 'Pairing'],
  tie_PROJECT: ['共同项目', 'Project'],
  tie_CHALLENGE: ['揭榜挂帅', 'Challenge'],
  tie_AGREEMENT: ['合作协议', 'Agreement'],
  tie_TECHNOLOGY_CONTRACT: ['技术合同', 'Technology contract'],
  tie_COMMISSIONER: ['科技特派员', 'Commissioner'],
  link_hostedPlatforms: ['依托平台', 'Hosted platforms'],
  link_leads: ['牵头', 'Leads'],
  link_coBuiltPlatforms: ['共建平台', 'Co-built platforms'],
  link_memberships: ['参加的联合体', 'Consortia'],
  link_postedChallenges: ['发布的揭榜挂帅', 'Challenges posted'],
  link_challengeApplications: ['揭榜申报', 'Challenge applications'],
  link_awardedChallenges: ['揭榜成功', 'Challenges won'],
  link_pairings: ['结对子', 'Pairings'],
  link_projects: ['科技项目', 'Projects'],
  link_cooperationAgreements: ['合作协议', 'Agreements'],
  link_transfersMade: ['技术转让（出）', 'Transfers made'],
  link_transfersReceived: ['技术转让（入）', 'Transfers received'],
} satisfies Record<string, [string, string]>;

export type TextKey = keyof typeof strings;

export const LangContext = createContext<Lang>('zh');

export function text(lang: Lang, key: TextKey): string {
  return strings[key][lang === 'zh' ? 0 : 1];
}

/** The translator of the current language. */
export function useT(): (key: TextKey) => string {
  const lang = useContext(LangContext);
  return (key) => text(lang, key);
}

export function useLang(): Lang {
  return useContext(LangContext);
}

/** A name in the current language: the English name where there is one and English is chosen. */
export function displayName(lang: Lang, node: { name: string; nameEn?: string | null }): string {
  return lang === 'en' && node.nameEn ? node.nameEn : node.name;
}

export function kindText(lang: Lang, kind: string): string {
  const key = `kind_${kind}` as TextKey;
  return key in strings ? text(lang, key) : kind;
}

export function tieText(lang: Lang, kind: string): string {
  const key = `tie_${kind}` as TextKey;
  return key in strings ? text(lang, key) : kind;
}
