// Every operation the app sends, with the shape of its answer. Confidential figures (revenue, R&D expenditure,
// employees) are asked for only when the signed-in token has the analyst role: without it they never reach the browser.

export interface NodeRef {
  id: string;
  kind: string;
  name: string;
  nameEn?: string | null;
}

export interface SearchHit extends NodeRef {
  aliases: string[];
  region?: { name: string } | null;
}

export const SEARCH = `query Search($text: String!, $kinds: [NodeKind!]) {
  search(text: $text, kinds: $kinds, first: 20) {
    id kind name nameEn aliases
    ... on Organization { region { name } }
    ... on Platform { region { name } }
    ... on Challenge { region { name } }
  }
}`;

export interface LinkEdge {
  node: NodeRef;
  link: { startDate: string | null; endDate: string | null; source: string | null };
}

export interface Connection {
  totalCount: number;
  edges: LinkEdge[];
}

export const LINK_FIELDS = [
  'hostedPlatforms',
  'leads',
  'coBuiltPlatforms',
  'memberships',
  'postedChallenges',
  'challengeApplications',
  'awardedChallenges',
  'pairings',
  'projects',
  'cooperationAgreements',
  'transfersMade',
  'transfersReceived',
] as const;

export type LinkField = (typeof LINK_FIELDS)[number];

const linkSelection = (field: string) =>
  `${field}(first: 30) { totalCount edges { node { id kind name nameEn } link { startDate endDate source } } }`;

export interface Organization extends NodeRef {
  aliases: string[];
  website: string | null;
  description: string | null;
  region: { code: string; name: string } | null;
  fields?: { name: string }[];
  creditCode?: string;
  revenue?: number | null;
  rdExpenditure?: number | null;
  employees?: number | null;
  links: Partial<Record<LinkField, Connection>>;
}

export function organizationQuery(analyst: boolean): string {
  const common = LINK_FIELDS.filter((f) => f !== 'pairings').map(linkSelection).join('\n      ');
  return `query Organization($id: ID!) {
  node(id: $id) {
    id kind name nameEn aliases
    ... on Organization {
      website description region { code name }
      ${common}
    }
    ... on Enterprise { creditCode fields { name } ${analyst ? 'revenue rdExpenditure employees' : ''} ${linkSelection('pairings')} }
    ... on University { fields { name } ${linkSelection('pairings')} }
    ... on ResearchInstitute { fields { name } ${linkSelection('pairings')} }
  }
  collaborators(of: $id, first: 60) {
    totalCount
    edges {
      node { id kind name nameEn }
      weight
      collaboration { kinds firstDate lastDate evidence { kind through { id kind name nameEn } from to } }
    }
  }
}`;
}

export interface CollaboratorEdge {
  node: NodeRef;
  weight: number;
  collaboration: {
    kinds: string[];
    firstDate: string | null;
    lastDate: string | null;
    evidence: { kind: string; through: NodeRef | null; from: string | null; to: string | null }[];
  };
}

export interface OrganizationAnswer {
  node: (Organization & Record<string, unknown>) | null;
  collaborators: { totalCount: number; edges: CollaboratorEdge[] };
}

export const NODE_NAME = `query NodeName($id: ID!) { node(id: $id) { id kind name nameEn } }`;

export interface Recommendation {
  rank: number;
  score: number;
  organization: NodeRef & { region: { name: string } | null };
  parts: Record<'fieldFit' | 'capability' | 'trackRecord' | 'proximity' | 'practical', number>;
  explanation: string;
  explanationEn: string;
  weakEvidence: boolean;
  introducers: NodeRef[];
}

export const RECOMMEND = `query Recommend($for: ID!, $kinds: [NodeKind!], $scope: PartnerScope, $excludeExisting: Boolean, $weights: MatchmakingWeightsInput) {
  recommendPartners(for: $for, kinds: $kinds, scope: $scope, excludeExisting: $excludeExisting, weights: $weights, limit: 20) {
    rank score
    organization { id kind name nameEn region { name } }
    parts { fieldFit capability trackRecord proximity practical }
    explanation explanationEn weakEvidence
    introducers { id kind name nameEn }
  }
}`;

export interface Tie {
  sourceId: string;
  targetId: string;
  kinds: string[];
  weight: number;
}

export const COLLABORATORS = `query Collaborators($of: ID!, $kinds: [CollaborationKind!], $since: Date, $until: Date) {
  collaborators(of: $of, kinds: $kinds, since: $since, until: $until, first: 200) {
    totalCount
    edges { node { id kind name nameEn } weight collaboration { kinds } }
  }
}`;

