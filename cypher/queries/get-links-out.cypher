// The links leaving these nodes, of some types: $$TYPES$$ is empty (every type) or ":A|B" with relationship types from
// the catalog, so only those relationships are expanded. Unordered: the store sorts them by id, faster than an
// ORDER BY in Neo4j over a hub's thousand links.
UNWIND $ids AS id
MATCH (a:Node {id: id})-[r$$TYPES$$]->(b:Node)
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
