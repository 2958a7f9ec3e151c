// A filtered, sorted page of nodes. $$LABEL$$ is the kind's label when the list is of one kind, else Node (with the
// kinds in $kinds). $$KINDS$$ is `n.kind IN $kinds`, or `true` when the label alone selects the kinds (one kind's
// label, or Node for every kind), so no node's kind is read. $$FILTER$$ and $$ORDER$$ are built in code from catalog
// property names and parameters only; the check substitutes a link condition (see tools/cypher-check) and `n.id`.
// Only the page's nodes are projected.
MATCH (n:$$LABEL$$)
WHERE $$KINDS$$ AND ($$FILTER$$)
WITH n
ORDER BY $$ORDER$$
SKIP $skip LIMIT $take
RETURN n {.id, .kind, .key, .name, .nameEn, .aliases, .props, .createdAt, .updatedAt} AS node
