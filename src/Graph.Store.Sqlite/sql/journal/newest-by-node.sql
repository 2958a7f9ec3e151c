-- The newest journal entries touching each node of $nodes (a JSON array of ids), at most $first each, newest first.
-- Numbered on journal_nodes alone, so only the entries kept are read, each then looked up by its version: a join
-- would leave SQLite to choose, and on the statistics the import leaves (taken when the journal held one entry) it
-- walks the whole journal for every entry kept.
WITH newest (node_id, version) AS (
    SELECT node_id, version FROM (
        SELECT node_id, version, ROW_NUMBER() OVER (PARTITION BY node_id ORDER BY version DESC) AS nth
        FROM journal_nodes
        WHERE node_id IN (SELECT value FROM json_each($nodes))
    )
    WHERE nth <= $first
)
SELECT n.node_id, n.version, (SELECT j.entry FROM journal j WHERE j.version = n.version)
FROM newest n
ORDER BY n.node_id, n.version DESC
