// One page of every link (of a type, when given) after an id, ordered by id.
MATCH (a:Node)-[r]->(b:Node)
WHERE ($type IS NULL OR type(r) = $type) AND r.id > $after
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
ORDER BY link.id
LIMIT $size
