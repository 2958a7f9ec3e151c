// Substring search over name, English name and aliases (any Neo4j), ranked as the embedded store ranks:
// by the best matching name, exact before prefix before substring, then the shorter name; then the id. Candidates
// come from the index on searchText (every name and alias in lower case), which answers CONTAINS without reading nodes.
MATCH (n:Node)
WHERE n.searchText CONTAINS $text AND ($kinds IS NULL OR n.kind IN $kinds)
WITH n, [t IN [n.name, n.nameEn] + coalesce(n.aliases, []) WHERE t IS NOT NULL AND toLower(trim(t)) CONTAINS $text |
    CASE WHEN toLower(trim(t)) = $text THEN 0 WHEN toLower(trim(t)) STARTS WITH $text THEN 1 ELSE 2 END * 1000000 + size(t)] AS scores
WHERE size(scores) > 0
WITH n, reduce(best = 9000000, s IN scores | CASE WHEN s < best THEN s ELSE best END) AS score
RETURN n {.id, .kind, .key, .name, .nameEn, .aliases, .props, .createdAt, .updatedAt} AS node
ORDER BY score, n.id
LIMIT $limit
