// The explorer in a real browser (Debian's Chromium through playwright-core), against a running service with the
// sample data: what a matchmaking officer, a policy researcher and an analyst see. Run by the API tests
// (ExplorerBrowserTests); by hand: node e2e/explorer.mjs --base http://127.0.0.1:5080 --token <analyst and editor token>
// --analyst-token <analyst-only token> --out <dir>, on a fresh store (the workflows step writes) with the reference universities.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';

const { values: options } = parseArgs({
  options: {
    base: { type: 'string' },
    token: { type: 'string' },
    'analyst-token': { type: 'string' },
    out: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const base = options.base.replace(/\/$/, '');
const out = options.out;
mkdirSync(out, { recursive: true });
const enterpriseId = 'Enterprise:91450204MA5K00013L'; // 柳州示例精工机械有限公司 in data/sample

async function post(query, variables, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return response.json();
}

async function graphql(query, variables, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  assert.deepEqual(body.errors ?? [], [], `GraphQL errors for ${query}`);
  return body.data;
}

const userDataDir = mkdtempSync(join(tmpdir(), 'explorer-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: options.chromium,
  headless: true,
  acceptsDownloads: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    // WebGL (the network view) in software, as a machine without a GPU draws it.
    '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  ],
});

// A shared machine can be slow: every wait may take up to a minute before it fails.
context.setDefaultTimeout(60_000);
const consoleErrors = [];
const graphqlResponses = []; // every /graphql answer the browser received: { request, status, body }
function watch(page) {
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(`${page.url()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  page.on('response', async (response) => {
    if (!response.url().startsWith(`${base}/graphql`) || response.request().method() !== 'POST') return;
    try {
      graphqlResponses.push({ request: response.request().postData() ?? '', status: response.status(), body: await response.text() });
    } catch {
      // a response of a page that was left meanwhile
    }
  });
}

const results = {};
const step = async (name, run) => {
  const started = Date.now();
  await run();
  results[name] = { ms: Date.now() - started };
  console.log(`ok - ${name}`);
};

try {
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  const shot = (name) => page.screenshot({ path: join(out, `${name}.png`), fullPage: false });

  await step('first page is interactive', async () => {
    const started = Date.now();
    await page.goto(`${base}/`);
    const input = page.getByTestId('search-input');
    await input.waitFor();
    await input.fill('精');
    results.firstPageInteractiveMs = Date.now() - started;
    await input.fill('');
  });

  await step('search as you type', async () => {
    await page.getByTestId('search-input').pressSequentially('精工', { delay: 80 });
    const hit = page.getByTestId('search-results').getByRole('link', { name: /精工/ }).first();
    await hit.waitFor();
    await shot('search');
    await hit.click();
  });

  await step('organisation page (anonymous)', async () => {
    const org = page.getByTestId('organization');
    await org.getByRole('heading', { level: 1, name: /精工机械/ }).waitFor();
    assert.match(page.url(), /#\/org\/Enterprise%3A91450204MA5K00013L$/);
    await page.getByTestId('collaborators').locator('tbody tr').first().waitFor();
    const pairings = page.getByTestId('links-pairings');
    await pairings.waitFor();
    assert.match(await pairings.innerText(), /\d{4}-\d{2}-\d{2}/, 'links show their dates');
    assert.equal(await page.getByTestId('revenue').count(), 0, 'no revenue shown without the analyst role');
    await shot('organization');
  });

  await step('partners, their score parts and the shortlist', async () => {
    await page.getByTestId('find-partners').click();
    const first = page.getByTestId('recommendation').first();
    await first.waitFor();
    const expected = await graphql(
      `query($for: ID!) { recommendPartners(for: $for, scope: ANY, excludeExisting: true, limit: 20) { organization { id name } score weakEvidence } }`,
      { for: enterpriseId },
    );
    const shown = await page.getByTestId('recommendation').evaluateAll((items) => items.map((li) => li.dataset.id));
    assert.deepEqual(shown, expected.recommendPartners.map((r) => r.organization.id), 'the ranking the service gave');
    // Reference universities known by public facts alone come after the evidenced partners, each with the badge.
    const weak = await page.getByTestId('recommendation').evaluateAll((items) =>
      items.map((li) => li.querySelector('[data-testid=weak-evidence]')?.textContent ?? null),
    );
    assert.ok(expected.recommendPartners.some((r) => r.weakEvidence), 'the sample enterprise has partners known by public facts alone');
    assert.ok(expected.recommendPartners.some((r) => !r.weakEvidence), 'and partners on evidence');
    assert.deepEqual(weak, expected.recommendPartners.map((r) => (r.weakEvidence ? '证据较弱' : null)), 'the weak-evidence badge on exactly those');
    assert.ok((await first.locator('[data-part]').count()) > 0, 'score parts drawn as a bar');
    await page.getByTestId('recommendation').nth(0).getByTestId('add-to-shortlist').click();
    await page.getByTestId('recommendation').nth(1).getByTestId('add-to-shortlist').click();
    await shot('partners');
    await page.getByTestId('weak-evidence').first().scrollIntoViewIfNeeded();
    await shot('partners-weak');
    results.shortlisted = expected.recommendPartners.slice(0, 2).map((r) => r.organization);

    await page.getByTestId('go-shortlist').click();
    await page.getByTestId('shortlist').waitFor();
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('shortlist-csv').click()]);
    const csv = readFileSync(await csvDownload.path(), 'utf8').replace(/^\ufeff/, '').trim().split(/\r\n/);
    assert.equal(csv.length, 3, 'a header and the two shortlisted partners');
    assert.deepEqual(csv.slice(1).map((line) => line.split(',')[0]), results.shortlisted.map((o) => o.id));
    assert.ok(csv[1].includes(results.shortlisted[0].name));
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('shortlist-xlsx').click()]);
    assert.equal(xlsxDownload.suggestedFilename(), 'shortlist.xlsx');
    const rows = await readSheet(await xlsxDownload.path());
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.slice(1).map((row) => row[0]), results.shortlisted.map((o) => o.id));
    assert.deepEqual(rows.slice(1).map((row) => row[1]), results.shortlisted.map((o) => o.name));
    assert.equal(typeof rows[1][4], 'number', 'the score is a number in Excel');
    await shot('shortlist');
  });

  await step('network: drawn, then a node expanded', async () => {
    await page.goto(`${base}/#/network/${encodeURIComponent(enterpriseId)}`);
    await page.waitForFunction((id) => window.knowledgeGraphNetwork?.getGraph().hasNode(id) && window.knowledgeGraphNetwork.getGraph().order > 1, enterpriseId);
    const before = await page.evaluate(() => window.knowledgeGraphNetwork.getGraph().order);
    const direct = await graphql(`query($of: ID!) { collaborators(of: $of, first: 200) { totalCount } }`, { of: enterpriseId });
    assert.equal(before, direct.collaborators.totalCount + 1, 'the organisation and each of its collaborators');
    // A neighbour with collaborators of its own, clicked where the renderer drew it.
    const neighbours = await page.evaluate((id) => window.knowledgeGraphNetwork.getGraph().neighbors(id), enterpriseId);
    let target = null;
    for (const id of neighbours) {
      const answer = await graphql(`query($of: ID!) { collaborators(of: $of, first: 200) { edges { node { id } } } }`, { of: id });
      if (answer.collaborators.edges.some((e) => !neighbours.includes(e.node.id) && e.node.id !== enterpriseId)) {
        target = id;
        break;
      }
    }
    assert.ok(target, 'a neighbour that has collaborators of its own');
    const point = await page.evaluate((id) => {
      const renderer = window.knowledgeGraphNetwork;
      return renderer.graphToViewport(renderer.getGraph().getNodeAttributes(id));
    }, target);
    const box = await page.getByTestId('graph').boundingBox();
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForFunction((id) => window.knowledgeGraphNetwork.getGraph().getNodeAttribute(id, 'expanded') === true, target);
    const after = await page.evaluate(() => window.knowledgeGraphNetwork.getGraph().order);
    assert.ok(after > before, `expanding added nodes (${before} → ${after})`);
    results.network = { before, after, expanded: target };

    // Colour by community and size by PageRank: the drawn nodes carry the service's answers.
    await page.getByTestId('colour-by').selectOption('community');
    await page.getByTestId('size-by').selectOption('pageRank');
    await page.waitForFunction((id) => {
      const graph = window.knowledgeGraphNetwork.getGraph();
      return graph.getNodeAttribute(id, 'community') !== undefined && graph.getNodeAttribute(id, 'rank') !== undefined;
    }, enterpriseId);
    const expected = await graphql(`{ rankings(metric: PAGE_RANK, top: 1000) { top { score organization { id } } } }`);
    const communityOf = new Map();
    for (let after = null; ;) {
      const { memberships } = (await graphql(`query($after: String) { communities { memberships(first: 500, after: $after) {
        nodes { organizationId community } pageInfo { hasNextPage endCursor } } } }`, { after })).communities;
      memberships.nodes.forEach((m) => communityOf.set(m.organizationId, m.community));
      if (!memberships.pageInfo.hasNextPage) break;
      after = memberships.pageInfo.endCursor;
    }
    const rankOf = new Map(expected.rankings.top.map((r) => [r.organization.id, r.score]));
    const drawn = await page.evaluate(() => window.knowledgeGraphNetwork.getGraph().mapNodes((id, a) => ({ id, community: a.community, rank: a.rank, color: a.color })));
    for (const node of drawn) {
      assert.equal(node.community, communityOf.get(node.id), `community of ${node.id}`);
      assert.equal(node.rank, rankOf.get(node.id), `PageRank of ${node.id}`);
    }
    assert.ok(new Set(drawn.map((n) => n.color)).size > 1, 'communities in different colours');

    // What is shown, as GEXF: every drawn node and tie, with its community and PageRank.
    const [gexfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('network-gexf').click()]);
    const gexf = readFileSync(await gexfDownload.path(), 'utf8');
    const edgeCount = await page.evaluate(() => window.knowledgeGraphNetwork.getGraph().size);
    assert.equal((gexf.match(/<node /g) ?? []).length, drawn.length);
    assert.equal((gexf.match(/<edge /g) ?? []).length, edgeCount);
    assert.ok(gexf.includes(enterpriseId) && gexf.includes('pageRank'));
    await page.waitForTimeout(300);
    await shot('network');
  });

  await step('path finder', async () => {
    const twoSteps = await graphql(`query($of: ID!) { collaborators(of: $of, depth: 2, first: 200) { edges { node { id name } distance } } }`, { of: enterpriseId });
    const far = twoSteps.collaborators.edges.find((e) => e.distance === 2);
    assert.ok(far, 'an organisation two steps away');
    await page.getByTestId('path-to').fill(far.node.id);
    await page.getByTestId('find-path').click();
    const paths = page.getByTestId('paths');
    await paths.waitFor();
    const firstPath = await paths.locator('> li').first().innerText();
    assert.match(firstPath, /^2 /, 'two steps');
    assert.ok(firstPath.includes(far.node.name));
    // Each step of each path with its evidence (the kind of link, the node both are linked through, the dates), as the service gave it.
    const expected = await graphql(
      `query($from: ID!, $to: ID!) { collaborationPaths(from: $from, to: $to, maxHops: 4, limit: 3) {
        organizations { id } steps { evidence { kind through { id } from to } } } }`,
      { from: enterpriseId, to: far.node.id },
    );
    const shown = await paths.locator('> li').evaluateAll((items) =>
      items.map((li) =>
        [...li.querySelectorAll('[data-testid=path-step]')].map((step) => ({
          from: step.dataset.from,
          to: step.dataset.to,
          evidence: [...step.querySelectorAll('.evidence > li')].map((e) => ({ kind: e.dataset.kind, through: e.dataset.through, text: e.textContent })),
        })),
      ),
    );
    assert.equal(shown.length, expected.collaborationPaths.length, 'every path the service found');
    expected.collaborationPaths.forEach((path, i) => {
      assert.equal(shown[i].length, path.steps.length);
      path.steps.forEach((step, j) => {
        assert.equal(shown[i][j].from, path.organizations[j].id);
        assert.equal(shown[i][j].to, path.organizations[j + 1].id);
        assert.ok(step.evidence.length > 0, 'a step rests on evidence');
        assert.deepEqual(
          shown[i][j].evidence.map((e) => ({ kind: e.kind, through: e.through })),
          step.evidence.map((e) => ({ kind: e.kind, through: e.through?.id ?? '' })),
          `evidence of step ${j + 1} of path ${i + 1}`,
        );
        step.evidence.forEach((e, k) => {
          for (const date of [e.from, e.to].filter(Boolean)) assert.ok(shown[i][j].evidence[k].text.includes(date), `${date} shown`);
        });
      });
    });
    results.pathSteps = expected.collaborationPaths.map((p) => p.steps.map((s) => s.evidence.length));
    await page.getByTestId('paths').scrollIntoViewIfNeeded();
    await shot('path');
  });

  await step('an organisation page pages every list to its end', async () => {
    const hub = 'University:demo-tech-univ'; // the sample's best-linked organisation
    const fields = ['hostedPlatforms', 'leads', 'coBuiltPlatforms', 'memberships', 'postedChallenges', 'challengeApplications', 'awardedChallenges',
      'pairings', 'projects', 'cooperationAgreements', 'transfersMade', 'transfersReceived'];
    const all = `totalCount edges { node { id } }`;
    const expected = await graphql(
      `query($id: ID!) {
        node(id: $id) { ... on Organization { ${fields.filter((f) => f !== 'pairings').map((f) => `${f}(first: 500) { ${all} }`).join(' ')} }
          ... on University { pairings(first: 500) { ${all} } } }
        collaborators(of: $id, first: 500) { ${all} } }`,
      { id: hub },
    );
    await page.goto(`${base}/#/org/${encodeURIComponent(hub)}`);
    await page.getByTestId('collaborators').locator('tbody tr').first().waitFor();
    let pagesAsked = 0;
    const pageThrough = async (rows, more) => {
      while ((await more.count()) > 0) {
        const before = await rows.count();
        await more.click();
        await rows.nth(before).waitFor();
        pagesAsked++;
      }
      return rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
    };
    const lists = [...fields.map((f) => [f, expected.node[f]]), ['collaborators', expected.collaborators]];
    for (const [field, connection] of lists) {
      const section = field === 'collaborators' ? page.getByTestId('organization') : page.getByTestId(`links-${field}`);
      if (connection.totalCount === 0) {
        assert.equal(await page.getByTestId(`links-${field}`).count(), 0, `no empty ${field} list`);
        continue;
      }
      const table = field === 'collaborators' ? page.getByTestId('collaborators') : section.locator('table');
      const seen = await pageThrough(table.locator('tbody tr'), section.getByTestId(`more-${field}`));
      assert.equal(seen.length, connection.totalCount, `every one of the ${field} reached`);
      assert.deepEqual(seen, connection.edges.map((e) => e.node.id), `${field} in the service's order`);
    }
    assert.ok(pagesAsked > 0, 'the hub has more than one page of something');
    results.hubPagesAsked = pagesAsked;
    await page.getByTestId('collaborators').scrollIntoViewIfNeeded();
    await shot('organization-paged');
  });

  await step('indicators equal the GraphQL answer', async () => {
    await page.goto(`${base}/#/indicators`);
    await page.getByTestId('indicators').locator('tbody tr').first().waitFor();
    await page.getByTestId('indicator-chart').first().locator('canvas').waitFor();
    const expected = await graphql(`{ indicators(region: "450000", year: 2024) { indicator value } }`);
    const shown = await page.getByTestId('indicators').locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => {
        const value = row.querySelector('[data-testid=value]').dataset.value;
        return { indicator: row.dataset.indicator, value: value === '' ? null : Number(value) };
      }),
    );
    assert.deepEqual(shown, expected.indicators);
    await shot('indicators');
  });

  await step('policy lists need the analyst role', async () => {
    await page.goto(`${base}/#/lists`);
    await page.getByTestId('lists-need-analyst').waitFor();
    const anonymousAnswers = graphqlResponses.map((r) => r.body).join('\n');
    assert.ok(!/"revenue"\s*:/.test(anonymousAnswers), 'no revenue reached the browser before sign-in');
    assert.ok(!graphqlResponses.some((r) => r.request.includes('revenue')), 'and none was asked for');
  });

  await step('workflows need the editor role', async () => {
    await page.goto(`${base}/#/workflows`);
    await page.getByTestId('workflows-need-editor').waitFor();
  });

  await step('an analyst without the editor role gets no workflow controls', async () => {
    await page.goto(`${base}/#/signin`);
    await page.getByTestId('token').fill(options['analyst-token']);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('signed-in').waitFor();
    await page.goto(`${base}/#/workflows`);
    await page.getByTestId('workflows-need-editor').waitFor();
    for (const control of ['filing-check', 'advance-submit', 'pairing-create', 'pairing-end', 'lifecycle-challenge'])
      assert.equal(await page.getByTestId(control).count(), 0, `no ${control} without the editor role`);
    await page.goto(`${base}/#/signin`);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signed-in').waitFor({ state: 'detached' });
  });

  await step('analyst signs in and sees revenue', async () => {
    await page.goto(`${base}/#/signin`);
    await page.getByTestId('token').fill(options.token);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('signed-in').waitFor();
    await shot('signin');
    await page.goto(`${base}/#/org/${encodeURIComponent(enterpriseId)}`);
    await page.getByTestId('revenue').waitFor();
    const expected = await graphql(`query($id: ID!) { node(id: $id) { ... on Enterprise { revenue } } }`, { id: enterpriseId }, options.token);
    const shown = Number((await page.getByTestId('revenue').locator('dd').innerText()).replace(/[,\s]/g, ''));
    assert.equal(shown, expected.node.revenue);
    assert.ok(graphqlResponses.some((r) => /"revenue"\s*:\s*\d/.test(r.body)), 'revenue reached the browser with the role');
  });

  await step('a policy list, downloaded', async () => {
    await page.goto(`${base}/#/lists`);
    const table = page.getByTestId('policy-list');
    await table.waitFor();
    const expected = await graphql(`{ policyList(list: DOUBLE_ZERO, region: "450000", first: 100) { totalCount nodes { creditCode } } }`, undefined, options.token);
    assert.equal(await table.locator('tbody tr').count(), expected.policyList.totalCount);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-xlsx').click()]);
    const rows = await readSheet(await download.path());
    assert.equal(rows.length, expected.policyList.totalCount + 1);
    assert.deepEqual(rows.slice(1).map((r) => r[1]).sort(), expected.policyList.nodes.map((n) => n.creditCode).sort());
    await shot('lists');

    // A name a spreadsheet would run as a formula comes out of the CSV download with an apostrophe before it.
    const id = `Enterprise:${expected.policyList.nodes[0].creditCode}`;
    const rename = `mutation($id: ID!, $name: String!) { patchEnterprise(id: $id, set: { name: $name }) { dataVersion } }`;
    const original = (await graphql(`query($id: ID!) { node(id: $id) { ... on Enterprise { name } } }`, { id }, options.token)).node.name;
    const formula = '=1+1示例公式企业';
    await graphql(rename, { id, name: formula }, options.token);
    try {
      await page.reload();
      await table.locator('tbody tr', { hasText: formula }).waitFor();
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-csv').click()]);
      const cells = readFileSync(await csvDownload.path(), 'utf8').replace(/^\ufeff/, '').trim().split(/\r\n/).flatMap((line) => line.split(','));
      assert.ok(cells.includes(`'${formula}`), 'the formula name neutralised');
      assert.ok(!cells.includes(formula), 'and not as it was');
    } finally {
      await graphql(rename, { id, name: original }, options.token);
    }
  });

  await step('filing check and challenge lifecycle (editor)', async () => {
    await page.goto(`${base}/#/workflows`);
    await page.getByTestId('filing-enterprise').fill(enterpriseId);
    const facts = { staff: 8, siteArea: 150, equipmentValue: 120, annualRdFunding: 300, projects: 5 };
    for (const [key, value] of Object.entries(facts)) await page.getByTestId(`filing-${key}`).fill(String(value));
    await page.getByTestId('filing-check').click();
    const result = page.getByTestId('filing-result');
    await result.waitFor();
    const expected = await graphql(
      `query($input: FilingFactsInput!) { filingCheck(input: $input) { passed items { key passed shortfall } } }`,
      { input: { enterpriseIds: [enterpriseId], mode: 'SINGLE', hasRules: true, ...facts } },
      options.token,
    );
    assert.equal(expected.filingCheck.passed, false, 'the sample enterprise lacks staff');
    const shown = await result.locator('tbody tr').evaluateAll((rows) => rows.map((row) => ({ key: row.dataset.item, passed: row.dataset.passed === 'true' })));
    assert.deepEqual(shown, expected.filingCheck.items.map((i) => ({ key: i.key, passed: i.passed })));
    for (const item of expected.filingCheck.items.filter((i) => i.shortfall)) assert.ok((await result.innerText()).includes(item.shortfall));

    await page.getByTestId('lifecycle-challenge').selectOption('Challenge:ch-2023-boom');
    await page.getByTestId('lifecycle').waitFor();
    const lifecycle = await graphql(`{ challengeLifecycle(id: "Challenge:ch-2023-boom") { status nextStates } }`, undefined, options.token);
    assert.equal(await page.getByTestId('lifecycle-status').getAttribute('data-status'), lifecycle.challengeLifecycle.status);
    assert.equal(await page.getByTestId('lifecycle-next').getAttribute('data-states'), lifecycle.challengeLifecycle.nextStates.join(','));
    assert.equal(await page.getByTestId('lifecycle-status').innerText(), '立项', 'the status in Chinese');
  });

  // A refusal is shown as the service words it: its code and message, the same as the mutation sent directly (a refused
  // write writes nothing, so sending it again changes nothing).
  const assertRefusal = async (alert, mutation, variables) => {
    await alert.waitFor();
    const refused = await post(mutation, variables, options.token);
    assert.equal(refused.errors?.length, 1, JSON.stringify(refused));
    const shown = await alert.innerText();
    assert.ok(shown.includes(`(${refused.errors[0].extensions.code})`), `${shown} shows ${refused.errors[0].extensions.code}`);
    assert.ok(shown.includes(refused.errors[0].message), `${shown} shows ${refused.errors[0].message}`);
  };

  await step('an editor advances a challenge to its next allowed step', async () => {
    const challenge = 'Challenge:ch-2025-alloy'; // 征集 (collecting) in data/sample
    const lifecycle = async () =>
      (await graphql(`query($id: ID!) { challengeLifecycle(id: $id) { status nextStates history { status on } } }`, { id: challenge }, options.token)).challengeLifecycle;
    const before = await lifecycle();
    assert.equal(before.status, 'COLLECTING');
    await page.getByTestId('lifecycle-challenge').selectOption(challenge);
    await page.locator('[data-testid=lifecycle-status][data-status=COLLECTING]').waitFor();
    assert.equal(await page.getByTestId('lifecycle-next').getAttribute('data-states'), before.nextStates.join(','));
    const offered = await page.getByTestId('advance-to').locator('option').evaluateAll((o) => o.map((x) => x.value));
    assert.deepEqual(offered, before.nextStates, 'only the next allowed steps are offered');

    // A date before the challenge entered 征集 is refused, and nothing changes.
    const entered = before.history.at(-1).on;
    const dayBefore = new Date(Date.parse(entered) - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('advance-to').selectOption('PUBLISHED');
    await page.getByTestId('advance-on').fill(dayBefore);
    await page.getByTestId('advance-submit').click();
    await assertRefusal(
      page.getByTestId('advance').getByRole('alert'),
      `mutation($id: ID!, $on: Date!) { transitionChallenge(id: $id, to: PUBLISHED, on: $on) { status } }`,
      { id: challenge, on: dayBefore },
    );
    assert.equal((await lifecycle()).status, 'COLLECTING', 'the refused move wrote nothing');

    await page.getByTestId('advance-on').fill(entered);
    await page.getByTestId('advance-submit').click();
    await page.locator('[data-testid=lifecycle-status][data-status=PUBLISHED]').waitFor();
    const after = await lifecycle();
    assert.equal(after.status, 'PUBLISHED');
    assert.equal(await page.getByTestId('lifecycle-status').innerText(), '发榜');
    assert.equal(await page.getByTestId('lifecycle-next').getAttribute('data-states'), after.nextStates.join(','));
    const history = await page.getByTestId('lifecycle-history').locator('[data-status]').evaluateAll((d) => d.map((x) => ({ status: x.dataset.status, on: x.dataset.on })));
    assert.deepEqual(history, after.history);
    assert.equal(await page.getByTestId('advance').getByRole('alert').count(), 0, 'the refusal is gone');
    await page.getByTestId('lifecycle').scrollIntoViewIfNeeded();
    await shot('workflows');
  });

  await step('an editor awards a 赛马制 challenge to several applicants', async () => {
    const challenge = 'Challenge:ch-2024-herb'; // 对接洽谈 (negotiating), run as 赛马制, budget 250, two applicants in data/sample
    const lifecycle = async () =>
      (
        await graphql(
          `query($id: ID!) { challengeLifecycle(id: $id) { status racing budget call { key }
            applications { applicant { id } price reviewScore } awards { awardee { id } amount share reason } } }`,
          { id: challenge },
          options.token,
        )
      ).challengeLifecycle;
    const before = await lifecycle();
    assert.equal(before.status, 'NEGOTIATING');
    assert.equal(before.racing, true);
    assert.deepEqual(before.awards, []);
    await page.getByTestId('lifecycle-challenge').selectOption(challenge);
    await page.locator('[data-testid=lifecycle-status][data-status=NEGOTIATING]').waitFor();
    assert.equal(await page.getByTestId('lifecycle-racing').getAttribute('data-racing'), 'true');
    assert.equal(await page.getByTestId('lifecycle-call').count(), before.call ? 1 : 0, 'the call shown when there is one');
    const text = (v) => (v === null || v === undefined ? '' : String(v));
    const applications = await page.getByTestId('lifecycle-applications').locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({ applicant: row.dataset.applicant, price: row.dataset.price, score: row.dataset.score })),
    );
    assert.deepEqual(applications, before.applications.map((a) => ({ applicant: a.applicant.id, price: text(a.price), score: text(a.reviewScore) })));
    assert.equal(applications.length, 2);

    // Two awardees whose amounts together exceed the budget: refused as the service words it, and nothing is written.
    await page.getByTestId('advance-to').selectOption('AWARDED');
    const race = page.getByTestId('race');
    const picks = [
      { applicantId: applications[0].applicant, amount: 150, share: 60, reason: '报价较低，方案成熟' },
      { applicantId: applications[1].applicant, amount: 150, share: 40, reason: '中试条件较好' },
    ];
    for (const p of picks) {
      const row = race.locator(`tr[data-applicant="${p.applicantId}"]`);
      await row.getByTestId('race-chosen').check();
      await row.getByTestId('race-amount').fill(String(p.amount));
      await row.getByTestId('race-share').fill(String(p.share));
      await row.getByTestId('race-reason').fill(p.reason);
    }
    const on = '2025-06-30';
    await page.getByTestId('advance-on').fill(on);
    await page.getByTestId('advance-submit').click();
    await assertRefusal(
      page.getByTestId('advance').getByRole('alert'),
      `mutation($id: ID!, $on: Date!, $awardees: [ChallengeAwardInput!]!) { awardChallengeRace(challengeId: $id, on: $on, awardees: $awardees) { status } }`,
      { id: challenge, on, awardees: picks },
    );
    assert.equal((await lifecycle()).status, 'NEGOTIATING', 'the refused award wrote nothing');

    // Within the budget: both awarded, each with its amount, share and reason, as stored.
    picks[1].amount = 100;
    await race.locator(`tr[data-applicant="${picks[1].applicantId}"]`).getByTestId('race-amount').fill('100');
    await page.getByTestId('advance-submit').click();
    await page.locator('[data-testid=lifecycle-status][data-status=AWARDED]').waitFor();
    const after = await lifecycle();
    assert.equal(after.status, 'AWARDED');
    assert.deepEqual(
      after.awards.map((a) => a.awardee.id).sort(),
      picks.map((p) => p.applicantId).sort(),
    );
    const awards = await page.getByTestId('lifecycle-awards').locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({ awardee: row.dataset.awardee, amount: row.dataset.amount, share: row.dataset.share, text: row.textContent })),
    );
    assert.deepEqual(
      awards.map(({ awardee, amount, share }) => ({ awardee, amount, share })),
      after.awards.map((a) => ({ awardee: a.awardee.id, amount: text(a.amount), share: text(a.share) })),
    );
    after.awards.forEach((a, i) => assert.ok(awards[i].text.includes(a.reason), `the reason of ${a.awardee.id}`));
    await page.getByTestId('lifecycle-awards').scrollIntoViewIfNeeded();
    await shot('race');
  });

  await step('an editor records a pairing and ends one', async () => {
    const pairingsOf = async () =>
      (
        await graphql(
          `query($id: ID!) { node(id: $id) { ... on Enterprise { pairings(first: 100) { edges { node { id } link { startDate endDate } } } } } }`,
          { id: enterpriseId },
          options.token,
        )
      ).node.pairings.edges.map((e) => ({ partner: e.node.id, start: e.link.startDate ?? '', end: e.link.endDate ?? '' }));
    const panel = page.getByTestId('pairings');
    const rows = () => panel.locator('tbody tr').evaluateAll((r) => r.map((x) => ({ partner: x.dataset.partner, start: x.dataset.start, end: x.dataset.end })));
    await page.getByTestId('pairing-enterprise').fill(enterpriseId);
    await page.getByTestId('pairing-table').waitFor();
    const before = await pairingsOf();
    const paired = 'University:demo-tech-univ'; // paired with the enterprise since 2021-01-15 in data/sample
    assert.ok(before.some((p) => p.partner === paired && p.end === ''));
    assert.deepEqual(await rows(), before);

    // Pairing a pair already in force from another date is refused.
    await page.getByTestId('pairing-partner').fill(paired);
    await page.getByTestId('pairing-start').fill('2026-01-05');
    await page.getByTestId('pairing-create').click();
    await assertRefusal(
      panel.getByRole('alert'),
      `mutation($e: ID!, $p: ID!) { createPairing(enterpriseId: $e, partnerId: $p, startOn: "2026-01-05") { id } }`,
      { e: enterpriseId, p: paired },
    );
    assert.deepEqual(await pairingsOf(), before, 'the refused pairing wrote nothing');

    // End it, then pair the enterprise with another university.
    await page.getByTestId('pairing-end-on').fill('2026-01-31');
    await panel.locator(`tr[data-partner="${paired}"]`).getByTestId('pairing-end').click();
    await panel.locator(`tr[data-partner="${paired}"][data-end="2026-01-31"]`).waitFor();
    assert.equal(await panel.getByRole('alert').count(), 0, 'the refusal is gone');
    const other = 'University:demo-east-univ';
    await page.getByTestId('pairing-partner').fill(other);
    await page.getByTestId('pairing-start').fill('2026-02-01');
    await page.getByTestId('pairing-create').click();
    await panel.locator(`tr[data-partner="${other}"][data-start="2026-02-01"][data-end=""]`).waitFor();
    const after = await pairingsOf();
    assert.deepEqual(await rows(), after, 'the table shows the pairings as stored');
    assert.ok(after.some((p) => p.partner === paired && p.end === '2026-01-31'));
    assert.ok(after.some((p) => p.partner === other && p.start === '2026-02-01' && p.end === ''));
    assert.equal(await panel.locator(`tr[data-partner="${paired}"]`).getByTestId('pairing-end').count(), 0, 'an ended pairing cannot be ended again');
    await panel.scrollIntoViewIfNeeded();
    await shot('pairings');
  });

  await step('English switch', async () => {
    await page.getByTestId('lang').click();
    await page.getByRole('link', { name: 'Search' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  });

  await step('GraphiQL runs an example and reads the schema', async () => {
    const graphiql = await context.newPage();
    watch(graphiql);
    await graphiql.goto(`${base}/graphql`, { waitUntil: 'load' });
    await graphiql.locator('.graphiql-container').waitFor();
    await graphiql.waitForFunction(() => document.querySelector('.graphiql-doc-explorer, .graphiql-sidebar') !== null);
    const introspection = () => graphqlResponses.find((r) => r.request.includes('__schema'));
    for (let i = 0; i < 600 && !introspection(); i++) await graphiql.waitForTimeout(100);
    assert.ok(introspection(), 'GraphiQL asked for the schema');
    assert.equal(introspection().status, 200);
    assert.deepEqual(JSON.parse(introspection().body).errors ?? [], []);
    await graphiql.locator('.graphiql-execute-button').click();
    await graphiql.locator('.result-window').getByText('recommendPartners').first().waitFor();
    await graphiql.screenshot({ path: join(out, 'graphiql.png') });
    await graphiql.close();
  });

  assert.deepEqual(consoleErrors, [], 'no console errors');
  console.log(`RESULT ${JSON.stringify(results)}`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
