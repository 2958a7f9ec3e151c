// Every operation the app sends. Their TypeScript types (answers and variables) are generated from the service's
// schema into ./gql by `npm run codegen` (part of `npm run build`): `graphql(...)` returns the operation typed, and
// `gql()` in api.ts answers with that type. Confidential figures (revenue, R&D expenditure, employees) are asked for
// only by ORGANIZATION_WITH_FIGURES, sent only when the signed-in token has the analyst role: without it they never
// reach the browser.
import { graphql } from './gql';
import type {
  ChallengeLifecycleQuery,
  EvidenceFragment,
  FilingCheckQuery,
  IndicatorsQuery,
  OrganizationQuery,
  PathsQuery,
  PolicyList,
  PolicyListQuery,
  RecommendQuery,
  RegionNetworkQuery,
  SearchQuery,
} from './gql/graphql';

export type { ChallengeStatus, CollaborationKind, NodeKind, PolicyList } from './gql/graphql';

export type NodeRef = { id: string; kind: string; name: string; nameEn?: string | null };

export const SEARCH = graphql(`
  query Search($text: String!, $kinds: [NodeKind!]) {
    search(text: $text, kinds: $kinds, first: 20) {
      id kind name nameEn aliases
      ... on Organization { region { name } }
      ... on Platform { region { name } }
      ... on Challenge { region { name } }
    }
  }
`);

export type SearchHit = SearchQuery['search'][number];

// The links an organisation page lists, in this order; pairings are not on every organisation (only an enterprise,
// a university and an institute have them).
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

// An organisation page shows the first 5 of each list and 10 collaborators, enough to see what kinds of links it has;
// "more" asks for the next 50 of one list (OrganizationLinksPage includes only that list) or of the collaborators
// (OrganizationCollaboratorsPage), after the last cursor seen.
graphql(`
  fragment LinkedNode on Node { id kind name nameEn }
`);

graphql(`
  fragment LinkDates on Link { startDate endDate source }
`);

graphql(`
  fragment OrganizationLinks on Node {
    ... on Organization {
      hostedPlatforms(first: $linksFirst, after: $after) @include(if: $hostedPlatforms) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      leads(first: $linksFirst, after: $after) @include(if: $leads) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      coBuiltPlatforms(first: $linksFirst, after: $after) @include(if: $coBuiltPlatforms) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      memberships(first: $linksFirst, after: $after) @include(if: $memberships) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      postedChallenges(first: $linksFirst, after: $after) @include(if: $postedChallenges) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      challengeApplications(first: $linksFirst, after: $after) @include(if: $challengeApplications) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      awardedChallenges(first: $linksFirst, after: $after) @include(if: $awardedChallenges) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      projects(first: $linksFirst, after: $after) @include(if: $projects) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      cooperationAgreements(first: $linksFirst, after: $after) @include(if: $cooperationAgreements) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      transfersMade(first: $linksFirst, after: $after) @include(if: $transfersMade) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
      transfersReceived(first: $linksFirst, after: $after) @include(if: $transfersReceived) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } }
    }
    ... on Enterprise { pairings(first: $linksFirst, after: $after) @include(if: $pairings) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } } }
    ... on University { pairings(first: $linksFirst, after: $after) @include(if: $pairings) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } } }
    ... on ResearchInstitute { pairings(first: $linksFirst, after: $after) @include(if: $pairings) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...LinkedNode } link { ...LinkDates } } } }
  }
`);

graphql(`
  fragment OrganizationNode on Node {
    id kind name nameEn aliases
    ... on Organization { website description region { code name } }
    ... on Enterprise { creditCode fields { name } }
    ... on University { fields { name } }
    ... on ResearchInstitute { fields { name } }
    ...OrganizationLinks
  }
`);

graphql(`
  fragment Evidence on CollaborationEvidence { kind through { id kind name nameEn } from to }
`);

