// How many nodes a list query matches ($$LABEL$$ and $$FILTER$$ as in list-nodes).
MATCH (n:$$LABEL$$)
WHERE n.kind IN $kinds AND ($$FILTER$$)
RETURN count(n) AS total
