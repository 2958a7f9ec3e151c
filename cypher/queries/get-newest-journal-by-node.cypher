// The newest journal entries touching each node of $ids, at most $first each: one read for many records' versions.
// One pass over the journal, whatever the number of nodes.
MATCH (j:Journal)
WHERE any(touched IN j.nodeIds WHERE touched IN $ids)
UNWIND [touched IN j.nodeIds WHERE touched IN $ids] AS nodeId
WITH nodeId, j
ORDER BY j.version DESC
WITH nodeId, collect(j)[..$first] AS newest
UNWIND newest AS j
RETURN nodeId, j.version AS version, j.entry AS entry
