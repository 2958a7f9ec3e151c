// A page of the journal after a data version, oldest (or newest) first, optionally touching a node or written by one subject.
MATCH (j:Journal)
WHERE j.version > $after
  AND ($nodeId IS NULL OR $nodeId IN j.nodeIds)
  AND ($subject IS NULL OR j.subject = $subject)
RETURN j.entry AS entry
ORDER BY CASE WHEN $newestFirst THEN -j.version ELSE j.version END
LIMIT $first
