// The links at these nodes, in a direction ($out / $in), of some types (all when $types is null).
UNWIND $ids AS id
MATCH (:Node {id: id})-[r]-(:Node)
WITH DISTINCT r
MATCH (a:Node)-[r]->(b:Node)
WHERE ($types IS NULL OR type(r) IN $types)
  AND (($out AND a.id IN $ids) OR ($in AND b.id IN $ids))
RETURN r {.id, .key, .startDate, .endDate, .source, .props, .createdAt, .updatedAt, type: type(r), fromId: a.id, toId: b.id} AS link
ORDER BY link.id
