// Moves the data version on by one from where it was locked, after a write that changed data; run twice in one
// transaction (a request delivered again after a lost connection), it still moves it by one.
MERGE (m:Meta {id: 'meta'})
ON CREATE SET m.version = 0, m.lockedVersion = 0
SET m.version = coalesce(m.lockedVersion, m.version) + 1
RETURN m.version AS version
