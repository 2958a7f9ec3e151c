// One page of every node (of a kind, when given) after an id, ordered by id.
MATCH (n:Node)
WHERE ($kind IS NULL OR n.kind = $kind) AND n.id > $after
RETURN n {.id, .kind, .key, .name, .nameEn, .aliases, .props, .createdAt, .updatedAt} AS node
ORDER BY n.id
LIMIT $size
