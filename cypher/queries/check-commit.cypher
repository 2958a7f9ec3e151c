// The token of the last committed write, read under the data-version lock: a commit still under way is waited for,
// so the answer is final.
MERGE (m:Meta {id: 'meta'})
ON CREATE SET m.version = 0
SET m.locked = true
RETURN m.lastCommit AS commit
