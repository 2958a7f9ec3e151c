// The neighbours of these nodes: for each, the distinct ids at the other end of its links in a direction
// ($out / $in), of some types (all when $types is null). Only ids are read, never the links' properties.
UNWIND $ids AS id
MATCH (a:Node {id: id})-[r]-(b:Node)
WHERE ($types IS NULL OR type(r) IN $types)
  AND (($out AND startNode(r) = a) OR ($in AND endNode(r) = a))
RETURN id, collect(DISTINCT b.id) AS neighbours
