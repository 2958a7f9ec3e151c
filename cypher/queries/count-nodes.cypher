// How many nodes a list query matches ($$FILTER$$ as in list-nodes).
MATCH (n:Node)
WHERE n.kind IN $kinds AND ($$FILTER$$)
RETURN count(n) AS total
