// Takes the write lock on the data version (serializing writers) and returns it. The version it was locked at is
// kept so that bump-data-version gives the same result if a request is delivered twice.
MERGE (m:Meta {id: 'meta'})
ON CREATE SET m.version = 0
SET m.locked = true
SET m.lockedVersion = m.version
RETURN m.version AS version
