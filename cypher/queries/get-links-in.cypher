// The links arriving at these nodes, of some types ($$TYPES$$ as in get-links-out).
UNWIND $ids AS id
MATCH (b:Node {id: id})<-[r$$TYPES$$]-(a:Node)
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
