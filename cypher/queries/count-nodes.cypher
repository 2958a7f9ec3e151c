// How many nodes a list query matches ($$LABEL$$, $$KINDS$$ and $$FILTER$$ as in list-nodes).
MATCH (n:$$LABEL$$)
WHERE $$KINDS$$ AND ($$FILTER$$)
RETURN count(n) AS total
