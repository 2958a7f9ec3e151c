// After a load (neo4j-admin database load), before the service starts: sets the data version past both the loaded one
// and $version, the highest one clients may have seen before the load, so that an old expectedDataVersion gets
// CONFLICT. Returns the loaded version and the new one.
MERGE (m:Meta {id: 'meta'})
ON CREATE SET m.version = 0
WITH m, m.version AS loaded
SET m.version = CASE WHEN loaded > $version THEN loaded ELSE $version END + 1
SET m.lockedVersion = m.version
RETURN loaded, m.version AS version
