import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countByProvinceAndLevel, parseCsv } from '../regenerate.mjs';

const here = new URL('.', import.meta.url).pathname;
const script = join(here, '..', 'regenerate.mjs');
const fixture = join(here, 'fixture');

function regenerate() {
  const out = join(mkdtempSync(join(tmpdir(), 'kg-reference-')), 'universities.csv');
  execFileSync(process.execPath, [script, '--schools', join(fixture, 'schools.csv'), '--divisions', join(fixture, 'divisions'),
    '--designations', join(fixture, 'designations.csv'), '--out', out]);
  const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
  return rows.map(r => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

// What the fixture's own province headings and level column say, read without the script's parser.
function fixtureCounts() {
  const provinces = { '北京市': '110000', '河北省': '130000', '广西壮族自治区': '450000', '云南省': '530000' };
  const counts = new Map();
  let province = null;
  for (const line of readFileSync(join(fixture, 'schools.csv'), 'utf8').split('\n')) {
    const heading = line.match(/^(\S+?)（(\d+)所）/);
    if (heading) { province = provinces[heading[1]]; continue; }
    const level = line.match(/,(本科|专科),/);
    if (level && province) counts.set(`${province} ${level[1]}`, (counts.get(`${province} ${level[1]}`) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

test('counts per province and level equal the list the file was built from', () => {
  const rows = regenerate();
  assert.deepEqual(countByProvinceAndLevel(rows), fixtureCounts());
  assert.equal(rows.length, 12);
});

test('each province heading states how many institutions it lists', () => {
  const rows = regenerate();
  for (const [name, code, stated] of [['北京市', '110000', 3], ['河北省', '130000', 2], ['广西壮族自治区', '450000', 5], ['云南省', '530000', 2]])
    assert.equal(rows.filter(r => r.province === code).length, stated, name);
});

test('places map to GB/T 2260 codes, also where the list names them loosely', () => {
  const byCode = new Map(regenerate().map(r => [r.moeCode, r]));
  assert.equal(byCode.get('4145010593').region, '450100');
  assert.equal(byCode.get('4111010005').region, '110000');
  assert.equal(byCode.get('4113010080').region, '120000', 'listed under 河北, located in 天津');
  assert.equal(byCode.get('4153010679').city, '大理白族自治州', 'a name broken over two lines is joined');
  assert.equal(byCode.get('4153010679').region, '532900');
  assert.equal(byCode.get('4153014487').region, '532900', '大理州 is 大理白族自治州');
});

test('designations, levels and remarks are carried over', () => {
  const byCode = new Map(regenerate().map(r => [r.moeCode, r]));
  assert.equal(byCode.get('4111010001').designations, '985;211;双一流');
  assert.equal(byCode.get('4145010593').designations, '211;双一流');
  assert.equal(byCode.get('4145010595').designations, '');
  assert.equal(byCode.get('4145011549').remark, '民办');
  assert.equal(byCode.get('4145012364').level, '专科');
});

test('a place the divisions do not know stops the regeneration and writes nothing', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'kg-reference-')), 'universities.csv');
  const bad = join(mkdtempSync(join(tmpdir(), 'kg-reference-')), 'schools.json');
  execFileSync('sh', ['-c', `printf '[{"name":"某学院","code":"4145019999","department":"x","address":"无此市","level":"本科","remarks":""}]' > ${bad}`]);
  assert.throws(() => execFileSync(process.execPath, [script, '--schools', bad, '--divisions', join(fixture, 'divisions'), '--out', out], { stdio: 'pipe' }),
    e => e.status === 1 && String(e.stderr).includes("no GB/T 2260 division named '无此市'"));
});
