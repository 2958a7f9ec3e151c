// Gives up to 5,000 nodes that lack it their searchText (as upsert-nodes.cypher computes it): nodes written before
// search used it, or loaded with LOAD CSV. Run until it fills none.
MATCH (n:Node)
WHERE n.searchText IS NULL
WITH n LIMIT 5000
SET n.searchText = toLower(reduce(text = coalesce(n.name, '') + '\n' + coalesce(n.nameEn, ''), alias IN coalesce(n.aliases, []) | text + '\n' + alias))
RETURN count(n) AS filled