graphql(`
  fragment OrganizationCollaborators on Query {
    collaborators(of: $id, first: $collaboratorsFirst, after: $collaboratorsAfter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node { id kind name nameEn }
        weight
        collaboration { kinds firstDate lastDate evidence { ...Evidence } }
      }
    }
  }
`);

export const ORGANIZATION = graphql(`
  query Organization($id: ID!, $after: String, $collaboratorsAfter: String, $linksFirst: Int! = 5, $collaboratorsFirst: Int! = 10,
    $hostedPlatforms: Boolean! = true, $leads: Boolean! = true, $coBuiltPlatforms: Boolean! = true, $memberships: Boolean! = true, $postedChallenges: Boolean! = true, $challengeApplications: Boolean! = true, $awardedChallenges: Boolean! = true, $pairings: Boolean! = true, $projects: Boolean! = true, $cooperationAgreements: Boolean! = true, $transfersMade: Boolean! = true, $transfersReceived: Boolean! = true) {
    node(id: $id) { ...OrganizationNode }
    ...OrganizationCollaborators
  }
`);

export const ORGANIZATION_WITH_FIGURES = graphql(`
  query OrganizationWithFigures($id: ID!, $after: String, $collaboratorsAfter: String, $linksFirst: Int! = 5, $collaboratorsFirst: Int! = 10,
    $hostedPlatforms: Boolean! = true, $leads: Boolean! = true, $coBuiltPlatforms: Boolean! = true, $memberships: Boolean! = true, $postedChallenges: Boolean! = true, $challengeApplications: Boolean! = true, $awardedChallenges: Boolean! = true, $pairings: Boolean! = true, $projects: Boolean! = true, $cooperationAgreements: Boolean! = true, $transfersMade: Boolean! = true, $transfersReceived: Boolean! = true) {
    node(id: $id) {
      ...OrganizationNode
      ... on Enterprise { revenue rdExpenditure employees }
    }
    ...OrganizationCollaborators
  }
`);

export const ORGANIZATION_LINKS_PAGE = graphql(`
  query OrganizationLinksPage($id: ID!, $after: String!, $linksFirst: Int! = 50,
    $hostedPlatforms: Boolean! = false, $leads: Boolean! = false, $coBuiltPlatforms: Boolean! = false, $memberships: Boolean! = false, $postedChallenges: Boolean! = false, $challengeApplications: Boolean! = false, $awardedChallenges: Boolean! = false, $pairings: Boolean! = false, $projects: Boolean! = false, $cooperationAgreements: Boolean! = false, $transfersMade: Boolean! = false, $transfersReceived: Boolean! = false) {
    node(id: $id) { id ...OrganizationLinks }
  }
`);

export const ORGANIZATION_COLLABORATORS_PAGE = graphql(`
  query OrganizationCollaboratorsPage($id: ID!, $collaboratorsAfter: String!, $collaboratorsFirst: Int! = 50) {
    ...OrganizationCollaborators
  }
`);

export type OrganizationNode = NonNullable<OrganizationQuery['node']>;
export type CollaboratorEdge = OrganizationQuery['collaborators']['edges'][number];
export type Evidence = EvidenceFragment;

/** One of an organisation page's link lists, whichever field it is. */
export interface LinkConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: NodeRef; link: { startDate?: string | null; endDate?: string | null; source?: string | null } }[];
}

export const NODE_NAME = graphql(`
  query NodeName($id: ID!) { node(id: $id) { id kind name nameEn } }
`);

export const RECOMMEND = graphql(`
  query Recommend($for: ID!, $kinds: [NodeKind!], $scope: PartnerScope, $excludeExisting: Boolean, $weights: MatchmakingWeightsInput) {
    recommendPartners(for: $for, kinds: $kinds, scope: $scope, excludeExisting: $excludeExisting, weights: $weights, limit: 20) {
      rank score
      organization { id kind name nameEn region { name } }
      parts { fieldFit capability trackRecord proximity practical }
      explanation explanationEn weakEvidence
      introducers { id kind name nameEn }
    }
  }
`);

