// How many distinct links each group of an aggregation has: the groups as in aggregate-groups, then the links of the
// type at each member, read in a direction ($$LINK$$: -[r:TYPE]->, <-[r:TYPE]- or -[r:TYPE]-); in a year, only those in
// force on its 31 December. A link between two members of a group counts once.
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
MATCH (n)$$LINK$$()
WHERE year IS NULL OR ((r.startDate IS NULL OR r.startDate <= toString(year) + '-12-31') AND (r.endDate IS NULL OR r.endDate >= toString(year) + '-12-31'))
RETURN key, count(DISTINCT r) AS links
