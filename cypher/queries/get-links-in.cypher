// The links arriving at these nodes, of some types ($$TYPES$$ and what is read as in get-links-out).
UNWIND $ids AS id
MATCH (:Node {id: id})<-[r$$TYPES$$]-()
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt} AS link