export type Recommendation = RecommendQuery['recommendPartners'][number];

export const COLLABORATORS = graphql(`
  query Collaborators($of: ID!, $kinds: [CollaborationKind!], $since: Date, $until: Date) {
    collaborators(of: $of, kinds: $kinds, since: $since, until: $until, first: 200) {
      totalCount
      edges { node { id kind name nameEn } weight collaboration { kinds } }
    }
  }
`);

// The network's lists are paged (at most 500 a page): the explorer asks for the next page of whichever list has more.
export const REGION_NETWORK = graphql(`
  query RegionNetwork($where: CollaborationNetworkInput, $organizationsAfter: String, $tiesAfter: String, $organizationsFirst: Int, $tiesFirst: Int) {
    collaborationNetwork(where: $where) {
      organizations(first: $organizationsFirst, after: $organizationsAfter) { nodes { id kind name nameEn } pageInfo { hasNextPage endCursor } }
      ties(first: $tiesFirst, after: $tiesAfter) { nodes { sourceId targetId kinds weight } pageInfo { hasNextPage endCursor } }
    }
  }
`);

export type RegionNetworkAnswer = RegionNetworkQuery;
export type Tie = NonNullable<RegionNetworkQuery['collaborationNetwork']['ties']>['nodes'][number];

// Each step with its kinds of tie, its dates and its evidence: the platform, project, pairing, agreement… behind it.
export const PATHS = graphql(`
  query Paths($from: ID!, $to: ID!) {
    collaborationPaths(from: $from, to: $to, maxHops: 4, limit: 3) {
      hops
      organizations { id kind name nameEn }
      steps { kinds firstDate lastDate evidence { ...Evidence } }
    }
  }
`);

export type CollaborationPath = PathsQuery['collaborationPaths'][number];

export const INDICATORS = graphql(`
  query Indicators($region: String, $year: Int!) {
    indicators(region: $region, year: $year) {
      indicator name value suppressed unit numerator denominator
      target { value atLeast year seed }
      gap met
    }
  }
`);

/** An indicator's value is null, with the counts, when it rests on fewer than 3 enterprises and the caller is not an analyst. */
export type Indicator = IndicatorsQuery['indicators'][number];

export const REGIONS = graphql(`
  query Regions {
    regions(where: { level: { in: [PROVINCE, CITY] }, code: { startsWith: "45" } }, order: [{ key: ASC }], first: 50) {
      nodes { code name nameEn }
    }
  }
`);

export const POLICY_LISTS = [
  'DOUBLE_ZERO',
  'STATE_OWNED_WITHOUT_RD',
  'STATE_OWNED_ABOVE_SCALE_INDUSTRIAL',
  'ABOVE_SCALE_DOUBLE_RAISE',
  'HIGH_TECH_TO_SCALE',
  'ABOVE_SCALE_TO_HIGH_TECH',
  'CULTIVATION_POOL',
] as const satisfies readonly PolicyList[];

