-- The links at a node by type, a link from the node to itself once.
SELECT type, count(*) FROM (
    SELECT type FROM links WHERE from_n = $n
    UNION ALL SELECT type FROM links WHERE to_n = $n AND from_n <> $n)
GROUP BY type
