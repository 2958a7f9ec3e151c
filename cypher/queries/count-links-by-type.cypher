// How many links of each type.
MATCH (:Node)-[r]->(:Node)
RETURN type(r) AS name, count(r) AS total
