import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog, lint, checkAll } from '../check.mjs';

const schema = catalog();

test('every statement in cypher/ passes', () => {
  const { checked, errors } = checkAll();
  assert.ok(checked > 10);
  assert.deepEqual(errors, []);
});

test('a broken statement is reported with its file and line', () => {
  const errors = lint('broken.cypher', 'MATCH (n:Node)\nRETURN n {.id} AS node ORDER BY\n', schema);
  assert.ok(errors.length > 0);
  assert.match(errors[0], /^broken\.cypher:2: /);
});

test('a label, property or parameter outside the catalog is reported', () => {
  assert.equal(lint('a.cypher', 'MATCH (n:Enterprise) RETURN n.name', schema).length, 0);
  assert.ok(lint('b.cypher', 'MATCH (n:Enterprize) RETURN n.name', schema).some((e) => e.includes('Enterprize')));
  assert.ok(lint('c.cypher', 'MATCH (n:Node) RETURN n.nmae', schema).some((e) => e.includes('nmae')));
  assert.ok(lint('d.cypher', 'MATCH (n:Node {id: $nope}) RETURN n.id', schema).some((e) => e.includes('$nope')));
});

test('placeholder tokens are replaced by catalog names before linting', () => {
  assert.deepEqual(lint('e.cypher', 'MATCH (n:$$LABEL$$)-[r:$$TYPE$$]->(b) WHERE $$FILTER$$ RETURN n.id ORDER BY $$ORDER$$', schema), []);
});
