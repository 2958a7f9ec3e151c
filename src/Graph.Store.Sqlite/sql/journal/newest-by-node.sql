-- The newest journal entries touching each node of $nodes (a JSON array of ids), at most $first each, newest first.
-- Numbered on journal_nodes alone, so only the entries kept are read.
WITH newest (node_id, version) AS (
    SELECT node_id, version FROM (
        SELECT node_id, version, ROW_NUMBER() OVER (PARTITION BY node_id ORDER BY version DESC) AS nth
        FROM journal_nodes
        WHERE node_id IN (SELECT value FROM json_each($nodes))
    )
    WHERE nth <= $first
)
SELECT n.node_id, n.version, j.entry
FROM newest n JOIN journal j ON j.version = n.version
ORDER BY n.node_id, n.version DESC
