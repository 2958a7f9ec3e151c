// The data version (0 before the first write).
OPTIONAL MATCH (m:Meta {id: 'meta'})
RETURN coalesce(m.version, 0) AS version
