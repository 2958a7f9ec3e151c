// One link by id, found from its from-end. $$TYPE$$ is a relationship type from the catalog.
MATCH (:Node {id: $fromId})-[r:$$TYPE$$ {id: $id}]->()
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt} AS link
