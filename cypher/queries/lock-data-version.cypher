// Takes the write lock on the data version (serializing writers) and returns it.
MERGE (m:Meta {id: 'meta'})
ON CREATE SET m.version = 0
SET m.locked = true
RETURN m.version AS version
