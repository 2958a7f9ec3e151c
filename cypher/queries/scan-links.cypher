// One page of the links of one type after an id, ordered by id. $$TYPE$$ is a link type from the catalog.
MATCH (a:Node)-[r:$$TYPE$$]->(b:Node)
WHERE r.id > $after
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
ORDER BY link.id
LIMIT $size
