// Increments the data version after a write that changed data.
MERGE (m:Meta {id: 'meta'})
ON CREATE SET m.version = 0
SET m.version = m.version + 1
RETURN m.version AS version
