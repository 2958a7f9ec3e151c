-- Whether the nodes of these kinds are a quarter of the graph or more.
SELECT coalesce(sum(CASE WHEN kind IN (SELECT value FROM json_each($kinds)) THEN count END), 0) * 4 >= coalesce(sum(count), 0)
FROM node_counts
