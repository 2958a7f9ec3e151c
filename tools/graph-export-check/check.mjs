// Parses a network export with graphology's own parsers and prints what they read as one JSON line:
//   node check.mjs graphml <file>    node check.mjs gexf <file>
// A file the parser rejects exits non-zero with the parser's message.
import { readFileSync } from 'node:fs';
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
  edges: graph.mapEdges((key, attributes, source, target, _s, _t, undirected) => ({ source, target, undirected, attributes })),
};
console.log(JSON.stringify(summary));
