import Graph from 'graphology';
import { write as writeGexf } from 'graphology-gexf/browser';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import { gql } from '../api';
import type { CommunitiesQuery, CommunitiesQueryVariables } from '../gql/graphql';
import { downloadCsv, saveBlob } from '../download';
import { displayName, kindText, tieText, useLang, useT } from '../i18n';
import {
  COLLABORATORS,
  COMMUNITIES,
  NODE_NAME,
  PAGE_RANKS,
  PATHS,
  REGION_NETWORK,
  type CollaborationKind,
  type CollaborationPath,
  type NodeRef,
  type RegionNetworkAnswer,
  type Tie,
} from '../operations';
import { dateRange, ErrorBox, EvidenceList, NodeLink, OrganisationPicker, RegionSelect, useLoad } from './common';

const tieKinds: CollaborationKind[] = ['PLATFORM', 'CONSORTIUM', 'PAIRING', 'PROJECT', 'CHALLENGE', 'AGREEMENT', 'TECHNOLOGY_CONTRACT', 'COMMISSIONER'];
export const kindColours: Record<string, string> = {
  ENTERPRISE: '#3b6fd8',
  UNIVERSITY: '#d9482b',
  RESEARCH_INSTITUTE: '#2f9e73',
  GOVERNMENT_BODY: '#8e44ad',
};
const pathColour = '#f1c40f';

declare global {
  interface Window {
    /** The network view's renderer, for automation (its graph model: renderer.getGraph()). */
    knowledgeGraphNetwork?: Sigma<NodeAttributes>;
  }
}

type NodeAttributes = {
  label: string;
  name: string;
  nameEn?: string | null;
  x: number;
  y: number;
  size: number;
  color: string;
  kind: string;
  expanded?: boolean;
  community?: number;
  rank?: number;
};
const communityColours = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#469990', '#9a6324', '#800000', '#808000'];

