// An aggregation's groups (NodeAggregation's semantics): each selected node once per year of $years ([null]: no year) and
// per value of its field at the level ($fieldMap maps every field of the tree to its field at that level; a node with
// none there is in the null group), keyed by the dimensions $dims names in order. $$LABEL$$ and $$FILTER$$ as in
// list-nodes. With $figures, each member's year, kind and typed props come back for the service to read its figures.
MATCH (n:$$LABEL$$)
WHERE n.kind IN $kinds AND ($$FILTER$$)
WITH n, CASE WHEN n.kind = 'Region' THEN n.key ELSE n.region END AS code,
  [f IN CASE WHEN n.kind = 'Field' THEN [n.key] ELSE coalesce(n.fields, []) END WHERE $fieldMap[f] IS NOT NULL | $fieldMap[f]] AS fields
UNWIND $years AS year
UNWIND CASE WHEN 'Field' IN $dims AND size(fields) > 0 THEN fields ELSE [null] END AS field
WITH DISTINCT n, code, year, field
WITH n, year, [d IN $dims | CASE d
  WHEN 'Region' THEN CASE WHEN code =~ '[0-9]{6}' AND NOT code STARTS WITH '00' THEN CASE $regionLevel
    WHEN 'Province' THEN substring(code, 0, 2) + '0000'
    WHEN 'City' THEN CASE WHEN substring(code, 2, 2) <> '00' THEN substring(code, 0, 4) + '00' END
    ELSE CASE WHEN substring(code, 4, 2) <> '00' THEN code END END END
  WHEN 'Field' THEN field
  WHEN 'Year' THEN toString(year)
  WHEN 'Kind' THEN n.kind
  WHEN 'Status' THEN n.status END] AS key
RETURN key, count(*) AS count, sum(CASE WHEN n.kind = 'Enterprise' THEN 1 ELSE 0 END) AS enterprises,
  collect(CASE WHEN $figures THEN [year, n.kind, n.props] END) AS members
