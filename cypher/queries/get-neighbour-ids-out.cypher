// For each of these nodes, the distinct ids at the other end of the links leaving it, of some types ($$TYPES$$ as in
// get-links-out). Only ids are read, never the links' properties.
UNWIND $ids AS id
MATCH (:Node {id: id})-[$$TYPES$$]->(b:Node)
RETURN id, collect(DISTINCT b.id) AS neighbours