// The network's lists are paged (at most 500 a page): the explorer asks for the next page of whichever list has more.
export const REGION_NETWORK = `query RegionNetwork($where: CollaborationNetworkInput, $organizationsAfter: String, $tiesAfter: String, $organizationsFirst: Int, $tiesFirst: Int) {
  collaborationNetwork(where: $where) {
    organizations(first: $organizationsFirst, after: $organizationsAfter) { nodes { id kind name nameEn } pageInfo { hasNextPage endCursor } }
    ties(first: $tiesFirst, after: $tiesAfter) { nodes { sourceId targetId kinds weight } pageInfo { hasNextPage endCursor } }
  }
}`;

export interface PageOf<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface RegionNetworkAnswer {
  collaborationNetwork: { organizations: PageOf<NodeRef>; ties: PageOf<Tie> };
}

export interface PathAnswer {
  collaborationPaths: {
    hops: number;
    organizations: NodeRef[];
    steps: { kinds: string[]; firstDate: string | null; lastDate: string | null }[];
  }[];
}

// Each step's kinds of tie and dates: its full evidence (which platform, project, …) is on the organisation page, since
// evidence per step of every path is more than the complexity limit allows in one operation.
export const PATHS = `query Paths($from: ID!, $to: ID!) {
  collaborationPaths(from: $from, to: $to, maxHops: 4, limit: 3) {
    hops
    organizations { id kind name nameEn }
    steps { kinds firstDate lastDate }
  }
}`;

export interface Indicator {
  indicator: string;
  name: string;
  /** Null, with the counts, when the indicator rests on fewer than 3 enterprises and the caller is not an analyst. */
  value: number | null;
  suppressed: boolean;
  unit: string;
  numerator: number | null;
  denominator: number | null;
  target: { value: number; atLeast: boolean; year: number; seed: string } | null;
  gap: number | null;
  met: boolean | null;
}

export const INDICATORS = `query Indicators($region: String, $year: Int!) {
  indicators(region: $region, year: $year) {
    indicator name value suppressed unit numerator denominator
    target { value atLeast year seed }
    gap met
  }
}`;

export const REGIONS = `query Regions {
  regions(where: { level: { in: [PROVINCE, CITY] }, code: { startsWith: "45" } }, order: [{ key: ASC }], first: 50) {
    nodes { code name nameEn }
  }
}`;

export const POLICY_LISTS = [
  'DOUBLE_ZERO',
  'STATE_OWNED_WITHOUT_RD',
  'STATE_OWNED_ABOVE_SCALE_INDUSTRIAL',
  'ABOVE_SCALE_DOUBLE_RAISE',
  'HIGH_TECH_TO_SCALE',
  'ABOVE_SCALE_TO_HIGH_TECH',
  'CULTIVATION_POOL',
] as const;

export interface ListedEnterprise {
  id: string;
  name: string;
  creditCode: string;
  region: { name: string } | null;
  revenue: number | null;
  employees: number | null;
  rdExpenditure: number | null;
}

export const POLICY_LIST = `query PolicyList($list: PolicyList!, $region: String, $year: Int, $after: String) {
  policyList(list: $list, region: $region, year: $year, first: 100, after: $after) {
    name totalCount
    nodes { id name creditCode region { name } revenue employees rdExpenditure }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface CommunitiesAnswer {
  communities: { memberships: { nodes: { organizationId: string; community: number }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
}

export const COMMUNITIES = `query Communities($where: CollaborationNetworkInput, $after: String) {
  communities(where: $where) { memberships(first: 500, after: $after) { nodes { organizationId community } pageInfo { hasNextPage endCursor } } }
}`;

export interface RankingAnswer {
  rankings: { top: { score: number; organization: { id: string } }[] };
}

// PageRank of the network drawn: computed on the selection itself (scope), not on the whole network.
export const PAGE_RANKS = `query PageRanks($where: CollaborationNetworkInput) {
  rankings(metric: PAGE_RANK, where: $where, scope: $where, top: 1000) { top { score organization { id } } }
}`;

export interface FilingItem {
  key: string;
  name: string;
  nameEn: string;
  required: string;
  actual: string;
  passed: boolean;
  shortfall: string | null;
}

export const FILING_CHECK = `query FilingCheck($input: FilingFactsInput!) {
  filingCheck(input: $input) {
    passed standardSize notes
    items { key name nameEn required actual passed shortfall }
  }
}`;

export const CHALLENGES = `query Challenges {
  challenges(order: [{ name: ASC }], first: 100) { nodes { id name nameEn status } }
}`;

export interface Lifecycle {
  kind: string;
  status: string;
  history: { status: string; on: string; label: string }[];
  nextStates: string[];
  poster: NodeRef | null;
  applicants: NodeRef[];
  winner: NodeRef | null;
  budget: number | null;
  publicFundingShare: number | null;
}

export const CHALLENGE_LIFECYCLE = `query ChallengeLifecycle($id: ID!) {
  challengeLifecycle(id: $id) {
    kind status
    history { status on label }
    nextStates
    poster { id kind name nameEn }
    applicants { id kind name nameEn }
    winner { id kind name nameEn }
    budget publicFundingShare
  }
}`;
