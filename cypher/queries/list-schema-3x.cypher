// The indexes and constraints that exist (Neo4j 3.x), so that only missing ones are created: a schema statement
// waits for every open transaction, even when what it would create is already there.
CALL db.indexes() YIELD description RETURN description
UNION ALL
CALL db.constraints() YIELD description RETURN description
