// Creates or replaces links of one type between existing nodes. $$TYPE$$ is a link type from the catalog.
UNWIND $rows AS row
MATCH (a:Node {id: row.fromId})
WITH row, a
MATCH (b:Node {id: row.toId})
MERGE (a)-[r:$$TYPE$$ {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
