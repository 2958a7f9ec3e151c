// Deletes a node and every link at it; returns how many nodes were deleted (0 or 1).
MATCH (n:Node {id: $id})
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
