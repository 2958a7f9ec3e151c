// The nodes with these ids (missing ids are absent).
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN n {.id, .kind, .key, .name, .nameEn, .aliases, .props, .createdAt, .updatedAt} AS node
