// Parses a network export with graphology's own parsers and prints what they read as one JSON line:
//   node check.mjs graphml <file>    node check.mjs gexf <file>
// A file the parser rejects exits non-zero with the parser's message.
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import graphml from 'graphology-graphml';
import gexf from 'graphology-gexf';

const [format, file] = process.argv.slice(2);
const parsers = { graphml, gexf };
if (!parsers[format] || !file) {
  console.error('usage: node check.mjs <graphml|gexf> <file>');
  process.exit(2);
}

const text = readFileSync(file, 'utf8');
const graph = parsers[format].parse(Graph, text);
const summary = {
  type: graph.type,
  order: graph.order,
  size: graph.size,
  nodes: graph.mapNodes((key, attributes) => ({ key, attributes })),
  edges: graph.mapEdges((key, attributes, source, target, _s, _t, undirected) => ({ key, source, target, undirected, attributes })),
};
if (format === 'gexf') Object.assign(summary, timeline(text));
console.log(JSON.stringify(summary));

// Gephi's timeline reads the graph's mode and timeformat and each edge's start/end; graphology ignores them, so they
// are read here and checked: dates must be yyyy-MM-dd in a dynamic graph with timeformat "date", start not after end.
function timeline(xml) {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const graph = document.getElementsByTagName('graph')[0];
  const mode = graph.getAttribute('mode');
  const timeformat = graph.getAttribute('timeformat');
  const edges = Array.from(document.getElementsByTagName('edge'));
  const intervals = edges.map((edge) => ({
    id: edge.getAttribute('id'),
    start: edge.getAttribute('start') || null,
    end: edge.getAttribute('end') || null,
  }));
  const date = /^\d{4}-\d{2}-\d{2}$/;
  for (const { id, start, end } of intervals) {
    if (!start && !end) continue;
    if (mode !== 'dynamic' || timeformat !== 'date') fail(`edge ${id} has an interval in a graph that is not dynamic with timeformat "date"`);
    for (const value of [start, end]) if (value && (!date.test(value) || isNaN(Date.parse(value)))) fail(`edge ${id}: '${value}' is not a date`);
    if (start && end && start > end) fail(`edge ${id} starts (${start}) after it ends (${end})`);
  }
  return { mode, timeformat, intervals };
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
