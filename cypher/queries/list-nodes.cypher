// A filtered, sorted page of nodes. $$FILTER$$ and $$ORDER$$ are built in code from catalog property
// names and parameters only; the check substitutes a link condition (see tools/cypher-check) and `n.id`.
MATCH (n:Node)
WHERE n.kind IN $kinds AND ($$FILTER$$)
RETURN n {.id, .kind, .key, .name, .nameEn, .aliases, .props, .createdAt, .updatedAt} AS node
ORDER BY $$ORDER$$
SKIP $skip LIMIT $take
