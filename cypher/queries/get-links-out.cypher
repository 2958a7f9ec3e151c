// The links leaving these nodes, of some types: $$TYPES$$ is empty (every type) or ":A|B" with relationship types from
// the catalog, so only those relationships are expanded.
UNWIND $ids AS id
MATCH (a:Node {id: id})-[r$$TYPES$$]->(b:Node)
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
ORDER BY link.id