export function Network({ id }: { id?: string }) {
  const t = useT();
  const lang = useLang();
  const container = useRef<HTMLDivElement>(null);
  const graphRef = useRef(new Graph<NodeAttributes>({ type: 'undirected' }));
  const rendererRef = useRef<Sigma<NodeAttributes> | null>(null);
  const [kinds, setKinds] = useState<CollaborationKind[]>([]);
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [region, setRegion] = useState('450000');
  const [year, setYear] = useState('');
  const [counts, setCounts] = useState({ nodes: 0, edges: 0 });
  const [error, setError] = useState<unknown>(null);
  const [paths, setPaths] = useState<CollaborationPath[] | null>(null);
  const [colourBy, setColourBy] = useState<'kind' | 'community'>('kind');
  const [sizeBy, setSizeBy] = useState<'degree' | 'pageRank'>('degree');
  const centre = useLoad(() => (id ? gql(NODE_NAME, { id }) : Promise.resolve({ node: null })), [id]);
  // The renderer's click handler is made once: it reads the filters and styles of the moment through this.
  const current = useRef({ kinds, since, until, colourBy, sizeBy, communities: new Map<string, number>(), ranks: new Map<string, number>() });
  Object.assign(current.current, { kinds, since, until, colourBy, sizeBy });
  const networkWhere = id ? {} : { region: region || null, year: year ? Number(year) : null };
  const communities = useLoad(
    () => (colourBy === 'community' ? communityOf(networkWhere) : Promise.resolve(null)),
    [colourBy, id, region, year],
  );
  const ranks = useLoad(
    () => (sizeBy === 'pageRank' ? gql(PAGE_RANKS, { where: networkWhere }) : Promise.resolve(null)),
    [sizeBy, id, region, year],
  );

  // Colour by kind or community, size by degree in the view or PageRank in the network; both kept on the nodes.
  const refresh = () => {
    const graph = graphRef.current;
    const { colourBy, sizeBy, communities, ranks } = current.current;
    const topRank = Math.max(1e-12, ...ranks.values());
    graph.forEachNode((node, attributes) => {
      const community = communities.get(node);
      graph.mergeNodeAttributes(node, {
        community,
        rank: ranks.get(node),
        color: colourBy === 'community' ? (community === undefined ? '#c0c6cc' : communityColours[community % communityColours.length]) : (kindColours[attributes.kind] ?? '#888'),
        size: sizeBy === 'pageRank' ? 3 + 16 * Math.sqrt((ranks.get(node) ?? 0) / topRank) : 4 + 2.5 * Math.sqrt(graph.degree(node)),
      });
    });
    setCounts({ nodes: graph.order, edges: graph.size });
    rendererRef.current?.refresh();
  };

  useEffect(() => {
    current.current.communities = communities.data ?? new Map<string, number>();
    current.current.ranks = new Map((ranks.data?.rankings.top ?? []).map((r) => [r.organization.id, r.score]));
    refresh();
  }, [communities.data, ranks.data, colourBy, sizeBy]);

  const addNode = (node: NodeRef, near?: string) => {
    const graph = graphRef.current;
    if (graph.hasNode(node.id)) return;
    const origin = near && graph.hasNode(near) ? graph.getNodeAttributes(near) : { x: 0, y: 0 };
    const angle = Math.random() * 2 * Math.PI;
    graph.addNode(node.id, {
      label: displayName(lang, node),
      name: node.name,
      nameEn: node.nameEn,
      kind: node.kind,
      color: kindColours[node.kind] ?? '#888',
      size: 5,
      x: origin.x + Math.cos(angle) * (near ? 1 : 10),
      y: origin.y + Math.sin(angle) * (near ? 1 : 10),
    });
  };

  const addTie = (source: string, target: string, weight: number, tie: string[]) => {
    const graph = graphRef.current;
    if (source !== target && !graph.hasEdge(source, target))
      graph.addEdge(source, target, { weight, kinds: tie.join(';'), size: Math.min(6, 0.5 + weight), color: '#b8c2cc', label: tie.map((k) => tieText(lang, k)).join('、') });
  };

  const layout = (iterations: number) => {
    const graph = graphRef.current;
    if (graph.order > 1) forceAtlas2.assign(graph, { iterations, settings: { ...forceAtlas2.inferSettings(graph), gravity: 1 } });
  };

  const expand = async (of: string) => {
    const graph = graphRef.current;
    const { kinds, since, until } = current.current;
    const variables = { of, kinds: kinds.length ? kinds : null, since: since || null, until: until || null };
    try {
      const data = await gql(COLLABORATORS, variables);
      for (const edge of data.collaborators.edges) {
        addNode(edge.node, of);
        addTie(of, edge.node.id, edge.weight, edge.collaboration.kinds);
      }
      if (graph.hasNode(of)) graph.setNodeAttribute(of, 'expanded', true);
      layout(50);
      refresh();
    } catch (e) {
      setError(e);
    }
  };

  // The renderer lives as long as the page; the graph model is changed in place and redrawn.
  useEffect(() => {
    if (!container.current) return;
    let renderer: Sigma<NodeAttributes>;
    try {
      renderer = new Sigma(graphRef.current, container.current, { renderEdgeLabels: false, labelRenderedSizeThreshold: 6 });
    } catch (e) {
      setError(e);
      return;
    }
    rendererRef.current = renderer;
    window.knowledgeGraphNetwork = renderer;
    renderer.on('clickNode', ({ node }) => void expand(node));
    renderer.on('doubleClickNode', ({ node }) => {
      if (graphRef.current.getNodeAttribute(node, 'kind') in kindColours) window.location.hash = '#/org/' + encodeURIComponent(node);
    });
    return () => {
      renderer.kill();
      rendererRef.current = null;
      if (window.knowledgeGraphNetwork === renderer) delete window.knowledgeGraphNetwork;
    };
  }, []);

  const show = async () => {
    const graph = graphRef.current;
    graph.clear();
    setPaths(null);
    setError(null);
    if (id) {
      if (centre.data?.node) addNode(centre.data.node);
      else addNode({ id, kind: id.split(':')[0].replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(), name: id });
      await expand(id);
      layout(100);
      refresh();
      return;
    }
    try {
      const where = { region: region || null, year: year ? Number(year) : null, kinds: kinds.length ? kinds : null };
      // Page through both lists (500 a page; a list already read asks for no more), up to 20 pages for the drawing.
      let organizationsAfter: string | null = null;
      let tiesAfter: string | null = null;
      let organizationsDone = false;
      let tiesDone = false;
      const ties: Tie[] = [];
      for (let page = 0; page < 20 && !(organizationsDone && tiesDone); page++) {
        const data: RegionNetworkAnswer = await gql(REGION_NETWORK, {
          where, organizationsAfter, tiesAfter, organizationsFirst: organizationsDone ? 0 : 500, tiesFirst: tiesDone ? 0 : 500,
        });
        const { organizations, ties: tiePage } = data.collaborationNetwork;
        organizations.nodes.forEach((n) => addNode(n));
        ties.push(...tiePage.nodes);
        organizationsDone = organizationsDone || !organizations.pageInfo.hasNextPage;
        tiesDone = tiesDone || !tiePage.pageInfo.hasNextPage;
        organizationsAfter = organizations.pageInfo.endCursor ?? organizationsAfter;
        tiesAfter = tiePage.pageInfo.endCursor ?? tiesAfter;
      }
      // A tie is drawn once both its organisations are (the pages of the two lists need not line up).
      const graph = graphRef.current;
      ties.filter((tie) => graph.hasNode(tie.sourceId) && graph.hasNode(tie.targetId))
        .forEach((tie) => addTie(tie.sourceId, tie.targetId, tie.weight, tie.kinds));
      layout(150);
      refresh();
    } catch (e) {
      setError(e);
    }
  };

  useEffect(() => {
    if (!id || !centre.loading) void show();
  }, [id, centre.loading, kinds.join(), since, until, region, year]);

  const highlight = (path: CollaborationPath) => {
    const graph = graphRef.current;
    graph.forEachEdge((edge) => graph.setEdgeAttribute(edge, 'color', '#b8c2cc'));
    path.organizations.forEach((n, i) => {
      addNode(n, i > 0 ? path.organizations[i - 1].id : undefined);
      if (i > 0) addTie(path.organizations[i - 1].id, n.id, 1, path.steps[i - 1].kinds);
      if (i > 0) graph.setEdgeAttribute(path.organizations[i - 1].id, n.id, 'color', pathColour);
    });
    refresh();
  };

  // Labels follow the language switch.
  useEffect(() => {
    const graph = graphRef.current;
    graph.forEachNode((node, a) => graph.setNodeAttribute(node, 'label', displayName(lang, a)));
    graph.forEachEdge((edge, a) => graph.setEdgeAttribute(edge, 'label', String(a.kinds ?? '').split(';').filter(Boolean).map((k) => tieText(lang, k)).join('、')));
    rendererRef.current?.refresh();
  }, [lang]);

  const exportGexf = () => {
    const gexf = writeGexf(graphRef.current, {
      formatNode: (_key, a) => ({
        label: a.name,
        attributes: { kind: a.kind, nameEn: a.nameEn ?? '', ...(a.community === undefined ? {} : { community: a.community }), ...(a.rank === undefined ? {} : { pageRank: a.rank }) },
        viz: { color: a.color, x: a.x, y: a.y, size: a.size },
      }),
      formatEdge: (_key, a) => ({ weight: a.weight, attributes: { kinds: a.kinds } }),
    });
    saveBlob(new Blob([gexf], { type: 'application/xml' }), 'network.gexf');
  };

  const exportShown = () => {
    const graph = graphRef.current;
    downloadCsv({ header: ['id', 'name', 'kind', 'degree'], rows: graph.mapNodes((n, a) => [n, a.label, a.kind, graph.degree(n)]) }, 'network-nodes.csv');
    downloadCsv({ header: ['source', 'target', 'kinds', 'weight'], rows: graph.mapEdges((_e, a, s, tt) => [s, tt, String(a.kinds ?? ''), Number(a.weight ?? 0)]) }, 'network-edges.csv');
  };
  const exportQuery = new URLSearchParams();
  if (region) exportQuery.set('region', region);
  if (year) exportQuery.set('year', year);
  if (kinds.length) exportQuery.set('kinds', kinds.join(','));

  return (
    <section className="network">
      <h1>
        {id ? (
          <>
            {t('networkOf')}
            {centre.data?.node ? <NodeLink node={centre.data.node} /> : id}
          </>
        ) : (
          t('regionNetwork')
        )}
      </h1>
      <p className="hint">{t('networkHint')}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        {!id && (
          <fieldset>
            <RegionSelect value={region} onChange={setRegion} testId="network-region" />{' '}
            <label>
              {t('year')}{' '}
              <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} style={{ width: '6em' }} />
            </label>
          </fieldset>
        )}
        <fieldset>
          <legend>{t('tieKinds')}</legend>
          {tieKinds.map((k) => (
            <label key={k}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
              {tieText(lang, k)}
            </label>
          ))}
        </fieldset>
        {id && (
          <fieldset>
            <label>
              {t('since')} <input type="date" value={since} onChange={(e) => setSince(e.target.value)} />
            </label>{' '}
            <label>
              {t('until')} <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
            </label>
          </fieldset>
        )}
      </form>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('colourBy')}{' '}
          <select value={colourBy} onChange={(e) => setColourBy(e.target.value as 'kind' | 'community')} data-testid="colour-by">
            <option value="kind">{t('byKind')}</option>
            <option value="community">{t('byCommunity')}</option>
          </select>
        </label>
        <label>
          {t('sizeBy')}{' '}
          <select value={sizeBy} onChange={(e) => setSizeBy(e.target.value as 'degree' | 'pageRank')} data-testid="size-by">
            <option value="degree">{t('byDegree')}</option>
            <option value="pageRank">PageRank</option>
          </select>
        </label>
      </form>
      <ErrorBox error={communities.error ?? ranks.error} />
      <div className="legend">
        {colourBy === 'kind' && Object.entries(kindColours).map(([k, c]) => (
          <span key={k}>
            <i style={{ background: c }} /> {kindText(lang, k)}
          </span>
        ))}
        <span data-testid="network-counts">
          {counts.nodes} {t('nodes')} · {counts.edges} {t('edges')}
        </span>
      </div>
      <ErrorBox error={error} />
      <div ref={container} className="graph" data-testid="graph" />
      <div className="actions">
        <button type="button" onClick={exportShown} data-testid="network-csv">
          {t('downloadShown')} (CSV)
        </button>
        <button type="button" onClick={exportGexf} data-testid="network-gexf">
          {t('downloadShown')} (GEXF)
        </button>
        {!id && (
          <>
            <a className="button" href={`/export/network.graphml?${exportQuery}`}>GraphML</a>
            <a className="button" href={`/export/network.gexf?${exportQuery}`}>GEXF</a>
          </>
        )}
      </div>
      <PathFinder from={id ?? null} onPaths={(p) => setPaths(p)} />
      {paths && paths.length === 0 && <p>{t('noPath')}</p>}
      {paths && paths.length > 0 && (
        <ol className="paths" data-testid="paths">
          {paths.map((path, i) => (
            <li key={i}>
              <button type="button" onClick={() => highlight(path)}>
                {path.hops} {t('hops')}
              </button>{' '}
              {path.organizations.map((n, j) => (
                <span key={n.id}>
                  {j > 0 && (
                    <span className="step">
                      {' '}
                      —{path.steps[j - 1].kinds.map((k) => tieText(lang, k)).join('、')}
                      <span className="muted"> {dateRange(path.steps[j - 1].firstDate, path.steps[j - 1].lastDate)}</span>→{' '}
                    </span>
                  )}
                  <NodeLink node={n} />
                </span>
              ))}
              <ol className="path-steps">
                {path.steps.map((step, j) => (
                  <li key={j} data-testid="path-step" data-from={path.organizations[j].id} data-to={path.organizations[j + 1].id}>
                    <NodeLink node={path.organizations[j]} /> — <NodeLink node={path.organizations[j + 1]} />
                    <span className="muted"> {dateRange(step.firstDate, step.lastDate)}</span>
                    <EvidenceList evidence={step.evidence} />
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function PathFinder({ from, onPaths }: { from: string | null; onPaths: (paths: CollaborationPath[]) => void }) {
  const t = useT();
  const [fromId, setFromId] = useState(from ?? '');
  const [toId, setToId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const find = async () => {
    try {
      setError(null);
      onPaths((await gql(PATHS, { from: fromId, to: toId })).collaborationPaths);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form
      className="pathfinder"
      onSubmit={(e) => {
        e.preventDefault();
        void find();
      }}
    >
      <h2>{t('pathFinder')}</h2>
      <OrganisationPicker label={t('pathFrom')} value={fromId} onChange={setFromId} testId="path-from" />
      <OrganisationPicker label={t('pathTo')} value={toId} onChange={setToId} testId="path-to" />
      <button type="submit" disabled={!fromId || !toId} data-testid="find-path">
        {t('findPath')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

// Each organisation's community, paged through like the drawing (500 a page, up to 20 pages).
async function communityOf(where: CommunitiesQueryVariables['where']): Promise<Map<string, number>> {
  const communities = new Map<string, number>();
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: CommunitiesQuery = await gql(COMMUNITIES, { where, after });
    const { nodes, pageInfo } = data.communities.memberships;
    nodes.forEach((m) => communities.set(m.organizationId, m.community));
    if (!pageInfo.hasNextPage) break;
    after = pageInfo.endCursor;
  }
  return communities;
}
