// The links of one type leaving these nodes (a page of scan-link-starts).
UNWIND $ids AS id
MATCH (a:Node {id: id})-[r:$$TYPE$$]->(b:Node)
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
