// Deletes a link; returns how many were deleted (0 or 1). $$TYPE$$ is a link type from the catalog.
MATCH (:Node {id: $fromId})-[r:$$TYPE$$ {id: $id}]->()
WITH r, r.id AS id
DELETE r
RETURN count(id) AS deleted