export const POLICY_LIST = graphql(`
  query PolicyList($list: PolicyList!, $region: String, $year: Int, $after: String) {
    policyList(list: $list, region: $region, year: $year, first: 100, after: $after) {
      name totalCount
      nodes { id name creditCode region { name } revenue employees rdExpenditure }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export type PolicyListPage = PolicyListQuery;
export type ListedEnterprise = NonNullable<PolicyListQuery['policyList']>['nodes'][number];

// Each organisation's community, a page at a time (the service pages memberships, at most 500 a page).
export const COMMUNITIES = graphql(`
  query Communities($where: CollaborationNetworkInput, $after: String) {
    communities(where: $where) { memberships(first: 500, after: $after) { nodes { organizationId community } pageInfo { hasNextPage endCursor } } }
  }
`);

// PageRank of the network drawn: computed on the selection itself (scope), not on the whole network.
export const PAGE_RANKS = graphql(`
  query PageRanks($where: CollaborationNetworkInput) {
    rankings(metric: PAGE_RANK, where: $where, scope: $where, top: 1000) { top { score organization { id } } }
  }
`);

export const DATA_VERSION = graphql(`
  query DataVersion { dataVersion }
`);

export const FILING_CHECK = graphql(`
  query FilingCheck($input: FilingFactsInput!) {
    filingCheck(input: $input) {
      passed standardSize notes
      items { key name nameEn required actual passed shortfall }
    }
  }
`);

export type FilingResult = NonNullable<FilingCheckQuery['filingCheck']>;

export const CHALLENGES = graphql(`
  query Challenges {
    challenges(order: [{ name: ASC }], first: 100) { nodes { id kind name nameEn status } }
  }
`);

graphql(`
  fragment Lifecycle on ChallengeLifecycle {
    kind status
    history { status on label }
    nextStates
    poster { id kind name nameEn }
    applicants { id kind name nameEn }
    winner { id kind name nameEn }
    budget publicFundingShare
    racing
    call { key name opensOn closesOn }
    applications { applicant { id kind name nameEn } appliedOn price reviewScore reviewReason reviewedOn }
    awards { awardee { id kind name nameEn } on amount share reason }
  }
`);

export const CHALLENGE_LIFECYCLE = graphql(`
  query ChallengeLifecycle($id: ID!) {
    challengeLifecycle(id: $id) { ...Lifecycle }
  }
`);

export type Lifecycle = NonNullable<ChallengeLifecycleQuery['challengeLifecycle']>;
export type { ChallengeAwardInput } from './gql/graphql';

// The writes of the workflows page (editor role). A refused write answers with errors (RULE_VIOLATION, NOT_FOUND, …)
// that the page shows as the service words them.
export const TRANSITION_CHALLENGE = graphql(`
  mutation TransitionChallenge($id: ID!, $to: ChallengeStatus!, $on: Date!) {
    transitionChallenge(id: $id, to: $to, on: $on) { ...Lifecycle }
  }
`);

// Moving to 立项 names the winner: awardChallenge rather than transitionChallenge.
export const AWARD_CHALLENGE = graphql(`
  mutation AwardChallenge($challengeId: ID!, $applicantId: ID!, $on: Date!, $amount: Decimal) {
    awardChallenge(challengeId: $challengeId, applicantId: $applicantId, on: $on, amount: $amount) { ...Lifecycle }
  }
`);

// 赛马制: several applicants awarded at once, each with its amount, share and reason; the amounts stay within the budget.
export const AWARD_CHALLENGE_RACE = graphql(`
  mutation AwardChallengeRace($challengeId: ID!, $on: Date!, $awardees: [ChallengeAwardInput!]!) {
    awardChallengeRace(challengeId: $challengeId, on: $on, awardees: $awardees) { ...Lifecycle }
  }
`);

export const ENTERPRISE_PAIRINGS = graphql(`
  query EnterprisePairings($id: ID!) {
    node(id: $id) {
      ... on Enterprise {
        id kind name nameEn
        pairings(first: 100) { totalCount edges { node { id kind name nameEn } link { startDate endDate source } } }
      }
    }
  }
`);

export const CREATE_PAIRING = graphql(`
  mutation CreatePairing($enterpriseId: ID!, $partnerId: ID!, $startOn: Date!, $source: String) {
    createPairing(enterpriseId: $enterpriseId, partnerId: $partnerId, startOn: $startOn, source: $source) { id startDate endDate }
  }
`);

export const END_PAIRING = graphql(`
  mutation EndPairing($enterpriseId: ID!, $partnerId: ID!, $endOn: Date!) {
    endPairing(enterpriseId: $enterpriseId, partnerId: $partnerId, endOn: $endOn) { id startDate endDate }
  }
`);
