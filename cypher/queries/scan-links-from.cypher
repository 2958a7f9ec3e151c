// The links of one type leaving these nodes (a page of scan-link-starts); the type and the ends are in the link id.
UNWIND $ids AS id
MATCH (:Node {id: id})-[r:$$TYPE$$]->()
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt} AS link
