// Marks the write transaction with a token of its own, in the request that commits it, so that after a commit whose
// answer was lost the token tells whether it took effect (check-commit.cypher).
MERGE (m:Meta {id: 'meta'})
SET m.lastCommit = $commit
RETURN m.lastCommit AS commit
