// The links leaving these nodes, of some types: $$TYPES$$ is empty (every type) or ":A|B" with relationship types from
// the catalog, so only those relationships are expanded. Only the relationships' own properties are read: the type
// and both ends are in the link id, so the far node is never touched. Unordered: the store sorts them by id, faster
// than an ORDER BY in Neo4j over a hub's thousand links.
UNWIND $ids AS id
MATCH (:Node {id: id})-[r$$TYPES$$]->()
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt} AS link
