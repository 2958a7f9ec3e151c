// The existing links of one type with these ids, and the kinds of the nodes named as their ends.
UNWIND $rows AS row
OPTIONAL MATCH (a:Node {id: row.fromId})
OPTIONAL MATCH (b:Node {id: row.toId})
OPTIONAL MATCH (a)-[r:$$TYPE$$ {id: row.id}]->(b)
RETURN row.id AS id, a.kind AS fromKind, b.kind AS toKind,
  CASE WHEN r IS NULL THEN null ELSE r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt} END AS link
