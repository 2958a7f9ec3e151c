// How soon the app's first page is interactive: from navigation to a search box that takes input, and to the first
// answers of a search typed into it; five loads in a fresh browser, the median reported. Not a test: a measurement
// (docs/explorer.md). node e2e/first-page.mjs --base http://127.0.0.1:5080 [--text 广西]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: options } = parseArgs({
  options: {
    base: { type: 'string' },
    text: { type: 'string', default: '广西' },
    runs: { type: 'string', default: '5' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const userDataDir = mkdtempSync(join(tmpdir(), 'explorer-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: options.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const interactive = [];
  const answered = [];
  for (let run = 0; run < Number(options.runs); run++) {
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${options.base}/`);
    await page.getByTestId('search-input').fill(options.text);
    interactive.push(Date.now() - started);
    await page.getByTestId('search-results').locator('li').first().waitFor();
    answered.push(Date.now() - started);
    await page.close();
    await context.clearCookies();
  }
  console.log(`first page interactive: median ${median(interactive)} ms (${interactive.join(', ')})`);
  console.log(`first answers to "${options.text}": median ${median(answered)} ms (${answered.join(', ')})`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
