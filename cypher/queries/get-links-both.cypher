// The links at these nodes in either direction, of some types ($$TYPES$$ and what is read as in get-links-out); a
// link between two of them once.
UNWIND $ids AS id
MATCH (:Node {id: id})-[r$$TYPES$$]-()
WITH DISTINCT r
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt} AS link
