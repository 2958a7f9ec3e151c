// How many nodes of each kind.
MATCH (n:Node)
RETURN n.kind AS name, count(n) AS total
