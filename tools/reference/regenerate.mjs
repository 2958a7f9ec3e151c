#!/usr/bin/env node
// Rebuilds src/Graph.Domain/Reference/universities.csv from the Ministry of Education's list of institutions of higher
// education (教育部《全国高等学校名单》), the 985/211/双一流 designations and the GB/T 2260 divisions. See README.md here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const MUNICIPALITIES = { 11: '110000', 12: '120000', 31: '310000', 50: '500000' };
const LEVELS = new Set(['本科', '专科']);
// Places older copies of the list name that no longer exist as such: 莱芜市 became 济南市莱芜区 in 2019 (国函〔2019〕4号).
const FORMER_DIVISIONS = { '莱芜市': '370116' };

/** RFC 4180 CSV into rows of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); cell = '';
      rows.push(row); row = [];
    } else cell += c;
  }
  if (cell.length > 0 || row.length > 0) { row.push(cell); rows.push(row); }
  return rows.filter(r => !(r.length === 1 && r[0].trim() === ''));
}

function csvCell(value) {
  const text = value ?? '';
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The institutions of a copy of the list: the ministry's own table (CSV saved from its XLS: 序号, 学校名称, 学校标识码,
 * 主管部门, 所在地, 办学层次, 备注, with a heading row per province such as "广西壮族自治区（85所）"), or a JSON array
 * (name, code, department, address, level, remarks), bare or inside a JavaScript module.
 */
export function readInstitutions(text) {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('序号') && !/^[^\n]*学校名称/.test(trimmed) && trimmed.includes('[')) {
    const array = JSON.parse(trimmed.slice(trimmed.indexOf('['), trimmed.lastIndexOf(']') + 1));
    return array.map(r => clean({ name: r.name, code: r.code, department: r.department, location: r.address, level: r.level, remark: r.remarks ?? '' }));
  }
  const institutions = [];
  let header = null;
  for (const row of parseCsv(trimmed)) {
    const cells = row.map(c => c.trim());
    if (cells.includes('学校名称')) { header = cells; continue; }
    if (!header) continue;
    const at = name => cells[header.indexOf(name)] ?? '';
    if (!/^\d{10}$/.test(at('学校标识码'))) continue; // province headings and notes
    institutions.push(clean({ name: at('学校名称'), code: at('学校标识码'), department: at('主管部门'), location: at('所在地'), level: at('办学层次'), remark: at('备注') }));
  }
  return institutions;
}

// Cells copied from the ministry's spreadsheet break long names over lines ("大理白族\n自治州").
const clean = institution => Object.fromEntries(Object.entries(institution).map(([k, v]) => [k, String(v ?? '').replace(/\s+/g, '')]));

/** The 985/211/双一流 designations by institution code, from any text that lists `code: [designations]` pairs (CSV or a JS map). */
export function readDesignations(text) {
  const designations = new Map();
  for (const match of text.matchAll(/(\d{10})['"]?\s*[:,]\s*\[?([^\]\n]*)/g)) {
    const names = [...match[2].matchAll(/985|211|双一流/g)].map(m => m[0]);
    if (names.length > 0) designations.set(match[1], names);
  }
  return designations;
}

/** GB/T 2260 divisions (provinces.csv, cities.csv, areas.csv in the layout of the Administrative-divisions-of-China data). */
export function readDivisions(folder) {
  const table = file => parseCsv(readFileSync(join(folder, file), 'utf8')).slice(1);
  const cities = table('cities.csv').map(([code, name, province]) => ({ code: code.padEnd(6, '0'), name, province }));
  const areas = table('areas.csv').map(([code, name, , province]) => ({ code, name, province }));
  return { cities, areas };
}

const shortName = name => name.replace(/(市|地区|盟|自治州)$/, '');

/** The GB/T 2260 code of the place an institution is in: a municipality, a prefecture-level city, or a county-level city. */
export function locate(location, code, divisions) {
  const province = code.slice(2, 4);
  if (FORMER_DIVISIONS[location]) return FORMER_DIVISIONS[location];
  const inProvince = list => list.filter(d => d.province === province);
  for (const [prefix, municipality] of Object.entries(MUNICIPALITIES))
    if (location.startsWith(['北京', '天津', '上海', '重庆'][Object.keys(MUNICIPALITIES).indexOf(prefix)])) return municipality;
  // "凉山州" for 凉山彝族自治州: an autonomous prefecture is often named without its peoples.
  const prefecture = location.endsWith('州') && !location.endsWith('自治州') ? location.slice(0, -1) : null;
  const exact = list => list.filter(d => d.name === location || shortName(d.name) === shortName(location)
    || (prefecture !== null && d.name.startsWith(prefecture) && d.name.endsWith('自治州')));
  for (const candidates of [exact(inProvince(divisions.cities)), exact(divisions.cities), exact(inProvince(divisions.areas)), exact(divisions.areas)])
    if (candidates.length === 1) return candidates[0].code;
  return '';
}

/** The rows of universities.csv, in the list's order. */
export function build(institutions, designations, divisions) {
  const problems = [];
  const rows = institutions.map(i => {
    if (!LEVELS.has(i.level)) problems.push(`${i.code} ${i.name}: level '${i.level}' is neither 本科 nor 专科`);
    const region = locate(i.location, i.code, divisions);
    if (!region) problems.push(`${i.code} ${i.name}: no GB/T 2260 division named '${i.location}'`);
    return {
      moeCode: i.code, name: i.name, supervisor: i.department, city: i.location, region,
      province: `${i.code.slice(2, 4)}0000`, level: i.level, designations: (designations.get(i.code) ?? []).join(';'), remark: i.remark,
    };
  });
  const seen = new Set();
  for (const row of rows) {
    if (seen.has(row.moeCode)) problems.push(`${row.moeCode} is listed twice`);
    seen.add(row.moeCode);
  }
  return { rows, problems };
}

export const COLUMNS = ['moeCode', 'name', 'supervisor', 'city', 'region', 'province', 'level', 'designations', 'remark'];

export function toCsv(rows) {
  return [COLUMNS.join(','), ...rows.map(r => COLUMNS.map(c => csvCell(r[c])).join(','))].join('\n') + '\n';
}

/** Institutions per province (the list's grouping, from the code) and level: "450000 本科" → count. */
export function countByProvinceAndLevel(rows) {
  const counts = new Map();
  for (const row of rows) {
    const key = `${row.province} ${row.level}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

function main() {
  const { values } = parseArgs({
    options: {
      schools: { type: 'string' }, designations: { type: 'string' }, divisions: { type: 'string' },
      out: { type: 'string', default: 'src/Graph.Domain/Reference/universities.csv' },
    },
  });
  if (!values.schools || !values.divisions) {
    console.error('usage: node tools/reference/regenerate.mjs --schools <list.csv|.json|.ts> --divisions <folder> [--designations <file>] [--out <csv>]');
    process.exit(2);
  }
  const institutions = readInstitutions(readFileSync(values.schools, 'utf8'));
  const designations = values.designations ? readDesignations(readFileSync(values.designations, 'utf8')) : new Map();
  const { rows, problems } = build(institutions, designations, readDivisions(values.divisions));
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error(`${problems.length} problem(s); ${values.out} was not written`);
    process.exit(1);
  }
  writeFileSync(values.out, toCsv(rows));
  const levels = rows.reduce((m, r) => m.set(r.level, (m.get(r.level) ?? 0) + 1), new Map());
  console.log(`${values.out}: ${rows.length} institutions (${[...levels].map(([l, n]) => `${l} ${n}`).join(', ')}), ${rows.filter(r => r.designations).length} with designations`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
