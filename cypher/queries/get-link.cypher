// One link by id, found from its from-end. $$TYPE$$ is a relationship type from the catalog.
MATCH (a:Node {id: $fromId})-[r:$$TYPE$$ {id: $id}]->(b:Node)
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
