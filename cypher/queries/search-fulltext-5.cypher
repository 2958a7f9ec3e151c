// Search through the full-text index (CJK bigrams) on Neo4j 5; candidates are then held to substring
// semantics and ranked like search.cypher. Texts shorter than two characters use search.cypher.
CALL db.index.fulltext.queryNodes('node_search', $query, {limit: 1000}) YIELD node AS n
WITH n
WHERE ($kinds IS NULL OR n.kind IN $kinds)
WITH n, [t IN [n.name, n.nameEn] + coalesce(n.aliases, []) WHERE t IS NOT NULL AND toLower(trim(t)) CONTAINS $text |
    CASE WHEN toLower(trim(t)) = $text THEN 0 WHEN toLower(trim(t)) STARTS WITH $text THEN 1 ELSE 2 END * 1000000 + size(t)] AS scores
WHERE size(scores) > 0
WITH n, reduce(best = 9000000, s IN scores | CASE WHEN s < best THEN s ELSE best END) AS score
RETURN n {.id, .kind, .key, .name, .nameEn, .aliases, .props, .createdAt, .updatedAt} AS node
ORDER BY score, n.id
LIMIT $limit
