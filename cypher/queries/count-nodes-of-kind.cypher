// How many nodes of a kind there are, from Neo4j's counts (no node is read).
MATCH (n:$$LABEL$$)
RETURN count(n) AS total
