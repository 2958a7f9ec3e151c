// The links at these nodes in either direction, of some types ($$TYPES$$ as in get-links-out); a link between two
// of them once.
UNWIND $ids AS id
MATCH (:Node {id: id})-[r$$TYPES$$]-(:Node)
WITH DISTINCT r
MATCH (a:Node)-[r]->(b:Node)
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
