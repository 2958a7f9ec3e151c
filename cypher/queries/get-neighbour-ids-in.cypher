// For each of these nodes, the distinct ids at the other end of the links arriving at it (as get-neighbour-ids-out).
UNWIND $ids AS id
MATCH (:Node {id: id})<-[$$TYPES$$]-(b:Node)
RETURN id, collect(DISTINCT b.id) AS neighbours
