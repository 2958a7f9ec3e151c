// Creates or replaces nodes of one kind. $$LABEL$$ is a node kind from the catalog; each row's props
// map holds every stored property (core fields, flattened values and the exact JSON).
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n = row.props
SET n:$$LABEL$$
RETURN count(n) AS written
