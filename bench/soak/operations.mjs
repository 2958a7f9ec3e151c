// The soak's operations: the GraphQL client, the reads, collaboration queries and writes found in the loaded data, and
// their mix. Shared by the soak (soak.mjs) and the cost of one call of each (cost.mjs).
// Needs Node 18 or later, no packages.

export async function soakOperations(baseUrl, token) {
  const endpoint = `${baseUrl}/graphql`;
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  const editorHeaders = { ...headers, authorization: `Bearer ${token}` };

  async function send(query, variables, asEditor = false) {
    const response = await fetch(endpoint, { method: 'POST', headers: asEditor ? editorHeaders : headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    let result;
    try { result = JSON.parse(text); } catch { result = { errors: [{ message: text.slice(0, 200) }] }; }
    return { status: response.status, data: result.data, errors: result.errors };
  }

  async function must(query, variables, asEditor) {
    const { status, data, errors } = await send(query, variables, asEditor);
    if (status !== 200 || errors) throw new Error(`${status} ${JSON.stringify(errors)} for ${query}`);
    return data;
  }

  // ---- the operations, found in the loaded data ----
  const found = await must(`{ enterprises(where: { highTech: { eq: true } }, order: [{ inventionPatents: DESC }], first: 200) {
    nodes { id name region { code level parent { code } } } }
    universities(first: 50) { nodes { id } } }`);
  const enterprises = found.enterprises.nodes;
  const universities = found.universities.nodes.map(u => u.id);
  if (enterprises.length === 0 || universities.length === 0) throw new Error('no enterprises or universities in the data');
  const cities = [...new Set(enterprises.map(e => (e.region.level === 'COUNTY' ? e.region.parent.code : e.region.code)))];
  const pick = list => list[Math.floor(Math.random() * list.length)];

  const reads = {
    'read: enterprise with links': () => [`query($id: ID!) { node(id: $id) { id ... on Enterprise { name creditCode region { name } fields { name }
        pairings(first: 10) { totalCount edges { node { name } link { startDate } } } hostedPlatforms(first: 10) { nodes { name } } } } }`, { id: pick(enterprises).id }],
    'read: filtered list': () => [`query($region: String!) { enterprises(where: { region: { eq: $region } }, order: [{ name: ASC }], first: 20) {
        totalCount nodes { id name creditCode } } }`, { region: pick(cities) }],
    'read: search': () => [`query($text: String!) { search(text: $text, first: 20) { id ... on Organization { name } } }`, { text: pick(enterprises).name.slice(0, 2) }],
  };
  const collaboration = {
    'collaboration: collaborators, depth 2': () => [`query($of: ID!) { collaborators(of: $of, depth: 2, first: 20) { edges { distance weight node { id name } } } }`, { of: pick(enterprises).id }],
    'collaboration: city network': () => [`query($region: String!) { collaborationNetwork(where: { region: $region }) {
        statistics { nodes edges components } ties(first: 50) { nodes { sourceId targetId weight } } } }`, { region: pick(cities) }],
  };

  // ---- the writes: each acknowledged one is remembered and read back at the end ----
  // A credit code of the bench's own (registration authority 9, enterprise 1, 柳州 450200): 9 digits of worker and count,
  // then GB 32100's check character.
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  function creditCode(worker, n) {
    const first17 = `91450200${String(worker).padStart(3, '0')}${String(n).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]) * (3 ** i % 31);
    const check = 31 - (sum % 31);
    return first17 + alphabet[check === 31 ? 0 : check];
  }
  const run = Date.now().toString(36);
  const acknowledged = new Map(); // enterprise id → { name, partner, version, worker }
  const deleted = new Set(); // enterprise ids whose delete was acknowledged
  const counts = { conflicts: 0, writesAcknowledged: 0 };

  // Each client keeps a bounded pool of enterprises of its own: once the pool is full, a new enterprise replaces the
  // oldest in the same batch, so the graph stays the same size and resident memory can be judged flat or not.
  const poolSize = 4;
  const pools = new Map(); // worker → enterprise ids, oldest first

  async function newEnterpriseWithPairing(worker, n) {
    const code = creditCode(worker, n);
    const id = `Enterprise:${code}`;
    const name = `压测企业 ${run}-${worker}-${n}`;
    const partner = pick(universities);
    const pool = pools.get(worker) ?? [];
    pools.set(worker, pool);
    const oldest = pool.length >= poolSize ? pool[0] : null;
    const { status, data, errors } = await send(`mutation($operations: [BatchOperationInput!]!) { applyBatch(operations: $operations) { dataVersion } }`, {
      operations: [
        ...(oldest ? [{ deleteNode: oldest }] : []),
        { upsertEnterprise: { creditCode: code, name, region: '450200' } },
        { linkPairedWith: { from: id, to: partner, startDate: '2024-01-01' } },
      ],
    }, true);
    if (status === 200 && !errors && data?.applyBatch?.dataVersion) {
      if (oldest) {
        pool.shift();
        acknowledged.delete(oldest);
        deleted.add(oldest);
      }
      counts.writesAcknowledged++;
      pool.push(id);
      acknowledged.set(id, { name, partner, version: data.applyBatch.dataVersion, worker });
    }
    return { status, errors };
  }

  // A rename guarded per record, as a client that reads, edits and writes back does: the enterprise's `version` is read
  // with its name and given back as `expectedVersion`, so the rename fails only if that enterprise changed since. Every
  // client renames only its own enterprises, so any CONFLICT here would be a false one: it is counted as an error.
  // That nothing of a refused rename was written is checked at the end with the rest: the name read back must be the
  // last acknowledged one.
  async function guardedRename(worker, n) {
    const own = pools.get(worker) ?? [];
    if (own.length === 0) return newEnterpriseWithPairing(worker, n);
    const id = pick(own);
    const entry = acknowledged.get(id);
    const read = await send('query($id: ID!) { node(id: $id) { ... on Enterprise { name version } } }', { id });
    if (read.status !== 200 || read.errors || !read.data?.node) return read.errors ? read : { status: read.status, errors: [{ message: `${id} not found` }] };
    const name = `${read.data.node.name.split(' / ')[0]} / 更名 ${n}`;
    const result = await send(`mutation($input: EnterpriseInput!, $expected: Long) { upsertEnterprise(input: $input, expectedVersion: $expected) { dataVersion } }`,
      { input: { creditCode: id.slice('Enterprise:'.length), name, region: '450200' }, expected: read.data.node.version }, true);
    if (result.errors?.some(e => e.extensions?.code === 'CONFLICT')) counts.conflicts++;
    if (result.status === 200 && !result.errors) {
      counts.writesAcknowledged++;
      acknowledged.set(id, { ...entry, name, version: result.data.upsertEnterprise.dataVersion });
    }
    return result;
  }

  // ---- the mix: 50 % reads, 20 % writes, 30 % collaboration ----
  const mix = [
    ...Object.entries(reads).map(([kind, make]) => ({ kind, weight: 50 / 3, make })),
    ...Object.entries(collaboration).map(([kind, make]) => ({ kind, weight: 15, make })),
    { kind: 'write: new enterprise + pairing (oldest of the pool deleted)', weight: 12, write: newEnterpriseWithPairing },
    { kind: 'write: read version, rename with expectedVersion', weight: 8, write: guardedRename },
  ];
  const totalWeight = mix.reduce((s, m) => s + m.weight, 0);
  function choose() {
    let r = Math.random() * totalWeight;
    for (const m of mix) if ((r -= m.weight) < 0) return m;
    return mix[mix.length - 1];
  }

  return { send, must, mix, choose, acknowledged, deleted, counts };
}
